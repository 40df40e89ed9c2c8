// Type-checking snippets with the TypeScript compiler API, as a service's `tsc --strict` would. The standard
// library and @types/node are parsed once per test process and shared by every program.

import ts from 'typescript';

const parsed = new Map<string, ts.SourceFile>();

function host(options: ts.CompilerOptions): ts.CompilerHost {
  const base = ts.createCompilerHost(options);
  return {
    ...base,
    getSourceFile(fileName, languageVersion, onError, shouldCreate) {
      const shared = fileName.includes('/node_modules/');
      const cached = shared ? parsed.get(fileName) : undefined;
      if (cached) return cached;
      const file = base.getSourceFile(fileName, languageVersion, onError, shouldCreate);
      if (shared && file) parsed.set(fileName, file);
      return file;
    },
  };
}

/** The diagnostics of a program over `files` with these options (strict, NodeNext and no emit are implied). */
export function typeCheck(files: readonly string[], options: ts.CompilerOptions): readonly ts.Diagnostic[] {
  const all: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    ...options,
  };
  return ts.getPreEmitDiagnostics(ts.createProgram(files, all, host(all)));
}

/** Time for the first program of a process on a loaded machine (the standard library is parsed then). */
export const TYPECHECK_TIMEOUT_MS = 5 * 60_000;
