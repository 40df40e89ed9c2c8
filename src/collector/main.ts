// `pxlc collector`: a local OTLP collector (gRPC on 4317, HTTP on 4318) that prints what arrives, for trying export
// scripts without a real backend, and fault injection for testing exporters against it. Stops on Ctrl-C.

import { readFileSync } from 'node:fs';
import { status } from '@grpc/grpc-js';
import { formatRequest } from './format.js';
import { startCollector, type InjectedFault } from './server.js';
import { requestJsonText } from '../runtime/otel/otlp-json.js';
import { requestType } from '../runtime/otel/proto.js';
import { parseDurationFlag } from '../runtime/flag-values.js';

const USAGE = `usage: pxlc collector [options]
  --host HOST            listen on HOST (default 127.0.0.1)
  --port PORT            OTLP/gRPC port (default 4317; 0: any free port)
  --http-port PORT       OTLP/HTTP port (default 4318; 0: any free port)
  --no-http              serve gRPC only
  --tls CERT.pem KEY.pem serve TLS (both protocols) with this certificate and key
  --client-ca CA.pem     with --tls: require client certificates signed by this CA (mTLS)
  --json                 print each request as OTLP/JSON, one per line (for OTLP/JSON tools)
fault injection (requests are counted from 1 in arrival order, all signals, both protocols):
  --fail CODE,CODE,...   answer the first requests with these gRPC codes in turn (OK, UNAVAILABLE,
                         RESOURCE_EXHAUSTED, INVALID_ARGUMENT, ... or numbers); over HTTP the matching status
                         (503, 429, 400, ...); a failed request is not kept
  --retry-after DURATION attach a retry delay to those failures (gRPC RetryInfo; HTTP Retry-After)
  --delay DURATION       answer every request this late (it is kept at once: an answer after the client's deadline)
  --reject N             answer with a partial success rejecting N items of each request
  --reject-message TEXT  the partial success's error message
  --die-after N          after N requests, drop every connection and exit on the next one
  -h, --help             show this help`;

class Usage extends Error {}

interface CollectorFlags {
  host: string;
  port: number;
  httpPort?: number;
  json: boolean;
  tls?: { cert: Buffer; key: Buffer; clientCa?: Buffer };
  fail: number[];
  retryAfterMs?: number;
  delayMs?: number;
  reject?: number;
  rejectMessage?: string;
  dieAfter?: number;
}

function portOf(v: string | undefined, flag: string): number {
  if (v === undefined || !/^\d+$/.test(v) || Number(v) > 65535) throw new Usage(`${flag} needs a port number 0..65535`);
  return Number(v);
}

function countOf(v: string | undefined, flag: string): number {
  if (v === undefined || !/^\d+$/.test(v)) throw new Usage(`${flag} needs a whole number`);
  return Number(v);
}

function msOf(v: string | undefined, flag: string): number {
  if (v === undefined) throw new Usage(`${flag} needs a duration, e.g. 2s`);
  return Number(parseDurationFlag(v, flag) / 1_000_000n);
}

function codeOf(name: string): number {
  const upper = name.trim().toUpperCase();
  if (/^\d+$/.test(upper) && Number(upper) <= 16) return Number(upper);
  const code = (status as unknown as Record<string, number | undefined>)[upper];
  if (typeof code !== 'number')
    throw new Usage(`--fail: '${name}' is not a gRPC status code (OK, UNAVAILABLE, RESOURCE_EXHAUSTED, ...)`);
  return code;
}

