// The commands of `pxlc` as tables of options (src/runtime/cli-args.ts): --help, the parse and the checks of values
// come from here. Kept apart from the commands' code so that `pxlc --help` and usage errors load nothing else.

import type { CommandSpec, OptionTable, OptionValues } from '../runtime/cli-args.js';
import { exportOptions } from '../runtime/export-flags.js';

const FORMAT = {
  type: 'string',
  choices: ['text', 'json'],
  help: 'diagnostics as readable text or a JSON array (for editors)',
} as const;
const SCHEMA_FILE = {
  type: 'string',
  value: 'FILE.json',
  help: "your own tables' schemas, in the format of Pixie's tables.json",
} as const;
const WATCH = {
  type: 'boolean',
  short: 'w',
  help: 'run again whenever the script, its vis.json or the schema file changes',
} as const;

export const COMPILE_OPTIONS = {
  out: { type: 'string', short: 'o', value: 'OUT.js', help: "write the module here ('-' or no -o: to stdout)" },
  schema: SCHEMA_FILE,
  runtime: {
    type: 'string',
    value: 'SPECIFIER',
    help: "import the runtime from here (default: 'pxlc/runtime' where it resolves from OUT's directory, else this pxlc's by path)",
  },
  engines: { type: 'boolean', help: "also embed the SQL engines' queries, so the module can run with --engine URL" },
  format: FORMAT,
  target: { type: 'string', choices: ['js', 'sql'], help: 'a JavaScript module (default), or the SQL an engine runs' },
  dialect: { type: 'string', choices: ['duckdb', 'clickhouse'], help: 'the SQL dialect of --target sql' },
  sourcemap: {
    type: 'string',
    choices: ['inline', 'external', 'none'],
    help: 'map the module back to the .pxl: in the module (default; run-time errors then name the PxL line), in OUT.js.map, or not at all',
  },
  watch: WATCH,
  bundle: { type: 'boolean', help: 'one ES module with the runtime inside (esbuild), that runs with no node_modules' },
  emit: {
    type: 'string',
    choices: ['js', 'ts'],
    help: 'the module as JavaScript (default, with OUT.d.ts beside it) or as TypeScript',
  },
} as const;

export const COMPILE: CommandSpec<typeof COMPILE_OPTIONS> = {
  name: 'pxlc compile',
  usage: [
    'FILE.pxl [-o OUT.js] [options]',
    'FILE.pxl --bundle -o OUT.mjs',
    'FILE.pxl --emit ts -o OUT.ts',
    'FILE.pxl --target sql --dialect duckdb|clickhouse [-o OUT.sql]',
    'DIR -o OUTDIR    (every *.pxl under DIR, with the vis.json beside it)',
  ],
  summary:
    "Compile a PxL script to an ES module ('-' reads the script from stdin; without -o the module goes to stdout).",
  options: COMPILE_OPTIONS,
  positionals: { min: 1, max: 1, missing: 'the script to compile', tooMany: 'compile takes one script' },
  footer:
    'Run the module with: node OUT.js [--data DIR | --engine URL (compiled with --engines)] [--endpoint HOST:PORT]\n(node OUT.js --help for more)',
};

export const CHECK_OPTIONS = { schema: SCHEMA_FILE, format: FORMAT, watch: WATCH } as const;

export const CHECK: CommandSpec<typeof CHECK_OPTIONS> = {
  name: 'pxlc check',
  usage: ['PATH... [--schema FILE.json] [--format text|json]'],
  summary:
    "Check scripts without compiling them: files, directories of *.pxl, or '-' for stdin; exit 1 if any has an error.",
  options: CHECK_OPTIONS,
  positionals: { min: 1, max: Infinity, missing: 'the scripts to check' },
};

export const DEMO_DATA_OPTIONS = {
  out: { type: 'string', short: 'o', value: 'DIR', help: 'write the files here (one CSV per table and metadata.json)' },
  rows: {
    type: 'string',
    value: 'N',
    help: 'the request rate: about N rows of http_events (default 2000); the other tables follow the cluster',
  },
  seed: { type: 'string', value: 'N', help: 'seed of the generated data (default 1)' },
} as const;

