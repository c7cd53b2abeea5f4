// The rule of each field on its own, as plain functions: `undefined` when the field is valid,
// otherwise the problem with its field, code and source. The fast check, the zod schema, the
// Set-Cookie reader and lint all call these; the common case is tested first and cheaply, and
// a problem is worded only when there is one. Messages name the field and say what is wrong;
// they never print a cookie value (values are credentials).

import { type CookieIssue, type CookieIssueCode, quote } from '../errors.js';
import {
  codePointAt,
  firstControl,
  firstNonAscii,
  isAvOctets,
  isLdhName,
  isPrintable,
  isToken,
} from './grammar.js';
import { RULE_SOURCES } from './sources.js';

/** A field's position in a configuration, e.g. `['domain']` or `['extensions', 0, 'name']`. */
export type FieldPath = readonly (string | number)[];

/** A problem of `code` at `path`. */
export function problem(
  path: FieldPath,
  code: CookieIssueCode,
  message: string,
  source: string,
): CookieIssue {
  return { path, code, message, source };
}

/**
 * RFC 9110 §5.5, 6265bis §5.6 step 1 (no CTL, HTAB included) and RFC 6265 §4.1.1 (ASCII only)
 * for any text that reaches the header: the first offending character, by position and code
 * point.
 */
export function charsProblem(
  field: string,
  path: FieldPath,
  text: string,
): CookieIssue | undefined {
  if (isPrintable(text)) return undefined;
  const ctl = firstControl(text);
  if (ctl !== -1) {
    return problem(
      path,
      'control_character',
      `${field} contains the control character ${codePointAt(text, ctl)} at index ${ctl}; CR, LF, NUL and every other control character are forbidden in a header`,
      RULE_SOURCES.ctl,
    );
  }
  const at = firstNonAscii(text);
  return problem(
    path,
    'non_ascii',
    `${field} contains the non-ASCII character ${codePointAt(text, at)} at index ${at}; the Set-Cookie grammar is ASCII only`,
    RULE_SOURCES.ascii,
  );
}

/** 6265bis §5.6 step 6: browsers ignore an attribute value longer than 1024 bytes. */
export function sizeProblem(field: string, path: FieldPath, text: string): CookieIssue | undefined {
  if (text.length <= 1024) return undefined;
  return problem(
    path,
    'attribute_too_long',
    `${field} is ${text.length} bytes; browsers ignore an attribute value longer than 1024 bytes`,
    RULE_SOURCES.attributeSize,
  );
}

const NAME: FieldPath = Object.freeze(['name']);

/** RFC 6265 §4.1.1: the name is a token; seed and RFC 2109 §4.2.2: it does not begin with `$`. */
export function checkName(name: string): CookieIssue | undefined {
  if (isToken(name) && name.charCodeAt(0) !== 0x24) return undefined;
  const chars = charsProblem('name', NAME, name);
  if (chars !== undefined) return chars;
  if (!isToken(name)) {
    return problem(
      NAME,
      'name_token',
      name === ''
        ? 'name is empty; a cookie name must be a non-empty token'
        : `name ${quote(name)} is not a token; use only letters, digits and ! # $ % & ' * + - . ^ _ \` | ~`,
      RULE_SOURCES.token,
    );
  }
  return problem(
    NAME,
    'name_reserved',
    `name ${quote(name)} begins with "$", which is reserved for RFC 2109 attributes; choose another name`,
    RULE_SOURCES.dollar,
  );
}

/** RFC 2109 §4.2.2 value = token | quoted-string: a Comment is quoted unless it is a token. */
export function quoteComment(comment: string): string {
  if (isToken(comment)) return comment;
  return `"${comment.replace(/["\\]/g, '\\$&')}"`;
}

const COMMENT: FieldPath = Object.freeze(['comment']);

/** RFC 2109 §4.2.2: Comment is text without `;`, at most 1024 bytes as written (quoted). */
export function checkComment(comment: string): CookieIssue | undefined {
  const chars = charsProblem('comment', COMMENT, comment);
  if (chars !== undefined) return chars;
  if (!isAvOctets(comment)) {
    return problem(
      COMMENT,
      'comment_syntax',
      'comment contains ";", which ends an attribute in every parser; rephrase it without ";"',
      RULE_SOURCES.comment,
    );
  }
  return sizeProblem('comment', COMMENT, quoteComment(comment));
}

const DOMAIN: FieldPath = Object.freeze(['domain']);

/**
 * RFC 6265 §4.1.1, §4.1.2.3: a host name of LDH labels, 253 characters at most after an
 * optional leading dot (the leading dot belongs to the profile rules, `checkDomainProfile`).
 */
