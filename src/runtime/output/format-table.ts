// Readable text tables for px.display output: a title, a header, aligned columns (numbers to the right), values
// in units by their semantic type unless asked for raw.

import type { Table } from '../table.js';
import { cellDisplay, cellText } from './cell-text.js';
import { table as frozenTable } from '../../core/dict.js';

const MAX_CELL = 60;

export interface TableTextOptions {
  /** Values as stored (ns, bytes, fractions, per-ns rates) rather than by their semantic type. */
  readonly raw?: boolean;
}

/**
 * The table's lines, without their newlines: the caller writes them in turn, since the whole text of a wide or long
 * table can pass V8's longest string.
 */
export function tableLines(name: string, table: Table, options: TableTextOptions = {}): string[] {
  const title = `${visible(name)} (${table.length} row${table.length === 1 ? '' : 's'})`;
  if (table.schema.length === 0) return [title];
  const header = table.schema.map((c) => visible(c.name));
  const widths = header.map((h) => h.length);
  const rows: string[][] = [];
  for (let i = 0; i < table.length; i++) {
    const row = table.schema.map((c, j) =>
      clip(
        options.raw
          ? cellText(table.columns[j]!, i, c.dataType)
          : cellDisplay(table.columns[j]!, i, c.dataType, c.semanticType),
      ),
    );
    // A loop, not Math.max(...column): a spread of a long table's cells overflows the call stack.
    for (let j = 0; j < row.length; j++) if (row[j]!.length > widths[j]!) widths[j] = row[j]!.length;
    rows.push(row);
  }
  const right = table.schema.map((c) => c.dataType === 'INT64' || c.dataType === 'FLOAT64');
  const line = (cells: readonly string[]) =>
    cells
      .map((s, j) => (right[j] ? s.padStart(widths[j]!) : s.padEnd(widths[j]!)))
      .join('  ')
      .trimEnd();
  return [title, line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

function clip(s: string): string {
  const one = visible(s.replace(/\s*\n\s*/g, ' '));
  return one.length > MAX_CELL ? `${one.slice(0, MAX_CELL - 1)}…` : one;
}

/**
 * Text with every control character written as an escape (`\x1b`, `\r`, `\b`, `\t`, `\u202e`): a value from
 * the data cannot move the cursor, clear the screen, set the window title or reverse the text that follows.
 */
export function visible(s: string): string {
  return s.replace(CONTROL, (c) => NAMED[c] ?? (c.charCodeAt(0) < 0x100 ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`));
}

// C0 and C1 controls, DEL, and the bidirectional overrides and isolates.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const NAMED = frozenTable({
  '\t': '\\t',
  '\r': '\\r',
  '\b': '\\b',
  '\f': '\\f',
  '\v': '\\v',
  '\n': '\\n',
  '\u0000': '\\0',
});

function hex(c: string, width: number): string {
  return c.charCodeAt(0).toString(16).padStart(width, '0');
}
