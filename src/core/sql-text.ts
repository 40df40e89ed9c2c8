// SQL literals and query templates, shared by the SQL compiler (src/sql) and the runtime that runs its queries.
// A query compiled into a module is a template: values known only when the module runs (the clock, the plugin
// window, script arguments) are `{{...}}` markers, replaced here by literals of the right dialect.

import { assertNever } from './assert-never.js';
import { PxlRuntimeError } from './errors.js';

export const DIALECTS = ['duckdb', 'clickhouse'] as const;
export type Dialect = (typeof DIALECTS)[number];

export function isDialect(s: string): s is Dialect {
  return (DIALECTS as readonly string[]).includes(s);
}

/** A quoted identifier. Names come from scripts and schemas: they are always quoted, never trusted. */
export function sqlIdent(d: Dialect, name: string): string {
  if (name.includes('\u0000') || name.includes('{{'))
    throw new PxlRuntimeError(`the name ${JSON.stringify(name)} cannot be an SQL name (it holds NUL or '{{')`);
  return d === 'duckdb' ? `"${name.replace(/"/g, '""')}"` : `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;
}

/**
 * A string literal. DuckDB strings have no escapes but ''; ClickHouse's have C-style backslash escapes. Text that
 * holds `{{` is spelled as a concatenation, so that no literal can ever look like a template marker.
 */
export function sqlString(d: Dialect, s: string): string {
  if (!s.includes('{{') && !(d === 'duckdb' && s.includes('\u0000'))) return quotePart(d, s);
  // Each piece ends at a '{', so no quoted piece holds two in a row.
  const pieces = s.includes('{{') ? s.split(/(?<=\{)/) : [s];
  return `(${pieces
    .flatMap((p) =>
      d === 'duckdb'
        ? p
            .split('\u0000')
            .map((q) => quotePart(d, q))
            .join(' || chr(0) || ')
        : quotePart(d, p),
    )
    .join(' || ')})`;
}

function quotePart(d: Dialect, s: string): string {
  if (d === 'duckdb') return `'${s.replace(/'/g, "''")}'`;
  let out = "'";
  for (const ch of s) {
    switch (ch) {
      case '\\':
        out += '\\\\';
        break;
      case "'":
        out += "\\'";
        break;
      case '\n':
        out += '\\n';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\t':
        out += '\\t';
        break;
      case '\u0000':
        out += '\\0';
        break;
      default:
        out += ch;
    }
  }
  return `${out}'`;
}

export function sqlInt64(d: Dialect, v: bigint): string {
  // The most negative int64 has no positive literal to negate.
  const text = v === -(1n << 63n) ? '-9223372036854775807 - 1' : String(v);
  return d === 'duckdb' ? `CAST(${text} AS BIGINT)` : `toInt64(${text})`;
}

export function sqlFloat64(d: Dialect, x: number): string {
  if (Number.isNaN(x)) return d === 'duckdb' ? `CAST('NaN' AS DOUBLE)` : 'nan';
  if (!Number.isFinite(x))
    return d === 'duckdb' ? `CAST('${x > 0 ? 'Infinity' : '-Infinity'}' AS DOUBLE)` : x > 0 ? 'inf' : '-inf';
  if (d === 'duckdb') return `CAST('${String(x)}' AS DOUBLE)`;
  // ClickHouse 18's text-to-double conversion is not correctly rounded far from 1: spell those by their bits.
  const a = Math.abs(x);
  if (a === 0 || (a >= 1e-290 && a <= 1e290)) return `toFloat64('${Object.is(x, -0) ? '-0' : String(x)}')`;
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setFloat64(0, x, true);
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `reinterpretAsFloat64(unhex('${hex.toUpperCase()}'))`;
}

export function sqlBool(d: Dialect, b: boolean): string {
  return d === 'duckdb' ? (b ? 'TRUE' : 'FALSE') : b ? '1' : '0';
}

export type ParamValue = bigint | number | string | boolean;

/** The literal for a run-time value, by its JavaScript type (script arguments arrive typed). */
export function sqlValue(d: Dialect, v: ParamValue): string {
  switch (typeof v) {
    case 'bigint':
      return sqlInt64(d, v);
    case 'number':
      return sqlFloat64(d, v);
    case 'string':
      return sqlString(d, v);
    case 'boolean':
      return sqlBool(d, v);
    default:
      return assertNever(v);
  }
}

/**
 * Markers in query templates: `{{now}}`, `{{plugin_start}}`, `{{plugin_end}}` (nanoseconds), `{{arg:NAME}}` (a
 * script argument's value), `{{argtime:NAME}}` (a script argument read as a time). NAME is JSON-encoded, so
 * no name can close a marker early.
 */
export const marker = {
  now: () => '{{now}}',
  plugin: (which: 'start' | 'end') => `{{plugin_${which}}}`,
  arg: (name: string) => `{{arg:${JSON.stringify(name)}}}`,
  argTime: (name: string) => `{{argtime:${JSON.stringify(name)}}}`,
  /** A script argument as a bare non-negative integer (LIMIT takes no expression in ClickHouse). */
  argCount: (name: string) => `{{argcount:${JSON.stringify(name)}}}`,
};

export interface TemplateValues {
  readonly nowNs: bigint;
  pluginTime(which: 'start' | 'end'): bigint;
  arg(name: string): ParamValue;
  argTime(name: string): bigint;
}

const MARKER = /\{\{(now|plugin_start|plugin_end|(arg|argtime|argcount):("(?:[^"\\]|\\.)*"))\}\}/g;

/**
 * Replaces every marker with a literal, in one pass (inserted values are not scanned again). Markers are only
 * written by the compiler, and no string literal contains `{{` (see `sqlString`).
 */
export function renderTemplate(d: Dialect, template: string, values: TemplateValues): string {
  return template.replace(MARKER, (_m, what: string, kind?: string, quoted?: string) => {
    if (what === 'now') return sqlInt64(d, values.nowNs);
    if (what === 'plugin_start') return sqlInt64(d, values.pluginTime('start'));
    if (what === 'plugin_end') return sqlInt64(d, values.pluginTime('end'));
    const name = JSON.parse(quoted!) as string;
    if (kind === 'arg') return sqlValue(d, values.arg(name));
    if (kind === 'argtime') return sqlInt64(d, values.argTime(name));
    const n = values.arg(name);
    if (typeof n !== 'bigint' && typeof n !== 'number')
      throw new PxlRuntimeError(`script argument '${name}' must be an integer row count`);
    const count = typeof n === 'bigint' ? n : BigInt(Math.trunc(n));
    return String(count < 0n ? 0n : count);
  });
}

/** The table where `pxlc load` keeps the data's metadata.json (one row, its JSON text). */
export const METADATA_TABLE = 'pxlc_metadata';

export function metadataTableDdl(d: Dialect): string {
  return d === 'duckdb'
    ? `CREATE TABLE IF NOT EXISTS ${sqlIdent(d, METADATA_TABLE)} (${sqlIdent(d, 'spec')} VARCHAR)`
    : `CREATE TABLE IF NOT EXISTS ${sqlIdent(d, METADATA_TABLE)} (${sqlIdent(d, 'spec')} String) ENGINE = TinyLog`;
}
