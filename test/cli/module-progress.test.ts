// A compiled module reading big --data files shows a progress line on stderr when stderr is a terminal (a
// pseudo-terminal here, through util-linux `script`), like pxlc's own long work, and says nothing in a pipe. The
// data file is a named pipe the test fills slowly, so the read takes over a second on any machine.

import test from 'ava';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, open, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { node, nodeInTerminal, pxlc } from '../support/cli.js';

const NOW = '2024-05-01T12:00:00Z';
const SCRIPT = `import px
df = px.DataFrame(table='http_events', start_time='-1m')
df = df.groupby('req_path').agg(requests=('latency', px.count))
px.display(df, 'paths')
`;

async function setUp(): Promise<{ out: string; data: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-module-progress-'));
  await writeFile(join(dir, 'paths.pxl'), SCRIPT);
  const out = join(dir, 'paths.js');
  const r = await pxlc(['compile', join(dir, 'paths.pxl'), '-o', out]);
  if (r.code !== 0) throw new Error(r.stderr);
  const data = join(dir, 'data');
  await mkdir(data);
  await promisify(execFile)('mkfifo', [join(data, 'http_events.csv')]);
  return { out, data };
}

/** Writes 30 000 rows into the data pipe: a third at once, a third after 1.3 s, the rest after 0.3 s more. */
async function feed(data: string): Promise<void> {
  const pipe = await open(join(data, 'http_events.csv'), 'w');
  const rows = (n: number) => Array.from({ length: n }, (_, i) => `2024-05-01T11:59:30Z,/p${i % 3},${i}\n`).join('');
  await pipe.write('time_,req_path,latency\n');
  await pipe.write(rows(10_000));
  await new Promise((r) => setTimeout(r, 1300));
  await pipe.write(rows(10_000));
  await new Promise((r) => setTimeout(r, 300));
  await pipe.write(rows(10_000));
  await pipe.close();
}

test('node out.js --data DIR shows rows read and rows/s on a terminal, then a summary line, then the tables', async (t) => {
  const { out, data } = await setUp();
  const [tty] = await Promise.all([
    nodeInTerminal([out, '--data', data, '--now', NOW, '--output', 'json']),
    feed(data),
  ]);
  t.is(tty.code, 0, tty.screen);
  // While the pipe is half full: a line with the rows so far; it is redrawn in place (no newline) until the summary.
  const lines = [
    ...tty.screen.matchAll(/\r\x1b\[Kpaths: reading [^\n\r]*data: ([\d ]+) rows in \d+\.\d s \([\d ]+ rows\/s\)/g),
  ].map((m) => Number(m[1]!.replace(/ /g, '')));
  t.true(lines.length >= 2, tty.screen);
  t.true(lines[0]! >= 4096 && lines[0]! < 30_000, tty.screen);
  t.regex(
    tty.screen,
    /\r\x1b\[Kpaths: reading [^\n]*data: 30 000 rows in \d+\.\d s \([\d ]+ rows\/s\)\n\{"_tableName_":"paths"/,
  );
  t.is(tty.screen.split('\n').filter((l) => l.startsWith('{')).length, 3);
});

test('in a pipe the same read prints no progress at all', async (t) => {
  const { out, data } = await setUp();
  const [piped] = await Promise.all([node([out, '--data', data, '--now', NOW, '--output', 'json']), feed(data)]);
  t.is(piped.code, 0, piped.stderr);
  t.is(piped.stderr, '');
  t.is(piped.stdout.trim().split('\n').length, 3);
});
