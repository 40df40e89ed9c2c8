// `pxlc lsp --stdio`: a Language Server Protocol server for PxL on vscode-languageserver. Every edit re-checks the
// script with the compiler's own checker (the diagnostics are `pxlc check`'s) and keeps what the check learnt for
// hover, completion, go to definition, references, the outline and quick fixes.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  DiagnosticSeverity,
  DocumentSymbol,
  SymbolKind,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type Range,
} from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseSchemaFile } from '../checker/schema-file.js';
import { TableCatalog } from '../checker/tables.js';
import { knownArgValuesFromVisSpec } from '../checker/vis-spec.js';
import type { Span } from '../core/source.js';
import type { Schema } from '../core/types.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { VERSION } from '../runtime/version.js';
import { analyze, frameAt, type Analysis, type AnalysisEnv } from './analysis.js';
import { complete } from './completion.js';
import { hover } from './hover.js';
import type { ScriptSymbol } from './symbols.js';

interface QuickFix {
  readonly title: string;
  readonly span: Span;
  readonly newText: string;
}

/** Serves one editor over stdin/stdout; `schemaFile` adds tables (as `pxlc check --schema`). */
export function startServer(
  schemaFile?: string,
  connection: Connection = createConnection(process.stdin, process.stdout),
): void {
  const documents = new TextDocuments(TextDocument);
  const analyses = new Map<string, { version: number; analysis: Analysis }>();
  let schemas: Readonly<Record<string, Schema>> | undefined;
  let tables = new TableCatalog();

  const envFor = (uri: string): AnalysisEnv => {
    const knownArgValues = uri.startsWith('file:') ? visSpecBeside(fileURLToPath(uri)) : undefined;
    return { ...(schemas ? { schemas } : {}), ...(knownArgValues ? { knownArgValues } : {}) };
  };
  const analysisOf = (doc: TextDocument): Analysis => {
    const cached = analyses.get(doc.uri);
    if (cached && cached.version === doc.version) return cached.analysis;
    const analysis = analyze(pathOf(doc.uri), doc.getText(), envFor(doc.uri));
    analyses.set(doc.uri, { version: doc.version, analysis });
    return analysis;
  };
  const range = (doc: TextDocument, span: Span): Range => ({
    start: doc.positionAt(span.start),
    end: doc.positionAt(span.end),
  });

  connection.onInitialize((params) => {
    const file = (params.initializationOptions as { schema?: unknown } | undefined)?.schema ?? schemaFile;
    if (typeof file === 'string') {
      const parsed = parseSchemaFile(file, readFileSync(file, 'utf8'));
      schemas = parsed.schemas;
      tables = new TableCatalog(parsed.schemas);
    }
    return {
      serverInfo: { name: 'pxlc', version: VERSION },
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['.', '[', "'", '"', '(', ','] },
        definitionProvider: true,
        referencesProvider: true,
        documentSymbolProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
    };
  });

  // Several edits arriving together are checked once, for the latest text.
  const pending = new Map<string, NodeJS.Immediate>();
  const validate = (doc: TextDocument) => {
    const queued = pending.get(doc.uri);
    if (queued) clearImmediate(queued);
    pending.set(
      doc.uri,
      setImmediate(() => {
        pending.delete(doc.uri);
        const current = documents.get(doc.uri);
        if (!current) return;
        const a = analysisOf(current);
        void connection.sendDiagnostics({
          uri: current.uri,
          version: current.version,
          diagnostics: a.result.diagnostics.map((d) => toLsp(current, a, d)),
        });
      }),
    );
  };
  documents.onDidChangeContent((e) => validate(e.document));
  documents.onDidClose((e) => {
    analyses.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  const toLsp = (doc: TextDocument, a: Analysis, d: Diagnostic): LspDiagnostic => {
    const fixes = quickFixes(a.file.text, d);
    const related = relatedFrame(a, d);
    return {
      range: range(doc, d.span),
      severity: d.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
      code: d.code,
      source: 'pxlc',
      message: [d.message, ...d.hints.map((h) => `help: ${h}`)].join('\n'),
      ...(related
        ? {
            relatedInformation: [
              { location: { uri: doc.uri, range: range(doc, related.span) }, message: related.message },
            ],
          }
        : {}),
      ...(fixes.length ? { data: { fixes } } : {}),
    };
  };

  connection.onHover(({ textDocument, position }) => {
    const doc = documents.get(textDocument.uri);
    if (!doc) return null;
    const h = hover(analysisOf(doc), doc.offsetAt(position));
    return h ? { contents: { kind: 'markdown', value: h.markdown }, range: range(doc, h.span) } : null;
  });

  connection.onCompletion(({ textDocument, position }) => {
    const doc = documents.get(textDocument.uri);
    return doc ? complete(analysisOf(doc), doc.offsetAt(position), tables) : [];
  });

  connection.onDefinition(({ textDocument, position }) => {
    const doc = documents.get(textDocument.uri);
    const at = doc ? analysisOf(doc).symbols.at(doc.offsetAt(position)) : undefined;
    return doc && at?.def ? { uri: doc.uri, range: range(doc, at.def) } : null;
  });

  connection.onReferences(({ textDocument, position, context }) => {
    const doc = documents.get(textDocument.uri);
    const at = doc ? analysisOf(doc).symbols.at(doc.offsetAt(position)) : undefined;
    if (!doc || !at) return [];
    const spans = [...(context.includeDeclaration ? at.symbol.defs : []), ...at.symbol.uses.map((u) => u.span)].sort(
      (x, y) => x.start - y.start,
    );
    return spans.map((s) => ({ uri: doc.uri, range: range(doc, s) }));
  });

  connection.onDocumentSymbol(({ textDocument }) => {
    const doc = documents.get(textDocument.uri);
    if (!doc) return [];
    const all = analysisOf(doc).symbols.symbols;
    const outline = (s: ScriptSymbol): DocumentSymbol => {
      const fn =
        s.kind === 'function'
          ? all.filter((c) => c.scope !== undefined && c.scope.nameSpan.start === s.defs[0]!.start)
          : [];
      return DocumentSymbol.create(
        s.name,
        undefined,
        KIND[s.kind],
        range(doc, s.defNodes[0]!),
        range(doc, s.defs[0]!),
        fn.map(outline),
      );
    };
    return all.filter((s) => s.scope === undefined).map(outline);
  });

  connection.onCodeAction(({ textDocument, context }) => {
    const doc = documents.get(textDocument.uri);
    if (!doc) return [];
    return context.diagnostics.flatMap((d) =>
      ((d.data as { fixes?: QuickFix[] } | undefined)?.fixes ?? []).map((f) => ({
        title: f.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: true,
        edit: { changes: { [doc.uri]: [{ range: range(doc, f.span), newText: f.newText }] } },
      })),
    );
  });

  documents.listen(connection);
  connection.listen();
}

const KIND: Readonly<Record<ScriptSymbol['kind'], SymbolKind>> = {
  function: SymbolKind.Function,
  variable: SymbolKind.Variable,
  parameter: SymbolKind.Variable,
  import: SymbolKind.Module,
};

/** "did you mean 'latency'?" → replace the misspelt word (inside quotes, when the span is a string) with it. */
export function quickFixes(text: string, d: Diagnostic): QuickFix[] {
  const written = text.slice(d.span.start, d.span.end);
  const quoted = /^(['"])(.*)\1$/s.exec(written);
  const span = quoted ? { start: d.span.start + 1, end: d.span.end - 1 } : d.span;
  const word = quoted ? quoted[2]! : written;
  if (!/^[\w.]+$/.test(word)) return [];
  return d.hints.flatMap((h) => {
    const suggestion = /did you mean '([^']+)'\?/.exec(h)?.[1];
    return suggestion && suggestion !== word ? [{ title: `Change to '${suggestion}'`, span, newText: suggestion }] : [];
  });
}

/** For a mistake in `df.x` / `df['x']`: where `df` got the columns it has there. */
function relatedFrame(a: Analysis, d: Diagnostic): { span: Span; message: string } | undefined {
  const use = a.frames.find(
    (f) =>
      f.kind === 'use' &&
      f.span.end <= d.span.start &&
      d.span.start - f.span.end <= 2 &&
      /^[.[]/.test(a.file.text.slice(f.span.end)),
  );
  if (!use) return undefined;
  const binding = frameAt({ ...a, frames: a.frames.filter((f) => f.kind === 'binding') }, use.name, use.span.start);
  if (!binding) return undefined;
  const names = binding.schema.map((c) => c.name);
  return {
    span: binding.span,
    message: `'${use.name}' gets its columns here: ${names.length > 12 ? `${names.slice(0, 12).join(', ')}, ...` : names.join(', ')}`,
  };
}

function pathOf(uri: string): string {
  return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
}

/** The values the script's arguments take in the vis.json of its bundle (as `pxlc check` reads it). */
function visSpecBeside(path: string): AnalysisEnv['knownArgValues'] {
  const file = join(dirname(path), 'vis.json');
  try {
    return knownArgValuesFromVisSpec(JSON.parse(readFileSync(file, 'utf8')), file);
  } catch {
    return undefined;
  }
}
