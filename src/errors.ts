/** Machine-readable identifier of the rule an issue breaks. */
export type CookieIssueCode =
  | 'invalid_type'
  | 'unknown_key'
  | 'name_token'
  | 'name_reserved'
  | 'name_immutable'
  | 'value_octets'
  | 'value_encoding'
  | 'control_character'
  | 'non_ascii'
  | 'name_value_too_long'
  | 'attribute_too_long'
  | 'domain_syntax'
  | 'domain_leading_dot'
  | 'domain_embedded_dot'
  | 'path_syntax'
  | 'max_age_integer'
  | 'expires_date'
  | 'same_site_value'
  | 'same_site_none_insecure'
  | 'partitioned_insecure'
  | 'prefix_secure'
  | 'prefix_host'
  | 'prefix_http'
  | 'version_value'
  | 'profile_attribute'
  | 'comment_syntax'
  | 'priority_value'
  | 'encoding_value'
  | 'profile_value'
  | 'extension_syntax'
  | 'extension_reserved'
  | 'extension_duplicate'
  | 'duration'
  | 'policy'
  | 'parse'
  | 'duplicate_attribute'
  | 'flag_value';

/** One problem found in a cookie: the field, the rule it breaks, and where the rule comes from. */
export interface CookieIssue {
  /** The field to fix, e.g. `['domain']` or `['extensions', 0, 'name']`. */
  readonly path: readonly (string | number)[];
  /** The rule that was broken. */
  readonly code: CookieIssueCode;
  /** A sentence that names the cookie, the field, the rule and the fix. */
  readonly message: string;
  /** The specification or document the rule comes from, e.g. `RFC 2109 §4.3.2`. */
  readonly source: string;
}

/** Base class of every error cookiesmith throws. */
export class CookieError extends Error {
  /** Machine-readable error kind. */
  readonly code: string;

  constructor(message: string, options?: { code?: string; cause?: unknown }) {
    super(message, options && 'cause' in options ? { cause: options.cause } : undefined);
    this.name = 'CookieError';
    this.code = options?.code ?? 'cookie_error';
  }
}

/**
 * A cookie (or a piece of one) broke one or more rules. `issues` lists every problem found,
 * each with the field (`path`), the rule (`code`) and its source.
 */
export class CookieValidationError extends CookieError {
  /** Every problem found, in the order the fields are declared. */
  readonly issues: readonly CookieIssue[];
  /** The cookie's name as given, when it was a string. */
  readonly cookieName: string | undefined;

  constructor(cookieName: string | undefined, issues: readonly CookieIssue[], cause?: unknown) {
    super(formatMessage(cookieName, issues), {
      code: 'cookie_validation',
      ...(cause === undefined ? {} : { cause }),
    });
    this.name = 'CookieValidationError';
    this.cookieName = cookieName;
    this.issues = Object.freeze(
      issues.map((issue) => Object.freeze({ ...issue, path: Object.freeze([...issue.path]) })),
    );
  }
}

/**
 * Shortens and quotes a name or an attribute for use inside a message, so a 1 MB input gives a
 * short one. Never used on a cookie value: values are credentials, and messages describe them
 * (`describeValue`) instead of printing them.
 */
export function quote(value: unknown, max = 40): string {
  const text = typeof value === 'string' ? value : printable(value);
  const short = text.length > max ? `${text.slice(0, max)}…` : text;
  return JSON.stringify(short);
}

/**
 * A primitive as `String` writes it; an object or a function by its kind only, since `String()`
 * runs its `toString` (which may throw, or be a revoked Proxy's trap).
 */
function printable(value: unknown): string {
  return (typeof value === 'object' && value !== null) || typeof value === 'function'
    ? `(${withArticle(typeof value)})`
    : String(value);
}

/** What a message may say of a cookie value: its length, never its content. */
export function describeValue(value: string): string {
  return `value (${value.length} character${value.length === 1 ? '' : 's'})`;
}

function formatMessage(cookieName: string | undefined, issues: readonly CookieIssue[]): string {
  const label = cookieName === undefined ? 'cookie' : `cookie ${quote(cookieName)}`;
  if (issues.length === 1) return `${label}: ${issues[0]?.message}`;
  const lines = issues.map((issue) => `  - ${issue.message}`);
  return `${label}: ${issues.length} problems\n${lines.join('\n')}`;
}

/**
 * What was thrown, by kind only (`a TypeError`, `a string`), for messages about a caller's
 * getter, Proxy trap or callback that threw. Its message is never printed: it may quote the
 * value it failed on (V8's JSON.parse errors quote the text). Never throws, whatever was
 * thrown (a revoked Proxy included).
 */
export function describeThrown(thrown: unknown): string {
  if (typeof thrown !== 'object' || thrown === null) return withArticle(typeof thrown);
  try {
    const name: unknown = (thrown as { name?: unknown }).name;
    if (typeof name === 'string' && /^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(name)) {
      return withArticle(name);
    }
  } catch {
    // A getter or Proxy trap threw: the kind is unknown.
  }
  return 'an object';
}

/** A noun with its indefinite article: `an object`, `a string`. */
export function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

/** True for a `CookieError`; false, never a throw, for anything else (a revoked Proxy too). */
export function isCookieError(value: unknown): value is CookieError {
  try {
    return value instanceof CookieError;
  } catch {
    return false;
  }
}

/**
 * Runs code that reads a caller's arguments. Whatever it throws that is not a `CookieError` — a
 * revoked Proxy, a throwing getter or trap — becomes a `CookieValidationError` (`invalid_type`),
 * so that nothing but a `CookieError` ever leaves the library. `run` gets `input`, so that a hot
 * caller can pass a module-level function instead of allocating a closure over its argument.
 */
export function guardInput<T, A = undefined>(where: string, run: (input: A) => T, input?: A): T {
  try {
    return run(input as A);
  } catch (cause) {
    if (isCookieError(cause)) throw cause;
    throw new CookieValidationError(undefined, [
      {
        path: [],
        code: 'invalid_type',
        message: `${where}: an argument could not be read (${describeThrown(cause)} was thrown)`,
        source: 'cookiesmith input handling',
      },
    ]);
  }
}