export const DEMO_DATA: CommandSpec<typeof DEMO_DATA_OPTIONS> = {
  name: 'pxlc demo-data',
  usage: ['--out DIR [--rows N] [--seed N]'],
  summary: 'Write the built-in demo data (every Pixie table, the demo cluster) in the format node OUT.js --data reads.',
  options: DEMO_DATA_OPTIONS,
};

export const TEST_OPTIONS = {
  update: { type: 'boolean', help: 'rewrite the expectations with what the scripts produce now (review the diff)' },
  format: {
    type: 'string',
    choices: ['text', 'json', 'junit'],
    help: 'the report: readable text, JSON, or JUnit XML for CI',
  },
  watch: { type: 'boolean', short: 'w', help: 'run again whenever a test file or a script it tests changes' },
} as const;

export const TEST: CommandSpec<typeof TEST_OPTIONS> = {
  name: 'pxlc test',
  usage: ['[PATHS...] [--update] [--format text|json|junit]'],
  summary:
    'Run the cases of *.test.yaml / *.test.json files (in PATHS, default the current directory); exit 1 if any fails.',
  options: TEST_OPTIONS,
  positionals: { min: 0, max: Infinity },
};

export const SCHEMA_OPTIONS = {
  dialect: { type: 'string', choices: ['duckdb', 'clickhouse'], help: 'the SQL dialect' },
  cluster: {
    type: 'string',
    value: 'NAME',
    help: 'ClickHouse: <table>_local tables on every shard of NAME and Distributed tables over them',
  },
  database: { type: 'string', value: 'DB', help: 'the database to create the tables in' },
} as const;

export const SCHEMA: CommandSpec<typeof SCHEMA_OPTIONS> = {
  name: 'pxlc schema',
  usage: ['--dialect duckdb|clickhouse [--cluster NAME] [--database DB]'],
  summary: "Print CREATE TABLE statements for Pixie's tables, for node OUT.js --engine URL.",
  options: SCHEMA_OPTIONS,
};

export const LOAD_OPTIONS = {
  engine: { type: 'string', value: 'URL', help: 'duckdb:FILE or clickhouse://HOST:PORT/DB' },
  data: { type: 'string', value: 'DIR', help: 'load the data files of DIR (the formats node OUT.js --data reads)' },
  demo: { type: 'boolean', help: 'load the built-in demo data' },
  rows: {
    type: 'string',
    value: 'N',
    help: 'with --demo, the request rate: about N rows of http_events (default 6000); the other tables follow the cluster',
  },
  seed: { type: 'string', value: 'N', help: 'with --demo: seed of the generated data (default 1)' },
} as const;

export const LOAD: CommandSpec<typeof LOAD_OPTIONS> = {
  name: 'pxlc load',
  usage: ['--engine duckdb:FILE|clickhouse://HOST:PORT/DB (--data DIR | --demo [--rows N] [--seed N])'],
  summary: 'Load data files or the demo data into an SQL engine (missing tables are created), checking every value.',
  options: LOAD_OPTIONS,
};

export const LSP_OPTIONS = {
  stdio: { type: 'boolean', help: 'talk the Language Server Protocol over stdin and stdout (what editors start)' },
  schema: SCHEMA_FILE,
} as const;

export const LSP: CommandSpec<typeof LSP_OPTIONS> = {
  name: 'pxlc lsp',
  usage: ['--stdio [--schema FILE.json]'],
  summary:
    'A language server for editors: diagnostics as you type, hover, completion, go to definition, references, quick fixes.',
  options: LSP_OPTIONS,
  footer: 'Editors start it themselves; see the README section "Editors".',
};

export const RESEND: CommandSpec<OptionTable> = {
  name: 'pxlc resend',
  usage: ['DIR [options]'],
  summary:
    'Deliver the exports a run spooled (--spool DIR) to the endpoint of --endpoint or OTEL_EXPORTER_OTLP_ENDPOINT; what is delivered leaves DIR.',
  options: exportOptions(false),
  positionals: { min: 1, max: 1, missing: 'the spool directory', tooMany: 'resend takes one spool directory' },
};

export type CompileValues = OptionValues<typeof COMPILE_OPTIONS>;
export type TestValues = OptionValues<typeof TEST_OPTIONS>;
