// The value of a typed cookie on its way in and out: validated by the definition's schema,
// written as JSON, protected; no error it makes prints the value.
import type * as zc from 'zod/v4/core';
import type { Cookie, CookieResult } from '../cookie/cookie.js';
import {
  CookieError,
  type CookieIssue,
  CookieValidationError,
  describeThrown,
  quote,
} from '../errors.js';
import { ParsedCookieHeader, parseCookieHeader } from '../parse/cookie-header.js';
import { type CookieEncoding, decodeValue } from '../rules/encoding.js';
import type { CookieCodec, CookieHeaderInput, CookieReadResult } from './define-cookie.js';
import { describeUndecodable } from './describe-value.js';
import { createProtector, type ProtectOptions, type Protector } from './protect.js';

/** A definition, its options checked: what `create` and `read` work with. */
export interface TypedCookie {
  readonly name: string;
  readonly codec: CookieCodec;
  readonly encoding: CookieEncoding;
  readonly parser: ParsingSchema;
  /** The cookie carrying a wire value, with the definition's attributes and policy. */
  readonly build: (value: string) => CookieResult;
  readonly protector: Protector | undefined;
}

/** Validates `data`, writes it (JSON or the string), protects it and builds the cookie. */
export async function createTyped(typed: TypedCookie, data: unknown): Promise<Cookie> {
  const { name, codec, parser, build, protector } = typed;
  const checked = await validate(parser, data, name);
  if (!checked.success) throw checked.error;
  let text: string;
  if (codec === 'string') {
    if (typeof data !== 'string') {
      throw invalid(name, 'invalid_type', 'a string cookie stores a string', SCHEMA_SOURCE);
    }
    text = data;
  } else {
    text = toJson(data, name);
  }
  const result = build(protector === undefined ? text : await protector.protect(text));
  if (!result.success) throw result.error;
  return result.cookie;
}

/**
 * Finds the cookie in a request header, opens or decodes its value, reads it (JSON or the
 * string) and validates it; every failure is a result, never data.
 */
export async function readTyped(
  typed: TypedCookie,
  header: CookieHeaderInput,
): Promise<CookieReadResult<unknown>> {
  const { name, codec, encoding, parser, protector } = typed;
  const parsed =
    header instanceof ParsedCookieHeader ? header : parseCookieHeader(header, { encoding: 'raw' });
  const wire = parsed.getRaw(name);
  if (wire === undefined) {
    return failure(
      new CookieError(`cookie ${quote(name)} was not sent`, { code: 'cookie_missing' }),
    );
  }
  let renew = false;
  let text: string | undefined;
  if (protector === undefined) {
    text = decodeValue(wire, encoding);
  } else {
    const opened = await protector.unprotect(wire);
    if (!opened.success) return failure(opened.error);
    ({ text, renew } = opened);
  }
  if (text === undefined) {
    return failure(
      invalid(
        name,
        'value_encoding',
        describeUndecodable(wire, encoding),
        'RFC 6265 §4.1.1 (values must be encoded to cookie-octets)',
      ),
    );
  }
  let data: unknown = text;
  if (codec === 'json') {
    try {
      data = JSON.parse(text);
    } catch {
      // The SyntaxError quotes the text, which may be a decrypted secret: it is dropped.
      const what = protector === undefined ? 'decoded' : 'opened';
      return failure(
        invalid(
          name,
          'parse',
          `the ${what} value (${text.length} characters) is not JSON`,
          'RFC 8259 (JSON)',
        ),
      );
    }
  }
  const checked = await validate(parser, data, name);
  if (!checked.success) return failure(checked.error);
  return Object.freeze({ success: true, data: checked.data, renew });
}

export const SCHEMA_SOURCE = 'defineCookie schema';

/** What `define` uses of a schema: both `zod` and `zod/mini` schemas have it. */
export interface ParsingSchema {
  safeParseAsync(
    data: unknown,
  ): Promise<
    | { readonly success: true; readonly data: unknown }
    | { readonly success: false; readonly error: zc.$ZodError }
  >;
}

