// `--schema FILE.json`: schemas of custom tables, in the format of Pixie's tables.json (the file pxlc's own
// catalogue comes from): {"tables": {"NAME": {"desc": "...", "columns": [{"name", "type", "semantic_type",
// "pattern_type", "desc"}]}}}. Every problem is reported at its place in the file, and all of them at once.

import { DiagnosticBag, type Diagnostic } from '../diagnostics/diagnostic.js';
import { schemaMessages as M } from '../diagnostics/schema-messages.js';
import { SourceFile, type Span } from '../core/source.js';
import { DATA_TYPES, SEMANTIC_TYPES, isDataType, isSemanticType, type ColumnInfo, type Schema } from '../core/types.js';
import { JsonSyntaxError, parseJsonWithSpans, type JsonNode } from '../frontend/json-with-spans.js';
import { nearest } from './suggest.js';
import { dict } from '../core/dict.js';

export interface SchemaFileResult {
  readonly schemas: Readonly<Record<string, Schema>>;
  readonly diagnostics: readonly Diagnostic[];
}

const COLUMN_KEYS = ['name', 'type', 'semantic_type', 'pattern_type', 'desc'];
const TABLE_KEYS = ['desc', 'columns'];

export function parseSchemaFile(path: string, text: string): SchemaFileResult {
  const file = new SourceFile(path, text);
  const diags = new DiagnosticBag(file);
  let root: JsonNode;
  try {
    root = parseJsonWithSpans(text);
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    diags.error(e.span, M.notJson(e.message));
    return { schemas: dict(), diagnostics: diags.all() };
  }
  const schemas = dict<Schema>();
  const tables = root.kind === 'object' ? root.entries.find((e) => e.key === 'tables') : undefined;
  if (root.kind !== 'object' || !tables) {
    diags.error(
      root.kind === 'object' ? { start: root.span.start, end: root.span.start + 1 } : root.span,
      M.noTables(),
    );
    return { schemas, diagnostics: diags.all() };
  }
  if (tables.value.kind !== 'object') {
    diags.error(tables.value.span, M.expected('"tables"', 'an object of table name → table'));
    return { schemas, diagnostics: diags.all() };
  }
  for (const t of tables.value.entries) {
    const schema = readTable(diags, t.key, t.keySpan, t.value);
    if (schema) schemas[t.key] = schema;
  }
  return { schemas, diagnostics: diags.all() };
}

function readTable(diags: DiagnosticBag, name: string, nameSpan: Span, node: JsonNode): Schema | undefined {
  if (name === '') diags.error(nameSpan, M.emptyName('table'));
  if (node.kind !== 'object') {
    diags.error(node.span, M.expected(`table '${name}'`, 'an object with "columns"'));
    return undefined;
  }
  unknownKeys(diags, node, TABLE_KEYS);
  const columns = node.entries.find((e) => e.key === 'columns')?.value;
  if (!columns || columns.kind !== 'array' || columns.items.length === 0) {
    diags.error(columns?.span ?? nameSpan, M.needs(`table '${name}'`, 'a non-empty "columns" list'));
    return undefined;
  }
  const out: ColumnInfo[] = [];
  let ok = true;
  for (const c of columns.items) {
    const col = readColumn(diags, name, c);
    if (!col) {
      ok = false;
      continue;
    }
    if (out.some((x) => x.name === col.name)) {
      diags.error(c.span, M.duplicateColumn(name, col.name));
      ok = false;
      continue;
    }
    out.push(col);
  }
  return ok && name !== '' ? out : undefined;
}

function readColumn(diags: DiagnosticBag, table: string, node: JsonNode): ColumnInfo | undefined {
  if (node.kind !== 'object') {
    diags.error(node.span, M.expected(`a column of '${table}'`, 'an object with "name" and "type"'));
    return undefined;
  }
  unknownKeys(diags, node, COLUMN_KEYS);
  const get = (k: string) => node.entries.find((e) => e.key === k)?.value;
  const name = get('name');
  const type = get('type');
  const semantic = get('semantic_type');
  let ok = true;
  if (name?.kind !== 'string' || name.value === '') {
    diags.error(name?.span ?? node.span, M.needs(`a column of '${table}'`, 'a non-empty "name"'));
    ok = false;
  }
  if (type?.kind !== 'string' || !isDataType(type.value)) {
    const got = type?.kind === 'string' ? type.value : undefined;
    diags.error(
      type?.span ?? node.span,
      M.badType(got, DATA_TYPES, got === undefined ? undefined : nearest(got, DATA_TYPES)),
    );
    ok = false;
  }
  if (semantic !== undefined && (semantic.kind !== 'string' || !isSemanticType(semantic.value))) {
    const got = semantic.kind === 'string' ? semantic.value : undefined;
    diags.error(semantic.span, M.badSemanticType(got, got === undefined ? undefined : nearest(got, SEMANTIC_TYPES)));
    ok = false;
  }
  if (!ok || name?.kind !== 'string' || type?.kind !== 'string' || !isDataType(type.value)) return undefined;
  const st = semantic?.kind === 'string' && isSemanticType(semantic.value) ? semantic.value : 'ST_NONE';
  return { name: name.value, dataType: type.value, semanticType: st };
}

function unknownKeys(
  diags: DiagnosticBag,
  node: Extract<JsonNode, { kind: 'object' }>,
  known: readonly string[],
): void {
  for (const e of node.entries) {
    if (!known.includes(e.key)) diags.error(e.keySpan, M.unknownKey(e.key, known, nearest(e.key, known)));
  }
}
