// Where the specs find Firefox ESR and how they start it: puppeteer-core over WebDriver BiDi
// (playwright-core drives only its own patched Firefox builds, not Debian's).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser } from 'puppeteer-core';

// The CommonJS build: ts-node's ESM resolver (mocha's loader) mis-resolves a subpath pattern
// of chromium-bidi's `exports` that the ESM build imports; Node's require resolves it.
const puppeteer = createRequire(import.meta.url)(
  'puppeteer-core',
) as typeof import('puppeteer-core');

/** Where Debian installs Firefox ESR; `FIREFOX_PATH` overrides it. */
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** How to install what the Firefox specs need. */
export const FIREFOX_INSTALL = 'apt-get install -y firefox-esr openssl (or set FIREFOX_PATH)';

/** Why Firefox cannot run here, or `undefined` when it can. */
export function firefoxMissing(): string | undefined {
  return existsSync(FIREFOX_PATH) ? undefined : `Firefox ESR not found at ${FIREFOX_PATH}`;
}

/**
 * A headless Firefox that resolves every host name to 127.0.0.1 and accepts the suite's
 * self-made certificate. `--remote-allow-system-access` lets `chromeScope` read the cookie
 * service, which holds what WebDriver's cookie commands do not show (the partition key).
 */
export async function launchFirefox(): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX_PATH,
    headless: true,
    acceptInsecureCerts: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'network.dns.forceResolve': '127.0.0.1',
      // Nothing but the suite's own pages: no captive-portal probe, no telemetry pings.
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
    },
  });
}

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: Record<string, unknown> }>;
}

interface EvaluateResult {
  type: 'success' | 'exception';
  result?: { type: string; value?: unknown };
  exceptionDetails?: { text: string };
}

/**
 * Evaluates expressions in Firefox's privileged (chrome) window, where `Services.cookies`
 * lists the whole cookie store. puppeteer-core has no public API for it, so this speaks BiDi
 * on the browser's own connection: `browsingContext.getTree` with `moz:scope: 'chrome'`,
 * then `script.evaluate` in that context.
 */
export async function chromeScope(
  browser: Browser,
): Promise<(expression: string) => Promise<string>> {
  const connection = (browser as unknown as { connection?: BidiConnection }).connection;
  if (typeof connection?.send !== 'function')
    throw new Error('puppeteer-core no longer exposes the BiDi connection of a Firefox browser');
  const tree = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const contexts = tree.result.contexts as { context: string }[] | undefined;
  const context = contexts?.[0]?.context;
  if (context === undefined) throw new Error('Firefox shows no chrome browsing context');
  return async (expression: string) => {
    const { result } = await connection.send('script.evaluate', {
      expression,
      target: { context },
      awaitPromise: true,
      resultOwnership: 'none',
    });
    const evaluated = result as unknown as EvaluateResult;
    if (evaluated.type !== 'success' || evaluated.result?.type !== 'string')
      throw new Error(
        `chrome-scope evaluation failed: ${evaluated.exceptionDetails?.text ?? evaluated.result?.type}`,
      );
    return evaluated.result.value as string;
  };
}
