import { CookieError } from '../errors.js';

/** Raised when two policies (or one policy's own parts) cannot hold together. */
export class CookiePolicyConflictError extends CookieError {
  /** Where the conflict is, e.g. `['require', 'sameSite']` or `['defaults', 'path']`. */
  readonly path: readonly string[];
  /** The names of the policies involved. */
  readonly policies: readonly string[];

  /** Creates the error; `path` names the attribute, `policies` the policies involved. */
  constructor(message: string, path: readonly string[], policies: readonly string[]) {
    super(message, { code: 'policy_conflict' });
    this.name = 'CookiePolicyConflictError';
    this.path = Object.freeze([...path]);
    this.policies = Object.freeze([...new Set(policies)]);
  }
}
