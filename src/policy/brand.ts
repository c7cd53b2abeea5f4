import type { CookieResult } from '../cookie/cookie.js';
import type { CookiePolicy } from './cookie-policy.js';

/**
 * What makes an object a policy: `CookiePolicy` extends this class, so the builder and the jar
 * recognise a policy without importing the policy module, and an application that never uses
 * a policy does not bundle one. The mark is a private field, which a Proxy of a policy or an
 * object made from its prototype does not have.
 */
export abstract class PolicyBrand {
  readonly #policy = true;

  /** True for an object a policy constructor made; never throws (a revoked Proxy included). */
  static isPolicy(value: unknown): boolean {
    return typeof value === 'object' && value !== null && #policy in value;
  }
}

/** What the builder asks of the policy it applies; `CookiePolicy` implements it. */
export interface AppliedPolicy {
  /** The builder state with the policy's defaults filled in where the state has none. */
  withDefaults(state: Readonly<Record<string, unknown>>): Record<string, unknown>;
  /** A build result with the policy's issues added (see `CookiePolicy`). */
  review(state: Readonly<Record<string, unknown>>, result: CookieResult): CookieResult;
}

/**
 * True for a `CookiePolicy`; false, never a throw, for anything else: a Proxy of a policy or
 * an object made from its prototype passes `instanceof` but holds no rules.
 */
export function isCookiePolicy(value: unknown): value is CookiePolicy {
  return PolicyBrand.isPolicy(value);
}
