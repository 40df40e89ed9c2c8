// `pxlc COMMAND [options]`: one table of commands, each declared with its options (src/runtime/cli-args.ts), so every
// command takes --help/-h (to stdout, exit 0), --version/-v, --opt=value and `-` alike. Exit 0 success, 1 script
// errors, 2 usage errors (one line pointing at --help). A failure inside pxlc itself is reported as an internal
// error in one line, never as a raw stack trace.

import { VERSION } from '../runtime/version.js';
import { helpText, parseCommand, UsageError, type CommandSpec, type OptionTable } from '../runtime/cli-args.js';
import { CHECK, COMPILE, DEMO_DATA, LOAD, LSP, RESEND, SCHEMA, TEST } from './commands.js';
import { UserError } from './user-error.js';

interface Command<O extends OptionTable = OptionTable> {
  readonly spec: CommandSpec<O>;
  readonly run: (values: Record<string, unknown>, positionals: readonly string[]) => Promise<number>;
}

/** Commands whose options are still read by their own module (they print their own usage). */
interface LegacyCommand {
  readonly summary: string;
  readonly run: (argv: readonly string[]) => Promise<number>;
}

const command = <O extends OptionTable>(spec: CommandSpec<O>, run: Command['run']): Command => ({
  spec: spec as unknown as CommandSpec,
  run,
});

// Each command's code is loaded only when it runs: --help and usage errors stay quick.
const COMMANDS: Readonly<Record<string, Command | LegacyCommand>> = {
  compile: command(COMPILE, async (v, [file]) => {
    const { compileOnce, validateCompile } = await import('./compile-command.js');
    validateCompile(v);
    if (v['watch'] && file === '-') throw new UsageError(COMPILE.name, '--watch needs a script file, not stdin');
    return v['watch'] ? (await import('./watch.js')).watchCompile(file!, v) : compileOnce(file!, v);
  }),
  check: command(CHECK, async (v, files) =>
    v['watch']
      ? (await import('./watch.js')).watchCheck(files, v)
      : (await import('./compile-command.js')).checkOnce(files, v),
  ),
  test: command(TEST, async (v, paths) =>
    v['watch']
      ? (await import('./watch.js')).watchTests(paths, v)
      : (await import('./test-command.js')).runTests(paths, v),
  ),
  'demo-data': command(DEMO_DATA, async (v) => (await import('./demo-data.js')).runDemoData(v)),
  schema: command(SCHEMA, async (v) => (await import('./sql-commands.js')).runSchema(v)),
  load: command(LOAD, async (v) => (await import('./sql-commands.js')).runLoad(v)),
  lsp: command(LSP, async (v) => {
    if (!v['stdio']) throw new UsageError(LSP.name, 'editors talk to it over --stdio');
    (await import('../lsp/server.js')).startServer(v['schema'] as string | undefined);
    // The server runs until the editor sends `exit`, which ends the process.
    return new Promise<number>(() => undefined);
  }),
  collector: {
    summary: 'A local OTLP collector (gRPC and HTTP) that prints what arrives, with fault injection',
    run: async (argv: readonly string[]) =>
      (await import('../collector/main.js')).runCollectorCli(splitOptionValues(argv)),
  },
  resend: command(RESEND, async (v, [dir]) => (await import('./resend.js')).runResend(dir!, v)),
  // The flags after the script are the compiled module's own (node OUT.js --help), passed through as they are.
  run: {
    summary: 'Compile (cached) and run a script, or a script bundle directory with its vis.json, like px run',
    run: async (argv: readonly string[]) => (await import('./run-command.js')).runCommand(argv),
  },
  view: {
    summary: "Draw a script's vis.json widgets in a browser, or serve the playground",
    run: async (argv: readonly string[]) => (await import('./view-command.js')).runViewCli(splitOptionValues(argv)),
  },
};

const VERSION_FLAGS: ReadonlySet<string> = new Set(['--version', '-v', '-V']);

/** `--opt=value` as `--opt value`, for the commands that read their own options (the others' parser does this). */
function splitOptionValues(argv: readonly string[]): string[] {
  return argv.flatMap((a) => {
    const m = /^(--[^=]+)=(.*)$/s.exec(a);
    return m ? [m[1]!, m[2]!] : [a];
  });
}

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length)) + 2;
  const lines = Object.entries(COMMANDS).map(
    ([name, c]) => `  ${name.padEnd(width)}${'spec' in c ? c.spec.summary.replace(/ \(.*$|[:;].*$/, '') : c.summary}`,
  );
  return `pxlc ${VERSION} — compile Pixie PxL scripts to JavaScript

usage: pxlc COMMAND [options]    (pxlc COMMAND --help for its options)

commands:
${lines.join('\n')}

Then run a compiled script with: node OUT.js [--data DIR | --engine URL] [--endpoint HOST:PORT] (node OUT.js --help)
`;
}

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined) {
      process.stderr.write(usage());
      return 2;
    }
    if (name === '--help' || name === '-h' || name === 'help') {
      process.stdout.write(usage());
      return 0;
    }
    if (VERSION_FLAGS.has(name)) {
      process.stdout.write(`${VERSION}\n`);
      return 0;
    }
    const c = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!c) throw new UsageError('pxlc', `unknown command '${name}'`);
    if (!('spec' in c)) {
      if (rest.length === 1 && VERSION_FLAGS.has(rest[0]!)) {
        process.stdout.write(`${VERSION}\n`);
        return 0;
      }
      return await c.run(rest);
    }
    const parsed = parseCommand(c.spec, rest);
    switch (parsed.kind) {
      case 'help':
        process.stdout.write(helpText(c.spec));
        return 0;
      case 'version':
        process.stdout.write(`${VERSION}\n`);
        return 0;
      case 'run':
        return await c.run(parsed.values, parsed.positionals);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.line}\n`);
      return 2;
    }
    if (e instanceof UserError || (e as Error).name === 'PxlRuntimeError') {
      process.stderr.write(`pxlc: error: ${(e as Error).message}\n`);
      return 1;
    }
    process.stderr.write(
      `pxlc: internal error: ${(e as Error).message}\n  this is a bug in pxlc; set PXLC_DEBUG=1 for the stack trace\n`,
    );
    if (process.env['PXLC_DEBUG']) process.stderr.write(`${(e as Error).stack}\n`);
    return 70;
  }
}
