import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** One response on the way to a URL: where it came from, its status and its Set-Cookie lines. */
export interface Hop {
  readonly url: string;
  readonly status: number;
  readonly statusText: string;
  /** The Location of a redirect, resolved against `url`. */
  readonly location?: string;
  /** The Set-Cookie lines in the order sent, each as received (bytes as Latin-1 characters). */
  readonly setCookie: readonly string[];
}

/** How `fetchHops` asks. */
export interface FetchOptions {
  /** Follow redirects (each response is a hop of its own). */
  readonly follow: boolean;
  /** Do not verify the server's certificate. */
  readonly insecure: boolean;
  /** Certificates to trust besides the system's (PEM). */
  readonly ca: string | undefined;
  /** Per request. */
  readonly timeoutMs: number;
  /** The most responses read when following redirects. */
  readonly maxHops: number;
}

/** The request could not be made or answered: said as one line, for the user. */
export class FetchError extends Error {
  override readonly name = 'FetchError';
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** The Set-Cookie lines of a response, in order, from its raw headers. */
function setCookieLines(response: IncomingMessage): string[] {
  const raw = response.rawHeaders;
  const out: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (raw[i]?.toLowerCase() === 'set-cookie') out.push(raw[i + 1] ?? '');
  }
  return out;
}

/**
 * GETs `url` and reads its response's headers, the body left unread. The lenient HTTP parser
 * reads a header line with characters the strict one refuses, so what lint sees is what the
 * server sent (each byte as one Latin-1 character).
 */
function get(url: URL, options: FetchOptions): Promise<Hop> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: 'GET',
        insecureHTTPParser: true,
        headers: { 'user-agent': 'cookiesmith-lint', accept: '*/*' },
        timeout: options.timeoutMs,
        ...(url.protocol === 'https:'
          ? { rejectUnauthorized: !options.insecure, ...(options.ca ? { ca: options.ca } : {}) }
          : {}),
      },
      (response) => {
        const status = response.statusCode ?? 0;
        const location = response.headers.location;
        const hop: Hop = {
          url: url.href,
          status,
          statusText: response.statusMessage ?? '',
          ...(REDIRECTS.has(status) && typeof location === 'string'
            ? { location: new URL(location, url).href }
            : {}),
          setCookie: setCookieLines(response),
        };
        response.destroy();
        resolve(hop);
      },
    );
    req.on('timeout', () =>
      req.destroy(new FetchError(`no answer within ${options.timeoutMs} ms`)),
    );
    req.on('error', (error) =>
      reject(error instanceof FetchError ? error : new FetchError(describe(error))),
    );
    req.end();
  });
}

/** A network or TLS error in one line, with the hint that fits it. */
function describe(error: Error & { code?: string }): string {
  const code = error.code ?? '';
  const hint = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)
    ? ' (trust its certificate with --ca <file>, or skip the check with --insecure)'
    : '';
  return `${code === '' ? error.message : `${code}: ${error.message}`}${hint}`;
}

/**
 * The responses to `url`: one, or each hop of its redirects with `follow`, at most
 * `maxHops`. Only http and https URLs are fetched.
 */
export async function fetchHops(url: string, options: FetchOptions): Promise<Hop[]> {
  let next: URL;
  try {
    next = new URL(url);
  } catch {
    throw new FetchError(`${JSON.stringify(url)} is not a URL`);
  }
  const hops: Hop[] = [];
  for (let i = 0; i < options.maxHops; i++) {
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      throw new FetchError(`${next.href}: only http and https URLs can be fetched`);
    }
    const hop = await get(next, options);
    hops.push(hop);
    if (!options.follow || hop.location === undefined) return hops;
    next = new URL(hop.location);
  }
  return hops;
}
