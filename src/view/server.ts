// `pxlc view`'s web server, on Node's http, bound to 127.0.0.1 unless told otherwise. The page is static; it asks
// /api/page for the script's widgets and data (query parameters are variable values), and POSTs /api/send to
// deliver the exports to the collector. With a playground folder it also serves that under /playground/.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunOptions } from '../runtime/run.js';
import { undelivered } from '../runtime/otel/exporter.js';
import { buildPage } from '../runtime/view/build-page.js';
import { clusterNames, dataCluster, loadScript, ViewError } from './load.js';
import { otlpJsonRequests } from '../runtime/view/otlp-json.js';
import type { ViewPage } from '../runtime/view/page.js';

/** The browser bundles (`npm run build` writes them). */
export const WEB_DIR = fileURLToPath(new URL('../../web/', import.meta.url));

export interface ViewServerOptions {
  /** SCRIPT.pxl or a script bundle directory; absent: only the playground. */
  readonly path?: string;
  readonly host?: string;
  readonly port?: number;
  /** Data, clock and engine options for every run. */
  readonly run?: RunOptions;
  /** Options only the send button uses: endpoint override, plaintext, CA. */
  readonly send?: Pick<RunOptions, 'endpoint' | 'insecure' | 'caPem'>;
  readonly everyMs?: number;
  /** A folder written by `npm run playground:build`, served under /playground/. */
  readonly playgroundDir?: string;
}

export interface ViewServer {
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.pxl': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

export async function startViewServer(options: ViewServerOptions): Promise<ViewServer> {
  const host = options.host ?? '127.0.0.1';
  const cluster = clusterNames(options.run?.data ? await dataCluster(options.run.data) : undefined);
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (path === '/' && options.path) return send(res, 200, TYPES['.html']!, viewHtml());
    if (path === '/favicon.ico') return send(res, 200, 'image/svg+xml', FAVICON);
    if (path === '/' && options.playgroundDir) return redirect(res, '/playground/');
    if (path.startsWith('/assets/')) return serveFile(res, WEB_DIR, path.slice('/assets/'.length));
    if (path === '/playground') return redirect(res, '/playground/');
    if (path.startsWith('/playground/') && options.playgroundDir) {
      return serveFile(res, options.playgroundDir, path.slice('/playground/'.length) || 'index.html');
    }
    if (path === '/api/page' && req.method === 'GET' && options.path) {
      return sendJson(res, 200, await page(options, values(url), cluster));
    }
    if (path === '/api/send' && req.method === 'POST' && options.path)
      return sendJson(res, 200, await deliver(options));
    return send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: (e as Error).message });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 8080);
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function values(url: URL): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  for (const [k, v] of url.searchParams) out[k] = v;
  return out;
}

async function page(
  options: ViewServerOptions,
  given: Record<string, string>,
  cluster: Record<string, string[]>,
): Promise<ViewPage> {
  try {
    const loaded = await loadScript(options.path!);
    const built = await buildPage({
      title: loaded.title,
      module: loaded.module,
      ...(loaded.spec ? { spec: loaded.spec } : {}),
      values: given,
      options: options.run ?? {},
      clusterNames: cluster,
      otlp: otlpJsonRequests,
      ...(options.everyMs ? { everyMs: options.everyMs } : {}),
      canSend: true,
    });
    // --endpoint wins over the script's px.otel.Endpoint when Send delivers, so the preview names where it goes.
    const sendTo = options.send?.endpoint;
    return sendTo ? { ...built, exports: built.exports.map((x) => ({ ...x, endpoint: sendTo })) } : built;
  } catch (e) {
    if (!(e instanceof ViewError)) throw e;
    return {
      title: options.path!,
      variables: [],
      widgets: [],
      tables: {},
      exports: [],
      warnings: [],
      error: e.message,
      ranAt: new Date().toISOString(),
    };
  }
}

/** Runs the script's top level for real: its exports go to the collector. Header values never reach the answer. */
async function deliver(options: ViewServerOptions): Promise<{ delivered: boolean; lines: string[] }> {
  try {
    const { module } = await loadScript(options.path!);
    const result = await module.run({ ...options.run, ...options.send });
    const lines = result.exports.map(
      (r) =>
        `${r.endpoint}: ${r.metricPointsSent} points, ${r.spansSent} spans, ${r.logRecordsSent} log records sent` +
        (undelivered(r) > 0 ? `; ${undelivered(r)} not delivered: ${r.errors.join('; ')}` : ''),
    );
    return {
      delivered: result.delivered,
      lines: lines.length ? lines : ['the script has no px.export at its top level'],
    };
  } catch (e) {
    const err = e as { message?: string; hints?: readonly string[] };
    return { delivered: false, lines: [err.message ?? String(e), ...(err.hints ?? [])] };
  }
}

const FAVICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#12a3b5"/></svg>';

function viewHtml(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>pxlc view</title><link rel="icon" href="/favicon.ico"><link rel="stylesheet" href="/assets/view.css"></head>
<body><div id="app"></div><script type="module" src="/assets/view.js"></script></body></html>
`;
}

async function serveFile(res: ServerResponse, root: string, rel: string): Promise<void> {
  const file = normalize(join(root, decodeURIComponent(rel)));
  if (!file.startsWith(normalize(root + sep)) && file !== normalize(root))
    return send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
  }
  send(res, 200, TYPES[extname(file)] ?? 'application/octet-stream', body);
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

function redirect(res: ServerResponse, to: string): void {
  res.writeHead(302, { location: to });
  res.end();
}
