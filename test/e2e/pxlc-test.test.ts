// `pxlc test`: test files next to scripts, run against the compiled script and a real in-process collector.

import test from 'ava';
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../support/golden.js';

const PXLC = join(ROOT, 'bin', 'pxlc.js');

async function pxlc(args: string[], cwd = ROOT): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await promisify(execFile)('node', [PXLC, ...args], { cwd });
    return { code: 0, ...r };
  } catch (e) {
    return e as { code: number; stdout: string; stderr: string };
  }
}

test("the project's examples pass their own tests", async (t) => {
  const r = await pxlc(['test', 'examples']);
  t.is(r.code, 0, r.stdout + r.stderr);
  t.regex(r.stdout, /^\d+ passed, 0 failed$/m);
  t.regex(r.stdout, /✓ one gauge point per pod, service and path/);
});

async function scratch(yaml: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-t-'));
  await copyFile(join(ROOT, 'examples', 'slow_requests.pxl'), join(dir, 'slow_requests.pxl'));
  await writeFile(join(dir, 'slow_requests.test.yaml'), yaml);
  return dir;
}

const CASE = `cases:
  - name: error rate
    now: "2026-01-01T00:01:00Z"
    func: error_rate
    args: { start_time: -5m }
    tables:
      http_events:
        - { time_: "2026-01-01T00:00:50Z", upid: "1:10:1", resp_status: 200, latency: 1 }
        - { time_: "2026-01-01T00:00:51Z", upid: "1:10:1", resp_status: 503, latency: 1 }
    expect:
      displays:
        error_rate:
          rows:
            - { service: "", errors: 1, requests: 2, error_rate: 0.25 }
`;

test('a changed result fails with a row diff and exit 1; --update rewrites the expectation', async (t) => {
  const dir = await scratch(CASE);
  const r = await pxlc(['test', dir]);
  t.is(r.code, 1);
  t.regex(r.stdout, /✗ error rate/);
  t.regex(r.stdout, /row 1: column 'error_rate': expected 0\.25, got 0\.5$/m);
  t.regex(r.stdout, /- \{service: "", errors: 1, requests: 2, error_rate: 0\.25\}/);
  t.regex(r.stdout, /\+ \{service: "", errors: 1, requests: 2, error_rate: 0\.5\}/);
  t.regex(r.stdout, /0 passed, 1 failed/);
  t.is((await pxlc(['test', dir, '--update'])).code, 0);
  t.regex(await readFile(join(dir, 'slow_requests.test.yaml'), 'utf8'), /error_rate: 0\.5/);
  t.is((await pxlc(['test', dir])).code, 0);
});

test('JUnit output for CI', async (t) => {
  const dir = await scratch(CASE);
  const r = await pxlc(['test', dir, '--format', 'junit']);
  t.is(r.code, 1);
  t.regex(r.stdout, /<testsuite name="[^"]+slow_requests\.test\.yaml" tests="1" failures="1">/);
  t.regex(
    r.stdout,
    /<testcase name="error rate" time="[\d.]+"><failure message="display &apos;error_rate&apos; rows differ/,
  );
});

test('a script that must not compile is tested by its diagnostics', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-t-'));
  await writeFile(
    join(dir, 'bad.pxl'),
    "import px\ndf = px.DataFrame(table='http_events')\ndf.x = df.latncy\npx.display(df)\n",
  );
  await writeFile(
    join(dir, 'bad.test.json'),
    JSON.stringify({
      cases: [{ name: 'typo', expect: { diagnostics: ["3:11: Column 'latncy' not found in parent dataframe"] } }],
    }),
  );
  const r = await pxlc(['test', dir]);
  t.is(r.code, 0, r.stdout);
  t.regex(r.stdout, /✓ typo/);
});

test('input tables may come from a CSV file next to the test', async (t) => {
  const dir = await scratch(
    CASE.replace(
      /    tables:\n      http_events:\n(        - .*\n)+/,
      '    tables:\n      http_events: { file: rows.csv }\n',
    ).replace('0.25', '0.5'),
  );
  await writeFile(
    join(dir, 'rows.csv'),
    'time_,upid,resp_status,latency\n2026-01-01T00:00:50Z,1:10:1,200,1\n2026-01-01T00:00:51Z,1:10:1,503,1\n',
  );
  const r = await pxlc(['test', dir]);
  t.is(r.code, 0, r.stdout);
});

test('a table file outside the test folder is refused at its line, and nothing of that file is shown', async (t) => {
  const dir = await scratch(
    CASE.replace(
      /    tables:\n      http_events:\n(        - .*\n)+/,
      '    tables:\n      http_events: { file: ../../../../../../etc/passwd }\n',
    ),
  );
  const r = await pxlc(['test', dir]);
  t.not(r.code, 0);
  const out = r.stdout + r.stderr;
  t.regex(
    out,
    /slow_requests\.test\.yaml: line 7: cases\[0\]\.tables\.http_events\.file: '\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd' is outside the test's folder /,
  );
  t.notRegex(out, /root:/);
  // A file in the folder (or below it) is read as before.
  const inside = await scratch(
    CASE.replace(
      /    tables:\n      http_events:\n(        - .*\n)+/,
      '    tables:\n      http_events: { file: data/../rows.csv }\n',
    ).replace('0.25', '0.5'),
  );
  await writeFile(
    join(inside, 'rows.csv'),
    'time_,upid,resp_status,latency\n2026-01-01T00:00:50Z,1:10:1,200,1\n2026-01-01T00:00:51Z,1:10:1,503,1\n',
  );
  t.is((await pxlc(['test', inside])).code, 0);
});
