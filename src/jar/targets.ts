import { CookieError, describeThrown } from '../errors.js';
import { mergeCacheControl } from './cache-control.js';
import { accessOf, type HeaderAccess } from './header-access.js';

/**
 * What `writeTo` needs of a Node `http.ServerResponse` (also Express's `res` and `http2`
 * compatibility responses). Matched by shape, so no Node-only module is imported.
 */
export interface ServerResponseLike {
  /** True once the status line and headers have gone out. */
  readonly headersSent: boolean;
  /** The value of a header set so far (an array for Set-Cookie). */
  getHeader(name: string): number | string | readonly string[] | undefined;
  /** Sets a header, replacing its value; an array sends one field line per element. */
  setHeader(name: string, value: number | string | readonly string[]): unknown;
}

/** What `writeTo` needs of a WHATWG `Headers` (a `Response`'s headers, Deno, Bun, edge runtimes). */
export interface HeadersLike {
  /** Adds a value; Set-Cookie values stay separate (`getSetCookie()`). */
  append(name: string, value: string): void;
  /** The combined value of a header, or `null`. */
  get(name: string): string | null;
  /** Replaces a header's value. */
  set(name: string, value: string): void;
}

/**
 * What `writeTo` needs of a WHATWG `Response` (fetch-style handlers: Next.js route handlers,
 * Deno, Bun, edge runtimes): its headers, and a status, which tells it from a `Request`.
 */
export interface ResponseLike {
  /** The response's headers; those of a `Response` from `fetch()` cannot change. */
  readonly headers: HeadersLike;
  /** The status code. */
  readonly status: number;
}

/**
 * What `writeTo` needs of a Fastify `reply`. Fastify keeps the headers set with `reply.header()`
 * apart and writes them over the Node response when it sends, so the jar reads them with
 * `getHeader` and writes with `header`; call it in an `onSend` hook, which runs last.
 */
export interface FastifyReplyLike {
  /** The Node response underneath, to tell whether the headers went out. */
  readonly raw: { readonly headersSent: boolean };
  /** A header set on the reply, or else on the raw response. */
  getHeader(name: string): unknown;
  /** Sets a header of the reply. */
  header(name: string, value: unknown): unknown;
  /** Removes a header from the reply and the raw response. */
  removeHeader(name: string): unknown;
}

/**
 * What `writeTo` needs of a Hono `Context` (`c`). Headers go through `c.header()`, which also
 * copies a finished response whose headers cannot change (one from `fetch()`); call it in a
 * middleware after `await next()`, when the response is final.
 */
export interface HonoContextLike {
  /** True once a handler or middleware has produced the response. */
  readonly finalized: boolean;
  /** The response so far, whose headers the jar reads. */
  readonly res: { readonly headers: HeadersLike };
  /** Sets a header (`append: true` adds one more line). */
  header(name: string, value: string | undefined, options?: { append?: boolean }): unknown;
}

/**
 * What `writeTo` needs of Koa's `ctx`: the Node response behind it, `ctx.res` (`ctx.get()` reads
 * the request's headers, not the response's). Call it in the first middleware after
 * `await next()`, which runs last.
 */
export interface KoaContextLike {
  /** The Node response. */
  readonly res: ServerResponseLike;
  /** Koa's request object. */
  readonly request: object;
  /** Koa's response object. */
  readonly response: object;
}

/**
 * A response whose headers `writeTo` can change, recognised by its shape: a Node
 * `ServerResponse` (Express's `res`), a Fastify `reply`, a Hono `Context`, Koa's `ctx`, a WHATWG
 * `Response` or `Headers`.
 */
export type CookieJarTarget =
  | ServerResponseLike
  | HeadersLike
  | ResponseLike
  | FastifyReplyLike
  | HonoContextLike
  | KoaContextLike;

/** What a jar writes: its Set-Cookie values and the cache headers, if any. */
export interface JarOutput {
  readonly setCookie: readonly string[];
  readonly cacheControl: string | undefined;
  readonly expires: string | undefined;
}

const TARGETS =
  'a Node http.ServerResponse (Express res), a Fastify reply, a Hono Context, a Koa ctx, a WHATWG Response or Headers';

/** The access to `target`'s headers; a `CookieError` when it is not a response or is already sent. */
function recognise(target: unknown): HeaderAccess {
  let access: HeaderAccess | undefined;
  let sent: boolean;
  try {
    access = accessOf(target);
    sent = access?.sent() === true;
  } catch (cause) {
    // A hostile target (a Proxy, a throwing getter): what it threw is described by kind only and
    // not kept, as a cause that cannot be printed would break whoever logs the error
    throw new CookieError(
      `writeTo() could not inspect its target (${describeThrown(cause)} was thrown)`,
      { code: 'invalid_target' },
    );
  }
  if (access === undefined) {
    const got =
      target === null ? 'null' : typeof target === 'object' ? 'another object' : typeof target;
    throw new CookieError(`writeTo() needs ${TARGETS}; got ${got}`, { code: 'invalid_target' });
  }
  if (sent) {
    throw new CookieError(
      'the headers of this response were already sent; call writeTo() before writing the body or ending the response',
      { code: 'headers_sent' },
    );
  }
  return access;
}

/**
 * Writes a jar's output onto a recognised response, appending Set-Cookie lines and merging the
 * cache headers. Anything that goes wrong becomes a `CookieError`.
 */
export function writeOutput(target: unknown, output: JarOutput): void {
  const access = recognise(target);
  if (output.setCookie.length === 0) return;
  try {
    const cacheControl =
      output.cacheControl === undefined
        ? undefined
        : mergeCacheControl(access.get('cache-control'), output.cacheControl);
    access.appendSetCookie(output.setCookie);
    if (cacheControl !== undefined) access.set('Cache-Control', cacheControl);
    if (output.expires !== undefined) access.set('Expires', output.expires);
  } catch (cause) {
    let sent = false;
    try {
      sent = access.sent();
    } catch {
      // A target that cannot say is treated as not sent
    }
    // WHATWG Fetch §5.2: the headers of a Response from fetch() are immutable ("immutable" guard)
    throw new CookieError(
      sent
        ? 'the headers of this response were already sent; call writeTo() before writing the body'
        : `the target refused the headers (${describeThrown(cause)} was thrown); a Response from fetch() has immutable headers, copy it with new Response(body, response) first`,
      // What the target threw is not kept: a framework's message may quote the Set-Cookie line
      { code: sent ? 'headers_sent' : 'headers_immutable' },
    );
  }
}
