// Schemas of Pixie's tables (data/tables.json, copied from shared/pxl) plus user schemas for custom tables.

import { tablesJson } from '../core/data-files.js';
import { isDataType, isSemanticType, type ColumnInfo, type Schema } from '../core/types.js';
import { own } from '../core/dict.js';

interface TablesFile {
  tables: Record<string, { desc: string; columns: { name: string; type: string; semanticType: string }[] }>;
  udtfs: Record<
    string,
    {
      desc: string;
      args: { name: string; type: string; default?: unknown }[];
      columns: { name: string; type: string; semantic_type: string }[];
    }
  >;
}

const tablesFile = tablesJson() as TablesFile;

function toSchema(
  cols: readonly { name: string; type: string; semanticType?: string; semantic_type?: string }[],
  where: string,
): Schema {
  return cols.map((c): ColumnInfo => {
    const st = c.semanticType ?? c.semantic_type ?? 'ST_NONE';
    if (!isDataType(c.type)) throw new Error(`${where}: column '${c.name}' has unknown type '${c.type}'`);
    return { name: c.name, dataType: c.type, semanticType: isSemanticType(st) ? st : 'ST_NONE' };
  });
}

export class TableCatalog {
  private readonly schemas = new Map<string, Schema>();
  /** Tables a pxtrace tracepoint of the script fills, by table name: the tracepoint's name. */
  private readonly tracepoints = new Map<string, string>();

  constructor(extra: Readonly<Record<string, Schema>> = {}) {
    for (const [name, t] of Object.entries(tablesFile.tables))
      this.schemas.set(name, toSchema(t.columns, 'data/tables.json'));
    for (const [name, s] of Object.entries(extra)) this.schemas.set(name, s);
  }

  get(name: string): Schema | undefined {
    return this.schemas.get(name);
  }

  /**
   * Tables a Go/C++ probe tracepoint fills: their columns come from the traced binary's debug information, which
   * only Pixie's agents read. The probe was reported; reads of the table stay quiet.
   */
  private readonly unknowable = new Set<string>();

  addUnknowableTable(table: string): void {
    this.unknowable.add(table);
  }

  isUnknowable(table: string): boolean {
    return this.unknowable.has(table) && !this.schemas.has(table);
  }

  /** A table the script's pxtrace.UpsertTracepoint creates (its columns from the program's printf). */
  addTracepointTable(table: string, tracepoint: string, schema: Schema): void {
    this.schemas.set(table, schema);
    this.tracepoints.set(table, tracepoint);
  }

  /** The tracepoint that fills `table`, when a tracepoint does. */
  tracepointOf(table: string): string | undefined {
    return this.tracepoints.get(table);
  }

  names(): string[] {
    return [...this.schemas.keys()];
  }
}

export interface UdtfInfo {
  readonly name: string;
  readonly args: readonly { name: string; type: string; default?: unknown }[];
  readonly schema: Schema;
}

export function udtfNames(): string[] {
  return Object.keys(tablesFile.udtfs);
}

export function udtfInfo(name: string): UdtfInfo | undefined {
  const u = own(tablesFile.udtfs, name);
  if (!u) return undefined;
  return { name, args: u.args ?? [], schema: toSchema(u.columns, 'data/tables.json') };
}
