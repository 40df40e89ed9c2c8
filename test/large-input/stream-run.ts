// npm run large-input [-- --rows 5000000 --format csv|ndjson --window-heap-mb N]: writes an http_events file of N rows, compiles
// two scripts and runs each with `node out.js --data DIR` in its own process, reporting wall time and peak RSS
// (the child's own maxRSS) next to the file's size, and checking the results exactly against sums the writer
// computed while writing (latency sums pass 2^53 at a few million rows):
// - window: the last 10 s of the data (--now latest), the shape of an export plugin: memory does not depend
//   on the file's size, because rows outside the window are checked and dropped as they stream past;
// - whole: every row grouped by req_path: the file is read in batches that go through the filter into the
//   group-by's per-group state, so memory does not grow with the rows either.

import { execFile } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { compile } from '../../src/index.js';

const PATHS = [
  '/',
  '/api/v1/users',
  '/api/v1/orders',
  '/api/v1/cart/items',
  '/healthz',
  '/static/app.js',
  '/login',
  '/checkout/confirm',
];
const STATUS = [200, 200, 200, 200, 201, 304, 404, 500];
const T0 = 1_767_225_600_000_000_000n; // 2026-01-01T00:00:00Z
const STEP_NS = 1_000_000n; // one row per millisecond

export type Format = 'csv' | 'ndjson';

export interface Expected {
  readonly rows: number;
  /** Per req_path over the whole file: row count and exact latency sum. */
  readonly whole: ReadonlyMap<string, { count: number; latency: bigint }>;
  /** Rows whose time_ is in the last 10 s (inclusive), the --now latest window. */
  readonly windowRows: number;
}

function row(i: number): { time: bigint; upid: string; path: string; status: number; latency: bigint } {
  // Long-poll latencies of up to ~4000 s in ns: a path's sum passes 2^53 within a few tens of thousands of rows.
  const latency = BigInt(((i * 7919) % 40_000) + 1) * 100_000_000n + BigInt(i % 997);
  return {
    time: T0 + BigInt(i) * STEP_NS,
    upid: `${1 + (i % 3)}:${1000 + (i % 50)}:${12345 + (i % 50)}`,
    path: PATHS[(i * 31) % PATHS.length]!,
    status: STATUS[i % STATUS.length]!,
    latency,
  };
}

export async function writeHttpEvents(path: string, rows: number, format: Format): Promise<Expected> {
  const out = createWriteStream(path);
  const whole = new Map<string, { count: number; latency: bigint }>();
  const last = T0 + BigInt(rows - 1) * STEP_NS;
  let windowRows = 0;
  let buf = format === 'csv' ? 'time_,upid,remote_addr,req_method,req_path,resp_status,latency\n' : '';
  for (let i = 0; i < rows; i++) {
    const r = row(i);
    const g = whole.get(r.path) ?? { count: 0, latency: 0n };
    g.count++;
    g.latency += r.latency;
    whole.set(r.path, g);
    if (r.time >= last - 10_000_000_000n) windowRows++;
    buf +=
      format === 'csv'
        ? `${r.time},${r.upid},10.0.${i % 7}.${i % 251},GET,${r.path},${r.status},${r.latency}\n`
        : `{"time_":${r.time},"upid":"${r.upid}","remote_addr":"10.0.${i % 7}.${i % 251}","req_method":"GET","req_path":"${r.path}","resp_status":${r.status},"latency":${r.latency}}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      buf = '';
    }
  }
  out.write(buf);
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return { rows, whole, windowRows };
}

const WINDOW_SCRIPT = `import px
df = px.DataFrame(table='http_events', start_time='-10s')
df = df.groupby('req_path').agg(count=('latency', px.count), latency=('latency', px.sum))
px.display(df, 'window')
`;

const WHOLE_SCRIPT = `import px
df = px.DataFrame(table='http_events', start_time='-30d')
df = df[df.resp_status >= 0]
df = df.groupby('req_path').agg(count=('latency', px.count), latency=('latency', px.sum), slowest=('latency', px.max))
px.display(df, 'whole')
`;

// Printed by the child as it exits: its own peak resident set, in kilobytes.
const REPORT_RSS = `data:text/javascript,process.on('exit',()=>process.stderr.write('maxrss_kb='+process.resourceUsage().maxRSS+'\\n'))`;

export interface RunMeasure {
  readonly name: 'window' | 'whole';
  readonly seconds: number;
  readonly peakRssMb: number;
  /** req_path → [count, latency sum] as printed by the script (--output json). */
  readonly result: Map<string, [number, bigint]>;
}

async function runScript(dir: string, name: 'window' | 'whole', text: string, heapMb?: number): Promise<RunMeasure> {
  const r = compile({ path: `${name}.pxl`, text });
  if (!r.js) throw new Error(`${name}.pxl does not compile: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  const js = join(dir, `${name}.js`);
  await writeFile(js, r.js);
  const started = Date.now();
  const heap = heapMb ? [`--max-old-space-size=${heapMb}`] : [];
  const { stdout, stderr } = await promisify(execFile)(
    process.execPath,
    [...heap, '--import', REPORT_RSS, js, '--data', join(dir, 'data'), '--now', 'latest', '--output', 'json'],
    { maxBuffer: 1 << 26 },
  );
  const seconds = (Date.now() - started) / 1000;
  const kb = Number(/maxrss_kb=(\d+)/.exec(stderr)?.[1]);
  const result = new Map<string, [number, bigint]>();
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    // Big integers are printed as JSON numbers with every digit: read them as text, not as doubles.
    const o = JSON.parse(line.replace(/"latency":(\d+)/, '"latency":"$1"')) as {
      req_path: string;
      count: number;
      latency: string;
    };
    result.set(o.req_path, [o.count, BigInt(o.latency)]);
  }
  return { name, seconds, peakRssMb: kb / 1024, result };
}

