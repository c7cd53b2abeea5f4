// The zod schemas: the public, typed statement of the rules, composed from the rule functions
// of fields.ts and cookie-rules.ts and shaped by the attribute table. They are built with
// `zod/mini`, so an application bundles only the parts of zod they use; they embed in a
// classic zod schema as well (`z.object({ session: cookieConfigSchema })`).

import * as z from 'zod/mini';
import { type CookieIssue, type CookieIssueCode, quote } from '../errors.js';
import {
  ATTRIBUTES,
  type AttributeKey,
  type AttributeRow,
  type AttributeSpecs,
  type Choice,
  type CookieProfile,
  choiceProblem,
  choose,
  ENCODING,
  KNOWN_ATTRIBUTE_NAMES,
  MAX_EXTENSIONS,
  PROFILE,
  type SameSite,
} from './attributes.js';
import type { CookieExtension } from './check.js';
import {
  checkDomainProfile,
  duplicateExtensionProblems,
  profileAttributeProblem,
  secureProblems,
  wireValue,
} from './cookie-rules.js';
import { expiresTime } from './dates.js';
import type { CookieEncoding } from './encoding.js';
import { checkExtension, checkMaxAge, checkName, problem } from './fields.js';
import { UNION_FIELDS } from './issues.js';
import { RULE_SOURCES } from './sources.js';

/** A lifetime given in units; the parts are added up to seconds. */
export interface Duration {
  /** Days of 86,400 seconds. */
  readonly days?: number;
  /** Hours of 3,600 seconds. */
  readonly hours?: number;
  /** Minutes of 60 seconds. */
  readonly minutes?: number;
  /** Seconds. */
  readonly seconds?: number;
}

/** What a zod check context needs: a place for issues. */
interface IssueSink {
  readonly issues: z.core.$ZodRawIssue[];
}

/** Reports a rule's problem to zod, `depth` levels below the root of the configuration. */
function report(ctx: IssueSink, issue: CookieIssue, input: unknown, depth: number): void {
  ctx.issues.push({
    code: 'custom',
    message: issue.message,
    input,
    path: issue.path.slice(depth) as PropertyKey[],
    params: { rule: issue.code, source: issue.source },
  });
}

/** A field checked by its rule function. */
function ruled<T>(
  base: z.core.$ZodType<T, T>,
  rule: (value: T) => CookieIssue | undefined,
): z.ZodMiniType<T, T> {
  return (base as z.ZodMiniType<T, T>).check(
    z.superRefine((value: T, ctx) => {
      const trouble = rule(value);
      if (trouble !== undefined) report(ctx, trouble, value, 1);
    }),
  );
}

/** Any case is read (`'lax'` → `'Lax'`); the input type says which spellings the types accept. */
function choiceSchema<T extends string>(set: Choice<T>): z.ZodMiniType<T, Spellings<T>> {
  return z.pipe(
    z.string(),
    z.transform((input: string, ctx): T => {
      const found = choose(set, input);
      if (found !== undefined) return found;
      report(ctx, choiceProblem(set, input), input, 1);
      return z.NEVER;
    }),
  ) as unknown as z.ZodMiniType<T, Spellings<T>>;
}

/** The spellings of a choice the types accept. */
type Spellings<T extends string> = T | Lowercase<T> | Uppercase<T>;

const DURATION_UNITS: Readonly<Record<string, number>> = {
  days: 86400,
  hours: 3600,
  minutes: 60,
  seconds: 1,
};

/**
 * The seconds of a duration object, each unit a number ≥ 0 (unknown keys refused, as a strict
 * object does), or `undefined` after reporting every problem. The value is read here rather
 * than by a union of zod schemas, so a bundle carries no union and no date schema.
 */
function durationSeconds(input: object, ctx: IssueSink): number | undefined {
  const source = RULE_SOURCES.maxAge;
  let seconds = 0;
  let units = 0;
  let ok = true;
  for (const [key, part] of Object.entries(input)) {
    const factor = DURATION_UNITS[key];
    if (factor === undefined || !Object.hasOwn(DURATION_UNITS, key)) {
      const message = `${quote(key)} is not a unit of maxAge; give days, hours, minutes or seconds`;
      report(ctx, problem([key], 'unknown_key', message, RULE_SOURCES.config), part, 0);
      ok = false;
    } else if (part === undefined) continue;
    else if (typeof part !== 'number') {
      report(
        ctx,
        problem([key], 'invalid_type', `maxAge.${key} must be a number`, source),
        part,
        0,
      );
      ok = false;
    } else if (!(part >= 0)) {
      report(ctx, problem([key], 'duration', `maxAge.${key} must be at least 0`, source), part, 0);
      ok = false;
    } else {
      seconds += part * factor;
      units++;
    }
  }
  // An empty duration would read as Max-Age=0, which discards the cookie (RFC 2109 §4.2.2)
  if (ok && units === 0) {
    const message =
      'maxAge {} names no unit; give days, hours, minutes or seconds (maxAge: 0 discards the cookie now)';
    report(ctx, problem([], 'duration', message, source), input, 0);
    return undefined;
  }
  return ok ? seconds : undefined;
}

