// Values several specs share, defined once.
import type { CookieConfig } from '../../src/index.js';

/** Every attribute both profiles allow, set to a valid value (no Comment or Version). */
export const EVERY_ATTRIBUTE = {
  name: 'sid',
  value: 'a b',
  domain: '.example.com',
  path: '/app',
  secure: true,
  httpOnly: true,
  maxAge: 3600,
  expires: new Date('2030-06-01T12:00:00Z'),
  sameSite: 'Strict',
  partitioned: true,
  priority: 'High',
  extensions: [{ name: 'Foo', value: 'bar' }, { name: 'Baz' }],
} as const satisfies CookieConfig;

/** The CookieBuilder methods that take one attribute value. */
export const ATTRIBUTE_METHODS = [
  'value',
  'comment',
  'domain',
  'path',
  'secure',
  'httpOnly',
  'version',
  'maxAge',
  'expires',
  'sameSite',
  'partitioned',
  'priority',
  'encoding',
  'profile',
  'extension',
] as const;

/** The attributes a Set-Cookie line may carry, spelled as we write them. */
export const SET_COOKIE_ATTRIBUTES = [
  'Expires',
  'Max-Age',
  'Domain',
  'Path',
  'Secure',
  'HttpOnly',
  'SameSite',
  'Partitioned',
  'Priority',
  'Version',
  'Comment',
] as const;