export interface LargeInputReport {
  readonly rows: number;
  readonly format: Format;
  readonly fileMb: number;
  readonly writeSeconds: number;
  readonly runs: readonly RunMeasure[];
  readonly expected: Expected;
}

export interface LargeInputOptions {
  /** Run only these scripts (default both). */
  readonly only?: readonly ('window' | 'whole')[];
  /** Cap the V8 heap of the window run: a file larger than the cap can only pass if it is streamed. */
  readonly windowHeapMb?: number;
}

export async function largeInput(
  rows: number,
  format: Format,
  options: LargeInputOptions = {},
): Promise<LargeInputReport> {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-large-'));
  try {
    await promisify(execFile)('mkdir', [join(dir, 'data')]);
    const file = join(dir, 'data', `http_events.${format === 'csv' ? 'csv' : 'ndjson'}`);
    const started = Date.now();
    const expected = await writeHttpEvents(file, rows, format);
    const writeSeconds = (Date.now() - started) / 1000;
    const fileMb = (await stat(file)).size / (1 << 20);
    const only = options.only ?? ['window', 'whole'];
    const runs: RunMeasure[] = [];
    if (only.includes('window')) runs.push(await runScript(dir, 'window', WINDOW_SCRIPT, options.windowHeapMb));
    if (only.includes('whole')) runs.push(await runScript(dir, 'whole', WHOLE_SCRIPT));
    return { rows, format, fileMb, writeSeconds, runs, expected };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Differences between what a run printed and what the writer counted (empty when exact). */
export function mismatches(report: LargeInputReport): string[] {
  const out: string[] = [];
  for (const run of report.runs) {
    if (run.name === 'whole') {
      for (const [path, g] of report.expected.whole) {
        const got = run.result.get(path);
        if (!got || got[0] !== g.count || got[1] !== g.latency)
          out.push(`whole ${path}: expected ${g.count} rows, latency ${g.latency}; got ${got?.join(', ')}`);
      }
    } else {
      const n = [...run.result.values()].reduce((a, [c]) => a + c, 0);
      if (n !== report.expected.windowRows) out.push(`window: expected ${report.expected.windowRows} rows, got ${n}`);
    }
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const argv = process.argv.slice(2);
  const opt = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const rows = Number(opt('--rows') ?? 5_000_000);
  const format = (opt('--format') ?? 'csv') as Format;
  const heap = opt('--window-heap-mb');
  const report = await largeInput(rows, format, heap ? { windowHeapMb: Number(heap) } : {});
  console.log(
    `large input: ${rows} rows of http_events as ${format}, ${report.fileMb.toFixed(0)} MB (written in ${report.writeSeconds.toFixed(1)} s)`,
  );
  for (const r of report.runs) {
    console.log(
      `  ${r.name.padEnd(6)} ${r.seconds.toFixed(1)} s, peak RSS ${r.peakRssMb.toFixed(0)} MB, ${[...r.result.values()].reduce((a, [c]) => a + c, 0)} rows aggregated`,
    );
  }
  const bad = mismatches(report);
  for (const m of bad) console.log(`  MISMATCH ${m}`);
  if (bad.length === 0) console.log("  results exact (counts and latency sums match the writer's)");
  process.exitCode = bad.length === 0 ? 0 : 1;
}
