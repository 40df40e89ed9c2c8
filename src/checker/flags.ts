// `#px:set key=value` lines (SPEC §13.4), read before compilation like Pixie's query broker does.

import type { Span } from '../core/source.js';

export interface PxSetFlags {
  maxOutputRowsPerTable: number;
  explain: boolean;
  analyze: boolean;
}

export interface FlagProblem {
  readonly span: Span;
  readonly message: string;
}

export const DEFAULT_MAX_OUTPUT_ROWS = 10_000;

export function readPxSetFlags(text: string): { flags: PxSetFlags; problems: FlagProblem[] } {
  const flags: PxSetFlags = { maxOutputRowsPerTable: DEFAULT_MAX_OUTPUT_ROWS, explain: false, analyze: false };
  const problems: FlagProblem[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const start = offset;
    offset += line.length + 1;
    if (!line.startsWith('#px:set ')) continue;
    const span = { start, end: start + line.replace(/\r$/, '').length };
    const body = line.slice('#px:set '.length).trim();
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(\S+)$/.exec(body);
    if (!m) {
      problems.push({ span, message: 'Config setting is malformed' });
      continue;
    }
    const [, key, value] = m as unknown as [string, string, string];
    switch (key) {
      case 'max_output_rows_per_table':
        if (!/^\d+$/.test(value))
          problems.push({ span, message: `Config setting is malformed: '${value}' is not a row count` });
        else flags.maxOutputRowsPerTable = Number(value);
        break;
      case 'explain':
      case 'analyze':
        flags[key] = /^(true|1|yes)$/i.test(value);
        break;
      default:
        problems.push({ span, message: `${key} is not a valid flag` });
    }
  }
  return { flags, problems };
}
