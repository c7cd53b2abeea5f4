export type { CookieJarCache } from './adapters/cache-control.js';
export type { CookieJarTarget, HeadersLike, ServerResponseLike } from './adapters/targets.js';
export {
  Cookie,
  type CookieChanges,
  type CookieResult,
  type CookieWarning,
  type CookieWarningCode,
} from './cookie.js';
export {
  CookieBuilder,
  type HostPrefixedName,
  type PriorityInput,
  type SameSiteInput,
} from './cookie-builder.js';
export {
  type CookieDeleteOptions,
  type CookieJarHeader,
  type CookieJarHeaderName,
  CookieJarResponse,
  type CookieJarResponseOptions,
} from './cookie-jar-response.js';
export {
  COOKIE_PREFIXES,
  type CombinedPrefix,
  CookiePolicy,
  type CookiePolicyConfig,
  CookiePolicyConflictError,
  type CookiePolicyDefinition,
  type CookiePolicyRequirements,
  type CookiePolicyRule,
  cookiePolicyRequirementsSchema,
  cookiePolicySchema,
  type PolicyFitsName,
} from './cookie-policy.js';
export {
  type CookieCodec,
  type CookieDefinition,
  type CookieHeaderInput,
  type CookieReadResult,
  defineCookie,
  type JsonCookieOptions,
  type StringCookieOptions,
} from './define-cookie.js';
export type { CookieEncoding } from './encoding.js';
export {
  CookieError,
  type CookieIssue,
  type CookieIssueCode,
  CookieValidationError,
} from './errors.js';
export {
  type LintSetCookieOptions,
  lintSetCookie,
  lintSetCookieLines,
  type SetCookieDiagnostic,
  type SetCookieLineReport,
  type SetCookieWarningCode,
} from './lint.js';
export type { SetCookieParseOptions } from './parse.js';
export {
  type CookieHeaderOptions,
  type ParsedCookieHeader,
  parseCookieHeader,
} from './parse-cookie-header.js';
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
} from './protect.js';
export {
  type CookieAttributes,
  type CookieConfig,
  type CookieExtension,
  type CookiePrefix,
  type CookiePriority,
  type CookieProfile,
  cookieAttributesSchema,
  cookieConfigSchema,
  type Duration,
  MAX_LIFETIME_SECONDS,
  type SameSite,
} from './schema.js';
