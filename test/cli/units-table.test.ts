// `node out.js` prints a table for people: durations, sizes, percentages and rates in the units px run shows,
// by each column's semantic type; --raw prints the stored values, and JSON rows are always raw.

import test from 'ava';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath, golden } from '../support/golden.js';
import { node, pxlc } from '../support/cli.js';

const RUN = ['--now', '2024-05-01T12:00:00Z', '--seed', '2', '--rows', '300'];

const compiled = (async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-units-'));
  const out = join(dir, 'out.js');
  const r = await pxlc(['compile', fixturePath('cli', 'service_units.pxl'), '-o', out]);
  if (r.code !== 0) throw new Error(r.stderr);
  return { dir, out };
})();

test('the table shows each column in its unit: 12.9 ms, 1.85 %, 0.360000 /sec, 168 KiB, 574 B/sec', async (t) => {
  const { dir, out } = await compiled;
  const r = await node([out, ...RUN], { cwd: dir });
  t.is(r.code, 0, r.stderr);
  t.is(...golden(fixturePath('cli', 'service_units.table.txt'), r.stdout));
});

test('--raw shows the stored values: ns, fractions, rates per ns, bytes, the JSON of a script reference', async (t) => {
  const { dir, out } = await compiled;
  const r = await node([out, ...RUN, '--raw'], { cwd: dir });
  t.is(r.code, 0, r.stderr);
  t.is(...golden(fixturePath('cli', 'service_units.raw.txt'), r.stdout));
});

test('JSON rows keep the stored values whatever the semantic type', async (t) => {
  const { dir, out } = await compiled;
  const r = await node([out, ...RUN, '--output', 'json'], { cwd: dir });
  t.is(r.code, 0, r.stderr);
  const first = JSON.parse(r.stdout.split('\n')[0]!) as Record<string, unknown>;
  t.is(first['latency_p50'], 12930280);
  t.is(first['error_rate'], 0);
  t.is(first['request_throughput'], 47 / 300e9);
  t.is(first['bytes_total'], 92405);
});
