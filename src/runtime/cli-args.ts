// One command-line parser for `pxlc` and for compiled modules (`node out.js`), on node:util parseArgs. A command is
// declared once as a table of options; the table gives the parse, the per-command --help text and the checks of
// values, so every command follows the same conventions: `--opt value`, `--opt=value`, `-o value`, `-o=value`,
// `-` as a positional (stdin/stdout), `--` ends the options, `-h/--help` and `-v/--version`, and usage errors in
// one line that point at --help (exit 2).

import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** Repeatable: the values are collected in order. */
  readonly multiple?: boolean;
  /** Placeholder of the value in --help (FILE, N, ...). */
  readonly value?: string;
  readonly help: string;
  /** The only values the option takes. */
  readonly choices?: readonly string[];
}

export type OptionTable = Readonly<Record<string, OptionSpec>>;

export interface CommandSpec<O extends OptionTable = OptionTable> {
  /** How the command is called: `pxlc compile`, `node out.js`. */
  readonly name: string;
  /** Usage lines, each after the command's name. */
  readonly usage: readonly string[];
  readonly summary: string;
  readonly options: O;
  /** How many positionals the command takes (default none), and what to say when they are missing or too many. */
  readonly positionals?: {
    readonly min: number;
    readonly max: number;
    readonly missing?: string;
    readonly tooMany?: string;
  };
  /** Lines after the options in --help. */
  readonly footer?: string;
  /** What usage errors start with (default: the name), e.g. the script's name for `node out.js`. */
  readonly label?: string;
  /** The arguments after `--` are the command's own (`rest`), not positionals: Pixie's `-- --name value` form. */
  readonly rest?: boolean;
}

type Value<S extends OptionSpec> = S['type'] extends 'boolean'
  ? S['multiple'] extends true
    ? boolean[]
    : boolean
  : S['multiple'] extends true
    ? string[]
    : string;

export type OptionValues<O extends OptionTable> = { -readonly [K in keyof O]?: Value<O[K]> };

export type ParsedCommand<O extends OptionTable> =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | {
      readonly kind: 'run';
      readonly values: OptionValues<O>;
      readonly positionals: readonly string[];
      readonly rest: readonly string[];
    };

/** A mistake on the command line: one line, printed with a pointer to --help; exit 2. */
export class UsageError extends Error {
  constructor(
    readonly command: string,
    message: string,
    readonly label: string = command,
  ) {
    super(message);
    this.name = 'UsageError';
  }

  /** The line to print: `pxlc compile: unknown option '--x'; see 'pxlc compile --help'`. */
  get line(): string {
    return `${this.label}: ${this.message}; see '${this.command} --help'`;
  }
}

const BUILTIN: OptionTable = {
  help: { type: 'boolean', short: 'h', help: 'show this help' },
  version: { type: 'boolean', short: 'v', help: 'show the version' },
};

