// An SQL engine the runtime talks to: a DuckDB file or a ClickHouse server. Queries return typed pxlc Tables;
// `insert` streams batches of rows in for `pxlc load`. URLs name the engine: `duckdb:FILE` or
// `clickhouse://[USER[:PASSWORD]@]HOST:PORT[/DB]`; a password never appears in messages.

import { PxlRuntimeError } from '../contracts.js';
import type { EngineUrl, SqlEngine } from './sql-engine.js';

export type { EngineUrl, SqlEngine } from './sql-engine.js';
export { builtTable } from './sql-engine.js';

export function parseEngineUrl(text: string): EngineUrl {
  if (text.startsWith('duckdb:')) {
    const file = text.slice('duckdb:'.length);
    if (file === '')
      throw new PxlRuntimeError(`--engine ${text}: name the DuckDB file, e.g. duckdb:/data/pixie.duckdb`);
    return { kind: 'duckdb', file };
  }
  if (text.startsWith('clickhouse://')) {
    let u: URL;
    try {
      u = new URL(`http://${text.slice('clickhouse://'.length)}`);
    } catch {
      throw new PxlRuntimeError(`--engine: '${redact(text)}' is not a URL like clickhouse://HOST:PORT/DB`);
    }
    const database = decodeURIComponent(u.pathname.replace(/^\//, '')) || 'default';
    const shown = `clickhouse://${u.host}/${database}`;
    return {
      kind: 'clickhouse',
      url: `http://${u.host}`,
      database,
      shown,
      ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
      ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    };
  }
  throw new PxlRuntimeError(`--engine '${redact(text)}': expected duckdb:FILE or clickhouse://HOST:PORT/DB`);
}

/** The URL with any password replaced, so it can be printed. */
export function redact(text: string): string {
  return text.replace(/\/\/([^/:@]*):[^/@]*@/, '//$1:***@');
}

export async function openEngine(url: EngineUrl): Promise<SqlEngine> {
  if (url.kind === 'duckdb') return (await import('./duckdb.js')).openDuckDb(url.file);
  return (await import('./clickhouse.js')).openClickHouse(url);
}
