// When a run spools what it could not deliver, the `pxlc resend` command it prints reaches the same collector the
// same way: --insecure for plaintext gRPC, --protocol and the base URL for OTLP/HTTP (resend appends /v1/traces
// itself), and the header names the script sends, with the value left out.

import test from 'ava';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { node } from '../support/cli.js';
import { compile } from '../../src/index.js';

const SCRIPT = `import px
df = px.DataFrame(table='http_events', select=['time_', 'latency'], start_time='-1m')
df = df.head(3)
px.export(df, px.otel.Data(endpoint=px.otel.Endpoint(url='unused:4317', headers={'apikey': 's3cret'}),
  resource={'service.name': 'edge'}, data=[px.otel.metric.Gauge(name='latency', value=df.latency)]))
`;

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test('the printed resend command carries --insecure, --protocol with the base URL, and header names only', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-resend-hint-'));
  const file = join(dir, 'out.js');
  await writeFile(file, compile({ path: 'edge.pxl', text: SCRIPT }).js!);
  const port = await closedPort();
  const spool = join(dir, 'spool');
  const grpc = await node(
    [file, '--endpoint', `127.0.0.1:${port}`, '--insecure', '--spool', spool, '--timeout', '1s'],
    { cwd: dir },
  );
  t.is(grpc.code, 1);
  t.true(
    grpc.stderr.includes(
      `re-send with pxlc resend ${spool} --endpoint 127.0.0.1:${port} --insecure --header apikey=VALUE\n`,
    ),
    grpc.stderr,
  );
  const http = await node(
    [
      file,
      '--endpoint',
      `http://127.0.0.1:${port}`,
      '--protocol',
      'http/protobuf',
      '--spool',
      spool,
      '--timeout',
      '1s',
    ],
    { cwd: dir },
  );
  t.is(http.code, 1);
  t.true(
    http.stderr.includes(
      `re-send with pxlc resend ${spool} --endpoint http://127.0.0.1:${port} --protocol http/protobuf --header apikey=VALUE\n`,
    ),
    http.stderr,
  );
  t.false(`${grpc.stderr}${http.stderr}`.includes('s3cret'));
});
