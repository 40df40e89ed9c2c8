// npm run soak [-- --seconds 120]: plugin mode (`node out.js --every 1s --spool DIR`) against a real collector
// that is killed and restarted every few seconds. Every row of the data file carries its own id, so the
// accounting is exact: for each window the run reports points sent and points not delivered (spooled); the
// ids the collector incarnations received must be exactly the ones reported sent, the spool must hold exactly
// the ones reported not delivered, and after `pxlc resend` every row of every window has arrived.
// The script's endpoint carries an API key header: it must never appear in output or in the spool.

import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startCollector, type ReceivedCollector } from '../../src/collector/server.js';
import { compile } from '../../src/index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const SECRET = 'soak-api-key-0d9f1c';
const ROW_EVERY_NS = 10_000_000n; // 100 rows a second
// Row times are off the millisecond grid, so none falls exactly on a window boundary (those are Date.now() ms).
const ROW_OFFSET_NS = 123_457n;

const SCRIPT = `import px
df = px.DataFrame(table='http_events', start_time=px.plugin.start_time, end_time=px.plugin.end_time)
px.export(df, px.otel.Data(
  endpoint=px.otel.Endpoint(url='collector.invalid:4317', headers={'x-api-key': '${SECRET}'}),
  resource={'service.name': 'soak'},
  data=[px.otel.metric.Gauge(name='soak.latency', value=df.latency, attributes={'row': df.req_path})],
))
`;

export interface SoakReport {
  readonly seconds: number;
  readonly windows: number;
  readonly restarts: number;
  /** Rows whose time_ falls in some window: the points that must arrive. */
  readonly expected: number;
  readonly reportedSent: number;
  readonly reportedFailed: number;
  readonly reportedSpooled: number;
  /** Distinct row ids the collector incarnations received during the run, and how many arrived twice. */
  readonly received: number;
  readonly duplicates: number;
  /** Distinct ids received by the collector after `pxlc resend` of the spool. */
  readonly resent: number;
  /** Everything that does not add up (empty when every count matches exactly). */
  readonly problems: readonly string[];
  readonly exitCode: number | null;
}

