// `pxlc collector [--host H] [--port N] [--tls CERT KEY] [--json]`: a local OTLP/gRPC collector that prints what arrives, for
// trying export scripts without a real backend. Stops on Ctrl-C.

import { readFileSync } from 'node:fs';
import { formatRequest, maskMetadata } from './format.js';
import { startCollector } from './server.js';

const USAGE = 'usage: pxlc collector [--host HOST] [--port PORT] [--tls CERT.pem KEY.pem] [--json]';

export async function runCollectorCli(argv: readonly string[]): Promise<number> {
  let host = '127.0.0.1';
  let port = 4317;
  let json = false;
  let tls: { cert: Buffer; key: Buffer } | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = argv[i + 1];
    if (a === '--host' && v) { host = v; i++; }
    else if (a === '--port' && v && /^\d+$/.test(v) && Number(v) < 65536) { port = Number(v); i++; }
    else if (a === '--json') json = true;
    else if (a === '--tls' && v && argv[i + 2]) {
      try {
        tls = { cert: readFileSync(v), key: readFileSync(argv[i + 2]!) };
      } catch (e) {
        process.stderr.write(`pxlc collector: cannot read --tls files: ${(e as Error).message}\n`);
        return 2;
      }
      i += 2;
    }
    else {
      process.stderr.write(`pxlc collector: unexpected argument '${a}'\n${USAGE}\n`);
      return 2;
    }
  }
  let collector;
  try {
    collector = await startCollector({ host, port, ...(tls ? { tls } : {}) });
  } catch (e) {
    process.stderr.write(`pxlc collector: cannot listen on ${host}:${port}: ${(e as Error).message.split('\n')[0]}\n`);
    return 1;
  }
  collector.onRequest = (r, payload) => {
    if (json) {
      const masked = Object.fromEntries(maskMetadata(r.metadata).split(' ').filter(Boolean).map((kv) => kv.split('=') as [string, string]));
      process.stdout.write(`${JSON.stringify({ signal: r.signal, metadata: masked, request: payload })}\n`);
    } else {
      process.stdout.write(`${formatRequest(r, payload)}\n`);
    }
  };
  process.stderr.write(`listening on ${host}:${collector.port} (OTLP/gRPC, ${tls ? 'TLS' : 'plaintext'}); Ctrl-C to stop\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await collector.stop();
  return 0;
}
