import { CookieError } from '../errors.js';
import { mergeCacheControl } from './cache-control.js';

/**
 * What `writeTo` needs of a Node `http.ServerResponse` (also Express's `res`, Koa's `ctx.res`,
 * Fastify's `reply.raw`, `http2` compatibility responses). Matched by shape, so no Node-only
 * module is imported.
 */
export interface ServerResponseLike {
  /** True once the status line and headers have gone out. */
  readonly headersSent: boolean;
  /** The value of a header set so far (an array for Set-Cookie). */
  getHeader(name: string): number | string | readonly string[] | undefined;
  /** Sets a header, replacing its value; an array sends one field line per element. */
  setHeader(name: string, value: number | string | readonly string[]): unknown;
}

/** What `writeTo` needs of a WHATWG `Headers` (fetch `Response`, Hono, Deno, Bun, edge runtimes). */
export interface HeadersLike {
  /** Adds a value; Set-Cookie values stay separate (`getSetCookie()`). */
  append(name: string, value: string): void;
  /** The combined value of a header, or `null`. */
  get(name: string): string | null;
  /** Replaces a header's value. */
  set(name: string, value: string): void;
}

/** A response whose headers `writeTo` can change. */
export type CookieJarTarget = ServerResponseLike | HeadersLike;

/** What a jar writes: its Set-Cookie values and the cache headers, if any. */
export interface JarOutput {
  readonly setCookie: readonly string[];
  readonly cacheControl: string | undefined;
  readonly expires: string | undefined;
}

function isServerResponse(target: object): target is ServerResponseLike {
  const t = target as Partial<Record<keyof ServerResponseLike, unknown>>;
  return (
    typeof t.getHeader === 'function' && typeof t.setHeader === 'function' && 'headersSent' in t
  );
}

function isHeaders(target: object): target is HeadersLike {
  const t = target as Partial<Record<keyof HeadersLike, unknown>>;
  return (
    typeof t.append === 'function' && typeof t.get === 'function' && typeof t.set === 'function'
  );
}

function text(value: number | string | readonly string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'object' ? value.join(', ') : String(value);
}

function list(value: number | string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  return typeof value === 'object' ? [...value] : [String(value)];
}

/**
 * Writes a jar's output onto a Node response or a `Headers`, appending Set-Cookie lines and
 * merging the cache headers. Anything that goes wrong becomes a `CookieError`.
 */
export function writeOutput(target: unknown, output: JarOutput): void {
  if (target === null || typeof target !== 'object') {
    throw new CookieError(
      `writeTo() needs a Node http.ServerResponse or a WHATWG Headers, got ${target === null ? 'null' : typeof target}`,
      { code: 'invalid_target' },
    );
  }
  let node: boolean;
  try {
    node = isServerResponse(target);
    if (node && (target as ServerResponseLike).headersSent === true) {
      throw new CookieError(
        'the headers of this response were already sent; call writeTo() before writing the body or ending the response',
        { code: 'headers_sent' },
      );
    }
    if (!node && !isHeaders(target)) {
      throw new CookieError(
        'writeTo() needs a Node http.ServerResponse (getHeader, setHeader, headersSent) or a WHATWG Headers (append, get, set)',
        { code: 'invalid_target' },
      );
    }
  } catch (cause) {
    if (cause instanceof CookieError) throw cause;
    throw new CookieError('writeTo() could not inspect its target', {
      code: 'invalid_target',
      cause,
    });
  }
  const empty = output.setCookie.length === 0;
  if (empty) return;
  try {
    if (node) writeServerResponse(target as ServerResponseLike, output);
    else writeHeaders(target as HeadersLike, output);
  } catch (cause) {
    if (cause instanceof CookieError) throw cause;
    const sent = node && (target as ServerResponseLike).headersSent === true;
    // WHATWG Fetch §5.2: the headers of a Response from fetch() are immutable ("immutable" guard)
    throw new CookieError(
      sent
        ? 'the headers of this response were already sent; call writeTo() before writing the body'
        : `the target refused the headers (${cause instanceof Error ? cause.message : String(cause)}); a Response from fetch() has immutable headers, copy it with new Response(body, response) first`,
      { code: sent ? 'headers_sent' : 'headers_immutable', cause },
    );
  }
}

function writeServerResponse(res: ServerResponseLike, output: JarOutput): void {
  const existing = list(res.getHeader('set-cookie'));
  const cacheControl =
    output.cacheControl === undefined
      ? undefined
      : mergeCacheControl(text(res.getHeader('cache-control')), output.cacheControl);
  // RFC 9110 §5.3, RFC 6265 §3: one Set-Cookie field line per cookie, never comma-joined
  res.setHeader('Set-Cookie', [...existing, ...output.setCookie]);
  if (cacheControl !== undefined) res.setHeader('Cache-Control', cacheControl);
  if (output.expires !== undefined) res.setHeader('Expires', output.expires);
}

function writeHeaders(headers: HeadersLike, output: JarOutput): void {
  const cacheControl =
    output.cacheControl === undefined
      ? undefined
      : mergeCacheControl(headers.get('cache-control') ?? undefined, output.cacheControl);
  // WHATWG Fetch keeps every appended Set-Cookie separate (getSetCookie()); never fold them
  for (const line of output.setCookie) headers.append('Set-Cookie', line);
  if (cacheControl !== undefined) headers.set('Cache-Control', cacheControl);
  if (output.expires !== undefined) headers.set('Expires', output.expires);
}
