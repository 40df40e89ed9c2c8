// Table functions (SPEC §10.4) served outside a cluster: the catalogue ones from data/tables.json and a
// one-agent status; cluster-internal ones return an empty table of their schema.

import { tablesJson } from '../core/data-files.js';
import type { MetadataProvider } from './contracts.js';
import { makeTable, type Table } from './table.js';
import { allocColumn, type Schema } from '../core/types.js';

const tables = tablesJson() as {
  tables: Record<string, { desc: string; columns: { name: string; type: string; desc: string }[] }>;
};

export function udtfTable(fn: string, _args: Readonly<Record<string, unknown>>, schema: Schema, metadata: MetadataProvider): Table {
  const rows: Record<string, unknown>[] = [];
  if (fn === 'GetTables') {
    for (const [name, t] of Object.entries(tables.tables)) rows.push({ table_name: name, table_desc: t.desc });
  } else if (fn === 'GetSchemas') {
    for (const [name, t] of Object.entries(tables.tables)) {
      for (const c of t.columns) rows.push({ table_name: name, column_name: c.name, column_type: c.type, column_desc: c.desc });
    }
  } else if (fn === 'GetAgentStatus') {
    rows.push({ hostname: metadata.hostname, asid: BigInt(metadata.asid), agent_state: 'AGENT_STATE_HEALTHY' });
  }
  const columns = schema.map((c) => {
    const col = allocColumn(c.dataType, rows.length);
    rows.forEach((r, i) => {
      const v = r[c.name];
      if (v === undefined) return;
      (col as unknown[])[i] = c.dataType === 'BOOLEAN' ? (v ? 1 : 0) : (c.dataType === 'INT64' || c.dataType === 'TIME64NS') && typeof v !== 'bigint' ? BigInt(v as number) : v;
    });
    return col;
  });
  return makeTable(schema, columns, rows.length);
}
