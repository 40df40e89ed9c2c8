// Rows → resources. Pixie builds one Resource per row (SPEC §14.9); pxlc groups the rows of a request that share
// the same resource attribute values under one ResourceMetrics/ResourceSpans/ResourceLogs, which carries the same
// data in far fewer bytes (docs/DEVIATIONS.md). Service-name expansion follows Pixie: a service-typed column holding
// a JSON array (a pod behind several services) fans the row out to one resource per combination of names.

import type { Attribute, OTelExportSpec } from '../../core/otel-spec.js';
import type { ColumnData } from '../../core/types.js';
import { dictionaryOf } from '../ops/dictionary.js';
import { stringOrBytes, type AnyValue, type Columns, type KeyValue } from './row-values.js';

export interface ResourceGroup {
  readonly resource: KeyValue[];
  /** Row indexes, in row order. */
  readonly rows: number[];
}

/**
 * The names in a service-name value: the string elements of a JSON array (others skipped, as Pixie's
 * ParseStringOrArray does), else the text itself. An array with no string in it also stays as its text: Pixie reads
 * out of bounds there, and dropping the row would lose it silently.
 */
export function serviceNames(text: string): string[] {
  if (!text.startsWith('[')) return [text];
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed)) {
      const names = parsed.filter((x): x is string => typeof x === 'string');
      if (names.length > 0) return names;
    }
  } catch {
    // Not JSON: the name itself.
  }
  return [text];
}

/**
 * Pixie's order of the combinations of several expandable attributes (its ReplicateData): each new attribute first
 * appends its first value to every combination so far, then adds the combinations with its other values. For two
 * attributes of two values each: (a0,b0), (a1,b0), (a0,b1), (a1,b1).
 */
export function combinations(lists: readonly (readonly string[])[]): string[][] {
  if (lists.length === 0) return [[]];
  let sets: number[][] = lists[0]!.map((_, i) => [i]);
  for (let a = 1; a < lists.length; a++) {
    const extra: number[][] = [];
    for (const p of sets) for (let i = 1; i < lists[a]!.length; i++) extra.push([...p, i]);
    sets = [...sets.map((p) => [...p, 0]), ...extra];
  }
  return sets.map((p) => p.map((vi, a) => lists[a]![vi]!));
}

/**
 * Groups rows [from, to) by resource; KeyValues are built once per group. Non-expandable attributes come first.
 * The groups a row belongs to are worked out once per distinct combination of its resource values.
 */
export function groupByResource(spec: OTelExportSpec, cols: Columns, from: number, to: number): ResourceGroup[] {
  const plain = spec.resource.filter((a) => !(a.value.kind === 'column' && a.value.expand));
  const expandable = spec.resource.filter((a) => a.value.kind === 'column' && a.value.expand);
  const columns = [...plain, ...expandable]
    .filter((a) => a.value.kind === 'column')
    .map((a) => cols.get((a.value as { column: string }).column).data as ArrayLike<unknown>);
  const groups = new Map<string, ResourceGroup>();
  const targets = new Map<string | number, ResourceGroup[]>();
  // One column with dictionary codes (ops/dictionary.ts): rows are told apart by their codes.
  const codes = columns.length === 1 ? dictionaryOf(columns[0] as ColumnData)?.codes : undefined;
  const rowKey =
    columns.length === 0
      ? () => ''
      : codes
        ? (row: number) => codes[row]!
        : columns.length === 1
          ? (row: number) => String(columns[0]![row])
          : (row: number) => columns.map((c) => lengthPrefixed(String(c[row]))).join('');
  for (let row = from; row < to; row++) {
    const k = rowKey(row);
    let into = targets.get(k);
    if (!into) {
      into = groupsOfRow(plain, expandable, cols, row, groups);
      targets.set(k, into);
    }
    for (const g of into) g.rows.push(row);
  }
  return [...groups.values()];
}

/** Text that joins with others without ambiguity: 'a|b' + 'c' and 'a' + 'b|c' stay apart whatever the separator. */
const lengthPrefixed = (s: string) => `${s.length}:${s}`;

/** The groups (found or made) one row's resource values belong to, one per combination of its service names. */
function groupsOfRow(
  plain: readonly Attribute[],
  expandable: readonly Attribute[],
  cols: Columns,
  row: number,
  groups: Map<string, ResourceGroup>,
): ResourceGroup[] {
  const fixed = plain.map((a) => (a.value.kind === 'string' ? a.value.value : cols.raw(a.value.column, row)));
  const fixedKey = fixed.map((v) => lengthPrefixed(String(v))).join('');
  const combos =
    expandable.length === 0
      ? [[]]
      : combinations(expandable.map((a) => serviceNames(cols.string((a.value as { column: string }).column, row))));
  return combos.map((combo) => {
    const key = fixedKey + combo.map(lengthPrefixed).join('');
    let g = groups.get(key);
    if (!g) {
      const resource: KeyValue[] = plain.map((a, j): KeyValue => {
        const value: AnyValue =
          a.value.kind === 'string' ? stringOrBytes(String(fixed[j])) : cols.anyValue(a.value.column, row);
        return { key: a.key, value };
      });
      combo.forEach((name, j) => resource.push({ key: expandable[j]!.key, value: stringOrBytes(name) }));
      g = { resource, rows: [] };
      groups.set(key, g);
    }
    return g;
  });
}