/** What a wrong type in Max-Age or Expires means: the field's own rule, with its code. */
function wrongType(field: 'maxAge' | 'expires', input: unknown, ctx: IssueSink): never {
  const [code, message, source] = UNION_FIELDS[field] as readonly [CookieIssueCode, string, string];
  report(ctx, problem([], code, `${field} ${message}`, source), input, 0);
  return z.NEVER;
}

/** Max-Age: whole seconds, or a duration added up to seconds; checked by `checkMaxAge`. */
const lifetimeSchema = z.pipe(
  z.unknown(),
  z.transform((input: unknown, ctx): number => {
    let seconds: number | undefined;
    if (typeof input === 'number') seconds = input;
    else if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
      seconds = durationSeconds(input, ctx);
      if (seconds === undefined) return z.NEVER;
    } else return wrongType('maxAge', input, ctx);
    const trouble = checkMaxAge(seconds);
    if (trouble === undefined) return seconds;
    report(ctx, trouble, input, 1);
    return z.NEVER;
  }),
) as unknown as z.ZodMiniType<number, number | Duration>;

/** Expires: a `Date` (copied), epoch ms or an ISO string, as a `Date` at second precision. */
const dateSchema = z.pipe(
  z.unknown(),
  z.transform((input: unknown, ctx): Date => {
    if (!(input instanceof Date) && typeof input !== 'string' && typeof input !== 'number') {
      return wrongType('expires', input, ctx);
    }
    const time = expiresTime(input);
    if (typeof time === 'number') return new Date(time);
    report(ctx, time, input, 1);
    return z.NEVER;
  }),
) as unknown as z.ZodMiniType<Date, Date | string | number>;

/** The schema of one attribute, by its kind. */
type SchemaOf<R> = R extends { readonly kind: 'flag' }
  ? z.ZodMiniBoolean<boolean>
  : R extends { readonly kind: 'text' }
    ? z.ZodMiniType<string, string>
    : R extends { readonly kind: 'integer' }
      ? z.ZodMiniType<number, number>
      : R extends { readonly kind: 'lifetime' }
        ? z.ZodMiniType<number, number | Duration>
        : R extends { readonly kind: 'date' }
          ? z.ZodMiniType<Date, Date | string | number>
          : R extends { readonly choice: Choice<infer T> }
            ? z.ZodMiniType<T, Spellings<T>>
            : never;

function attributeSchema(row: AttributeRow): z.core.$ZodType {
  switch (row.kind) {
    case 'flag':
      return z.boolean();
    case 'text':
      return ruled(z.string(), row.check as (value: string) => CookieIssue | undefined);
    case 'integer':
      return ruled(z.number(), row.check as (value: number) => CookieIssue | undefined);
    case 'lifetime':
      return lifetimeSchema;
    case 'date':
      return dateSchema;
    case 'choice':
      return choiceSchema(row.choice as Choice<string>);
  }
}

type AttributeSchemas = { [K in AttributeKey]: SchemaOf<AttributeSpecs[K]> };
type AttributeShape = { [K in AttributeKey]: z.ZodMiniOptional<SchemaOf<AttributeSpecs[K]>> };

/** The schema of each attribute on its own (a policy requirement reuses some). */
export const ATTRIBUTE_SCHEMAS = Object.freeze(
  Object.fromEntries(ATTRIBUTES.map((row) => [row.key, attributeSchema(row)])),
) as unknown as AttributeSchemas;

/** Every attribute, in header order, each optional. */
const attributeShape = Object.fromEntries(
  ATTRIBUTES.map((row) => [row.key, z.optional(ATTRIBUTE_SCHEMAS[row.key])]),
) as unknown as AttributeShape;

/**
 * Extensions: a list of at most `MAX_EXTENSIONS` `{ name, value? }` objects (strict, each field
 * a string), read by one transform rather than by zod's array and object schemas, so a bundle
 * carries neither. Their rules run with the whole configuration (`checkExtensions`).
 */
