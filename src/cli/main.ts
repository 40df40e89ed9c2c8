// `pxlc`: compile | check | collector | demo-data. Exit 0 success, 1 script errors, 2 usage errors.
// A failure inside pxlc itself is reported as an internal error in one line, never as a raw stack trace.

import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { compile, check, VERSION } from '../index.js';
import { renderText, toJson } from '../diagnostics/render.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { parseSchemaFile, type SchemaFileResult } from '../checker/schema-file.js';
import { knownArgValuesFromVisSpec } from '../checker/vis-spec.js';
import type { KnownArgValues } from '../checker/context.js';
import { runCollectorCli } from '../collector/main.js';
import { runDemoDataCli } from './demo-data.js';
import { runResendCli } from './resend.js';
import { runTestCli } from './test-command.js';
import { runLoadCli, runSchemaCli, SqlUsageError } from './sql-commands.js';
import { compileSql } from '../sql/compile.js';
import { printSql } from '../sql/print.js';
import { isDialect, type Dialect } from '../core/sql-text.js';
import { expandScriptPaths } from './script-files.js';

const USAGE = `pxlc ${VERSION} — compile Pixie PxL scripts to JavaScript

usage:
  pxlc compile FILE.pxl -o OUT.js [--engines] [--schema FILE.json] [--runtime SPECIFIER] [--format text|json]
  pxlc compile FILE.pxl --target sql --dialect duckdb|clickhouse [-o OUT.sql]
  pxlc schema --dialect duckdb|clickhouse [--cluster NAME] [--database DB]
  pxlc load --engine duckdb:FILE|clickhouse://HOST:PORT/DB (--data DIR | --demo [--rows N] [--seed N])
  pxlc check PATH... [--schema FILE.json] [--format text|json]   (files, or directories of *.pxl)
  pxlc collector [--port 4317] [--host 127.0.0.1] [--tls CERT KEY] [--json]
  pxlc demo-data --out DIR [--rows N] [--seed N]
  pxlc test [PATHS...] [--update] [--format text|json|junit]
  pxlc resend DIR --endpoint HOST:PORT [--insecure] [--ca FILE] [--header KEY=VALUE]...

Then run a compiled script with: node OUT.js [--data DIR | --engine URL (compiled with --engines)] [--endpoint HOST:PORT] [--insecure] [--output table|json]`;

class UsageError extends Error {}

interface CompileArgs {
  files: string[];
  out?: string;
  schema?: string;
  runtime?: string;
  format: 'text' | 'json';
  target?: 'js' | 'sql';
  dialect?: Dialect;
  /** Embed the SQL engines' queries so that the module can run with --engine. */
  engines?: boolean;
}

function parseCompileArgs(argv: readonly string[], needsOut: boolean): CompileArgs {
  const args: Partial<CompileArgs> & { format: 'text' | 'json'; files: string[] } = { format: 'text', files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '-o' || a === '--out') args.out = value();
    else if (a === '--schema') args.schema = value();
    else if (a === '--runtime') args.runtime = value();
    else if (a === '--engines') args.engines = true;
    else if (a === '--target') {
      const t = value();
      if (t !== 'js' && t !== 'sql') throw new UsageError(`--target must be js or sql, not '${t}'`);
      args.target = t;
    } else if (a === '--dialect') {
      const d = value();
      if (!isDialect(d)) throw new UsageError(`--dialect must be duckdb or clickhouse, not '${d}'`);
      args.dialect = d;
    }
    else if (a === '--format') {
      const f = value();
      if (f !== 'text' && f !== 'json') throw new UsageError(`--format must be text or json, not '${f}'`);
      args.format = f;
    } else if (a.startsWith('-')) throw new UsageError(`unknown option '${a}'`);
    else args.files.push(a);
  }
  if (args.files.length === 0) throw new UsageError(needsOut ? 'missing the script to compile' : 'missing the script to check');
  if (needsOut && args.files.length > 1) throw new UsageError(`unexpected argument '${args.files[1]}': compile takes one script`);
  if (args.target === 'sql' && !args.dialect) throw new UsageError('--target sql needs --dialect duckdb|clickhouse');
  if (args.dialect && args.target !== 'sql') throw new UsageError('--dialect goes with --target sql');
  if (needsOut && !args.out && args.target !== 'sql') throw new UsageError('missing -o OUT.js');
  return args as CompileArgs;
}

