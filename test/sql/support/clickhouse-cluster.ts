// A real two-shard ClickHouse cluster for tests: two clickhouse-server processes (Debian's package) on loopback
// ports, each with its own data directory and the same `remote_servers` entry naming both, so a query on the
// Distributed tables of the first server fans out to both shards. Tables come from `pxlc schema --cluster`.

import { spawn, type ChildProcess, execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEngine, parseEngineUrl } from '../../../src/runtime/engines/engine.js';
import { schemaStatements } from '../../../src/sql/schema.js';

export const CLUSTER = 'pxlc_two_shards';

export interface ClickHouseCluster {
  /** `clickhouse://127.0.0.1:PORT/default` of the server holding the Distributed tables. */
  readonly url: string;
  /** The HTTP URLs of each shard's own server (for checking where rows landed). */
  readonly shardUrls: readonly string[];
  stop(): Promise<void>;
}

/** Why ClickHouse cannot run here, or undefined when clickhouse-server is installed. */
export function clickhouseMissing(): string | undefined {
  try {
    execFileSync('sh', ['-c', 'command -v clickhouse-server'], { stdio: 'pipe' });
    return undefined;
  } catch {
    return 'clickhouse-server is not installed (apt-get install clickhouse-server; npm test installs it when run as root)';
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function config(dir: string, http: number, tcp: number, shards: readonly number[]): string {
  const remote = shards
    .map((p) => `<shard><replica><host>127.0.0.1</host><port>${p}</port></replica></shard>`)
    .join('');
  return `<yandex>
  <logger><level>warning</level><console>1</console></logger>
  <http_port>${http}</http_port>
  <tcp_port>${tcp}</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <mark_cache_size>67108864</mark_cache_size>
  <uncompressed_cache_size>67108864</uncompressed_cache_size>
  <max_concurrent_queries>50</max_concurrent_queries>
  <remote_servers><${CLUSTER}>${remote}</${CLUSTER}></remote_servers>
  <users><default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <profiles><default><max_threads>2</max_threads></default></profiles>
  <quotas><default></default></quotas>
</yandex>
`;
}

async function waitReady(http: number, proc: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`clickhouse-server exited (${proc.exitCode}): ${log()}`);
    try {
      const r = await fetch(`http://127.0.0.1:${http}/ping`);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`clickhouse-server on port ${http} did not start in 30 s: ${log()}`);
}

export async function startClickHouseCluster(shardCount = 2): Promise<ClickHouseCluster> {
  const root = await mkdtemp(join(tmpdir(), 'pxlc-ch-'));
  const ports = await Promise.all(
    Array.from({ length: shardCount }, async () => ({ http: await freePort(), tcp: await freePort() })),
  );
  const procs: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(
      procs.map(
        (p) =>
          new Promise<void>((resolve) => {
            if (p.exitCode !== null) {
              resolve();
              return;
            }
            p.once('exit', () => resolve());
            p.kill('SIGTERM');
            setTimeout(() => p.kill('SIGKILL'), 5000).unref();
          }),
      ),
    );
    await rm(root, { recursive: true, force: true });
  };
  try {
    for (const [k, p] of ports.entries()) {
      const dir = join(root, `shard${k}`);
      await mkdir(dir, { recursive: true });
      await writeFile(
        join(dir, 'config.xml'),
        config(
          dir,
          p.http,
          p.tcp,
          ports.map((x) => x.tcp),
        ),
      );
      let output = '';
      const proc = spawn('clickhouse-server', [`--config-file=${join(dir, 'config.xml')}`], {
        cwd: dir,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      proc.stdout!.on('data', (b: Buffer) => {
        output = (output + b.toString()).slice(-4000);
      });
      proc.stderr!.on('data', (b: Buffer) => {
        output = (output + b.toString()).slice(-4000);
      });
      procs.push(proc);
      await waitReady(p.http, proc, () => output);
    }
    const statements = schemaStatements({ dialect: 'clickhouse', cluster: CLUSTER });
    for (const [k, p] of ports.entries()) {
      const shard = await openEngine(parseEngineUrl(`clickhouse://127.0.0.1:${p.http}/default`));
      try {
        for (const s of statements.shard) await shard.exec(s);
        if (k === 0) for (const s of statements.query) await shard.exec(s);
      } finally {
        await shard.close();
      }
    }
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    url: `clickhouse://127.0.0.1:${ports[0]!.http}/default`,
    shardUrls: ports.map((p) => `clickhouse://127.0.0.1:${p.http}/default`),
    stop,
  };
}
