// Script arguments of function-based scripts (SPEC §13.2): `--func NAME --arg key=value`, or run({ func, args }).
// Values are checked against the entry point's annotated types before anything runs.

import { PxlRuntimeError, ScriptUsageError } from './contracts.js';
import type { DataType } from '../core/types.js';
import type { NotRunnable } from '../core/plan/plan.js';
import { dict, own } from '../core/dict.js';

export interface EntryInfo {
  readonly name: string;
  readonly params: readonly {
    readonly name: string;
    readonly dataType: DataType;
    readonly semanticType: string;
    readonly list?: true;
  }[];
  readonly doc?: string;
  /** Why the function cannot run (it returns something other than DataFrames), in Pixie's words, and where. */
  readonly notRunnable?: NotRunnable;
}

export type ArgValue = string | number | bigint | boolean;

export function signature(e: EntryInfo): string {
  return `${e.name}(${e.params.map((p) => `${p.name}: ${p.list ? 'list' : TYPE_WORD[p.dataType]}`).join(', ')})`;
}

const PARSED_AS: Readonly<Record<DataType, string>> = {
  STRING: 'string',
  INT64: 'int64',
  FLOAT64: 'float64',
  BOOLEAN: 'bool',
  TIME64NS: 'time',
  UINT128: 'uint128',
};

const TYPE_WORD: Readonly<Record<DataType, string>> = {
  STRING: 'str',
  INT64: 'int',
  FLOAT64: 'float',
  BOOLEAN: 'bool',
  TIME64NS: 'time',
  UINT128: 'uint128',
};

/** The entry point named `func`, with every argument present, known and converted to its parameter's type. */
export function bindScriptArgs(
  entries: readonly EntryInfo[],
  func: string,
  given: Readonly<Record<string, ArgValue>>,
): Map<string, ArgValue> {
  const entry = entries.find((e) => e.name === func);
  if (!entry) {
    throw new PxlRuntimeError(`Function to execute, '${func}', not found.`, [
      entries.length
        ? `functions: ${entries.map(signature).join(', ')}`
        : 'this script has no function-based entry points; run it without --func',
    ]);
  }
  const no = entry.notRunnable;
  if (no !== undefined) throw new PxlRuntimeError(`${no.path}:${no.line}:${no.col}: ${no.message}`);
  const out = new Map<string, ArgValue>();
  for (const name of Object.keys(given)) {
    if (!entry.params.some((p) => p.name === name)) {
      throw new PxlRuntimeError(`${entry.name} has no argument '${name}'`, [`usage: --func ${signature(entry)}`]);
    }
  }
  for (const p of entry.params) {
    const v = own(given, p.name);
    if (v === undefined)
      throw new PxlRuntimeError(`${entry.name} needs the argument '${p.name}'`, [
        `usage: --func ${entry.name} ${entry.params.map((q) => `--arg ${q.name}=...`).join(' ')}`,
      ]);
    out.set(p.name, convert(entry.name, p.name, p.dataType, v));
  }
  return out;
}

function convert(func: string, name: string, type: DataType, v: ArgValue): ArgValue {
  // Pixie's words (its compiler parses each argument by the parameter's type), and which argument it was.
  const bad = (): never => {
    throw new PxlRuntimeError(`Failed to parse arg with value '${String(v)}' as ${PARSED_AS[type]}.`, [
      `the argument ${name} of ${func} is annotated ${TYPE_WORD[type]}`,
    ]);
  };
  const text = String(v).trim();
  switch (type) {
    case 'STRING':
      return String(v);
    case 'INT64':
    case 'TIME64NS':
      if (typeof v === 'bigint') return v;
      if (/^-?\d+$/.test(text)) return BigInt(text);
      return type === 'TIME64NS' ? String(v) : bad();
    case 'FLOAT64':
      return text !== '' && !Number.isNaN(Number(text)) ? Number(text) : bad();
    case 'BOOLEAN':
      if (typeof v === 'boolean') return v;
      // The spellings absl::SimpleAtob, which Pixie uses, reads.
      if (/^(true|t|yes|y|1)$/i.test(text)) return true;
      if (/^(false|f|no|n|0)$/i.test(text)) return false;
      return bad();
    case 'UINT128':
      return bad();
  }
}

/** Parses repeated `key=value` command-line arguments. */
export function parseArgFlags(values: readonly string[]): Record<string, string> {
  const out = dict<string>();
  for (const kv of values) {
    const i = kv.indexOf('=');
    if (i <= 0) throw new PxlRuntimeError(`--arg '${kv}' is not key=value`);
    out[kv.slice(0, i)] = kv.slice(i + 1);
  }
  return out;
}

/**
 * Script flags after `--`, as `px run SCRIPT -- --name value` takes them (Go's flag syntax): `--name value`,
 * `-name value` or `--name=value`.
 */
export function parseScriptFlags(argv: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const m = /^--?([^-=][^=]*)(?:=(.*))?$/s.exec(a);
    if (!m) throw new ScriptUsageError(`'${a}' after -- is not a script flag: write -- --NAME VALUE or --NAME=VALUE`);
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new ScriptUsageError(`script flag --${m[1]} needs a value`);
    Object.defineProperty(out, m[1]!, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
