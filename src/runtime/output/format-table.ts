// Readable text tables for px.display output: a title, a header, aligned columns (numbers to the right).

import type { Table } from '../table.js';
import { cellText } from './cell-text.js';

const MAX_CELL = 60;

export function formatTable(name: string, table: Table): string {
  const title = `${name} (${table.length} row${table.length === 1 ? '' : 's'})`;
  if (table.schema.length === 0) return `${title}\n`;
  const header = table.schema.map((c) => c.name);
  const rows: string[][] = [];
  for (let i = 0; i < table.length; i++) {
    rows.push(table.schema.map((c, j) => clip(cellText(table.columns[j]!, i, c.dataType))));
  }
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j]!.length)));
  const right = table.schema.map((c) => c.dataType === 'INT64' || c.dataType === 'FLOAT64');
  const line = (cells: readonly string[]) => cells.map((s, j) => (right[j] ? s.padStart(widths[j]!) : s.padEnd(widths[j]!))).join('  ').trimEnd();
  return [title, line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}

function clip(s: string): string {
  const one = s.replace(/\s*\n\s*/g, ' ');
  return one.length > MAX_CELL ? `${one.slice(0, MAX_CELL - 1)}…` : one;
}
