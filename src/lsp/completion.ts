// Completion at the cursor, decided by the text just before it: the columns of the DataFrame a name holds at that
// point of the pipeline (`df.`, `df['`, `groupby('`), `ctx['` keys, `px.` members (and px.otel's constructors),
// keyword arguments of the px function being called, table names in px.DataFrame(...), else the names in scope.

import { CompletionItemKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver';
import { builtinMembers, type BuiltinMember } from '../checker/builtin-members.js';
import { metadataKeys } from '../checker/metadata.js';
import { TableCatalog } from '../checker/tables.js';
import type { ColumnInfo, Schema } from '../core/types.js';
import { frameAt, type Analysis } from './analysis.js';
import { docMarkdown, pxDoc, signatures } from './docs.js';

const DATAFRAME_METHODS = ['agg', 'append', 'drop', 'filter', 'groupby', 'head', 'map', 'merge', 'rolling', 'stream'];
const KEYWORDS = ['import', 'def', 'return', 'True', 'False', 'None', 'and', 'or', 'not', 'in', 'is'];

export function complete(a: Analysis, offset: number, tables: TableCatalog): CompletionItem[] {
  const text = a.file.text;
  const before = text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset);
  let m: RegExpExecArray | null;

  // df.ctx['  → metadata keys
  if ((m = /([A-Za-z_]\w*)\.ctx\[\s*['"]\w*$/.exec(before))) {
    return metadataKeys().map((k) => ({ label: k, kind: CompletionItemKind.Property, detail: `ctx['${k}']` }));
  }
  // px.DataFrame('  or  px.DataFrame(table='  → table names
  if (/px\.DataFrame\(\s*(?:table\s*=\s*)?['"]\w*$/.test(before)) {
    return tables
      .names()
      .sort()
      .map((t) => ({ label: t, kind: CompletionItemKind.Class, detail: tableDetail(tables.get(t)) }));
  }
  // df['  → columns, as strings
  if ((m = /([A-Za-z_]\w*)\[\s*(?:\[\s*(?:['"][\w.]*['"]\s*,\s*)*)?['"]\w*$/.exec(before))) {
    const frame = frameAt(a, m[1]!, offset);
    if (frame) return columnItems(frame.schema);
  }
  // df.groupby('  df.agg(n=('  df.drop(['  df.merge(..., left_on='  → columns of the receiver
  if ((m = /([A-Za-z_]\w*)\.(?:groupby|agg|drop|merge|filter)\((?:[^()]|\([^()]*)*['"]\w*$/.exec(before))) {
    const frame = frameAt(a, m[1]!, offset);
    if (frame) return columnItems(frame.schema);
  }
  // a.b.c.  → members
  if ((m = /([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\.\w*$/.exec(before))) {
    const chain = m[1]!;
    const members = builtinMembers().get(chain);
    if (members) return members.filter((x) => !x.name.startsWith('_')).map((x) => memberItem(chain, x));
    const frame = !chain.includes('.') ? frameAt(a, chain, offset) : undefined;
    if (frame) {
      return [
        ...columnItems(frame.schema),
        ...DATAFRAME_METHODS.map((name) => methodItem(name)),
        {
          label: 'ctx',
          kind: CompletionItemKind.Property,
          detail: "metadata of the rows: df.ctx['pod'], df.ctx['service'], ...",
        },
      ];
    }
    return [];
  }
  // Inside a px call: its keyword arguments.
  const call = openCall(text.slice(Math.max(0, offset - 4000), offset));
  if (call) {
    const params = calleeParams(call.callee);
    if (params) {
      return params
        .filter((p) => !call.given.has(p.name))
        .map((p, i) => ({
          label: `${p.name}=`,
          kind: CompletionItemKind.Field,
          sortText: String(i).padStart(3, '0'),
          detail: p.optional ? 'optional' : 'required',
          insertText: `${p.name}=`,
        }));
    }
  }
  const word = /[A-Za-z_]\w*$/.exec(before);
  const names = a.symbols.visible(offset).map((s) => ({
    label: s.name,
    kind:
      s.kind === 'function'
        ? CompletionItemKind.Function
        : s.kind === 'import'
          ? CompletionItemKind.Module
          : CompletionItemKind.Variable,
  }));
  return word || before.trim() === '' || /[=(,\s]$/.test(before)
    ? [...names, ...KEYWORDS.map((k) => ({ label: k, kind: CompletionItemKind.Keyword }))]
    : [];
}

function columnItems(schema: Schema): CompletionItem[] {
  return schema.map((c, i) => ({
    label: c.name,
    kind: CompletionItemKind.Field,
    detail: columnDetail(c),
    sortText: String(i).padStart(4, '0'),
  }));
}

export function columnDetail(c: ColumnInfo): string {
  return c.semanticType === 'ST_NONE' ? c.dataType : `${c.dataType} (${c.semanticType})`;
}

function tableDetail(schema: Schema | undefined): string {
  const names = (schema ?? []).map((c) => c.name);
  return names.length > 6 ? `${names.slice(0, 6).join(', ')}, ... (${names.length} columns)` : names.join(', ');
}

function methodItem(name: string): CompletionItem {
  const doc = pxDoc(`DataFrame.${name}`);
  return {
    label: name,
    kind: CompletionItemKind.Method,
    ...(doc
      ? {
          detail: signatures(`df.${name}`, doc)[0] ?? '',
          documentation: { kind: 'markdown', value: docMarkdown(`df.${name}`, doc) },
        }
      : {}),
  };
}

function memberItem(chain: string, m: BuiltinMember): CompletionItem {
  const full = `${chain}.${m.name}`;
  const doc = pxDoc(full);
  const kind =
    m.kind === 'module'
      ? CompletionItemKind.Module
      : m.kind === 'type'
        ? CompletionItemKind.Class
        : m.kind === 'constant'
          ? CompletionItemKind.Constant
          : CompletionItemKind.Function;
  const detail = doc
    ? signatures(full, doc)[0]
    : m.params
      ? `${full}(${m.params.map((p) => (p.optional ? `${p.name}=...` : p.name)).join(', ')})`
      : undefined;
  const callable = m.kind === 'function' || m.kind === 'aggregate';
  return {
    label: m.name,
    kind,
    ...(detail ? { detail } : {}),
    ...(doc ? { documentation: { kind: 'markdown', value: docMarkdown(full, doc) } } : {}),
    // Aggregates are passed, not called: ('latency', px.mean).
    ...(callable && m.kind !== 'aggregate'
      ? { insertText: `${m.name}($0)`, insertTextFormat: InsertTextFormat.Snippet }
      : {}),
  };
}

/** The callee of the innermost call not yet closed before the cursor, and the keywords already given to it. */
function openCall(before: string): { callee: string; given: Set<string> } | undefined {
  let depth = 0;
  for (let i = before.length - 1; i >= 0; i--) {
    const ch = before[i];
    if (ch === ')' || ch === ']' || ch === '}') depth++;
    else if (ch === '[' || ch === '{') depth--;
    else if (ch === '(') {
      if (depth > 0) {
        depth--;
        continue;
      }
      const callee = /([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\s*$/.exec(before.slice(0, i))?.[1];
      if (!callee) return undefined;
      const given = new Set([...before.slice(i).matchAll(/[(,]\s*([A-Za-z_]\w*)\s*=/g)].map((g) => g[1]!));
      return { callee, given };
    }
    if (depth < 0) return undefined;
  }
  return undefined;
}

function calleeParams(callee: string): readonly { name: string; optional: boolean }[] | undefined {
  const dot = callee.lastIndexOf('.');
  if (dot < 0) return undefined;
  return builtinMembers()
    .get(callee.slice(0, dot))
    ?.find((x) => x.name === callee.slice(dot + 1))?.params;
}
