import type { CookieResult } from '../cookie/cookie.js';
import type { CookiePolicy } from './cookie-policy.js';

/**
 * Marks policies of every copy of cookiesmith loaded in one process, so that the builder and
 * the jar recognise a policy without importing the policy module: an application that never
 * uses a policy does not bundle one.
 */
export const POLICY_BRAND: unique symbol = Symbol.for('cookiesmith.CookiePolicy') as never;

/** What the builder asks of the policy it applies; `CookiePolicy` implements it. */
export interface AppliedPolicy {
  /** The builder state with the policy's defaults filled in where the state has none. */
  withDefaults(state: Readonly<Record<string, unknown>>): Record<string, unknown>;
  /** A build result with the policy's issues added (see `CookiePolicy`). */
  review(state: Readonly<Record<string, unknown>>, result: CookieResult): CookieResult;
}

/** True for a `CookiePolicy`; false, never a throw, for anything else (a revoked Proxy too). */
export function isCookiePolicy(value: unknown): value is CookiePolicy {
  try {
    return typeof value === 'object' && value !== null && POLICY_BRAND in value;
  } catch {
    return false;
  }
}
