// The one rule for a suite whose tool is missing (a browser, a runtime): skip loudly on a
// developer machine, fail in CI, where a skipped suite would pass for a tested one.

/**
 * Skips the suite with a loud message when `missing` says why it cannot run, unless
 * `CI=true`, where absence is a failure. `install` says how to get what is missing.
 */
export function skipOrFail(
  context: Mocha.Context,
  suite: string,
  missing: string | undefined,
  install: string,
): void {
  if (missing === undefined) return;
  if (process.env.CI === 'true') {
    throw new Error(`CI=true and ${suite} cannot run: ${missing}. Install it with: ${install}`);
  }
  const bar = '!'.repeat(78);
  console.warn(
    `\n${bar}\n!! ${suite.toUpperCase()} SKIPPED: ${missing}.\n!! ${install};\n!! CI (CI=true) fails instead of skipping.\n${bar}\n`,
  );
  context.skip();
}
