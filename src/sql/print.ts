// `pxlc compile --target sql`: the engine's queries for one dialect, each headed by the outputs it feeds, and
// the split between engine and JavaScript as a comment.

import type { Plan } from '../core/plan/plan.js';
import type { Dialect } from '../core/sql-text.js';
import type { SqlCompilation } from './compile.js';

export function printSql(plan: Plan, c: SqlCompilation, dialect: Dialect): string {
  const out: string[] = [];
  out.push(`-- pxlc: the engine part of the script for ${dialect}`);
  for (const line of c.engine.explain.split('\n')) out.push(`-- ${line}`);
  out.push(
    '-- {{now}}, {{plugin_start}}, {{plugin_end}} (nanoseconds) and {{arg:...}} are filled in when the script runs.',
  );
  for (const q of c.engine.queries) {
    out.push('');
    const feeds = plan.sinks
      .filter((s) => s.input === q.node)
      .map((s) =>
        s.kind === 'Display' ? `px.display '${s.name}'` : `px.export (${s.spec.data.map((x) => x.kind).join(', ')})`,
      );
    out.push(`-- step #${q.node}${feeds.length > 0 ? `: ${feeds.join(', ')}` : ': read by the JavaScript part'}`);
    const quantiles = q.columns.filter((col) => col.quantiles).map((col) => col.name);
    if (quantiles.length > 0)
      out.push(
        `-- ${quantiles.join(', ')}: the 7 quantiles p01..p99 as a list; the runtime writes Pixie's JSON from them`,
      );
    out.push(`${q.sql[dialect]};`);
  }
  return `${out.join('\n')}\n`;
}
