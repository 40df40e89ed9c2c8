// `node out.js --engine URL --explain`: the split of the script between the engine and JavaScript, and the SQL
// the engine would run now (clock, window and --arg values filled in). Nothing is run.

import { PxlRuntimeError } from '../contracts.js';
import type { RunOptions } from '../run.js';
import { DEFAULT_WINDOW_NS } from '../run.js';
import { parseTimeString } from '../../core/time-text.js';
import { openEngine, parseEngineUrl, type EngineUrl } from './engine.js';
import { EngineSource } from './engine-source.js';
import type { EngineModule } from './engine-run.js';
import { renderTemplate, type ParamValue, type TemplateValues } from '../../core/sql-text.js';

export async function explainEngineRun(engine: EngineModule | undefined, options: RunOptions): Promise<string> {
  if (!engine)
    throw new PxlRuntimeError('this module was compiled without an engine plan: recompile it with this pxlc');
  const url = parseEngineUrl(options.engine!);
  const dialect = url.kind;
  const clockNs = BigInt(Date.now()) * 1_000_000n;
  const nowNs =
    typeof options.now === 'bigint'
      ? options.now
      : options.now instanceof Date
        ? BigInt(options.now.getTime()) * 1_000_000n
        : options.now === 'latest'
          ? ((await latestInEngine(url, engine)) ?? clockNs)
          : clockNs;
  const window = options.window ?? { startNs: nowNs - (options.windowNs ?? DEFAULT_WINDOW_NS), endNs: nowNs };
  const arg = (name: string): ParamValue => {
    const v = options.args?.[name];
    if (v === undefined) throw new PxlRuntimeError(`script argument '${name}' was not given (add --arg ${name}=VALUE)`);
    return v;
  };
  const values: TemplateValues = {
    nowNs,
    pluginTime: (w) => (w === 'start' ? window.startNs : window.endNs),
    arg,
    argTime: (name) => {
      const v = arg(name);
      if (typeof v === 'bigint') return v;
      const t = parseTimeString(String(v));
      if (t.kind === 'relative') return nowNs + t.offsetNs;
      if (t.kind === 'absolute') return t.ns;
      throw new PxlRuntimeError(`argument ${name}: ${t.reason}`);
    },
  };
  const lines = [engine.plan.explain, ''];
  for (const q of engine.plan.queries) {
    lines.push(`-- ${dialect} query for step #${q.node}`);
    lines.push(`${renderTemplate(dialect, q.sql[dialect], values)};`, '');
  }
  return lines.join('\n').trimEnd();
}

/** `--now latest` reads the latest time_ from the engine, as the run would. */
async function latestInEngine(url: EngineUrl, engine: EngineModule): Promise<bigint | undefined> {
  const e = await openEngine(url);
  try {
    return await new EngineSource(e, engine.plan, () => {
      throw new Error('internal: no values needed');
    }).latestTime();
  } finally {
    await e.close();
  }
}