export function parseCommand<O extends OptionTable>(spec: CommandSpec<O>, argv: readonly string[]): ParsedCommand<O> {
  const options: OptionTable = { ...spec.options, ...BUILTIN };
  const shorts = new Map(Object.entries(options).flatMap(([name, o]) => (o.short ? [[o.short, name] as const] : [])));
  const fail = (message: string): never => {
    throw new UsageError(spec.name, message, spec.label);
  };
  // `-o=x.js` is `-o x.js` (parseArgs would read the value as '=x.js'); `-V` is --version as in many tools.
  // Arguments after `--` are left as they are.
  const end = argv.indexOf('--');
  const args = [
    ...(end < 0 ? argv : argv.slice(0, end)).flatMap((a) =>
      /^-[A-Za-z]=/.test(a) ? [a.slice(0, 2), a.slice(3)] : a === '-V' ? ['--version'] : [a],
    ),
    ...(end < 0 ? [] : argv.slice(end)),
  ];
  const config: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, o] of Object.entries(options))
    config[name] = { type: o.type, ...(o.short ? { short: o.short } : {}) };
  const { tokens } = parseArgs({ args, options: config, strict: false, allowPositionals: true, tokens: true });
  // --help and --version answer whatever else is on the line, as in most tools.
  for (const t of tokens) {
    if (t.kind === 'option' && (t.name === 'help' || t.name === 'version')) return { kind: t.name };
  }
  const values: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const positionals: string[] = [];
  const rest: string[] = [];
  let terminated = false;
  for (const t of tokens) {
    if (t.kind === 'option-terminator') {
      terminated = true;
      continue;
    }
    if (t.kind === 'positional') {
      (terminated && spec.rest ? rest : positionals).push(t.value);
      continue;
    }
    const o = Object.hasOwn(options, t.name) ? options[t.name] : undefined;
    if (!o) fail(unknownOption(t.rawName, Object.keys(options)));
    let v: string | boolean;
    if (o!.type === 'boolean') {
      if (t.inlineValue) fail(`${t.rawName} takes no value`);
      v = true;
    } else {
      // parseArgs takes the next argument whatever it is; an option name there means the value was left out.
      const value = t.value;
      const isOption =
        value !== undefined &&
        !t.inlineValue &&
        (value.startsWith('--') || (value.length === 2 && value[0] === '-' && shorts.has(value[1]!)));
      if (value === undefined || isOption) fail(`${t.rawName} needs a value${o!.value ? ` (${o!.value})` : ''}`);
      if (o!.choices && !o!.choices.includes(value!))
        fail(`${t.rawName} must be ${orList(o!.choices)}, not '${value}'`);
      v = value!;
    }
    if (o!.multiple) values[t.name] = [...((values[t.name] as unknown[] | undefined) ?? []), v];
    else values[t.name] = v;
  }
  const p = spec.positionals ?? { min: 0, max: 0 };
  if (positionals.length > p.max)
    fail(`unexpected argument '${positionals[p.max]}'${p.tooMany ? `: ${p.tooMany}` : ''}`);
  if (positionals.length < p.min) fail(`missing ${p.missing ?? 'argument'}`);
  return { kind: 'run', values: values as OptionValues<O>, positionals, rest };
}

function unknownOption(raw: string, names: readonly string[]): string {
  const name = raw.replace(/^-+/, '');
  const near = names.filter(
    (n) => n.startsWith(name) || name.startsWith(n) || distance(n, name) <= Math.max(1, Math.floor(name.length / 4)),
  );
  return `unknown option '${raw}'${near.length === 1 ? ` (did you mean '--${near[0]}'?)` : ''}`;
}

/** Plain edit distance, for did-you-mean on option names. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

function orList(xs: readonly string[]): string {
  return xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}`;
}

/** Lines of --help are wrapped to this many columns. */
const COLUMNS = 100;

/** The --help text: usage lines, summary, one line per option (aligned, wrapped), footer. */
export function helpText(spec: CommandSpec): string {
  const lines = spec.usage.map((u, i) => `${i === 0 ? 'usage: ' : '       '}${spec.name}${u ? ` ${u}` : ''}`);
  lines.push('', ...wrap(spec.summary, COLUMNS), '', 'options:');
  const rows = Object.entries({ ...spec.options, ...BUILTIN }).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ` ${o.choices ? o.choices.join('|') : (o.value ?? 'VALUE')}` : ''}`;
    return [flag, `${o.help}${o.multiple ? ' (repeat for more)' : ''}`] as const;
  });
  const width = Math.min(30, Math.max(...rows.map(([f]) => f.length)) + 2);
  const indent = ' '.repeat(2 + width);
  for (const [flag, help] of rows) {
    const text = wrap(help, COLUMNS - indent.length).map((l) => `${indent}${l}`);
    if (flag.length + 2 > width) lines.push(`  ${flag}`, ...text);
    else lines.push(`  ${flag.padEnd(width)}${text[0]!.slice(indent.length)}`, ...text.slice(1));
  }
  if (spec.footer) lines.push('', spec.footer);
  return `${lines.join('\n')}\n`;
}

/** Words into lines of at most `width` characters (a longer word gets a line of its own). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines;
}
