// `pxlc compile` and `pxlc check`: read scripts (files, directories, or `-` for stdin), check or compile them,
// print diagnostics (coloured on a terminal), write the module to -o or stdout. `--watch` repeats on every change.

import { readFile, writeFile, mkdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { compile, check } from '../index.js';
import { renderPainted, toJson } from '../diagnostics/render.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { parseSchemaFile, type SchemaFileResult } from '../checker/schema-file.js';
import { knownArgValuesFromVisSpec } from '../checker/vis-spec.js';
import type { KnownArgValues } from '../checker/context.js';
import { compileSql } from '../sql/compile.js';
import { printSql } from '../sql/print.js';
import { COMPILE, type CompileValues } from './commands.js';
import { UsageError } from '../runtime/cli-args.js';
import { painterFor } from '../runtime/output/terminal.js';
import { expandScriptPaths } from './script-files.js';
import { UserError, readStdin } from './user-error.js';
import { RUNTIME_PACKAGE, runtimeSpecifierFor, type RuntimeSpecifier } from './runtime-specifier.js';
import { moduleTypeNote } from './module-type.js';
import { VERSION } from '../runtime/version.js';

interface Input {
  readonly path: string;
  readonly text: string;
  readonly schemas?: SchemaFileResult['schemas'];
  readonly runtimeImport?: string;
  readonly compilerImport?: string;
  readonly options?: { readonly knownArgValues: KnownArgValues };
  readonly vis?: { readonly path: string; readonly text: string };
}

/** Custom table schemas; problems in the file are diagnostics located in it. */
export async function loadSchemas(file: string | undefined): Promise<SchemaFileResult | undefined> {
  if (!file) return undefined;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new UserError(
      `cannot read schema file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  return parseSchemaFile(file, text);
}

/** The vis.json of a Pixie script bundle (the script's directory), for the values its arguments may take. */
export async function loadVisSpec(file: string): Promise<KnownArgValues | undefined> {
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

export function printDiagnostics(diags: readonly Diagnostic[], format: 'text' | 'json' = 'text'): void {
  if (format === 'json') {
    process.stderr.write(`${JSON.stringify(diags.map(toJson), null, 2)}\n`);
    return;
  }
  const paint = painterFor(process.stderr);
  for (const d of diags) process.stderr.write(`${renderPainted(d, paint)}\n\n`);
  const errors = diags.filter((d) => d.severity === 'error').length;
  if (errors > 0) process.stderr.write(`${paint('error', `${errors} error${errors === 1 ? '' : 's'}`)}\n`);
}

async function readScript(file: string): Promise<string> {
  if (file === '-') return readStdin();
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw new UserError(
      `cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`,
    );
  }
}

/** The script with what sits beside it: its vis.json (argument values) and the schemas. */
export async function readInput(
  file: string,
  schemas: SchemaFileResult['schemas'] | undefined,
  runtime?: RuntimeSpecifier,
): Promise<Input> {
  const text = await readScript(file);
  const visPath = join(dirname(file), 'vis.json');
  const knownArgValues = file === '-' ? undefined : await loadVisSpec(visPath);
  // The spec itself goes with the script: the module's default run makes its calls, as px run does.
  const visText = knownArgValues ? await readFile(visPath, 'utf8') : undefined;
  return {
    path: file === '-' ? '<stdin>' : file,
    text,
    ...(schemas ? { schemas } : {}),
    ...(runtime ? { runtimeImport: runtime.specifier } : {}),
    ...(runtime?.compilerSpecifier ? { compilerImport: runtime.compilerSpecifier } : {}),
    ...(knownArgValues ? { options: { knownArgValues } } : {}),
    ...(visText !== undefined ? { vis: { path: visPath, text: visText } } : {}),
  };
}

/** `pxlc check PATH...`: every script in one process; diagnostics of all of them, exit 1 if any has an error. */
export async function checkOnce(
  paths: readonly string[],
  values: { schema?: string; format?: string },
): Promise<number> {
  const format = values.format === 'json' ? 'json' : 'text';
  const schemaFile = await loadSchemas(values.schema);
  if (schemaFile && schemaFile.diagnostics.length > 0) {
    printDiagnostics(schemaFile.diagnostics, format);
    return 1;
  }
  let files: string[];
  try {
    files = await expandScriptPaths(paths);
  } catch (e) {
    throw new UserError((e as Error).message);
  }
  const all: Diagnostic[] = [];
  let failed = 0;
  for (const file of files) {
    const result = check(await readInput(file, schemaFile?.schemas));
    all.push(...result.diagnostics);
    if (result.diagnostics.some((d) => d.severity === 'error')) failed++;
  }
  printDiagnostics(all, format);
  if (files.length > 1 && format === 'text')
    process.stderr.write(`checked ${files.length} scripts: ${failed === 0 ? 'no errors' : `${failed} with errors`}\n`);
  return failed > 0 ? 1 : 0;
}

export function validateCompile(values: CompileValues): void {
  if (values.target === 'sql' && !values.dialect)
    throw new UsageError(COMPILE.name, '--target sql needs --dialect duckdb|clickhouse');
  if (values.dialect && values.target !== 'sql') throw new UsageError(COMPILE.name, '--dialect goes with --target sql');
  if (values.sourcemap === 'external' && (!values.out || values.out === '-'))
    throw new UsageError(COMPILE.name, '--sourcemap external needs -o OUT.js (the map goes beside it)');
  if (values.watch && values.out === undefined && values.target !== 'sql')
    throw new UsageError(COMPILE.name, '--watch needs -o OUT.js');
  const toFile = values.out !== undefined && values.out !== '-';
  if (values.bundle && !toFile) throw new UsageError(COMPILE.name, '--bundle needs -o OUT.mjs');
  if (values.bundle && values.target === 'sql')
    throw new UsageError(COMPILE.name, '--bundle goes with a JavaScript module, not --target sql');
  if (values.bundle && values.runtime)
    throw new UsageError(COMPILE.name, '--bundle includes the runtime: leave out --runtime');
  if (values.bundle && values.emit === 'ts')
    throw new UsageError(COMPILE.name, '--bundle writes JavaScript: leave out --emit ts');
  if (values.emit === 'ts' && !toFile) throw new UsageError(COMPILE.name, '--emit ts needs -o OUT.ts');
}

/** One compile: diagnostics to stderr; the module (or SQL) to -o or stdout only when there are no errors. */
export async function compileOnce(file: string, values: CompileValues): Promise<number> {
  const format = values.format === 'json' ? 'json' : 'text';
  if (file !== '-' && (await stat(file).catch(() => undefined))?.isDirectory()) {
    if (values.target === 'sql' || values.schema || values.runtime || values.watch)
      throw new UsageError(
        COMPILE.name,
        'a directory compiles to JavaScript modules with the built-in schemas: drop --target, --schema, --runtime and --watch',
      );
    if (values.out === undefined || values.out === '-')
      throw new UsageError(COMPILE.name, 'a directory of scripts needs -o OUTDIR');
    const { compileDirectory } = await import('./compile-directory.js');
    return compileDirectory(file, resolve(values.out), await expandScriptPaths([file]), (d) =>
      printDiagnostics(d, format),
    );
  }
  const schemaFile = await loadSchemas(values.schema);
  if (schemaFile && schemaFile.diagnostics.length > 0) {
    printDiagnostics(schemaFile.diagnostics, format);
    return 1;
  }
  const out = values.out === undefined || values.out === '-' ? undefined : resolve(values.out);
  const emitTs = values.emit === 'ts';
  const runtime: RuntimeSpecifier | undefined = values.runtime
    ? { specifier: values.runtime }
    : values.bundle || emitTs
      ? { specifier: RUNTIME_PACKAGE }
      : out
        ? runtimeSpecifierFor(out)
        : undefined;
  const input = await readInput(file, schemaFile?.schemas, values.target === 'sql' ? undefined : runtime);
  if (values.target === 'sql') {
    const result = check(input);
    printDiagnostics(result.diagnostics, format);
    if (!result.plan || result.diagnostics.some((d) => d.severity === 'error')) return 1;
    await writeOutput(
      values.out,
      printSql(
        result.plan,
        compileSql(result.plan, { path: input.path, text: input.text }),
        values.dialect as 'duckdb' | 'clickhouse',
      ),
    );
    return 0;
  }
  // A bundle and a TypeScript module carry no source map of the generated JavaScript.
  const mode = values.bundle || emitTs ? 'none' : ((values.sourcemap ?? 'inline') as 'inline' | 'external' | 'none');
  const result = compile({
    ...input,
    engines: values.engines === true,
    sourceMap: { mode, file: out ? basename(out) : `${basename(input.path, '.pxl')}.js` },
    // A bundle compiles the module's code as a script and runs it as a program itself (src/cli/bundle.ts).
    ...(values.bundle ? { programEntry: 'exported' as const } : {}),
  });
  printDiagnostics(result.diagnostics, format);
  if (result.diagnostics.some((d) => d.severity === 'error') || result.js === undefined || !result.plan) return 1;
  if (out === undefined) {
    await writeOutput(out, result.js);
    return 0;
  }
  await mkdir(dirname(out), { recursive: true });
  if (values.bundle) {
    const compiledWhenRun = result.plan.entries.filter((e) => e.compileAtRunTime).map((e) => e.name);
    if (compiledWhenRun.length > 0) {
      throw new UserError(
        `${input.path}: ${compiledWhenRun.join(', ')} ${compiledWhenRun.length === 1 ? 'is' : 'are'} compiled when run ` +
          "(the body needs its arguments' values), which needs the compiler beside the module: compile without --bundle",
      );
    }
    // esbuild is loaded only for bundles.
    const { bundleModule } = await import('./bundle.js');
    await bundleModule(result.js, input.path, out, { exports: result.plan.sinks.some((s) => s.kind === 'Export') });
  }
  // The module's TypeScript declarations beside it (out.d.ts for out.js, out.d.mts for out.mjs), or inside it with
  // --emit ts. The TypeScript compiler is loaded only here.
  const { generateDeclarations } = await import('../codegen/dts.js');
  const declarations = generateDeclarations(result.plan, { sourcePath: input.path, version: VERSION });
  if (emitTs) {
    const { emitTypeScript } = await import('../codegen/emit-ts.js');
    await writeFile(out, emitTypeScript(result.js, declarations));
    return 0;
  }
  if (!values.bundle) {
    await writeFile(out, result.js);
    if (result.map !== undefined) await writeFile(`${out}.map`, result.map);
    if (runtime?.note) process.stderr.write(`pxlc: note: ${runtime.note}\n`);
  }
  await writeFile(declarationPath(out), declarations);
  const typeNote = moduleTypeNote(out);
  if (typeNote) process.stderr.write(`pxlc: note: ${typeNote}\n`);
  return 0;
}

/** out.js → out.d.ts, out.mjs → out.d.mts (what TypeScript looks for beside a module). */
function declarationPath(out: string): string {
  const m = /\.(m?)js$/.exec(out);
  return m ? `${out.slice(0, m.index)}.d.${m[1] ?? ''}ts` : `${out}.d.ts`;
}

async function writeOutput(out: string | undefined, text: string): Promise<void> {
  if (out === undefined || out === '-') {
    process.stdout.write(text);
    return;
  }
  await mkdir(dirname(resolve(out)), { recursive: true });
  await writeFile(out, text);
}