function readFile(path: string | undefined, flag: string): Buffer {
  if (path === undefined) throw new Usage(`${flag} needs a file`);
  try {
    return readFileSync(path);
  } catch (e) {
    throw new Usage(`${flag}: cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function parseFlags(argv: readonly string[]): CollectorFlags {
  const f: CollectorFlags = { host: '127.0.0.1', port: 4317, httpPort: 4318, json: false, fail: [] };
  let clientCa: Buffer | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = () => argv[++i];
    switch (a) {
      case '--host': {
        const v = next();
        if (!v) throw new Usage('--host needs a value');
        f.host = v;
        break;
      }
      case '--port':
        f.port = portOf(next(), a);
        break;
      case '--http-port':
        f.httpPort = portOf(next(), a);
        break;
      case '--no-http':
        delete f.httpPort;
        break;
      case '--json':
        f.json = true;
        break;
      case '--tls':
        f.tls = { cert: readFile(next(), '--tls CERT'), key: readFile(next(), '--tls KEY') };
        break;
      case '--client-ca':
        clientCa = readFile(next(), a);
        break;
      case '--fail': {
        const v = next();
        if (!v) throw new Usage('--fail needs CODE,CODE,...');
        f.fail = v.split(',').map(codeOf);
        break;
      }
      case '--retry-after':
        f.retryAfterMs = msOf(next(), a);
        break;
      case '--delay':
        f.delayMs = msOf(next(), a);
        break;
      case '--reject':
        f.reject = countOf(next(), a);
        break;
      case '--reject-message': {
        const v = next();
        if (v === undefined) throw new Usage('--reject-message needs a text');
        f.rejectMessage = v;
        break;
      }
      case '--die-after':
        f.dieAfter = countOf(next(), a);
        break;
      case '--help':
      case '-h':
        throw new Usage('');
      default:
        throw new Usage(`unexpected argument '${a}'`);
    }
  }
  if (clientCa) {
    if (!f.tls) throw new Usage('--client-ca needs --tls CERT KEY');
    f.tls.clientCa = clientCa;
  }
  return f;
}

/** The n-th request's (0-based) scripted answer. */
export function faultSchedule(
  f: Pick<CollectorFlags, 'fail' | 'retryAfterMs' | 'delayMs' | 'reject' | 'rejectMessage' | 'dieAfter'>,
): (n: number) => InjectedFault | undefined {
  return (n) => {
    if (f.dieAfter !== undefined && n >= f.dieAfter) return { die: true };
    const code = f.fail[n];
    const delay = f.delayMs !== undefined ? { delayMs: f.delayMs } : {};
    if (code !== undefined && code !== status.OK) {
      return { code, ...delay, ...(f.retryAfterMs !== undefined ? { retryDelayMs: f.retryAfterMs } : {}) };
    }
    if (f.reject !== undefined)
      return {
        rejected: f.reject,
        ...(f.rejectMessage !== undefined ? { errorMessage: f.rejectMessage } : {}),
        ...delay,
      };
    return f.delayMs !== undefined ? { delayMs: f.delayMs } : undefined;
  };
}

export async function runCollectorCli(argv: readonly string[]): Promise<number> {
  let f: CollectorFlags;
  try {
    f = parseFlags(argv);
  } catch (e) {
    if (!(e instanceof Usage) && !(e instanceof Error && e.name === 'PxlRuntimeError')) throw e;
    // Help to stdout; a mistake is one line pointing at it, as for every pxlc command.
    if (!e.message) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    process.stderr.write(`pxlc collector: ${e.message}; see 'pxlc collector --help'\n`);
    return 2;
  }
  let dying: (() => void) | undefined;
  const schedule = faultSchedule(f);
  let collector;
  try {
    collector = await startCollector({
      host: f.host,
      port: f.port,
      ...(f.httpPort !== undefined ? { httpPort: f.httpPort } : {}),
      ...(f.tls ? { tls: f.tls } : {}),
      faults: (n) => {
        const fault = schedule(n);
        if (fault && 'die' in fault) setImmediate(() => dying?.());
        return fault;
      },
    });
  } catch (e) {
    const message = (e as Error).message.split('\n')[0]!;
    // The HTTP port is taken by default too, so `--port 4317` alone can fail on 4318: name the flags that move it.
    const busy = /EADDRINUSE/.test(message)
      ? '\n  help: choose other ports with --port PORT and --http-port PORT (0: any free port), or serve gRPC only with --no-http'
      : '';
    process.stderr.write(`pxlc collector: cannot listen on ${f.host}: ${message}${busy}\n`);
    return 1;
  }
  collector.onRequest = (r, payload) => {
    if (f.json) {
      const type = requestType(r.signal);
      process.stdout.write(
        `${requestJsonText(r.signal, type.encode(type.fromObject(payload as Record<string, unknown>)).finish())}\n`,
      );
    } else {
      process.stdout.write(`${formatRequest(r, payload)}\n`);
    }
  };
  const http = collector.httpPort !== undefined ? ` and ${f.host}:${collector.httpPort} (OTLP/HTTP)` : '';
  process.stderr.write(
    `listening on ${f.host}:${collector.port} (OTLP/gRPC)${http}, ${f.tls ? `TLS${f.tls.clientCa ? ' with client certificates' : ''}` : 'plaintext'}; Ctrl-C to stop\n`,
  );
  const code = await new Promise<number>((resolve) => {
    process.once('SIGINT', () => resolve(0));
    process.once('SIGTERM', () => resolve(0));
    dying = () => {
      process.stderr.write(`pxlc collector: dying after ${f.dieAfter} requests (--die-after)\n`);
      resolve(3);
    };
  });
  if (code === 3) collector.kill();
  else await collector.stop();
  return code;
}
