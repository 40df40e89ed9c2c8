// Source maps: a compiled module carries a map back to its .pxl (inline by default, or OUT.js.map), and a run-time
// error inside the script's own operators names the .pxl line and column with the source line and a caret — as
// compile errors do — with no --enable-source-maps.

import test from 'ava';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { node, pxlc } from '../support/cli.js';

// A function-based script whose argument is read as a duration when it runs: a bad value fails in line 6.
const SCRIPT = `import px

def durations(window: str):
    df = px.DataFrame(table='http_events', start_time='-5m')
    df = df.head(3)
    df.span = px.parse_duration(window)
    px.display(df[['req_path', 'span']])
`;

const LOCATED = `durations.pxl:6:15: error: 'soon' is not a duration like '-5m' (units ms, s, m, h, d)
  |
6 |     df.span = px.parse_duration(window)
  |               ^
`;

async function compiled(...flags: string[]): Promise<{ dir: string; out: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-map-'));
  await writeFile(join(dir, 'durations.pxl'), SCRIPT);
  const r = await pxlc(['compile', 'durations.pxl', '-o', 'build/durations.js', ...flags], { cwd: dir });
  if (r.code !== 0) throw new Error(r.stderr);
  return { dir, out: join(dir, 'build', 'durations.js') };
}

test('a run-time error names the .pxl line and column, with the line and a caret (inline map, the default)', async (t) => {
  const { dir, out } = await compiled();
  t.regex(
    await readFile(out, 'utf8'),
    /\n\/\/# sourceMappingURL=data:application\/json;charset=utf-8;base64,[A-Za-z0-9+/=]+\n$/,
  );
  const r = await node([out, '--func', 'durations', '--arg', 'window=soon'], { cwd: dir });
  t.is(r.code, 1);
  t.is(r.stderr, LOCATED);
  const ok = await node([out, '--func', 'durations', '--arg', 'window=-5m'], { cwd: dir });
  t.is(ok.code, 0, ok.stderr);
});

test('--sourcemap external writes OUT.js.map beside the module, and errors are located through it', async (t) => {
  const { dir, out } = await compiled('--sourcemap', 'external');
  const code = await readFile(out, 'utf8');
  t.true(code.endsWith('\n//# sourceMappingURL=durations.js.map\n'));
  const map = JSON.parse(await readFile(`${out}.map`, 'utf8')) as {
    version: number;
    file: string;
    sources: string[];
    sourcesContent: string[];
    mappings: string;
  };
  t.like(map, { version: 3, file: 'durations.js', sources: ['durations.pxl'], sourcesContent: [SCRIPT] });
  // The statement that reads the script's table maps to the px.DataFrame line; the loop computing `span` to line 6.
  const lines = code.split('\n');
  const at = (pattern: RegExp) => {
    const line = lines.findIndex((l) => pattern.test(l));
    return new SourceMap(map as unknown as SourceMapPayload).findEntry(line, lines[line]!.search(/\S/));
  };
  t.like(at(/const t0 = await env\.source\('http_events'/), { originalSource: 'durations.pxl', originalLine: 3 });
  t.like(at(/const t1 = rt\.limitRows/), { originalSource: 'durations.pxl', originalLine: 4 });
  t.like(at(/^\s+o\d+\[i\] = /), { originalSource: 'durations.pxl', originalLine: 5, originalColumn: 14 });
  const r = await node([out, '--func', 'durations', '--arg', 'window=soon'], { cwd: dir });
  t.is(r.stderr, LOCATED);
});

test('under node --enable-source-maps the error is located the same (Node has mapped the frame already)', async (t) => {
  const { dir, out } = await compiled();
  const r = await node(['--enable-source-maps', out, '--func', 'durations', '--arg', 'window=soon'], { cwd: dir });
  t.is(r.code, 1);
  t.is(r.stderr, LOCATED);
  const external = await compiled('--sourcemap', 'external');
  const e = await node(['--enable-source-maps', external.out, '--func', 'durations', '--arg', 'window=soon'], {
    cwd: external.dir,
  });
  t.is(e.stderr, LOCATED);
});

test('--sourcemap none leaves the map out: the error is reported without a location', async (t) => {
  const { dir, out } = await compiled('--sourcemap=none');
  t.false((await readFile(out, 'utf8')).includes('sourceMappingURL'));
  const r = await node([out, '--func', 'durations', '--arg', 'window=soon'], { cwd: dir });
  t.is(r.code, 1);
  t.is(r.stderr, "durations: error: 'soon' is not a duration like '-5m' (units ms, s, m, h, d)\n");
});
