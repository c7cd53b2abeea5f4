// Arguments whose reading, printing or `instanceof` throws, and checks that survive them,
// shared by spec/hostile.spec.ts and spec/properties.spec.ts.
import { CookieError } from '../../src/index.js';

/** An object that cannot be turned into a string or a number. */
export const unprintable = {
  toString(): string {
    throw new Error('toString');
  },
  valueOf(): number {
    throw new Error('valueOf');
  },
};

/** An object every property read of which (and `instanceof` on which) throws `thrown`. */
export const throwingOnRead = (thrown: unknown): object =>
  new Proxy(
    {},
    {
      get() {
        throw thrown;
      },
      getPrototypeOf() {
        throw thrown;
      },
      getOwnPropertyDescriptor() {
        throw thrown;
      },
      ownKeys() {
        throw thrown;
      },
      has() {
        throw thrown;
      },
    },
  );

/** `instanceof` that a revoked Proxy cannot turn into a throw. */
export function isCookieError(value: unknown): boolean {
  try {
    return value instanceof CookieError;
  } catch {
    return false;
  }
}

/** What was thrown, for a failure message; a value that cannot be printed is named so. */
export function kindOf(thrown: unknown): string {
  try {
    return thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : typeof thrown;
  } catch {
    return 'an unprintable value';
  }
}
