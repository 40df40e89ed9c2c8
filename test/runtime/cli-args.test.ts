// The one command-line parser: a command's option table in, the values (or the one-line usage error) out.

import test from 'ava';
import { helpText, parseCommand, UsageError, type CommandSpec } from '../../src/runtime/cli-args.js';

const OPTIONS = {
  out: { type: 'string', short: 'o', value: 'FILE', help: 'where to write' },
  format: { type: 'string', choices: ['text', 'json'], help: 'how' },
  arg: { type: 'string', multiple: true, value: 'K=V', help: 'an argument' },
  insecure: { type: 'boolean', help: 'plaintext' },
} as const;

const SPEC: CommandSpec<typeof OPTIONS> = {
  name: 'tool run',
  usage: ['FILE [options]'],
  summary: 'Run.',
  options: OPTIONS,
  positionals: { min: 1, max: 2, missing: 'the file' },
};

const parse = (...argv: string[]) => parseCommand(SPEC, argv);
const error = (...argv: string[]) => {
  try {
    parse(...argv);
  } catch (e) {
    if (e instanceof UsageError) return e.line;
  }
  return 'no error';
};

test('values in every spelling', (t) => {
  const r = parse('a.pxl', '-o', 'x.js', '--format=json', '--arg', 'k=v', '--arg=k2=-5m', '--insecure', '-');
  t.deepEqual(r, {
    kind: 'run',
    values: { out: 'x.js', format: 'json', arg: ['k=v', 'k2=-5m'], insecure: true },
    positionals: ['a.pxl', '-'],
    rest: [],
  });
  t.like(parse('a', '-o=y.js'), { values: { out: 'y.js' } });
  t.like(parse('a', '-oz.js'), { values: { out: 'z.js' } });
  // A value that looks like a short option's letter is still a value ('1h' is not -h).
  t.like(parse('a', '-o', '1h'), { values: { out: '1h' } });
  t.like(parse('a', '--out', 'h'), { values: { out: 'h' } });
  // After `--` everything is a positional.
  t.like(parse('--', '--weird-file'), { positionals: ['--weird-file'] });
});

test('--help, -h, --version, -v and -V win over everything else', (t) => {
  t.deepEqual(parse('--bogus', '-h'), { kind: 'help' });
  t.deepEqual(parse('--help'), { kind: 'help' });
  t.deepEqual(parse('-v'), { kind: 'version' });
  t.deepEqual(parse('-V'), { kind: 'version' });
});

test('usage errors are one line naming the command and pointing at --help', (t) => {
  t.is(error('a', '--ot', 'x'), "tool run: unknown option '--ot' (did you mean '--out'?); see 'tool run --help'");
  t.is(error('a', '--zzzzzz'), "tool run: unknown option '--zzzzzz'; see 'tool run --help'");
  t.is(error('a', '-o'), "tool run: -o needs a value (FILE); see 'tool run --help'");
  t.is(error('a', '-o', '--insecure'), "tool run: -o needs a value (FILE); see 'tool run --help'");
  t.is(error('a', '--format', 'xml'), "tool run: --format must be text or json, not 'xml'; see 'tool run --help'");
  t.is(error('a', '--insecure=yes'), "tool run: --insecure takes no value; see 'tool run --help'");
  t.is(error(), "tool run: missing the file; see 'tool run --help'");
  t.is(error('a', 'b', 'c'), "tool run: unexpected argument 'c'; see 'tool run --help'");
});

test('--help text: usage, summary, one aligned line per option', (t) => {
  t.is(
    helpText(SPEC as unknown as CommandSpec),
    `usage: tool run FILE [options]

Run.

options:
  -o, --out FILE          where to write
      --format text|json  how
      --arg K=V           an argument (repeat for more)
      --insecure          plaintext
  -h, --help              show this help
  -v, --version           show the version
`,
  );
});

test('a command with `rest` gets the arguments after -- apart; `label` starts its usage errors', (t) => {
  const spec: CommandSpec = {
    name: 'node out.js',
    label: 'shop',
    usage: ['[options]'],
    summary: 'Run.',
    options: OPTIONS,
    rest: true,
  };
  t.deepEqual(parseCommand(spec, ['--insecure', '--', '--ns', 'x', '-n=y']), {
    kind: 'run',
    values: { insecure: true },
    positionals: [],
    rest: ['--ns', 'x', '-n=y'],
  });
  try {
    parseCommand(spec, ['stray']);
    t.fail();
  } catch (e) {
    t.is((e as UsageError).line, "shop: unexpected argument 'stray'; see 'node out.js --help'");
  }
});

test('--help wraps long lines to 100 columns under their option', (t) => {
  const spec: CommandSpec = {
    name: 'tool',
    usage: [''],
    summary: 'Short.',
    options: { long: { type: 'string', value: 'X', help: `${'word '.repeat(30)}end` } },
  };
  const lines = helpText(spec).split('\n');
  t.true(lines.every((l) => l.length <= 100));
  t.deepEqual(lines.slice(5, 8), [
    `      --long X   ${'word '.repeat(15)}word`,
    `                 ${'word '.repeat(14)}end`,
    '  -h, --help     show this help',
  ]);
});
