// `--output json`: one JSON object per row with `_tableName_` first, like Pixie's `px run -o json`.

import type { Table } from '../table.js';
import { cellJson } from './cell-text.js';
import { describeUnavailable, type Unavailable } from '../contracts.js';

/** A table that cannot have rows outside a cluster: one object saying why, in place of its rows. */
export function unavailableJson(name: string, u: Unavailable): string {
  return JSON.stringify({ _tableName_: name, _unavailable_: { kind: u.kind, reason: describeUnavailable(u) } });
}

export function jsonRows(name: string, table: Table): string[] {
  const keys = table.schema.map((c) => `${JSON.stringify(c.name)}:`);
  const head = `{"_tableName_":${JSON.stringify(name)}`;
  const lines: string[] = [];
  for (let i = 0; i < table.length; i++) {
    let line = head;
    table.schema.forEach((c, j) => {
      line += `,${keys[j]}${cellJson(table.columns[j]!, i, c.dataType)}`;
    });
    lines.push(`${line}}`);
  }
  return lines;
}
