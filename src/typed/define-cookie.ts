import type * as zc from 'zod/v4/core';
import { CookieBuilder } from '../builder/cookie-builder.js';
import { Cookie, type CookieResult } from '../cookie/cookie.js';
import { CookieError, CookieValidationError, guardInput, isCookieError } from '../errors.js';
import type { ParsedCookieHeader } from '../parse/cookie-header.js';
import { isCookiePolicy } from '../policy/brand.js';
import type { CookiePolicy } from '../policy/cookie-policy.js';
import { COOKIE_ENCODINGS, type CookieEncoding } from '../rules/encoding.js';
import type { CookieAttributes } from '../rules/schema.js';
import { describeOption } from './describe-value.js';
import type { ProtectOptions } from './protect.js';
import {
  createTyped,
  failure,
  type ParsingSchema,
  protectorOf,
  readTyped,
  type TypedCookie,
  unexpected,
} from './typed-value.js';

/** How a typed cookie turns its data into a cookie value: JSON text or the string itself. */
export type CookieCodec = 'json' | 'string';

interface DefinitionCommon<N extends string> {
  /** The cookie name (an RFC 6265 token; a `__Host-`/`__Secure-` prefix is checked). */
  readonly name: N;
  /**
   * Wire encoding of the value: `'base64url'` by default for `'json'` (the JSON text as
   * unpadded base64url), `'uri'` by default for `'string'`.
   */
  readonly encoding?: CookieEncoding;
  /** Attributes of every cookie `create` makes (path, secure, sameSite, maxAge, …). */
  readonly attributes?: Omit<CookieAttributes, 'encoding'>;
  /** A policy applied to every cookie `create` makes, as `builder.apply(policy)` does. */
  readonly policy?: CookiePolicy;
  /**
   * Signs (`'sign'`, HMAC-SHA256) or seals (`'seal'`, AES-256-GCM) the value, bound to the
   * cookie name, with `keys` newest first; `maxAge` defaults to the cookie's Max-Age, and must
   * be set when the cookie has Expires and no Max-Age; `clockSkew` (60 s by default) bounds how
   * far ahead of the reader's clock a value's issued-at time may lie. The value is then sent
   * raw, so `encoding` must be left unset or `'raw'`. See docs/protected-cookies.md.
   * @throws {CookieError} `key_too_short` when a key has fewer than 32 bytes.
   */
  readonly protect?: ProtectOptions;
}

/**
 * `defineCookie` options for a JSON cookie: any zod schema (from `zod` or `zod/mini`) whose
 * input is JSON data.
 */
export interface JsonCookieOptions<N extends string, S extends zc.$ZodType>
  extends DefinitionCommon<N> {
  /** The value is the JSON text of the data. */
  readonly codec: 'json';
  /** Validates the data on `create` and again on every `read`. */
  readonly schema: S;
}

/**
 * `defineCookie` options for a string cookie: a zod schema (from `zod` or `zod/mini`) whose
 * input is a string.
 */
export interface StringCookieOptions<N extends string, S extends zc.$ZodType<unknown, string>>
  extends DefinitionCommon<N> {
  /** The value is the string itself. */
  readonly codec: 'string';
  /** Validates the string on `create` and again on every `read`. */
  readonly schema: S;
}

/** The outcome of `CookieDefinition#read`: the validated data, or why there is none. */
export type CookieReadResult<T> =
  | {
      readonly success: true;
      /** The schema's output for the value that was sent. */
      readonly data: T;
      /** True when the cookie should be sent again (e.g. protected with an older key). */
      readonly renew: boolean;
    }
  | {
      readonly success: false;
      /** `code` `'cookie_missing'` when the cookie was not sent; a `CookieValidationError` when it was invalid. */
      readonly error: CookieError;
    };

/** What `read` accepts: a `Cookie` header (one or several lines), or one already parsed. */
export type CookieHeaderInput = string | readonly string[] | ParsedCookieHeader | null | undefined;

/**
 * A typed cookie: `create` turns validated data into a `Cookie`, `read` turns a request's
 * `Cookie` header back into validated data. Both are async, so that protection (signing or
 * sealing with Web Crypto) never changes their signatures.
 */
export interface CookieDefinition<N extends string, S extends zc.$ZodType> {
  /** The cookie name. */
  readonly name: N;
  /** `'json'` or `'string'`. */
  readonly codec: CookieCodec;
  /** The wire encoding of the value. */
  readonly encoding: CookieEncoding;
  /** The schema `create` and `read` validate with. */
  readonly schema: S;
  /**
   * Validates `data` with the schema and returns the cookie to send; the stored value is
   * `data` as given, so `read` validates it again with the same schema. Rejects with a
   * `CookieError` only, which never prints `data`.
   * @throws {CookieValidationError} when the data or the resulting cookie is invalid.
   */
  create(data: zc.input<S>): Promise<Cookie>;
  /**
   * Reads the cookie from a request `Cookie` header and validates it; never rejects. A missing,
   * undecodable, malformed or invalid value, or a header that cannot be read, gives
   * `{ success: false, error }`, never data.
   */
  read(header: CookieHeaderInput): Promise<CookieReadResult<zc.output<S>>>;
}