export function checkDomain(domain: string): CookieIssue | undefined {
  const start = domain.charCodeAt(0) === 0x2e ? 1 : 0;
  const size = domain.length - start;
  if (size > 0 && size <= 253 && isLdhName(domain, start)) return undefined;
  const trouble = charsProblem('domain', DOMAIN, domain) ?? sizeProblem('domain', DOMAIN, domain);
  if (trouble !== undefined) return trouble;
  return problem(
    DOMAIN,
    'domain_syntax',
    `domain ${quote(domain)} is not a host name: use letters, digits and "-" in dot-separated labels of 1-63 characters, no trailing dot (write an IDN as punycode)`,
    RULE_SOURCES.domain,
  );
}

const PATH: FieldPath = Object.freeze(['path']);

/**
 * RFC 6265 §4.1.1, 6265bis §5.6.4: Path starts with `/`, holds av-octets only, and does not end
 * with a space (parsers strip whitespace around a value, so it would arrive as another path).
 */
export function checkPath(path: string): CookieIssue | undefined {
  if (
    path.charCodeAt(0) === 0x2f &&
    path.length <= 1024 &&
    isAvOctets(path) &&
    path.charCodeAt(path.length - 1) !== 0x20
  ) {
    return undefined;
  }
  const trouble = charsProblem('path', PATH, path) ?? sizeProblem('path', PATH, path);
  if (trouble !== undefined) return trouble;
  const message = !path.startsWith('/')
    ? `path ${quote(path)} must start with "/"`
    : !isAvOctets(path)
      ? `path ${quote(path)} contains ";"; percent-encode it as %3B`
      : `path ${quote(path)} ends with a space, which parsers strip; percent-encode it as %20`;
  return problem(PATH, 'path_syntax', message, RULE_SOURCES.path);
}

const MAX_AGE: FieldPath = Object.freeze(['maxAge']);

/** Seed, RFC 2109 §4.2.2: Max-Age is whole seconds ≥ 0; 0 discards the cookie at once. */
export function checkMaxAge(seconds: number): CookieIssue | undefined {
  if (Number.isSafeInteger(seconds) && seconds >= 0) return undefined;
  return problem(
    MAX_AGE,
    'max_age_integer',
    `maxAge ${quote(seconds)} must be a whole number of seconds ≥ 0 (0 discards the cookie now); it is seconds, not milliseconds`,
    RULE_SOURCES.maxAge,
  );
}

const VERSION: FieldPath = Object.freeze(['version']);

/** Seed, RFC 2109 §4.2.2: Version is a non-negative integer. */
export function checkVersion(version: number): CookieIssue | undefined {
  if (Number.isSafeInteger(version) && version >= 0) return undefined;
  return problem(
    VERSION,
    'version_value',
    `version ${quote(version)} must be a non-negative integer`,
    RULE_SOURCES.version,
  );
}

/** The lowercase names of the known attributes, which an extension may not reuse. */
export type KnownAttributeNames = ReadonlySet<string>;

/**
 * 6265bis §4.1.1, §9.3: an extension is a token name that is not a known attribute, and an
 * optional value of non-empty av-octets without surrounding spaces; 6265bis §5.6 step 6 bounds
 * both (a bare extension is all name). Returns every problem, an empty array when there is none.
 */
export function checkExtension(
  ext: { readonly name: string; readonly value?: string | undefined },
  index: number,
  known: KnownAttributeNames,
): CookieIssue[] {
  const out: CookieIssue[] = [];
  const namePath = ['extensions', index, 'name'];
  const name = ext.name;
  const nameTrouble =
    charsProblem('extension name', namePath, name) ?? sizeProblem('extension name', namePath, name);
  if (nameTrouble !== undefined) {
    out.push(nameTrouble);
    if (nameTrouble.code !== 'attribute_too_long') return out;
  } else if (!isToken(name)) {
    out.push(
      problem(
        namePath,
        'extension_syntax',
        `extension name ${quote(name)} must be a non-empty token`,
        RULE_SOURCES.extension,
      ),
    );
  } else if (known.has(name.toLowerCase())) {
    out.push(
      problem(
        namePath,
        'extension_reserved',
        `extension ${quote(name)} has the name of a cookie attribute; use the builder's own method for it`,
        RULE_SOURCES.extension,
      ),
    );
  }
  const value = ext.value;
  if (value === undefined) return out;
  const valuePath = ['extensions', index, 'value'];
  const field = `extension ${quote(name)}`;
  const valueTrouble =
    charsProblem(field, valuePath, value) ?? sizeProblem(field, valuePath, value);
  if (valueTrouble !== undefined) out.push(valueTrouble);
  else if (!isAvOctets(value) || value === '' || value.trim() !== value) {
    out.push(
      problem(
        valuePath,
        'extension_syntax',
        `extension ${quote(name)} value ${quote(value)} must be non-empty, without ";" and without leading or trailing spaces`,
        RULE_SOURCES.extension,
      ),
    );
  }
  return out;
}
