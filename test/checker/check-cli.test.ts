// `pxlc check PATH...`: many scripts (files or directories) in one process, every diagnostic of each, one exit code.

import test from 'ava';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT, fixturePath } from '../support/golden.js';

const run = promisify(execFile);

async function pxlc(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    return { code: 0, ...(await run('node', [join(ROOT, 'bin', 'pxlc.js'), ...args])) };
  } catch (e) {
    return e as { code: number; stdout: string; stderr: string };
  }
}

test('a directory of valid scripts checks clean in one run', async (t) => {
  const r = await pxlc(['check', fixturePath('check', 'ok')]);
  t.is(r.code, 0, r.stderr);
  // Warnings (here Pixie's missing-comma quirk) are shown but do not fail the check.
  t.regex(r.stderr, /warning PXL1008: keyword argument 'http_error_rate' is not preceded by a comma/);
  t.regex(r.stderr, /\nchecked \d+ scripts: no errors\n$/);
});

test("files and directories together: every script's errors, exit 1", async (t) => {
  const r = await pxlc([
    'check',
    fixturePath('check', 'ok', 'tutorial.pxl'),
    fixturePath('check', 'err', 'and_three.pxl'),
    fixturePath('check', 'err', 'ampersand.pxl'),
  ]);
  t.is(r.code, 1);
  t.regex(r.stderr, /and_three\.pxl:\d+:\d+: error PXL2004: Expected two arguments to 'and'\./);
  t.regex(r.stderr, /ampersand\.pxl:\d+:\d+: error PXL2003: Operator '&' not handled/);
  t.regex(r.stderr, /checked 3 scripts: 2 with errors\n$/);
});

test('--format json prints one array for all the scripts', async (t) => {
  const r = await pxlc([
    'check',
    '--format',
    'json',
    fixturePath('check', 'err', 'and_three.pxl'),
    fixturePath('check', 'err', 'ampersand.pxl'),
  ]);
  t.is(r.code, 1);
  const diags = JSON.parse(r.stderr) as {
    file: string;
    line: number;
    column: number;
    code: string;
    severity: string;
  }[];
  t.deepEqual(
    diags.map((d) => [d.file.split('/').pop(), d.code, d.severity]),
    [
      ['and_three.pxl', 'PXL2004', 'error'],
      ['ampersand.pxl', 'PXL2003', 'error'],
    ],
  );
  t.true(diags.every((d) => d.line > 0 && d.column > 0));
});

test('--format json gives a secondary location as related: the list element a missing column is named in', async (t) => {
  const r = await pxlc(['check', '--format', 'json', fixturePath('check', 'err', 'projection_list_variable.pxl')]);
  t.is(r.code, 1);
  const diags = JSON.parse(r.stderr) as {
    line: number;
    column: number;
    message: string;
    related: { line: number; column: number; endColumn: number; message: string }[];
  }[];
  t.deepEqual(
    diags.map((d) => [d.line, d.column, d.message, d.related]),
    [
      [
        5,
        15,
        "Column 'protocol' not found in parent dataframe",
        [{ line: 4, column: 25, endLine: 4, endColumn: 35, message: "'protocol' is named here" }],
      ],
      [
        5,
        15,
        "Column 'req_pth' not found in parent dataframe",
        [{ line: 4, column: 48, endLine: 4, endColumn: 57, message: "'req_pth' is named here" }],
      ],
      [
        6,
        20,
        "Column 'protocol' not found in parent dataframe",
        [{ line: 4, column: 25, endLine: 4, endColumn: 35, message: "'protocol' is named here" }],
      ],
      [
        6,
        20,
        "Column 'req_pth' not found in parent dataframe",
        [{ line: 4, column: 48, endLine: 4, endColumn: 57, message: "'req_pth' is named here" }],
      ],
    ],
  );
});

test('a missing script is an error naming it; compile still takes exactly one script', async (t) => {
  const missing = await pxlc(['check', join(ROOT, 'no-such.pxl')]);
  t.is(missing.code, 1);
  t.regex(missing.stderr, /cannot read .*no-such\.pxl: no such file/);
  const two = await pxlc(['compile', 'a.pxl', 'b.pxl', '-o', 'x.js']);
  t.is(two.code, 2);
  t.regex(two.stderr, /compile takes one script/);
});
