// normalize_mysql / normalize_pgsql (SPEC §12.5): literals become placeholders (`?` for MySQL,
// `$1, $2, …` for PostgreSQL) and are listed as params in their written form (quotes kept), giving
// Pixie's JSON {"query":…,"params":[…]} or {"error":…}. Pixie parses with full ANTLR grammars; pxlc
// uses a lexer, which finds the same literals in ordinary statements but does not reject bad SQL.

import { type Family, pure } from './define.js';
import { jsonString } from './json-text.js';
import { hasEscapedBytes } from './bytes.js';

const MYSQL_QUERY = 0x03n;
const MYSQL_EXECUTE = 0x17n;

type Dialect = 'mysql' | 'pgsql';

export function registerSql(f: Family): void {
  pure(f, 'normalize_mysql', ['STRING,INT64'], normalizeMysql);
  pure(f, 'normalize_pgsql', ['STRING,STRING'], normalizePgsql);
}

export function normalizeMysql(sql: string, cmd: bigint): string {
  if (cmd === MYSQL_EXECUTE) return normalize('mysql', ...parseExecute(sql));
  if (cmd === MYSQL_QUERY) return normalize('mysql', sql, []);
  return errorJson(`cmd_code must be one of '${MYSQL_QUERY}' or '${MYSQL_EXECUTE}'`);
}

export function normalizePgsql(sql: string, cmd: string): string {
  if (cmd === 'Execute') return normalize('pgsql', ...parseExecute(sql));
  if (cmd === 'Query') return normalize('pgsql', sql, []);
  return errorJson("cmd_code must be one of 'Query' or 'Execute'");
}

/** `query=[<sql>] params=[a, b]`, the form the protocol tracers record for prepared-statement executions. */
function parseExecute(text: string): [string, string[]] {
  let rest = text.startsWith('query=[') ? text.slice('query=['.length) : text;
  const close = rest.indexOf(']');
  const query = close < 0 ? rest : rest.slice(0, close);
  rest = rest.slice(query.length);
  if (rest.startsWith('] params=[')) rest = rest.slice('] params=['.length);
  const end = rest.lastIndexOf(']');
  return [query, (end < 0 ? rest : rest.slice(0, end)).split(', ')];
}

function errorJson(message: string): string {
  return `{"error":${jsonString(message)}}`;
}

// Type names whose parenthesized numbers are sizes, not literals: varchar(20) stays as written.
const SIZED_TYPES = new Set([
  'CHAR',
  'VARCHAR',
  'NCHAR',
  'NVARCHAR',
  'BINARY',
  'VARBINARY',
  'BIT',
  'DECIMAL',
  'NUMERIC',
  'DEC',
  'FLOAT',
  'DOUBLE',
  'REAL',
  'INT',
  'INTEGER',
  'TINYINT',
  'SMALLINT',
  'MEDIUMINT',
  'BIGINT',
  'TIME',
  'TIMESTAMP',
  'DATETIME',
  'YEAR',
  'CHARACTER',
  'VARYING',
  'INTERVAL',
]);

function normalize(dialect: Dialect, sql: string, paramValues: readonly string[]): string {
  // Bytes that are not UTF-8 (kept as U+DC80+byte) are refused before parsing, as Pixie's parser does.
  if (hasEscapedBytes(sql)) return errorJson('Invalid UTF-8 byte sequence in SQL query');
  let out = '';
  const params: string[] = [];
  let genericCount = 0;
  const placeholder = () => (dialect === 'mysql' ? '?' : `$${params.length + 1}`);
  const literal = (text: string) => {
    out += placeholder();
    params.push(text);
  };
  // The last two significant tokens (words upper-cased), for IS NULL and varchar(20).
  let prev = '';
  let prevPrev = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    const prefixed = /^[EeXxBbNn]'/.test(sql.slice(i, i + 2)) && !/[A-Za-z0-9_$]/.test(sql[i - 1] ?? '');
    const end = prefixed ? tokenEnd(dialect, sql, i + 1) : tokenEnd(dialect, sql, i);
    if (end < 0) return errorJson(`unterminated literal or comment at offset ${i}`);
    const text = sql.slice(i, end);
    let token = text;
    if (prefixed || c === "'" || (dialect === 'mysql' && c === '"')) {
      literal(text);
    } else if (isNumberStart(sql, i)) {
      if (prev === '(' && SIZED_TYPES.has(prevPrev)) out += text;
      else literal(text);
    } else if (/^[A-Za-z_]/.test(c)) {
      token = text.toUpperCase();
      const isConstantWord =
        token === 'TRUE' || token === 'FALSE' || (token === 'NULL' && prev !== 'IS' && prev !== 'NOT');
      if (isConstantWord) literal(text);
      else out += text;
    } else if ((dialect === 'mysql' && text === '?') || (dialect === 'pgsql' && /^\$\d+$/.test(text))) {
      const index = dialect === 'mysql' ? genericCount++ : Number(text.slice(1)) - 1;
      if (index >= paramValues.length)
        return errorJson('Query has more parameter placeholders in it than parameter values were passed in');
      out += placeholder();
      params.push(paramValues[index]!);
    } else {
      out += text;
    }
    if (!/^\s/.test(c) && !text.startsWith('--') && !text.startsWith('/*') && !text.startsWith('#')) {
      prevPrev = prev;
      prev = token;
    }
    i = end;
  }
  return `{"query":${jsonString(out)},"params":[${params.map(jsonString).join(',')}]}`;
}

function isNumberStart(s: string, i: number): boolean {
  const c = s[i]!;
  const prev = i > 0 ? s[i - 1]! : '';
  if (/[A-Za-z0-9_$@.]/.test(prev)) return false;
  return /[0-9]/.test(c) || (c === '.' && /[0-9]/.test(s[i + 1] ?? ''));
}

/** End of the token starting at `i`, or -1 for an unterminated string or comment. */
function tokenEnd(dialect: Dialect, s: string, i: number): number {
  const c = s[i]!;
  if (c === "'" || c === '"' || (dialect === 'mysql' && c === '`')) {
    for (let j = i + 1; j < s.length; j++) {
      if (s[j] === '\\' && dialect === 'mysql' && c !== '`') {
        j++;
        continue;
      }
      if (s[j] === c) {
        if (s[j + 1] === c) {
          j++;
          continue;
        }
        return j + 1;
      }
    }
    return -1;
  }
  if (c === '-' && s[i + 1] === '-') return lineEnd(s, i);
  if (c === '#' && dialect === 'mysql') return lineEnd(s, i);
  if (c === '/' && s[i + 1] === '*') {
    const close = s.indexOf('*/', i + 2);
    return close < 0 ? -1 : close + 2;
  }
  if (isNumberStart(s, i)) {
    const m = /^(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/.exec(s.slice(i));
    return i + m![0].length;
  }
  const word = /^(?:[A-Za-z_][A-Za-z0-9_$]*|@@?[A-Za-z0-9_.$]+|\$\d+|\s+)/.exec(s.slice(i));
  return word ? i + word[0].length : i + 1;
}

function lineEnd(s: string, i: number): number {
  const nl = s.indexOf('\n', i);
  return nl < 0 ? s.length : nl;
}
