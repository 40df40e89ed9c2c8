// The command line of a compiled module (`node out.js ...`) follows pxlc's conventions, on the same parser: --help
// and -h to stdout with exit 0, --version, --opt=value as --opt value, Pixie's `-- --name value` variables, and
// usage errors in one line that point at --help (exit 2). Exit 1 stays "the script failed or did not deliver".

import test from 'ava';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath, golden, ROOT } from '../support/golden.js';
import { node, pxlc } from '../support/cli.js';

const NOW = '2024-05-01T12:00:00Z';

async function compiled(example: string): Promise<{ dir: string; out: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-module-cli-'));
  const out = join(dir, 'out.js');
  const r = await pxlc(['compile', join(ROOT, 'examples', `${example}.pxl`), '-o', out]);
  if (r.code !== 0) throw new Error(r.stderr);
  return { dir, out };
}

const throughput = compiled('http_throughput');
const slow = compiled('slow_requests');

test('node out.js --help prints the options to stdout and exits 0; -h too', async (t) => {
  const { dir, out } = await throughput;
  const help = await node([out, '--help'], { cwd: dir });
  t.is(help.code, 0);
  t.is(help.stderr, '');
  t.is(...golden(fixturePath('cli', 'module-help.txt'), help.stdout));
  // --help wins over anything else on the line, a mistake included.
  const short = await node([out, '--dat', 'x', '-h'], { cwd: dir });
  t.is(short.code, 0);
  t.is(short.stdout, help.stdout);
});

test('node out.js --version and -v name the script and the pxlc that compiled it', async (t) => {
  const { dir, out } = await throughput;
  for (const flag of ['--version', '-v']) {
    const r = await node([out, flag], { cwd: dir });
    t.is(r.code, 0);
    t.regex(r.stdout, /^http_throughput, compiled by pxlc \d+\.\d+\.\d+\n$/);
  }
});

test('a usage error of the module is one line naming the script and pointing at --help, exit 2', async (t) => {
  const { dir, out } = await throughput;
  const see = "; see 'node out.js --help'\n";
  const cases: [string[], string][] = [
    [['--dat', 'x'], "http_throughput: unknown option '--dat' (did you mean '--data'?)"],
    [['--data'], 'http_throughput: --data needs a value (DIR)'],
    [['--data', '--output', 'json'], 'http_throughput: --data needs a value (DIR)'],
    [['--output=xml'], "http_throughput: --output must be table, json or html, not 'xml'"],
    [['--explain=yes'], 'http_throughput: --explain takes no value'],
    [['--rows', '0'], "http_throughput: --rows needs a positive integer, not '0'"],
    [['--seed=x'], "http_throughput: --seed needs a positive integer, not 'x'"],
    [
      ['--window', '5'],
      "http_throughput: --window '5' is not a duration: use a number and a unit, e.g. 10s, 500ms, 5m",
    ],
    [
      ['--now', 'soon'],
      "http_throughput: --now 'soon' is not a time: use nanoseconds since the epoch or ISO-8601 like 2024-05-01T12:00:00Z",
    ],
    [['--arg', 'foo'], "http_throughput: --arg 'foo' is not key=value"],
    [['--stop-timeout', '1s'], 'http_throughput: --stop-timeout is for plugin mode: add --every DURATION'],
    [['--every', '1s', '--now', NOW], 'http_throughput: --every runs on the clock: it cannot be combined with --now'],
    [
      ['--every=1s', '--output=html'],
      'http_throughput: --output html writes one report: it cannot be combined with --every',
    ],
    [['--explain'], 'http_throughput: --explain shows the split of an engine run: add --engine URL'],
    [['--raw', '--output', 'json'], 'http_throughput: --raw is for the table output: --output json is raw already'],
    [['--output=html', '--raw'], 'http_throughput: --raw is for the table output: --output html shows units'],
    [['--protocol=http'], "http_throughput: --protocol must be grpc, http/protobuf or http/json, not 'http'"],
    [['--compression', 'zstd'], "http_throughput: --compression must be gzip or none, not 'zstd'"],
    [['--timeout', '0ms'], 'http_throughput: --timeout must be longer than zero'],
    [['--ca', '/nonexistent/ca.pem'], 'http_throughput: --ca: cannot read /nonexistent/ca.pem: ENOENT'],
    // The value of a header may be a secret: it is never repeated.
    [['--header', 'Bearer sekrit'], 'http_throughput: --header needs KEY=VALUE'],
    [['stray'], "http_throughput: unexpected argument 'stray'"],
    [['--', 'stray'], "http_throughput: 'stray' after -- is not a script flag: write -- --NAME VALUE or --NAME=VALUE"],
    [['--', '--start_time'], 'http_throughput: script flag --start_time needs a value'],
  ];
  for (const [args, line] of cases) {
    const r = await node([out, ...args], { cwd: dir });
    t.is(r.code, 2, args.join(' '));
    t.is(r.stderr, `${line}${see}`, args.join(' '));
    t.is(r.stdout, '');
  }
});

test("every spelling of a flag means the same: --opt value, --opt=value, --arg and Pixie's -- --name value", async (t) => {
  const { dir, out } = await slow;
  const spellings = [
    [
      '--now',
      NOW,
      '--func',
      'slow_requests',
      '--arg',
      'start_time=-5m',
      '--arg',
      'service=frontend',
      '--arg',
      'max_rows=3',
      '--output',
      'json',
      '--rows',
      '300',
      '--seed',
      '2',
    ],
    [
      `--now=${NOW}`,
      '--func=slow_requests',
      '--arg=start_time=-5m',
      '--output=json',
      '--rows=300',
      '--seed=2',
      '--',
      '--service',
      'frontend',
      '-max_rows=3',
    ],
    [
      `--now=${NOW}`,
      '--func=slow_requests',
      '--output=json',
      '--rows=300',
      '--seed=2',
      '--',
      '--service=frontend',
      '--max_rows',
      '3',
      '-start_time',
      '-5m',
    ],
  ];
  const outputs = await Promise.all(spellings.map((args) => node([out, ...args], { cwd: dir })));
  for (const r of outputs) t.is(r.code, 0, r.stderr);
  const rows = outputs[0]!.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  t.is(rows.length, 3);
  for (const row of rows) t.true(String(row['service']).endsWith('/frontend'));
  t.is(outputs[1]!.stdout, outputs[0]!.stdout);
  t.is(outputs[2]!.stdout, outputs[0]!.stdout);
});

test('export flags in both spellings; exit 1 when nothing could be delivered, the header value never printed', async (t) => {
  const { dir, out } = await throughput;
  for (const args of [
    [
      '--endpoint',
      '127.0.0.1:1',
      '--insecure',
      '--timeout',
      '300ms',
      '--header',
      'authorization=Bearer sekrit',
      '--compression',
      'none',
    ],
    [
      '--endpoint=127.0.0.1:1',
      '--insecure',
      '--timeout=300ms',
      '--header=authorization=Bearer sekrit',
      '--compression=none',
      '--protocol=grpc',
    ],
  ]) {
    const r = await node([out, '--output=json', ...args], { cwd: dir });
    t.is(r.code, 1, r.stderr);
    // What was delivered is counted against what the run had: none of them.
    t.regex(
      r.stderr,
      /^exported 0 of (\d+) metric points to 127\.0\.0\.1:1 in 1 request\nerror: \1 metric points and 0 spans were NOT delivered to 127\.0\.0\.1:1\n/m,
    );
    t.false(r.stderr.includes('sekrit'));
  }
});
