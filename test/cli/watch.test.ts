// --watch for compile, check and test: run once, then again on every change of the script, its vis.json, the
// schema file or a test file; a broken edit prints its diagnostics (compile keeps the last good module); Ctrl-C stops it
// with the last run's exit code.

import test from 'ava';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PXLC } from '../support/cli.js';
import { ROOT } from '../support/golden.js';

const GOOD = (name: string) =>
  `import px\ndf = px.DataFrame(table='http_events', start_time='-10s')\npx.display(df, '${name}')\n`;
const BAD =
  "import px\ndf = px.DataFrame(table='http_events', start_time='-10s')\ndf.x = df.latncy * 2\npx.display(df)\n";

async function until<T>(f: () => Promise<T | undefined>, ms = 40_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

test.serial(
  'compile --watch rebuilds on a change, keeps the last good output on errors, stops on SIGINT',
  async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'pxlc-watch-'));
    const script = join(dir, 's.pxl');
    const out = join(dir, 'out.js');
    await writeFile(script, GOOD('first'));
    const child = spawn(process.execPath, [PXLC, 'compile', script, '-o', out, '--watch'], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      await until(async () => (stderr.includes('watching') ? true : undefined));
      t.true((await readFile(out, 'utf8')).includes("'first'"));

      const changedAt = Date.now();
      await writeFile(script, GOOD('second'));
      await until(async () => ((await readFile(out, 'utf8')).includes("'second'") ? true : undefined));
      // The issue's target is under a second; on a loaded shared machine it is only logged.
      t.log(`new output ${Date.now() - changedAt} ms after the change`);

      const before = (await stat(out)).mtimeMs;
      await writeFile(script, BAD);
      await until(async () => (stderr.includes("Column 'latncy' not found") ? true : undefined));
      t.is((await stat(out)).mtimeMs, before);
      t.true((await readFile(out, 'utf8')).includes("'second'"));
      t.regex(stderr, /change detected: running again/);
    } finally {
      child.kill('SIGINT');
    }
    t.is(await exited, 1);
  },
);

/** `pxlc ARGS --watch` in the background: what it has printed so far, and a wait for what it prints next. */
function watching(args: readonly string[], cwd: string) {
  const child = spawn(process.execPath, [PXLC, ...args, '--watch'], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined },
  });
  let output = '';
  let seen = 0;
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    output += d;
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return {
    /** What was printed after the last `next`, once it matches `pattern` and the run that printed it is over. */
    async next(pattern: RegExp): Promise<string> {
      const text = await until(async () => {
        const fresh = output.slice(seen);
        return pattern.test(fresh) && /watching \d+ files?/.test(fresh.slice(fresh.search(pattern)))
          ? fresh
          : undefined;
      });
      seen += text.length;
      return text;
    },
    async stop(): Promise<number | null> {
      child.kill('SIGINT');
      return exited;
    },
  };
}

const SCHEMA = (amount: string) =>
  JSON.stringify({
    tables: {
      payments: {
        columns: [
          { name: 'time_', type: 'TIME64NS' },
          { name: 'upid', type: 'UINT128' },
          { name: amount, type: 'FLOAT64' },
        ],
      },
    },
  });
const PAYMENTS = (column: string) =>
  `import px\n\ndef big(start_time: str, limit: int):\n    df = px.DataFrame(table='payments', start_time=start_time)\n    df.big = df.${column} > 10.0\n    return df.head(limit)\n`;
const VIS = (func: string) =>
  JSON.stringify(
    {
      variables: [{ name: 'start_time', type: 'PX_STRING', defaultValue: '-5m' }],
      widgets: [
        {
          name: 'Big',
          func: {
            name: func,
            args: [
              { name: 'start_time', variable: 'start_time' },
              { name: 'limit', value: '5' },
            ],
          },
        },
      ],
    },
    null,
    2,
  );