// The schema parameter is constrained by zod's core `$ZodType`, which classic and mini schemas
// share, and not by classic zod's `ZodType`, so that an application's type-check never
// compares an inline schema with every method of the classic interface. spec/type-cost.spec.ts
// keeps a definition's type instantiations under its budget; docs/reading.md has the figures.
/**
 * Defines a typed cookie whose value is validated by a zod schema (from `zod` or `zod/mini`);
 * the types of `create` and `read` are inferred from it. Codec `'json'` stores the JSON text
 * (base64url on the wire by default); codec `'string'` stores the string. No error it throws,
 * rejects with or returns prints the value or its decrypted text.
 *
 * @example
 * const cart = defineCookie({
 *   name: 'cart',
 *   codec: 'json',
 *   schema: z.object({ items: z.array(z.string()).max(20) }),
 *   attributes: { path: '/', secure: true, httpOnly: true, sameSite: 'Lax', profile: 'rfc6265' },
 * });
 * res.setHeader('Set-Cookie', String(await cart.create({ items: ['sku-1'] })));
 * const read = await cart.read(req.headers.cookie); // { success: true, data: { items: [...] } }
 * @throws {CookieError} at once when the name, attributes, encoding, policy or schema are unusable.
 */
export function defineCookie<N extends string, S extends zc.$ZodType>(
  options: JsonCookieOptions<N, S>,
): CookieDefinition<N, S>;
export function defineCookie<N extends string, S extends zc.$ZodType<unknown, string>>(
  options: StringCookieOptions<N, S>,
): CookieDefinition<N, S>;
export function defineCookie<N extends string, S extends zc.$ZodType>(
  options: JsonCookieOptions<N, S> | StringCookieOptions<N, S & zc.$ZodType<unknown, string>>,
): CookieDefinition<N, S> {
  return guardInput('defineCookie()', define<N, S>, options);
}

function define<N extends string, S extends zc.$ZodType>(
  options: JsonCookieOptions<N, S> | StringCookieOptions<N, S & zc.$ZodType<unknown, string>>,
): CookieDefinition<N, S> {
  const { name, codec, schema, parser, policy, protect, encoding, attributes } =
    readOptions(options);
  const build = builderOf({ ...(attributes ?? {}), name, encoding }, policy);
  // Name, attributes and policy are checked once, here, with an empty value.
  const probe = build('');
  if (!probe.success) throw probe.error;
  const typed: TypedCookie = {
    name,
    codec,
    encoding,
    parser,
    build,
    protector: protectorOf(name, protect, probe.cookie),
  };
  const definition: CookieDefinition<N, S> = {
    name,
    codec,
    encoding,
    schema,
    async create(data) {
      try {
        return await createTyped(typed, data);
      } catch (thrown) {
        throw isCookieError(thrown) ? thrown : unexpected(name, 'create()', thrown);
      }
    },
    async read(header) {
      try {
        return (await readTyped(typed, header)) as CookieReadResult<zc.output<S>>;
      } catch (thrown) {
        return failure(isCookieError(thrown) ? thrown : unexpected(name, 'read()', thrown));
      }
    },
  };
  return Object.freeze(definition);
}

/** The options, each checked: a `CookieError` names the first that is unusable. */
function readOptions<N extends string, S extends zc.$ZodType>(
  options: JsonCookieOptions<N, S> | StringCookieOptions<N, S & zc.$ZodType<unknown, string>>,
) {
  if (options === null || typeof options !== 'object') {
    throw new CookieError('defineCookie takes an options object', { code: 'invalid_definition' });
  }
  const { name, codec, schema, attributes, policy, protect, encoding: given } = options;
  if (codec !== 'json' && codec !== 'string') {
    throw new CookieError(`codec ${describeOption(codec)} must be 'json' or 'string'`, {
      code: 'invalid_definition',
    });
  }
  if (
    schema === null ||
    typeof schema !== 'object' ||
    typeof (schema as { safeParseAsync?: unknown }).safeParseAsync !== 'function'
  ) {
    throw new CookieError('schema must be a zod schema (from zod or zod/mini)', {
      code: 'invalid_definition',
    });
  }
  const parser = schema as unknown as ParsingSchema;
  if (policy !== undefined && !isCookiePolicy(policy)) {
    throw new CookieError('policy must be a CookiePolicy; create one with CookiePolicy.define', {
      code: 'invalid_policy',
    });
  }
  const encoding =
    given ?? (protect !== undefined ? 'raw' : codec === 'json' ? 'base64url' : 'uri');
  if (protect !== undefined && encoding !== 'raw') {
    throw new CookieError(
      `encoding ${describeOption(encoding)}: a protected value is already cookie-octets; leave encoding unset`,
      { code: 'invalid_definition' },
    );
  }
  if (!COOKIE_ENCODINGS.includes(encoding)) {
    throw new CookieError(
      `encoding ${describeOption(encoding)} must be one of ${COOKIE_ENCODINGS.join(', ')}`,
      { code: 'invalid_definition' },
    );
  }
  return { name, codec, schema, parser, policy, protect, encoding, attributes };
}

/** Makes the cookie that carries a wire value, with the definition's attributes and policy. */
function builderOf(
  base: Record<string, unknown>,
  policy: CookiePolicy | undefined,
): (value: string) => CookieResult {
  return (value) => {
    const config = { ...base, value };
    if (policy === undefined) return Cookie.safeFrom(config);
    try {
      return CookieBuilder.fromConfig(config as never)
        .apply(policy as never)
        .safeBuild();
    } catch (error) {
      if (isCookieError(error) && error instanceof CookieValidationError) {
        return { success: false, error };
      }
      throw error;
    }
  };
}