/**
 * The protector of a protected definition. Its lifetime defaults to the cookie's Max-Age; a
 * cookie with Expires and no Max-Age needs `protect.maxAge`, since the value carries only its
 * issued-at time and an Expires fixed in a definition is an instant, not a lifetime.
 */
export function protectorOf(
  name: string,
  protect: ProtectOptions | undefined,
  cookie: Cookie,
): Protector | undefined {
  if (protect === undefined) return undefined;
  if (protect === null || typeof protect !== 'object') {
    throw new CookieError('protect must be { mode, keys }', { code: 'invalid_definition' });
  }
  const { mode, keys, maxAge = cookie.maxAge, clockSkew, now } = protect;
  if (maxAge === undefined && cookie.expires !== undefined) {
    throw new CookieError(
      `cookie ${quote(name)}: a protected cookie with Expires and no Max-Age needs protect.maxAge, the lifetime the server enforces from the issued-at time (it never sees Expires come back)`,
      { code: 'protect_options' },
    );
  }
  return createProtector({
    name,
    mode,
    keys,
    ...(maxAge === undefined ? {} : { maxAge }),
    ...(clockSkew === undefined ? {} : { clockSkew }),
    ...(now === undefined ? {} : { now }),
  });
}

export function failure(error: CookieError): {
  readonly success: false;
  readonly error: CookieError;
} {
  return Object.freeze({ success: false, error });
}

/** A failure that is not a CookieError (a caller's getter, a Proxy): described by kind only. */
export function unexpected(name: string, where: string, thrown: unknown): CookieError {
  return new CookieError(
    `cookie ${quote(name)}: ${where} failed: ${describeThrown(thrown)} was thrown`,
    { code: 'cookie_error' },
  );
}

export function invalid(
  name: string,
  code: CookieIssue['code'],
  message: string,
  source: string,
): CookieValidationError {
  return new CookieValidationError(name, [{ path: ['value'], code, message, source }]);
}

export function toJson(data: unknown, name: string): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(data);
  } catch (thrown) {
    throw invalid(
      name,
      'value_encoding',
      `value cannot be written as JSON: JSON.stringify threw ${describeThrown(thrown)} (a BigInt, a cycle, or a toJSON that throws)`,
      'RFC 8259 (JSON)',
    );
  }
  if (text === undefined) {
    throw invalid(name, 'value_encoding', 'value has no JSON form', 'RFC 8259 (JSON)');
  }
  return text;
}

type Validated =
  | { readonly success: true; readonly data: unknown }
  | { readonly success: false; readonly error: CookieError };

/**
 * Runs the user's schema; its issues become `value.*` issues, a throwing schema a CookieError
 * that names what was thrown by kind only (its message may quote the value).
 */
export async function validate(
  schema: ParsingSchema,
  data: unknown,
  name: string,
): Promise<Validated> {
  // zod finalises issue messages lazily (on `.error`) and they look at the input again, so the
  // whole read of the caller's data stays inside the try.
  try {
    const result = await schema.safeParseAsync(data);
    if (result.success) return { success: true, data: result.data };
    const zodError = result.error;
    const issues: CookieIssue[] = zodError.issues.map((issue) => {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      return {
        path: ['value', ...path],
        code: 'invalid_type',
        message: `value${path.map((p) => `.${p}`).join('')}: ${issue.message}`,
        source: SCHEMA_SOURCE,
      };
    });
    // A zod/mini schema reports a core $ZodError; classic zod's ZodError extends it.
    const cause = zodError as never;
    return { success: false, error: new CookieValidationError(name, issues, cause) };
  } catch (cause) {
    return {
      success: false,
      error: new CookieError(
        `cookie ${quote(name)}: the schema threw ${describeThrown(cause)}; its message is not shown, as it may quote the value`,
        { code: 'schema_threw' },
      ),
    };
  }
}