const extensionListSchema = z.pipe(
  z.unknown(),
  z.transform((input: unknown, ctx): CookieExtension[] => {
    const wrong = (path: (string | number)[], code: CookieIssueCode, message: string) =>
      report(ctx, problem(path, code, message, RULE_SOURCES.config), input, 0);
    if (!Array.isArray(input)) {
      wrong([], 'invalid_type', 'extensions must be an array of { name, value? }');
      return z.NEVER;
    }
    const before = ctx.issues.length;
    if (input.length > MAX_EXTENSIONS) {
      wrong([], 'invalid_type', `extensions must be at most ${MAX_EXTENSIONS} entries`);
    }
    for (let i = 0; i < input.length; i++) {
      const ext: unknown = input[i];
      if (typeof ext !== 'object' || ext === null || Array.isArray(ext)) {
        wrong([i], 'invalid_type', `extensions.${i} must be an object`);
        continue;
      }
      for (const key of Object.keys(ext)) {
        if (key !== 'name' && key !== 'value') {
          wrong([i, key], 'unknown_key', `${quote(key)} is not a key of an extension`);
        }
      }
      const { name, value } = ext as { name?: unknown; value?: unknown };
      if (typeof name !== 'string')
        wrong([i, 'name'], 'invalid_type', `extensions.${i}.name must be a string`);
      if (value !== undefined && typeof value !== 'string') {
        wrong([i, 'value'], 'invalid_type', `extensions.${i}.value must be a string`);
      }
    }
    return ctx.issues.length === before ? (input as CookieExtension[]) : z.NEVER;
  }),
) as unknown as z.ZodMiniType<CookieExtension[], readonly CookieExtension[]>;

/** The options of a configuration that are not attributes: how the value is written, the rules. */
const optionShape = {
  encoding: z.optional(choiceSchema<CookieEncoding>(ENCODING)),
  profile: z.optional(choiceSchema<CookieProfile>(PROFILE)),
  extensions: z.optional(extensionListSchema),
};

/** 6265bis §4.1.1, §9.3: the extensions' own rules and their names given once. */
function checkExtensions(config: Record<string, unknown>, ctx: IssueSink): void {
  const list = config.extensions;
  if (!Array.isArray(list)) return;
  const names: (string | undefined)[] = [];
  list.forEach((ext: unknown, index) => {
    const { name, value } = (ext ?? {}) as { name?: unknown; value?: unknown };
    if (typeof name !== 'string') {
      names.push(undefined);
      return;
    }
    names.push(name);
    const readable = typeof value === 'string' ? { name, value } : { name };
    for (const trouble of checkExtension(readable, index, KNOWN_ATTRIBUTE_NAMES)) {
      report(ctx, trouble, ext, 0);
    }
  });
  for (const trouble of duplicateExtensionProblems(names)) report(ctx, trouble, list, 0);
}

/**
 * The rules across fields, on a configuration whose fields may have failed their own rules:
 * it reads only what has the right type.
 */
function checkCookie(config: Record<string, unknown>, ctx: IssueSink): void {
  const name = typeof config.name === 'string' ? config.name : undefined;
  const profile: CookieProfile = config.profile === 'rfc6265' ? 'rfc6265' : 'rfc2109';
  const encoding =
    typeof config.encoding === 'string' ? (choose(ENCODING, config.encoding) ?? 'uri') : 'uri';
  if (typeof config.value === 'string') {
    const wire = wireValue(name ?? '', config.value, encoding);
    if (typeof wire !== 'string') report(ctx, wire, config.value, 0);
  }
  if (typeof config.domain === 'string') {
    const trouble = checkDomainProfile(config.domain, profile);
    if (trouble !== undefined) report(ctx, trouble, config.domain, 0);
  }
  for (const row of ATTRIBUTES) {
    if (row.only !== undefined && row.only !== profile && config[row.key] !== undefined) {
      report(ctx, profileAttributeProblem(row.key as 'version' | 'comment'), config, 0);
    }
  }
  const troubles = secureProblems({
    name,
    secure: config.secure === true,
    httpOnly: config.httpOnly === true,
    sameSite: config.sameSite as SameSite | undefined,
    partitioned: config.partitioned === true,
    path: typeof config.path === 'string' ? config.path : undefined,
    hasDomain: config.domain !== undefined,
  });
  for (const trouble of troubles) report(ctx, trouble, config, 0);
  checkExtensions(config, ctx);
}

const always = { when: () => true };

/**
 * Every cookie attribute, without name and value: embed it in your own configuration schema.
 * Strict: an unknown key is an error.
 */
export const cookieAttributesSchema = z
  .strictObject({ ...attributeShape, ...optionShape })
  .check(z.superRefine(checkExtensions as never, always));

/**
 * A whole cookie as a configuration object (`Cookie.from` accepts it). Strict: an unknown key
 * is an error, with a hint for the seed's snake_case names (`max_age` → `maxAge`). Cross-field
 * rules (prefixes, SameSite=None needs Secure, profile rules) run here too.
 */
export const cookieConfigSchema = z
  .strictObject({
    name: ruled(z.string(), checkName),
    value: z.string(),
    ...attributeShape,
    ...optionShape,
  })
  .check(z.superRefine(checkCookie as never, always));

/** A cookie configuration as written by hand or read from JSON (input of `cookieConfigSchema`). */
export type CookieConfig = z.input<typeof cookieConfigSchema>;
/** The attributes of a cookie configuration (input of `cookieAttributesSchema`). */
export type CookieAttributes = z.input<typeof cookieAttributesSchema>;
