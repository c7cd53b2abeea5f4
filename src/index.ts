export {
  CookieBuilder,
  type HostPrefixedName,
  type PriorityInput,
  type SameSiteInput,
} from './builder/cookie-builder.js';
export { Cookie, type CookieChanges, type CookieResult } from './cookie/cookie.js';
export {
  CookieError,
  type CookieIssue,
  type CookieIssueCode,
  CookieValidationError,
} from './errors.js';
export type { CookieJarCache } from './jar/cache-control.js';
export {
  type CookieDeleteOptions,
  type CookieJarHeader,
  type CookieJarHeaderName,
  CookieJarResponse,
  type CookieJarResponseOptions,
} from './jar/cookie-jar-response.js';
export type {
  CookieJarTarget,
  FastifyReplyLike,
  HeadersLike,
  HonoContextLike,
  KoaContextLike,
  ResponseLike,
  ServerResponseLike,
} from './jar/targets.js';
export type { SetCookieDiagnostic } from './lint/diagnostic.js';
export { lintSetCookieLines, type SetCookieLineReport } from './lint/lines.js';
export { type LintSetCookieOptions, lintSetCookie } from './lint/lint.js';
export {
  type CookieHeaderOptions,
  type ParsedCookieHeader,
  parseCookieHeader,
} from './parse/cookie-header.js';
export type { SetCookieParseOptions } from './parse/set-cookie.js';
export { CookiePolicyConflictError } from './policy/conflict-error.js';
export {
  type CombinedPrefix,
  CookiePolicy,
  type PolicyFitsName,
} from './policy/cookie-policy.js';
export {
  type CookiePolicyConfig,
  type CookiePolicyDefinition,
  type CookiePolicyRequirements,
  type CookiePolicyRule,
  cookiePolicyRequirementsSchema,
  cookiePolicySchema,
} from './policy/schema.js';
export {
  type CookiePriority,
  type CookieProfile,
  MAX_LIFETIME_SECONDS,
  type SameSite,
} from './rules/attributes.js';
export type { CookieExtension } from './rules/check.js';
export type { CookieEncoding } from './rules/encoding.js';
export type { CookiePrefix } from './rules/prefixes.js';
export type { ResponseWarning } from './rules/response.js';
export {
  type CookieAttributes,
  type CookieConfig,
  cookieAttributesSchema,
  cookieConfigSchema,
  type Duration,
} from './rules/schema.js';
export type {
  BrowserEngine,
  CookieWarning,
  CookieWarningCode,
  EngineNotes,
  LintCode,
  ResponseWarningCode,
} from './rules/warnings.js';
export {
  type CookieCodec,
  type CookieDefinition,
  type CookieHeaderInput,
  type CookieReadResult,
  defineCookie,
  type JsonCookieOptions,
  type StringCookieOptions,
} from './typed/define-cookie.js';
export {
  createProtector,
  MIN_KEY_BYTES,
  type ProtectKey,
  type ProtectMode,
  type ProtectOptions,
  type Protector,
  type ProtectorOptions,
  type UnprotectErrorCode,
  type UnprotectResult,
} from './typed/protect.js';