/** Custom table schemas; problems in the file are diagnostics located in it. */
async function loadSchemas(file: string | undefined): Promise<SchemaFileResult | undefined> {
  if (!file) return undefined;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new UserError(`cannot read schema file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseSchemaFile(file, text);
}

class UserError extends Error {}

/** The vis.json of a Pixie script bundle (the script's directory), for the values its arguments may take. */
async function loadVisSpec(file: string): Promise<KnownArgValues | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return knownArgValuesFromVisSpec(JSON.parse(text), file);
  } catch (e) {
    throw new UserError(e instanceof SyntaxError ? `${file}: not valid JSON: ${e.message}` : (e as Error).message);
  }
}

function printDiagnostics(diags: readonly Diagnostic[], format: 'text' | 'json'): void {
  if (format === 'json') {
    process.stderr.write(`${JSON.stringify(diags.map(toJson), null, 2)}\n`);
    return;
  }
  for (const d of diags) process.stderr.write(`${renderText(d)}\n\n`);
  const errors = diags.filter((d) => d.severity === 'error').length;
  if (errors > 0) process.stderr.write(`${errors} error${errors === 1 ? '' : 's'}\n`);
}

async function readScript(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw new UserError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
}

async function compileInput(file: string, schemas: SchemaFileResult['schemas'] | undefined, runtime: string | undefined) {
  const text = await readScript(file);
  const knownArgValues = await loadVisSpec(join(dirname(file), 'vis.json'));
  return {
    path: file, text, ...(schemas ? { schemas } : {}), ...(runtime ? { runtimeImport: runtime } : {}),
    ...(knownArgValues ? { options: { knownArgValues } } : {}),
  };
}

/** `pxlc check PATH...`: every script in one process; diagnostics of all of them, exit 1 if any has an error. */
async function checkCommand(args: CompileArgs, schemas: SchemaFileResult['schemas'] | undefined): Promise<number> {
  let files: string[];
  try {
    files = await expandScriptPaths(args.files);
  } catch (e) {
    throw new UserError((e as Error).message);
  }
  const all: Diagnostic[] = [];
  let failed = 0;
  for (const file of files) {
    const result = check(await compileInput(file, schemas, undefined));
    all.push(...result.diagnostics);
    if (result.diagnostics.some((d) => d.severity === 'error')) failed++;
  }
  printDiagnostics(all, args.format);
  if (files.length > 1 && args.format === 'text') process.stderr.write(`checked ${files.length} scripts: ${failed === 0 ? 'no errors' : `${failed} with errors`}\n`);
  return failed > 0 ? 1 : 0;
}

async function compileCommand(argv: readonly string[], emit: boolean): Promise<number> {
  const args = parseCompileArgs(argv, emit);
  const schemaFile = await loadSchemas(args.schema);
  if (schemaFile && schemaFile.diagnostics.length > 0) {
    printDiagnostics(schemaFile.diagnostics, args.format);
    return 1;
  }
  const schemas = schemaFile?.schemas;
  if (!emit) return checkCommand(args, schemas);
  const input = await compileInput(args.files[0]!, schemas, args.runtime);
  if (args.target === 'sql') return sqlCommand(args, input);
  const result = compile({ ...input, engines: args.engines === true });
  printDiagnostics(result.diagnostics, args.format);
  if (result.diagnostics.some((d) => d.severity === 'error')) return 1;
  const js = 'js' in result ? result.js : undefined;
  if (emit && typeof js === 'string') {
    const out = resolve(args.out!);
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, js);
  }
  return 0;
}

/** `--target sql`: the engine's part of the script as SQL, to stdout or -o. */
async function sqlCommand(args: CompileArgs, input: Parameters<typeof check>[0]): Promise<number> {
  const result = check(input);
  printDiagnostics(result.diagnostics, args.format);
  if (!result.plan || result.diagnostics.some((d) => d.severity === 'error')) return 1;
  const text = printSql(result.plan, compileSql(result.plan, { path: input.path, text: input.text }), args.dialect!);
  if (!args.out) {
    process.stdout.write(text);
    return 0;
  }
  const out = resolve(args.out);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, text);
  return 0;
}

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'compile': return await compileCommand(rest, true);
      case 'check': return await compileCommand(rest, false);
      case 'collector': return await runCollectorCli(rest);
      case 'demo-data': return await runDemoDataCli(rest);
      case 'resend': return await runResendCli(rest);
      case 'test': return await runTestCli(rest);
      case 'schema': return await runSchemaCli(rest);
      case 'load': return await runLoadCli(rest);
      case '--version': process.stdout.write(`${VERSION}\n`); return 0;
      case undefined: case '--help': case '-h': case 'help':
        process.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (e) {
    if (e instanceof SqlUsageError) {
      process.stderr.write(`pxlc ${command}: ${e.message}\n`);
      return 2;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`pxlc: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof UserError || (e as Error).name === 'PxlRuntimeError') {
      process.stderr.write(`pxlc: error: ${(e as Error).message}\n`);
      return 1;
    }
    process.stderr.write(`pxlc: internal error: ${(e as Error).message}\n  this is a bug in pxlc; set PXLC_DEBUG=1 for the stack trace\n`);
    if (process.env['PXLC_DEBUG']) process.stderr.write(`${(e as Error).stack}\n`);
    return 70;
  }
}
