// `pxlc demo-data`: writes the built-in demo data as a --data directory (CSV tables + metadata.json), a
// starting point for users who want to edit rows or replace them with their own.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { demoCluster } from '../metadata/demo-cluster.js';
import { formatUint128 } from '../metadata/upid.js';
import { csvField } from './csv.js';
import { DemoSource } from './demo-source.js';

const catalog = createRequire(import.meta.url)('../../../../data/tables.json') as {
  tables: Record<string, { columns: { name: string; type: string }[] }>;
};

export async function writeDemoData(
  out: string,
  options: { nowNs: bigint; rows: number; seed: number; onRow?: () => void },
): Promise<string[]> {
  await mkdir(out, { recursive: true });
  const cluster = demoCluster(options.seed);
  const source = new DemoSource(cluster, { nowNs: options.nowNs, rowsPerTable: options.rows, seed: options.seed });
  const written: string[] = [];
  const metadataPath = join(out, 'metadata.json');
  await writeFile(metadataPath, `${JSON.stringify(cluster, null, 2)}\n`);
  written.push(metadataPath);
  for (const table of Object.keys(catalog.tables)) {
    const columns = catalog.tables[table]!.columns;
    const lines = [columns.map((c) => csvField(c.name)).join(',')];
    for (const row of source.rows(table)) {
      options.onRow?.();
      lines.push(columns.map((c) => csvField(cell(row[c.name], c.type))).join(','));
    }
    const path = join(out, `${table}.csv`);
    await writeFile(path, `${lines.join('\n')}\n`);
    written.push(path);
  }
  return written;
}

function cell(v: unknown, type: string): string {
  if (type === 'UINT128' && typeof v === 'bigint') return formatUint128(v);
  if (type === 'BOOLEAN') return v ? 'true' : 'false';
  return String(v ?? '');
}
