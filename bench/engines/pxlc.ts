// The engine under test: each query compiled by pxlc to a module, run on the shared columns as a pxlc Table
// (the zero-copy path a service takes when it passes its own typed columns).

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compile } from '../../src/index.js';
import type { RunResult } from '../../src/runtime/run.js';
import type { Table } from '../../src/runtime/table.js';
import { BENCH_NOW_NS, BENCH_SCHEMAS, BENCH_TABLE, benchTable } from '../data.js';
import { QUERIES, type ResultRow } from '../queries.js';
import type { Engine } from './engine.js';

type RunFn = (options: Record<string, unknown>) => Promise<RunResult>;

export async function compileQuery(name: string): Promise<RunFn> {
  const q = QUERIES.find((x) => x.name === name)!;
  const result = compile({ path: `${name}.pxl`, text: q.pxl, schemas: BENCH_SCHEMAS });
  if (!result.js) throw new Error(`bench query ${name} does not compile: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-bench-'));
  const file = join(dir, `${name}.js`);
  await writeFile(file, result.js);
  return ((await import(pathToFileURL(file).href)) as { run: RunFn }).run;
}

export function pxlcEngine(): Engine {
  let table: Table;
  const compiled = new Map<string, RunFn>();
  return {
    name: 'pxlc',
    async ingest(c) {
      table = benchTable(c);
      for (const q of QUERIES) compiled.set(q.name, await compileQuery(q.name));
    },
    async run(query) {
      const result = await compiled.get(query)!({ tables: { [BENCH_TABLE]: table }, now: BENCH_NOW_NS });
      return rows(query, result.tables[0]!.table);
    },
  };
}

function rows(query: string, t: Table): ResultRow[] {
  const col = (name: string) => t.columns[t.schema.findIndex((c) => c.name === name)]! as ArrayLike<unknown>;
  const out: ResultRow[] = [];
  if (query === 'tutorial') {
    const [pod, service, path, count, time, rps] = ['pod', 'service', 'req_path', 'throughput', 'time_', 'requests_per_s'].map(col);
    for (let i = 0; i < t.length; i++) {
      out.push([`${pod![i]}|${service![i]}|${path![i]}`, Number(count![i]), Number((time![i] as bigint) % 1_000_000_000_000n), rps![i] as number]);
    }
  } else {
    const [service, mean, p50, p99] = ['service', 'mean_latency', 'p50', 'p99'].map(col);
    for (let i = 0; i < t.length; i++) out.push([String(service![i]), mean![i] as number, p50![i] as number, p99![i] as number]);
  }
  return out;
}
