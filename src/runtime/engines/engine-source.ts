// The JavaScript part of an engine run reads the engine's rows as tables: `engineTable(node)` is the result of
// that node's query, with the run's clock, plugin window and script arguments filled in.

import type { SourceRequest, TableSource } from '../contracts.js';
import { makeTable, type Table } from '../table.js';
import type { SqlEngine } from './engine.js';
import { type EnginePlan, engineNodeOf } from '../../core/engine-plan.js';
import { renderTemplate, sqlIdent, type TemplateValues } from '../../core/sql-text.js';

export class EngineSource implements TableSource {
  constructor(
    private readonly engine: SqlEngine,
    private readonly plan: EnginePlan,
    private readonly values: () => TemplateValues,
  ) {}

  /** The query of `node` as the engine will run it. */
  sql(node: number): string {
    const q = this.plan.queries.find((x) => x.node === node);
    if (!q) throw new Error(`internal: no engine query for step #${node}`);
    return renderTemplate(this.engine.dialect, q.sql[this.engine.dialect], this.values());
  }

  async read(request: SourceRequest): Promise<Table> {
    const node = engineNodeOf(request.table);
    if (node === undefined)
      throw new Error(`internal: table '${request.table}' is read in JavaScript during an engine run`);
    const q = this.plan.queries.find((x) => x.node === node)!;
    const got = await this.engine.query(this.sql(node), q.columns);
    const columns = request.schema.map((c) => {
      const k = q.columns.findIndex((x) => x.name === c.name);
      if (k < 0) throw new Error(`internal: engine query for step #${node} has no column '${c.name}'`);
      return got.columns[k]!;
    });
    return makeTable(request.schema, columns, got.length);
  }

  /** `--now latest`: the latest time_ of the tables the script reads. */
  async latestTime(): Promise<bigint | undefined> {
    let latest: bigint | undefined;
    for (const table of this.plan.timeTables) {
      const d = this.engine.dialect;
      const t = await this.engine.query(
        `SELECT count(*) AS n, max(${sqlIdent(d, 'time_')}) AS t FROM ${sqlIdent(d, table)}`,
        [
          { name: 'n', dataType: 'INT64' },
          { name: 't', dataType: 'INT64' },
        ],
      );
      if ((t.columns[0] as BigInt64Array)[0]! === 0n) continue;
      const v = (t.columns[1] as BigInt64Array)[0]!;
      if (latest === undefined || v > latest) latest = v;
    }
    return latest;
  }
}
