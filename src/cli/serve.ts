import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CookieJarResponse } from '../index.js';
import type { DemoCookie } from './demo-cookies.js';
import { demoJar } from './demo-cookies.js';
import type { Out } from './terminal.js';
import { UsageError } from './terminal.js';

/** The loopback address the demo page listens on; it is never reachable from another machine. */
export const HOST = '127.0.0.1';

/**
 * Serves the demo page on 127.0.0.1 until SIGINT or SIGTERM, then closes every connection and
 * resolves. Plain HTTP: browsers treat http://127.0.0.1 and http://localhost as secure
 * contexts, and Chromium accepts Secure, `__Host-` and Partitioned cookies there.
 */
export async function serveDemo(
  cookies: readonly DemoCookie[],
  port: number,
  out: Out,
  signals: NodeJS.EventEmitter = process,
): Promise<void> {
  const server = createServer((req, res) => {
    try {
      handle(req, res, cookies);
    } catch (error) {
      if (!res.headersSent) res.statusCode = 500;
      res.end(`internal error: ${String(error)}`);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE')
        reject(
          new UsageError(
            `demo: port ${port} is in use; choose another with --port (0 picks a free one)`,
          ),
        );
      else if (error.code === 'EACCES')
        reject(
          new UsageError(`demo: no permission to listen on port ${port}; use a port above 1023`),
        );
      else reject(error);
    });
    server.listen(port, HOST, resolve);
  });
  // Listen for the signals before announcing the address: whoever reads it may press Ctrl-C
  // (or send SIGINT) at once, and must not find Node's default handler still in place.
  const stopped = new Promise<void>((resolve) => {
    const stop = () => {
      signals.off('SIGINT', stop);
      signals.off('SIGTERM', stop);
      server.close(() => resolve());
      server.closeAllConnections();
    };
    signals.on('SIGINT', stop);
    signals.on('SIGTERM', stop);
  });
  const { port: bound } = server.address() as AddressInfo;
  out.line(`cookiesmith demo: serving on ${out.style('bold', `http://${HOST}:${bound}/`)}`);
  out.line('Open it in a browser; press Ctrl-C to stop.');
  await stopped;
  out.line('cookiesmith demo: stopped.');
}

interface Reply {
  readonly status: number;
  readonly type: string;
  readonly body: string;
}

function handle(req: IncomingMessage, res: ServerResponse, cookies: readonly DemoCookie[]): void {
  const reply = route(req, res, cookies);
  res.statusCode = reply.status;
  // A response with cookies carries the jar's cache directives; the others are not cached at all.
  if (!res.hasHeader('Cache-Control')) res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Type', `${reply.type}; charset=utf-8`);
  res.end(reply.body);
}

