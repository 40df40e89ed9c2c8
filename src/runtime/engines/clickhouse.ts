// ClickHouse through the official @clickhouse/client over HTTP. Rows travel as TabSeparated text both ways: it
// is exact for Int64 (no JSON numbers), and ClickHouse 18 — Debian's package — knows it (it predates the
// client's default JSONCompactEachRow, which is why every call names its format). Inserts into a Distributed
// table are synchronous, so rows are on their shards when `pxlc load` returns.

import { Readable } from 'node:stream';
import type { ClickHouseClient } from '@clickhouse/client';
import { PxlRuntimeError } from '../contracts.js';
import { importOptional } from '../optional-package.js';
import { ColumnBuilder } from '../sources/column-builder.js';
import type { DataType } from '../../core/types.js';
import { formatQuantiles } from '../uda/quantiles.js';
import { builtTable, type EngineUrl, type SqlEngine } from './sql-engine.js';
import type { EngineColumn } from '../../core/engine-plan.js';
import { sqlIdent } from '../../core/sql-text.js';

type Value = boolean | bigint | number | string;

export async function openClickHouse(url: Extract<EngineUrl, { kind: 'clickhouse' }>): Promise<SqlEngine> {
  // Imported here, not at the top: a bundle leaves the package out and must start without it.
  const { ClickHouseLogLevel, createClient } = await importOptional('@clickhouse/client', `--engine ${url.shown}`);
  const client: ClickHouseClient = createClient({
    url: url.url,
    database: url.database,
    ...(url.username ? { username: url.username } : {}),
    ...(url.password ? { password: url.password } : {}),
    // One query may scan for minutes: progress headers keep the connection busy meanwhile.
    request_timeout: 600_000,
    clickhouse_settings: { send_progress_in_http_headers: 1, http_headers_progress_interval_ms: '10000' },
    // Failures become one PxlRuntimeError each; the client's own console logging would repeat them with internals.
    log: { level: ClickHouseLogLevel.OFF },
  });
  const where = url.shown;
  const failed = (e: unknown, what: string) => {
    // Never the client's message verbatim when it could carry the URL with credentials.
    const message = ((e as Error).message ?? String(e)).split('\n')[0]!.replace(/\/\/[^@/\s]*@/g, '//***@');
    return new PxlRuntimeError(`${where}: ${what} failed: ${message}`);
  };
  return {
    dialect: 'clickhouse',
    where,
    async query(sql, columns) {
      try {
        const rs = await client.query({ query: sql, format: 'TabSeparated' });
        const builders = columns.map((c) => new ColumnBuilder(c.dataType));
        const parsers = columns.map(parser);
        for await (const rows of rs.stream()) {
          for (const row of rows as { text: string }[]) {
            const fields = row.text.split('\t');
            if (fields.length !== columns.length)
              throw new Error(`expected ${columns.length} fields per row, got ${fields.length}`);
            for (let j = 0; j < columns.length; j++) builders[j]!.push(parsers[j]!(fields[j]!));
          }
        }
        return builtTable(columns, builders);
      } catch (e) {
        throw failed(e, 'a query');
      }
    },
    async exec(sql) {
      try {
        await client.command({ query: sql });
      } catch (e) {
        throw failed(e, 'a statement');
      }
    },
    async insert(table, schema, rows) {
      const writers = schema.map((c) => writer(c.dataType));
      const text = rows.map((r) => r.map((v, j) => writers[j]!(v)).join('\t')).join('\n');
      try {
        await client.insert({
          table: sqlIdent('clickhouse', table),
          format: 'TabSeparated',
          values: Readable.from([`${text}\n`], { objectMode: false }),
          clickhouse_settings: { insert_distributed_sync: 1 },
        });
      } catch (e) {
        throw failed(e, `inserting into ${table}`);
      }
    },
    async tableExists(table) {
      try {
        const rs = await client.query({
          query: `EXISTS TABLE ${sqlIdent('clickhouse', table)}`,
          format: 'TabSeparated',
        });
        return (await rs.text()).trim() === '1';
      } catch (e) {
        throw failed(e, 'asking for a table');
      }
    },
    async close() {
      await client.close();
    },
  };
}

/** TabSeparated unescaping, as ClickHouse writes text fields. */
function unescape(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(
    /\\(.)/gs,
    (_m, c: string) =>
      (({ b: '\b', f: '\f', r: '\r', n: '\n', t: '\t', '0': '\u0000' }) as Record<string, string>)[c] ?? c,
  );
}

function escape(s: string): string {
  return s.replace(
    /[\\\t\n\r\u0000]/g,
    (c) => (({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\u0000': '\\0' }) as Record<string, string>)[c]!,
  );
}

function parseFloatText(s: string): number {
  if (s === 'nan' || s === '-nan') return NaN;
  if (s === 'inf' || s === '+inf') return Infinity;
  if (s === '-inf') return -Infinity;
  const x = Number(s);
  if (Number.isNaN(x)) throw new Error(`'${s}' is not a number`);
  return x;
}

function parser(c: EngineColumn): (s: string) => Value {
  if (c.quantiles) {
    return (s) => formatQuantiles(s.slice(1, -1).split(',').map(parseFloatText));
  }
  switch (c.dataType) {
    case 'BOOLEAN':
      return (s) => s === '1';
    case 'INT64':
    case 'TIME64NS':
      return (s) => BigInt(s);
    case 'UINT128':
      return (s) => (s === '' ? 0n : BigInt(s));
    case 'FLOAT64':
      return parseFloatText;
    case 'STRING':
      return unescape;
  }
}

function writer(t: DataType): (v: Value) => string {
  switch (t) {
    case 'BOOLEAN':
      return (v) => (v ? '1' : '0');
    case 'INT64':
    case 'TIME64NS':
    case 'UINT128':
      return (v) => String(v);
    case 'FLOAT64':
      return (v) => {
        const x = v as number;
        return Number.isNaN(x) ? 'nan' : x === Infinity ? 'inf' : x === -Infinity ? '-inf' : String(x);
      };
    case 'STRING':
      return (v) => escape(v as string);
  }
}
