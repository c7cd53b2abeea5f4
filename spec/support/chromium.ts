// Where the browser specs find Chromium, the flags every launch needs here, and the one rule
// for its absence: skip loudly on a developer machine, fail in CI.
import { existsSync } from 'node:fs';
import { skipOrFail as skipOrFailWith } from './skip-or-fail.js';

/** Where Debian installs Chromium; `CHROMIUM_PATH` overrides it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Flags for a headless Chromium on these machines: no sandbox as root, and none of the
 * background connections a closed network refuses.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Why Chromium cannot run here, or `undefined` when it can. */
export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM_PATH) ? undefined : `Chromium not found at ${CHROMIUM_PATH}`;
}

/**
 * Skips the suite with a loud message when `missing` says why it cannot run, unless
 * `CI=true`, where absence is a failure. `install` says how to get what is missing.
 */
export function skipOrFail(
  context: Mocha.Context,
  suite: string,
  missing: string | undefined,
  install = 'apt-get install -y chromium openssl (or set CHROMIUM_PATH)',
): void {
  skipOrFailWith(context, suite, missing, install);
}
