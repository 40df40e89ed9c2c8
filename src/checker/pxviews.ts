// `import pxviews`: Pixie's library of ready-made views, as pxlc's own PxL source (data/pxviews.pxl).
// The file is parsed once per process; each check interprets its definitions in a scope of their own, so
// the functions are ordinary user functions, inlined and checked at every call like the script's own.
// Their bodies' spans belong to the library file: while one runs, the interpreter reads text from that
// file and reports problems at the script's call (see callUserFunction).

import { pxviewsSource } from '../core/data-files.js';
import { DiagnosticBag } from '../diagnostics/diagnostic.js';
import { renderText } from '../diagnostics/render.js';
import type * as ast from '../frontend/ast.js';
import { parse } from '../frontend/parser.js';
import { SourceFile } from '../core/source.js';
import type { Interpreter } from './interpret.js';
import { Scope } from './scope.js';
import type { ModuleValue, Value } from './values.js';

interface ParsedLibrary {
  readonly file: SourceFile;
  readonly module: ast.Module;
}

let library: ParsedLibrary | undefined;

function parsedLibrary(): ParsedLibrary {
  if (library) return library;
  const file = new SourceFile('pxviews.pxl', pxviewsSource());
  const diags = new DiagnosticBag(file);
  const module = parse(file, diags);
  // The library ships with pxlc: a syntax error in it is pxlc's bug, never the user's.
  if (diags.hasErrors)
    throw new Error(`internal: pxlc's pxviews library does not parse:\n${diags.all().map(renderText).join('\n')}`);
  library = { file, module };
  return library;
}

export function pxviewsModule(interp: Interpreter): ModuleValue {
  const { file, module } = parsedLibrary();
  const scope = new Scope(interp.globals);
  interp.ctx.sources.within(file, () => interp.execBlock(module.body, scope, false));
  const attrs = new Map<string, Value>();
  for (const name of scope.ownNames()) {
    const v = scope.lookup(name)!;
    if (v.kind === 'UserFunction') attrs.set(name, v);
  }
  return { kind: 'Module', name: 'pxviews', attrs };
}
