// The built-in demo data covers every table of Pixie's schema, and one consistent cluster stands behind it: every
// df.ctx[...] key a table can resolve gives real values, and they agree with each other (a pod is in its
// namespace, its node is the host, the pid is the UPID's pid).

import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { metadataKeys, canonicalMetadataKey, planMetadata } from '../../src/checker/metadata.js';
import type { Schema } from '../../src/core/types.js';
import { compileScript } from '../support/compiled.js';
import { ROOT } from '../support/golden.js';

const TABLES = (
  JSON.parse(readFileSync(join(ROOT, 'data', 'tables.json'), 'utf8')) as {
    tables: Record<string, { columns: { name: string; type: string; semantic_type: string }[] }>;
  }
).tables;
const KEYS = [...new Set(metadataKeys().map((k) => canonicalMetadataKey(k)!))];
const NOW = 1_767_225_600_000_000_000n;

// Keys a pod may lack: not every pod is behind a service or owned by a deployment.
const OPTIONAL = new Set([
  'service_name',
  'service_id',
  'deployment_name',
  'deployment_id',
  'replicaset_name',
  'replicaset_id',
]);

for (const [table, info] of Object.entries(TABLES)) {
  test(`demo ${table}: rows in the last 5 minutes, and every ctx key it can resolve does`, async (t) => {
    const schema = info.columns.map((c) => ({
      name: c.name,
      dataType: c.type,
      semanticType: c.semantic_type,
    })) as Schema;
    const keys = KEYS.filter((k) => planMetadata(k, schema).ok);
    const hasUpid = info.columns.some((c) => c.name === 'upid');
    const lines = [
      `import px`,
      `df = px.DataFrame(table='${table}', start_time='-5m')`,
      ...keys.map((k) => `df.k_${k} = df.ctx['${k}']`),
      ...(hasUpid ? ['df.upid_pid = px.upid_to_pid(df.upid)'] : []),
      `px.display(df[[${[...keys.map((k) => `'k_${k}'`), ...(hasUpid ? ["'upid_pid'"] : [])].join(', ')}]], 'ctx')`,
    ];
    const r = await (await compileScript(lines.join('\n') + '\n', 'ctx')).run({ now: NOW, demoRows: 600 });
    const cols = r.columns('ctx') as Record<string, (string | bigint)[]>;
    const n = Object.values(cols)[0]!.length;
    t.true(n > 0, 'the table has demo rows');
    t.true(keys.length >= (hasUpid ? 16 : 5), `keys resolvable from ${table}: ${keys.join(', ')}`);
    for (const k of keys) {
      const values = cols[`k_${k}`]!;
      const empty = values.filter((v) => v === '' || v === 0n).length;
      if (OPTIONAL.has(k)) t.true(empty < n, `ctx['${k}'] resolves for some rows`);
      else t.is(empty, 0, `ctx['${k}'] resolves for every row`);
    }
    const wrong: string[] = [];
    for (let i = 0; i < n; i++) {
      const ns = cols['k_namespace']![i] as string;
      const pod = cols['k_pod_name']![i] as string;
      if (!pod.startsWith(`${ns}/`)) wrong.push(`pod ${pod} not in namespace ${ns}`);
      const service = cols['k_service_name']![i] as string;
      if (service !== '' && !service.startsWith(`${ns}/`)) wrong.push(`service ${service} not in namespace ${ns}`);
      if (hasUpid) {
        if (cols['k_hostname']![i] !== cols['k_node_name']![i]) wrong.push(`row ${i}: hostname is not the node`);
        if (cols['k_pid']![i] !== cols['upid_pid']![i]) wrong.push(`row ${i}: ctx['pid'] is not the UPID's pid`);
        const deployment = cols['k_deployment_name']![i] as string;
        if (deployment !== '' && !(cols['k_replicaset_name']![i] as string).startsWith(`${deployment}-`))
          wrong.push(`row ${i}: replica set not of ${deployment}`);
      }
    }
    t.deepEqual(wrong.slice(0, 5), []);
  });
}