test.serial('check --watch prints fresh diagnostics when the script, its vis.json or the schema changes', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-watch-check-'));
  await writeFile(join(dir, 'payments.pxl'), PAYMENTS('amount'));
  await writeFile(join(dir, 'vis.json'), VIS('big'));
  await writeFile(join(dir, 'schema.json'), SCHEMA('amount'));
  let code: number | null = null;
  const w = watching(['check', 'payments.pxl', '--schema', 'schema.json'], dir);
  try {
    const first = await w.next(/watching 3 files/);
    t.false(first.includes('error'), first);

    await writeFile(join(dir, 'payments.pxl'), PAYMENTS('amont'));
    t.regex(
      await w.next(/change detected[^]*payments\.pxl:5:17: error PXL4003: Column 'amont' not found/),
      /did you mean 'amount'/,
    );

    await writeFile(join(dir, 'payments.pxl'), PAYMENTS('amount'));
    t.false((await w.next(/change detected/)).includes('error'));

    await writeFile(join(dir, 'vis.json'), VIS('bigg'));
    t.regex(await w.next(/change detected[^]*vis\.json:\d+:\d+: error/), /'bigg'/);
    await writeFile(join(dir, 'vis.json'), VIS('big'));
    t.false((await w.next(/change detected/)).includes('error'));

    await writeFile(join(dir, 'schema.json'), SCHEMA('total'));
    await w.next(/change detected[^]*payments\.pxl:5:17: error PXL4003: Column 'amount' not found/);
    await writeFile(join(dir, 'schema.json'), SCHEMA('amount'));
    t.false((await w.next(/change detected/)).includes('error'));
  } finally {
    code = await w.stop();
  }
  // The exit code is the last run's: the script checks clean now.
  t.is(code, 0);
});

test.serial('check --watch DIR sees a script added to the directory', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-watch-dir-'));
  await writeFile(join(dir, 'a.pxl'), GOOD('a'));
  let code: number | null = null;
  const w = watching(['check', '.'], dir);
  try {
    await w.next(/watching/);
    await writeFile(join(dir, 'b.pxl'), BAD);
    await w.next(
      /change detected[^]*b\.pxl:3:11: error PXL4003: Column 'latncy' not found[^]*checked 2 scripts: 1 with errors/,
    );
  } finally {
    code = await w.stop();
  }
  t.is(code, 1);
});

/** One case of error_rate over four requests, one of them a 503. */
const TEST_CASE = (expected: string) => `script: slow_requests.pxl
cases:
  - name: error rate
    now: "2026-02-01T10:00:00Z"
    func: error_rate
    args: { start_time: -1m }
    tables:
      http_events:
${[200, 200, 503, 200].map((status, i) => `        - { time_: "2026-02-01T09:59:5${i}Z", upid: "1:20:1", resp_status: ${status}, latency: 5 }`).join('\n')}
    expect:
      displays:
        error_rate:
          rows: [ { service: "", errors: 1, requests: 4, error_rate: ${expected} } ]
`;

test.serial('test --watch runs the cases again when the test file or the script it tests changes', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-watch-test-'));
  const script = await readFile(join(ROOT, 'examples', 'slow_requests.pxl'), 'utf8');
  await writeFile(join(dir, 'slow_requests.pxl'), script);
  await writeFile(join(dir, 'rates.test.yaml'), TEST_CASE('0.5'));
  let code: number | null = null;
  const w = watching(['test', '.'], dir);
  try {
    t.regex(await w.next(/0 passed, 1 failed[^]*watching/), /column 'error_rate': expected 0\.5, got 0\.25/);

    await writeFile(join(dir, 'rates.test.yaml'), TEST_CASE('0.25'));
    t.regex(await w.next(/change detected[^]*1 passed, 0 failed/), /✓ error rate/);

    // The script the test names changes: 503 is no longer counted as failed.
    await writeFile(join(dir, 'slow_requests.pxl'), script.replace('df.resp_status >= 500', 'df.resp_status >= 600'));
    t.regex(await w.next(/change detected[^]*0 passed, 1 failed/), /column 'errors': expected 1, got 0/);

    // A broken test file is reported as such; the run goes on watching.
    await writeFile(join(dir, 'rates.test.yaml'), 'cases: [\n');
    t.regex(await w.next(/change detected[^]*0 passed, 1 failed/), /✗ rates\.test\.yaml: .* at line 2, column 1/);

    await writeFile(join(dir, 'slow_requests.pxl'), script);
    await writeFile(join(dir, 'rates.test.yaml'), TEST_CASE('0.25'));
    await w.next(/change detected[^]*1 passed, 0 failed/);
  } finally {
    code = await w.stop();
  }
  t.is(code, 0);
});
