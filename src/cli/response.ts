import {
  Cookie,
  type CookieAttributes,
  type CookieDeleteOptions,
  CookieError,
  type CookieJarCache,
  type CookieJarHeader,
  CookieJarResponse,
  CookiePolicy,
  type CookieResult,
  CookieValidationError,
} from '../index.js';
import type { LocatedIssue } from './report.js';
import { UsageError } from './terminal.js';

/** The policy presets `--policy` accepts, by name. */
export const PRESETS: Readonly<Record<string, CookiePolicy>> = Object.freeze({
  secureSession: CookiePolicy.secureSession,
  hostOnly: CookiePolicy.hostOnly,
  crossSite: CookiePolicy.crossSite,
  rfc6265: CookiePolicy.rfc6265,
});

/** The preset names, for help texts. */
export const POLICY_HELP = Object.keys(PRESETS).join(', ');

/**
 * The policy made of the named presets, composed with `and` in the order given; `undefined`
 * when none is named. Names match regardless of case, `-` and `_` (`secure-session`).
 */
export function policyOf(names: readonly string[]): CookiePolicy | undefined {
  let policy: CookiePolicy | undefined;
  for (const name of names) {
    const key = Object.keys(PRESETS).find((k) => normal(k) === normal(name));
    const preset = key === undefined ? undefined : PRESETS[key];
    if (preset === undefined)
      throw new UsageError(
        `unknown policy ${JSON.stringify(name)}; the presets are ${POLICY_HELP}`,
      );
    try {
      policy = policy === undefined ? preset : policy.and(preset);
    } catch (error) {
      if (error instanceof CookieError) throw new UsageError(`--policy: ${error.message}`);
      throw error;
    }
  }
  return policy;
}

function normal(name: string): string {
  return name.toLowerCase().replace(/[-_]/g, '');
}

/**
 * Validates a cookie configuration the way a jar with `policy` takes it in `sendCookie`: the
 * policy's defaults fill in what the configuration leaves out, then every schema rule and
 * every requirement is checked, and all problems are reported together.
 */
export function cookieUnder(config: unknown, policy: CookiePolicy | undefined): CookieResult {
  if (config === null || typeof config !== 'object' || Array.isArray(config))
    return Cookie.safeFrom(config);
  const { name, value, ...attributes } = config as Record<string, unknown>;
  return taken(() =>
    jarUnder(policy).sendCookie(name as string, value as string, attributes as CookieAttributes),
  );
}

/** The cookie that deletes `name` in `scope`, as a jar with `policy` writes it in `delete`. */
export function removalUnder(
  name: string,
  scope: CookieDeleteOptions,
  policy: CookiePolicy | undefined,
): CookieResult {
  return taken(() => jarUnder(policy).delete(name, scope));
}

function jarUnder(policy: CookiePolicy | undefined): CookieJarResponse {
  return new CookieJarResponse(policy === undefined ? undefined : { policy });
}

/** The one cookie of the jar `fill` returns, or the validation error it throws. */
function taken(fill: () => CookieJarResponse): CookieResult {
  let cookie: Cookie | undefined;
  try {
    cookie = fill().cookies()[0];
  } catch (error) {
    if (error instanceof CookieValidationError) return { success: false, error };
    throw error;
  }
  if (cookie === undefined) throw new CookieError('internal: the jar holds no cookie');
  return { success: true, cookie };
}

/** The jar options `--cache` gives. */
export interface ResponseOptions {
  readonly cache?: string;
}

/**
 * The headers of one response carrying `cookies`, exactly as `CookieJarResponse` emits them
 * (Set-Cookie lines, then the cache directives), or the issues of the options.
 */
export function responseHeaders(
  cookies: readonly Cookie[],
  options: ResponseOptions,
):
  | { readonly success: true; readonly headers: readonly CookieJarHeader[] }
  | { readonly success: false; readonly issues: readonly LocatedIssue[] } {
  let jar: CookieJarResponse;
  try {
    jar =
      options.cache === undefined
        ? new CookieJarResponse()
        : new CookieJarResponse({ cache: options.cache as CookieJarCache });
  } catch (error) {
    if (!(error instanceof CookieValidationError)) throw error;
    const issues = error.issues.map((issue) => ({
      ...issue,
      location: 'flags',
      field: `--${String(issue.path[0] ?? 'cache')}`,
    }));
    return { success: false, issues };
  }
  for (const cookie of cookies) jar = jar.add(cookie);
  return { success: true, headers: jar.headers() };
}