function rowIds(c: ReceivedCollector): string[] {
  return c.metrics.flatMap((r) =>
    r.resourceMetrics.flatMap((rm) =>
      rm.scopeMetrics.flatMap((sm) =>
        sm.metrics.flatMap((m) =>
          (m.gauge?.dataPoints ?? []).map((p) => String(p.attributes?.find((a) => a.key === 'row')?.value.stringValue)),
        ),
      ),
    ),
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A collector on a fixed port, up for `upMs` then down for the next of `downMs` (cycled), until stop().
 * Short outages are ridden out by the exporter's retries; the long ones outlast them (≈4 s), so points spool.
 */
function flappingCollector(port: number, upMs: number, downMs: readonly number[]) {
  const ids: string[] = [];
  let current: ReceivedCollector | undefined;
  let running = true;
  let restarts = 0;
  const loop = (async () => {
    while (running) {
      const c = await startCollector({ port });
      current = c;
      await sleep(upMs);
      if (!running) break;
      current = undefined;
      c.kill();
      ids.push(...rowIds(c));
      restarts++;
      await sleep(downMs[(restarts - 1) % downMs.length]!);
    }
  })();
  return {
    get restarts() {
      return restarts;
    },
    async stop(): Promise<string[]> {
      running = false;
      await loop;
      if (current) {
        ids.push(...rowIds(current));
        await current.stop();
      }
      return ids;
    },
  };
}

async function freePort(): Promise<number> {
  const c = await startCollector();
  const port = c.port;
  await c.stop();
  return port;
}

export async function soak(seconds: number): Promise<SoakReport> {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-soak-'));
  try {
    const spool = join(dir, 'spool');
    const data = join(dir, 'data');
    await mkdir(data);
    const compiled = compile({ path: 'soak.pxl', text: SCRIPT });
    if (!compiled.js) throw new Error(compiled.diagnostics.map((d) => d.message).join('\n'));
    const out = join(dir, 'soak.js');
    await writeFile(out, compiled.js);

    // Rows from 5 s before the start to 30 s after the end, one every 10 ms, each with its id in req_path.
    const startNs = BigInt(Date.now()) * 1_000_000n;
    const times: bigint[] = [];
    for (let t = startNs - 5_000_000_000n; t < startNs + BigInt(seconds + 30) * 1_000_000_000n; t += ROW_EVERY_NS)
      times.push(t + ROW_OFFSET_NS);
    await writeFile(
      join(data, 'http_events.ndjson'),
      times.map((t, i) => JSON.stringify({ time_: String(t), req_path: `r${i}`, latency: (i % 500) + 1 })).join('\n') +
        '\n',
    );

    const port = await freePort();
    const collector = flappingCollector(port, 3_000, [2_000, 8_000, 1_000, 5_000]);
    const child = spawn(
      process.execPath,
      [out, '--data', data, '--every', '1s', '--endpoint', `127.0.0.1:${port}`, '--insecure', '--spool', spool],
      { env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: '' } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await sleep(seconds * 1000);
    child.kill('SIGINT');
    const exitCode = await exited;
    const ids = await collector.stop();

    const problems: string[] = [];
    // Window lines print milliseconds; a window starts 1 ns after the previous one ends.
    const printed = [...stderr.matchAll(/^window (\S+) \.\. (\S+)$/gm)].map(
      (m) => [BigInt(Date.parse(m[1]!)) * 1_000_000n, BigInt(Date.parse(m[2]!)) * 1_000_000n] as const,
    );
    const windows = printed.map(([a, b], k) => [k === 0 ? a : printed[k - 1]![1] + 1n, b] as const);
    const sum = (re: RegExp) => [...stderr.matchAll(re)].reduce((a, m) => a + Number(m[1]), 0);
    const reportedSent = sum(/^exported (\d+)(?: of \d+)? metric points/gm);
    const reportedFailed = sum(/^error: (\d+) metric points and \d+ spans were NOT delivered/gm);
    const reportedSpooled = sum(/^ {2}(\d+) of them were written to /gm);
    const exportLines = (stderr.match(/^exported /gm) ?? []).length;
    if (exportLines !== windows.length) problems.push(`${windows.length} windows but ${exportLines} export reports`);
    for (let k = 1; k < printed.length; k++) {
      if (printed[k]![0] !== printed[k - 1]![1]) problems.push(`window ${k} does not start where window ${k - 1} ends`);
    }
    const expectedIds = new Set<string>();
    times.forEach((t, i) => {
      if (windows.some(([a, b]) => t >= a && t <= b)) expectedIds.add(`r${i}`);
    });
    const received = new Set(ids);
    if (reportedSent + reportedFailed !== expectedIds.size)
      problems.push(
        `reported ${reportedSent} sent + ${reportedFailed} not delivered, but the windows hold ${expectedIds.size} rows`,
      );
    if (reportedSpooled !== reportedFailed)
      problems.push(`${reportedFailed} not delivered but ${reportedSpooled} spooled`);
    if (received.size !== reportedSent)
      problems.push(`the collector received ${received.size} distinct points, the run reported ${reportedSent} sent`);
    for (const id of received)
      if (!expectedIds.has(id)) {
        problems.push(`received ${id}, which is in no window`);
        break;
      }

    // The spool, then re-sent to a collector that stays up.
    const spoolFiles = await readdir(spool).catch(() => [] as string[]);
    const spoolText = (await Promise.all(spoolFiles.map((f) => readFile(join(spool, f)))))
      .map((b) => b.toString('latin1'))
      .join('');
    if ([stdout, stderr, spoolFiles.join('\n'), spoolText].some((s) => s.includes(SECRET)))
      problems.push('the API key appears in output or in the spool');
    const live = await startCollector();
    let resent = 0;
    try {
      if (spoolFiles.length > 0) {
        const r = await promisify(execFile)(process.execPath, [
          join(ROOT, 'bin', 'pxlc.js'),
          'resend',
          spool,
          '--endpoint',
          `127.0.0.1:${live.port}`,
          '--insecure',
        ]);
        if ((r.stdout + r.stderr).includes(SECRET)) problems.push('the API key appears in pxlc resend output');
      }
      const again = rowIds(live);
      resent = new Set(again).size;
      if (resent !== reportedFailed)
        problems.push(`resend delivered ${resent} distinct points, ${reportedFailed} were spooled`);
      const all = new Set([...received, ...again]);
      const missing = [...expectedIds].filter((id) => !all.has(id));
      if (missing.length > 0)
        problems.push(`${missing.length} rows never arrived, e.g. ${missing.slice(0, 3).join(', ')}`);
    } finally {
      await live.stop();
    }
    // A window whose export is retrying through an outage ends late, so there are fewer windows than seconds.
    if (windows.length < seconds / 4) problems.push(`only ${windows.length} windows in ${seconds} s`);
    return {
      seconds,
      windows: windows.length,
      restarts: collector.restarts,
      expected: expectedIds.size,
      reportedSent,
      reportedFailed,
      reportedSpooled,
      received: received.size,
      duplicates: ids.length - received.size,
      resent,
      problems,
      exitCode,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const i = process.argv.indexOf('--seconds');
  const seconds = i >= 0 ? Number(process.argv[i + 1]) : 120;
  const r = await soak(seconds);
  console.log(
    `soak: ${r.seconds} s, ${r.windows} windows of 1 s, collector restarted ${r.restarts} times; ${r.expected} points due: ` +
      `${r.reportedSent} reported sent (${r.received} distinct received, ${r.duplicates} duplicates), ${r.reportedFailed} reported not delivered ` +
      `(${r.reportedSpooled} spooled, ${r.resent} delivered by pxlc resend); run exit code ${r.exitCode}`,
  );
  for (const p of r.problems) console.log(`  PROBLEM: ${p}`);
  if (r.problems.length === 0) console.log('  every count adds up exactly; the API key appears nowhere');
  process.exitCode = r.problems.length === 0 ? 0 : 1;
}
