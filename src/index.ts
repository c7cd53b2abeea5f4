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
export type { CookieEncoding } from './encoding.js';
export {
  CookieError,
  type CookieIssue,
  type CookieIssueCode,
  CookieValidationError,
} from './errors.js';
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