function route(req: IncomingMessage, res: ServerResponse, cookies: readonly DemoCookie[]): Reply {
  // Answer only to the loopback names: a page elsewhere cannot reach this server by rebinding DNS.
  const host = (req.headers.host ?? '').replace(/:\d+$/, '');
  if (host !== HOST && host !== 'localhost')
    return { status: 403, type: 'text/plain', body: 'forbidden host' };
  const url = new URL(req.url ?? '/', `http://${HOST}`);
  if (req.method === 'GET' && url.pathname === '/') {
    const jar = demoJar(cookies);
    jar.writeTo(res);
    return { status: 200, type: 'text/html', body: page(cookies, jar.setCookieHeaders()) };
  }
  if (req.method === 'GET' && url.pathname === '/received') {
    const body = JSON.stringify({ cookie: req.headers.cookie ?? '' });
    return { status: 200, type: 'application/json', body };
  }
  const action = /^\/cookies\/([^/]+)\/(set|delete)$/.exec(url.pathname);
  if (req.method === 'POST' && action !== null) {
    const name = decodeURIComponent(action[1] ?? '');
    const entry = cookies.find((c) => c.name === name);
    if (entry === undefined) return { status: 404, type: 'text/plain', body: 'no such cookie' };
    const jar = new CookieJarResponse().add(action[2] === 'set' ? entry.set : entry.remove);
    jar.writeTo(res);
    const body = JSON.stringify({ sent: jar.setCookieHeaders() });
    return { status: 200, type: 'application/json', body };
  }
  return { status: 404, type: 'text/plain', body: 'not found' };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// JSON inside <script>: "<" is escaped so no value can close the script element.
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function page(cookies: readonly DemoCookie[], sent: readonly string[]): string {
  const rows = cookies.map(rowOf).join('\n');
  const httpOnly = cookies
    .filter((c) => c.set.httpOnly)
    .map((c) => `<code>${escapeHtml(c.name)}</code>`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>cookiesmith demo</title>
<style>
${PAGE_STYLE}</style>
</head>
<body>
<h1>cookiesmith demo</h1>
<p>This page was served with the demo's cookies. Each button asks the server for one response that
sets or deletes a cookie; the left column shows the <code>Set-Cookie</code> lines of the last response,
the right column what this page's JavaScript reads in <code>document.cookie</code>.</p>
<table>
<thead><tr><th>cookie</th><th>in document.cookie</th><th>sent back to the server</th><th></th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<div class="columns">
<section>
<h2>Set-Cookie lines sent <span id="sent-label" class="about">(with this page)</span></h2>
<pre id="sent"></pre>
</section>
<section>
<h2>document.cookie</h2>
<pre id="document-cookie"></pre>
<p class="note">HttpOnly cookies (${httpOnly.join(', ') || 'none here'}) never appear in <code>document.cookie</code>:
that is what HttpOnly is for. The browser still sends them to the server, as the Cookie header it received shows:</p>
<pre id="server-cookie"></pre>
</section>
</div>
<script>
${clientScript(cookies, sent)}</script>
</body>
</html>
`;
}

/** One row of the page's table: the cookie, where it is seen, and its buttons. */
function rowOf(c: DemoCookie): string {
  const name = escapeHtml(c.name);
  const flags = c.set.httpOnly ? ' <span class="tag">HttpOnly</span>' : '';
  return `<tr data-cookie="${name}">
  <td><code>${name}</code>${flags}<div class="about">${escapeHtml(c.about)}</div></td>
  <td class="state" data-role="in-document">…</td>
  <td class="state" data-role="at-server">…</td>
  <td class="buttons"><button type="button" data-action="set" data-name="${name}">set</button>
    <button type="button" data-action="delete" data-name="${name}">delete</button></td>
</tr>`;
}

const PAGE_STYLE = `  body { font: 15px/1.45 system-ui, sans-serif; margin: 1.5rem auto; max-width: 72rem; padding: 0 1rem; color: #1d232a; }
  h1 { font-size: 1.4rem; margin: 0 0 .3rem; }
  h2 { font-size: 1rem; margin: 0 0 .5rem; }
  table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
  th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid #dde2e7; vertical-align: top; }
  .about { color: #5b6672; font-size: .85rem; }
  .tag { font-size: .7rem; background: #fff1c2; border: 1px solid #e0c66a; border-radius: 3px; padding: 0 .3rem; margin-left: .3rem; }
  .state, .buttons { white-space: nowrap; }
  .yes { color: #146c2e; font-weight: 600; }
  .no { color: #8a929b; }
  .hidden { color: #9a6700; }
  button { font: inherit; padding: .2rem .8rem; margin-right: .3rem; cursor: pointer; }
  .columns { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
  section { border: 1px solid #dde2e7; border-radius: 6px; padding: .8rem 1rem; min-width: 0; }
  pre { margin: 0; white-space: pre-wrap; word-break: break-all; font-size: .82rem; background: #f6f8fa; padding: .5rem; border-radius: 4px; min-height: 1.4rem; }
  .note { color: #5b6672; font-size: .85rem; margin: .5rem 0 0; }
`;

/**
 * The page's script: the buttons ask the server to set or delete a cookie, and each answer
 * refreshes what `document.cookie` and the server's last Cookie header show.
 */
function clientScript(cookies: readonly DemoCookie[], sent: readonly string[]): string {
  return `const names = ${scriptJson(cookies.map((c) => c.name))};
const httpOnly = new Set(${scriptJson(cookies.filter((c) => c.set.httpOnly).map((c) => c.name))});
function parse(header) {
  const map = new Map();
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) map.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return map;
}
function mark(cell, present, hidden) {
  cell.className = 'state ' + (present ? 'yes' : hidden ? 'hidden' : 'no');
  cell.textContent = present ? 'yes' : hidden ? 'hidden (HttpOnly)' : 'no';
}
async function refresh() {
  const documentCookie = document.cookie;
  document.getElementById('document-cookie').textContent = documentCookie || '(empty)';
  const received = await (await fetch('/received')).json();
  document.getElementById('server-cookie').textContent = received.cookie || '(no Cookie header)';
  const inDocument = parse(documentCookie);
  const atServer = parse(received.cookie);
  for (const name of names) {
    const row = document.querySelector('tr[data-cookie="' + CSS.escape(name) + '"]');
    const sent = atServer.has(name);
    mark(row.querySelector('[data-role=in-document]'), inDocument.has(name), sent && httpOnly.has(name));
    mark(row.querySelector('[data-role=at-server]'), sent, false);
  }
  document.body.dataset.ready = String(Number(document.body.dataset.ready || 0) + 1);
}
function showSent(lines, label) {
  document.getElementById('sent').textContent = lines.map((l) => 'Set-Cookie: ' + l).join('\\n');
  document.getElementById('sent-label').textContent = label;
}
document.addEventListener('click', async (event) => {
  const button = event.target.closest('button[data-action]');
  if (!button) return;
  const { action, name } = button.dataset;
  const response = await fetch('/cookies/' + encodeURIComponent(name) + '/' + action, { method: 'POST' });
  const body = await response.json();
  showSent(body.sent, '(' + action + ' ' + name + ')');
  await refresh();
});
showSent(${scriptJson(sent)}, '(with this page)');
refresh();
`;
}
