// `pxlc view SCRIPT --endpoint HOST:PORT`: the export preview names the endpoint the Send button delivers to (the
// flag, as for a compiled module), not the script's own px.otel.Endpoint url.

import test from 'ava';
import { join } from 'node:path';
import { startViewServer } from '../../src/view/server.js';
import { ROOT } from '../support/golden.js';

const TUTORIAL = join(ROOT, 'examples', 'http_throughput.pxl');

async function previewEndpoints(send: { endpoint?: string; insecure?: boolean }): Promise<(string | undefined)[]> {
  const server = await startViewServer({ path: TUTORIAL, port: 0, run: {}, send });
  try {
    const page = (await (await fetch(`${server.url}api/page`)).json()) as { exports: { endpoint?: string }[] };
    return page.exports.map((x) => x.endpoint);
  } finally {
    await server.close();
  }
}

test("the export preview names --endpoint when it is given, else the script's url", async (t) => {
  t.deepEqual(await previewEndpoints({ endpoint: '127.0.0.1:4317', insecure: true }), ['127.0.0.1:4317']);
  t.deepEqual(await previewEndpoints({}), ['otel-collector.observability.svc.cluster.local:4317']);
});
