// A run of a script compiled with its vis spec, as `px run` makes it: the variables get their values (given, else
// the spec's defaults), are checked against their types and valid values, and every global function and every
// widget's own function is called with its arguments bound from them (src/core/vis.ts has the order).

import {
  bindVisVariables,
  visCallArgs,
  visCalls,
  visOutputOrder,
  visVariableUsage,
  type VisSpec,
} from '../core/vis.js';
import { ScriptUsageError } from './contracts.js';
import type { ArgValue, EntryInfo } from './script-args.js';

export interface VisRunCall {
  /** The function to call and its arguments, as text (converted to the parameters' types by bindScriptArgs). */
  readonly func: string;
  readonly args: Readonly<Record<string, string>>;
  /** The name its returned table is shown under, and where that table comes in the output. */
  readonly output: string;
  readonly rank: number;
  /** For messages: `widget 'HTTP Requests' (http_data)`. */
  readonly label: string;
}

export function planVisRun(
  spec: VisSpec,
  entries: readonly EntryInfo[],
  given: Readonly<Record<string, ArgValue>>,
): VisRunCall[] {
  const { values, problems } = bindVisVariables(spec, new Map(Object.entries(given).map(([k, v]) => [k, String(v)])));
  if (problems.length > 0) {
    throw new ScriptUsageError(problems.join('; '), [
      'variables (set with --arg NAME=VALUE or after --, as -- --NAME VALUE):',
      ...visVariableUsage(spec).map((l) => `  ${l}`),
    ]);
  }
  const order = visOutputOrder(spec);
  return visCalls(spec).map((c) => {
    const args = Object.fromEntries(visCallArgs(c.func, values));
    if (!entries.some((e) => e.name === c.func.name))
      throw new ScriptUsageError(`the vis spec calls '${c.func.name}', which the script does not define`);
    const what =
      c.widgets.length === 1 && c.widgets[0] === c.output
        ? `widget '${c.output}'`
        : `global function output '${c.output}'`;
    return {
      func: c.func.name,
      args,
      output: c.output,
      rank: order.indexOf(c.output),
      label: `${what} (${c.func.name})`,
    };
  });
}
