// Reads a response exactly as it came off the wire: node:http keeps every header line apart in
// `rawHeaders`, where fetch would join two Cache-Control lines into one and hide a duplicate.

import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';

/** A response as sent: status, every header line in order (names lowercased), body. */
export interface RawResponse {
  readonly status: number;
  readonly lines: readonly (readonly [name: string, value: string])[];
  readonly body: string;
  /** The values of every line named `name`, in order. */
  values(name: string): string[];
}

/** Sends one request and resolves with the raw response; rejects after `timeout` ms. */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; timeout?: number } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? 'GET', headers: options.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const lines: [string, string][] = [];
          for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
            lines.push([
              (res.rawHeaders[i] as string).toLowerCase(),
              res.rawHeaders[i + 1] as string,
            ]);
          }
          resolve({
            status: res.statusCode ?? 0,
            lines,
            body: Buffer.concat(chunks).toString('utf8'),
            values: (name) => lines.filter(([n]) => n === name.toLowerCase()).map(([, v]) => v),
          });
        });
      },
    );
    req.setTimeout(options.timeout ?? 5000, () => req.destroy(new Error(`no answer from ${url}`)));
    req.on('error', reject);
    req.end();
  });
}

/** Starts `server` on 127.0.0.1 with a free port and resolves with its origin. */
export function listen(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    });
  });
}

/** Closes `server`, keep-alive connections included. */
export function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * True when `value` is a Cache-Control field value by the grammar of RFC 9111 §5.2 and RFC 9110
 * §5.6: `#( token [ "=" ( token / quoted-string ) ] )`, with visible ASCII only.
 */
export function isWellFormedCacheControl(value: string): boolean {
  const token = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
  const quoted = '"(?:[\\t \\x21\\x23-\\x5b\\x5d-\\x7e]|\\\\[\\t \\x21-\\x7e])*"';
  const directive = `${token}(?:=(?:${token}|${quoted}))?`;
  return new RegExp(`^${directive}(?:[ \\t]*,[ \\t]*${directive})*$`).test(value);
}

/**
 * The spec every framework recipe runs: the app at `origin()` answers `/malformed` with a
 * Cache-Control whose directive has an unclosed quote, and the jar's merge sends one
 * well-formed line, the malformed directive dropped and the app's `max-age=60` kept.
 */
export function itDropsAMalformedDirective(origin: () => string): void {
  it('drops an application directive with an unclosed quote instead of sending a broken header', async () => {
    const response = await rawRequest(`${origin()}/malformed`);
    const lines = response.values('cache-control');
    expect(lines).to.deep.equal(['private, no-cache="set-cookie", max-age=60']);
    expect(isWellFormedCacheControl(lines[0] ?? '')).to.equal(true);
  });
}
