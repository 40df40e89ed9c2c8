// `pxlc compile --emit ts`: the compiled module as TypeScript (out.ts) that a service compiles with its own
// `tsc --strict`. The JavaScript module is read back with the TypeScript compiler API and rewritten node by
// node: the generated declarations (dts.ts) come first, run()'s overloads become the signatures of its
// implementation, and the operator functions' parameters and the runtime namespace are typed `any`, since the
// runtime's values are checked where the plan was (in the compiler), not by the service's compiler.

import type * as TS from 'typescript';
import { ts } from './typescript-api.js';

const f = ts.factory;

export function emitTypeScript(js: string, declarations: string): string {
  const module = ts.createSourceFile('out.js', js, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const decls = ts.createSourceFile('out.d.ts', declarations, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed });
  const print = (node: TS.Node, file: TS.SourceFile) => printer.printNode(ts.EmitHint.Unspecified, node, file);

  const types: string[] = [];
  const overloads: string[] = [];
  for (const s of decls.statements) {
    if (ts.isFunctionDeclaration(s) && s.name?.text === 'run') {
      // An overload signature of the implementation below.
      overloads.push(
        print(
          f.updateFunctionDeclaration(
            s,
            s.modifiers?.filter((m) => m.kind !== ts.SyntaxKind.DeclareKeyword),
            s.asteriskToken,
            s.name,
            s.typeParameters,
            s.parameters,
            s.type,
            undefined,
          ),
          decls,
        ),
      );
    } else if (ts.isVariableStatement(s)) {
      continue; // `script`: declared by the implementation itself.
    } else {
      types.push(print(s, decls));
    }
  }
  const body: string[] = [];
  for (const s of module.statements) {
    if (
      ts.isImportDeclaration(s) &&
      s.importClause?.namedBindings &&
      ts.isNamespaceImport(s.importClause.namedBindings)
    ) {
      const local = s.importClause.namedBindings.name.text;
      body.push(
        print(
          f.updateImportDeclaration(
            s,
            s.modifiers,
            f.updateImportClause(
              s.importClause,
              false,
              undefined,
              f.createNamespaceImport(f.createIdentifier(`${local}Module`)),
            ),
            s.moduleSpecifier,
            s.attributes,
          ),
          module,
        ),
      );
      body.push(`const ${local}: any = ${local}Module;`);
      continue;
    }
    // Overload signatures go right before the implementation.
    if (ts.isFunctionDeclaration(s) && s.name?.text === 'run') body.push(...overloads);
    body.push(print(typed(s), module));
  }
  // The declarations open with the same header comment as the module.
  return `${[...types, ...body].join('\n')}\n`;
}

/** Every parameter without a type gets `any`; run()'s implementation returns a Promise of the typed result. */
function typed<T extends TS.Node>(node: T): T {
  const visit = (n: TS.Node): TS.Node => {
    if (ts.isParameter(n) && !n.type) {
      return f.updateParameterDeclaration(
        n,
        n.modifiers,
        n.dotDotDotToken,
        n.name,
        n.questionToken,
        f.createKeywordTypeNode(ts.SyntaxKind.AnyKeyword),
        n.initializer,
      );
    }
    if (ts.isFunctionDeclaration(n) && n.name?.text === 'run' && n.body) {
      const [options] = n.parameters;
      return f.updateFunctionDeclaration(
        n,
        n.modifiers,
        n.asteriskToken,
        n.name,
        n.typeParameters,
        options
          ? [
              f.updateParameterDeclaration(
                options,
                options.modifiers,
                options.dotDotDotToken,
                options.name,
                f.createToken(ts.SyntaxKind.QuestionToken),
                f.createKeywordTypeNode(ts.SyntaxKind.AnyKeyword),
                options.initializer,
              ),
            ]
          : n.parameters,
        f.createTypeReferenceNode('Promise', [f.createKeywordTypeNode(ts.SyntaxKind.AnyKeyword)]),
        ts.visitEachChild(n.body, visit, undefined),
      );
    }
    return ts.visitEachChild(n, visit, undefined);
  };
  return visit(node) as T;
}
