// Reading and writing the headers of each kind of response writeTo() accepts, told apart by
// shape: no framework and no Node module is imported.
import type {
  FastifyReplyLike,
  HeadersLike,
  HonoContextLike,
  ServerResponseLike,
} from './targets.js';

/** How `writeOutput` reads and writes the headers of one recognised target. */
export interface HeaderAccess {
  /** True once the response's headers have gone out. */
  sent(): boolean;
  /** A header's value so far as one string, or `undefined`. */
  get(name: string): string | undefined;
  /** Adds Set-Cookie lines after those already there, one field line each. */
  appendSetCookie(lines: readonly string[]): void;
  /** Replaces a header's value. */
  set(name: string, value: string): void;
}

type Shape = Record<PropertyKey, unknown>;

function isObject(value: unknown): value is Shape {
  return typeof value === 'object' && value !== null;
}

function isServerResponse(t: Shape): boolean {
  return (
    typeof t.getHeader === 'function' && typeof t.setHeader === 'function' && 'headersSent' in t
  );
}

function isHeaders(t: Shape): boolean {
  return (
    typeof t.append === 'function' && typeof t.get === 'function' && typeof t.set === 'function'
  );
}

function isFastifyReply(t: Shape): boolean {
  return (
    typeof t.header === 'function' &&
    typeof t.getHeader === 'function' &&
    typeof t.removeHeader === 'function' &&
    isObject(t.raw) &&
    'headersSent' in t.raw
  );
}

function isHonoContext(t: Shape): boolean {
  return typeof t.header === 'function' && typeof t.finalized === 'boolean' && 'res' in t;
}

function isKoaContext(t: Shape): boolean {
  return isObject(t.res) && isServerResponse(t.res) && isObject(t.request) && isObject(t.response);
}

function isResponse(t: Shape): boolean {
  return isObject(t.headers) && isHeaders(t.headers) && typeof t.status === 'number';
}

/**
 * A header value read from a target as one string; anything but a string, a number or a list
 * of them counts as absent (and is replaced).
 */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (!Array.isArray(value)) return undefined;
  const values = list(value);
  return values.length === 0 ? undefined : values.join(', ');
}

/** A header value read from a target as its lines. */
function list(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number') return [String(value)];
  if (!Array.isArray(value)) return [];
  return value.filter((v) => typeof v === 'string' || typeof v === 'number').map(String);
}

function nodeAccess(res: ServerResponseLike): HeaderAccess {
  return {
    sent: () => res.headersSent === true,
    get: (name) => text(res.getHeader(name)),
    // RFC 9110 §5.3, RFC 6265 §3: one Set-Cookie field line per cookie, never comma-joined
    appendSetCookie: (lines) => {
      res.setHeader('Set-Cookie', [...list(res.getHeader('set-cookie')), ...lines]);
    },
    set: (name, value) => {
      res.setHeader(name, value);
    },
  };
}

function headersAccess(headers: HeadersLike): HeaderAccess {
  return {
    sent: () => false,
    get: (name) => text(headers.get(name)),
    // WHATWG Fetch keeps every appended Set-Cookie separate (getSetCookie()); never fold them
    appendSetCookie: (lines) => {
      for (const line of lines) headers.append('Set-Cookie', line);
    },
    set: (name, value) => {
      headers.set(name, value);
    },
  };
}

function fastifyAccess(reply: FastifyReplyLike): HeaderAccess {
  return {
    sent: () => reply.raw.headersSent === true,
    get: (name) => text(reply.getHeader(name)),
    // getHeader falls back to the raw response; the lines set on either are written back once,
    // on the reply, which Fastify writes over the raw response when it sends
    appendSetCookie: (lines) => {
      const existing = list(reply.getHeader('set-cookie'));
      reply.removeHeader('set-cookie');
      reply.header('set-cookie', [...existing, ...lines]);
    },
    set: (name, value) => {
      reply.header(name, value);
    },
  };
}

// Through c.header(), which writes where Hono's next response will take its headers from and,
// once the response is final, copies it first when its headers cannot change (fetch())
function honoAccess(c: HonoContextLike): HeaderAccess {
  return {
    sent: () => false,
    get: (name) => text(c.res.headers.get(name)),
    appendSetCookie: (lines) => {
      for (const line of lines) c.header('Set-Cookie', line, { append: true });
    },
    set: (name, value) => {
      c.header(name, value);
    },
  };
}

/** The access to a target's headers, by its shape (most specific first), or `undefined`. */
export function accessOf(target: unknown): HeaderAccess | undefined {
  if (!isObject(target)) return undefined;
  if (isServerResponse(target)) return nodeAccess(target as unknown as ServerResponseLike);
  if (isFastifyReply(target)) return fastifyAccess(target as unknown as FastifyReplyLike);
  if (isHonoContext(target)) return honoAccess(target as unknown as HonoContextLike);
  // Before Headers: Koa's ctx has get, set and append too, but its get() reads the request
  if (isKoaContext(target)) return nodeAccess(target.res as ServerResponseLike);
  if (isResponse(target)) return headersAccess(target.headers as HeadersLike);
  if (isHeaders(target)) return headersAccess(target as unknown as HeadersLike);
  return undefined;
}
