// `npm run pixie-views -- DIR [--plugins DIR]`: runs every view of a local checkout of Pixie's script library
// (src/pxl_scripts of pixie-io/pixie) on the built-in demo data, the way `px run` runs it, and counts the views that
// show rows. A view is one call a vis.json makes (a widget's function or a global function), with the spec's
// defaults and, where a variable has no default, a pod / namespace / service / node of the demo cluster. It also lists
// the widgets whose display names a column (a series, a graph edge, a gutter) that their table does not have.
// With --plugins (plugins/ of pixie-io/pixie-plugin), every preset script of every retention.yaml also runs as an
// export plugin over consecutive windows, exporting to an in-process collector, and must export in each window.
// Pixie's scripts are read from the given directories only; nothing of them is kept here.

import { readdir, readFile, mkdtemp, writeFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { compile } from '../../src/index.js';
import { planVisRun } from '../../src/runtime/vis-run.js';
import { demoCluster } from '../../src/runtime/metadata/demo-cluster.js';
import { EDGES } from '../../src/runtime/sources/demo-traffic.js';
import type { RunResult, ScriptInfo } from '../../src/runtime/run.js';
import type { DisplaySpec, VisSpec, VisVariableType } from '../../src/core/vis.js';
import { startCollector } from '../../src/collector/server.js';
import { describeUnavailable } from '../../src/runtime/contracts.js';

interface Module {
  run(options: Record<string, unknown>): Promise<RunResult>;
  script: ScriptInfo;
}

const WINDOWS = 3;
const WINDOW_NS = 10_000_000_000n;

async function main(argv: readonly string[]): Promise<number> {
  const dir = argv[0];
  const pluginsAt = argv.indexOf('--plugins');
  const plugins = pluginsAt >= 0 ? argv[pluginsAt + 1] : undefined;
  const verbose = argv.includes('--verbose');
  if (!dir || dir.startsWith('-') || !existsSync(dir)) {
    process.stderr.write(
      'usage: npm run pixie-views -- PXL_SCRIPTS_DIR [--plugins PIXIE_PLUGIN_PLUGINS_DIR] [--verbose]\n',
    );
    return 2;
  }
  const work = await mkdtemp(join(tmpdir(), 'pxlc-views-'));
  try {
    const views = await runViews(dir, work, verbose);
    process.stdout.write(
      `views with rows ${views.withRows}/${views.total}` +
        `${views.explained ? ` (${views.explained} of the others say why they cannot show rows outside a cluster)` : ''}\n`,
    );
    process.stdout.write(`widgets naming columns their table lacks ${views.missingColumns}\n`);
    if (plugins) {
      const p = await runPlugins(plugins, work, verbose);
      process.stdout.write(`export scripts exporting in each of ${WINDOWS} windows ${p.ok}/${p.total}\n`);
    }
    return 0;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function bundles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const f of (await readdir(dir, { recursive: true })).sort()) {
    if (!f.endsWith('vis.json')) continue;
    const bundle = join(dir, f, '..');
    if ((await readdir(bundle)).some((x) => x.endsWith('.pxl'))) out.push(bundle);
  }
  return out;
}

async function load(
  work: string,
  name: string,
  text: string,
  vis?: { path: string; text: string },
): Promise<Module | { errors: string }> {
  const r = compile({ path: `${name}.pxl`, text, ...(vis ? { vis } : {}) });
  if (r.js === undefined)
    return {
      errors: r.diagnostics
        .filter((d) => d.severity === 'error')
        .map((d) => d.message)
        .slice(0, 2)
        .join('; '),
    };
  const file = join(work, `${name.replace(/[^\w]/g, '_')}.js`);
  await writeFile(file, r.js);
  return (await import(pathToFileURL(file).href)) as Module;
}

/** Demo values for variables without a default. */
function demoValue(type: VisVariableType): string {
  const c = demoCluster(1);
  const pod = c.pods![0]!;
  switch (type) {
    case 'PX_POD':
      return `${pod.namespace}/${pod.name}`;
    case 'PX_SERVICE':
      return `${pod.namespace}/${pod.services![0]}`;
    // The first namespace by name: 'default', where the data services (Kafka, PostgreSQL, Cassandra, NATS) run.
    case 'PX_NAMESPACE':
      return [...new Set(c.pods!.map((p) => p.namespace))].sort()[0]!;
    case 'PX_NODE':
      return pod.node;
    case 'PX_CONTAINER':
      return c.containers![0]!.name;
    case 'PX_INT64':
      return '10';
    case 'PX_FLOAT64':
      return '0.5';
    case 'PX_BOOLEAN':
      return 'false';
    default:
      return '';
  }
}

/** Pods that talk HTTP to each other, for views of one requesting and one responding pod. */
const EDGE_PODS: Readonly<Record<string, string>> = {
  requesting_pod: 'online-boutique/frontend',
  responding_pod: 'online-boutique/cartservice',
};

/**
 * Values a user types after looking at the cluster, for variables whose default names no value: an external address
 * the cluster talks to (px/ip), a normalised query of the PostgreSQL traffic (px/sql_query), and a topic from the
 * view's own "Kafka Topics" widget (its default says "Please fill in from Kafka Topics below.").
 */
const USER_INPUT: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'px/ip': { ip: externalAddress() },
  'px/sql_query': { query: 'SELECT id, email, balance FROM accounts WHERE id = $1' },
  'px/kafka_producer_consumer_latency': { topic: 'order' },
};

function externalAddress(): string {
  const e = EDGES.find((x) => x.to.kind === 'external');
  return e && e.to.kind === 'external' ? e.to.ip : '';
}

function demoArgs(script: string, spec: VisSpec): Record<string, string> {
  const c = demoCluster(1);
  const out: Record<string, string> = { ...USER_INPUT[script] };
  const podVar = spec.variables.find(
    (v) => v.type === 'PX_POD' && v.defaultValue === undefined && EDGE_PODS[v.name] === undefined,
  );
  const firstPod = c.pods![0]!;
  for (const v of spec.variables) {
    if (v.defaultValue !== undefined) continue;
    const edge = EDGE_PODS[v.name];
    const pod = edge ? c.pods!.find((p) => `${p.namespace}/${p.name}`.startsWith(edge)) : undefined;
    if (pod) out[v.name] = `${pod.namespace}/${pod.name}`;
    // A baseline pod is another pod of the same service; a namespace beside a pod is that pod's namespace.
    else if (v.name === 'baseline_pod') {
      const other = c.pods!.find((p) => p !== firstPod && p.services?.[0] === firstPod.services?.[0]) ?? firstPod;
      out[v.name] = `${other.namespace}/${other.name}`;
    } else if (v.type === 'PX_NAMESPACE' && podVar) out[v.name] = firstPod.namespace;
    else out[v.name] ??= v.validValues?.[0] ?? demoValue(v.type);
  }
  return out;
}

async function runViews(
  dir: string,
  work: string,
  verbose: boolean,
): Promise<{ withRows: number; total: number; explained: number; missingColumns: number }> {
  let missingColumns = 0;
  let withRows = 0;
  let total = 0;
  let explained = 0;
  const now = BigInt(Date.now()) * 1_000_000n;
  for (const bundle of await bundles(dir)) {
    const name = relative(dir, bundle);
    const pxl = (await readdir(bundle)).find((x) => x.endsWith('.pxl'))!;
    const visPath = join(bundle, 'vis.json');
    const visText = await readFile(visPath, 'utf8');
    const mod = await load(work, name, await readFile(join(bundle, pxl), 'utf8'), { path: visPath, text: visText });
    if ('errors' in mod) {
      // Its views cannot run: count each call of its spec as a view without rows.
      const calls = countCalls(visText);
      total += calls;
      process.stdout.write(`${name}: does not compile (${calls} views): ${mod.errors}\n`);
      continue;
    }
    const spec = mod.script.vis!;
    const args = demoArgs(name, spec);
    for (const call of planVisRun(spec, mod.script.entries ?? [], args)) {
      total++;
      const label = `${name}: ${call.label}`;
      try {
        const r = await mod.run({ func: call.func, args: call.args, now });
        const columns = new Set(r.tables.flatMap((t) => t.table.schema.map((c) => c.name)));
        for (const w of spec.widgets) {
          const shows = w.source.kind === 'func' ? w.name === call.output : w.source.outputName === call.output;
          const missing = shows && w.displaySpec ? displayColumns(w.displaySpec).filter((c) => !columns.has(c)) : [];
          if (missing.length > 0) {
            missingColumns++;
            process.stdout.write(`${label}: widget '${w.name}' names columns its table lacks: ${missing.join(', ')}\n`);
          }
        }
        const rows = r.tables.reduce((n, t) => n + t.table.length, 0);
        if (rows > 0) withRows++;
        const unavailable = r.tables.find((t) => t.unavailable)?.unavailable;
        const why = rows === 0 && unavailable ? describeUnavailable(unavailable) : undefined;
        if (why) explained++;
        if (rows === 0 || verbose) process.stdout.write(`${label}: ${rows} rows${why ? ` — ${why}` : ''}\n`);
      } catch (e) {
        process.stdout.write(`${label}: error: ${(e as Error).message.split('\n')[0]}\n`);
      }
    }
  }
  return { withRows, total, explained, missingColumns };
}

/** The columns a widget's display reads from its table (the value, series, labels and graph columns it names). */
function displayColumns(d: DisplaySpec): string[] {
  const named = (...cs: (string | undefined)[]) => cs.filter((c): c is string => c !== undefined && c !== '');
  switch (d.kind) {
    case 'TimeseriesChart':
      return d.timeseries.flatMap((t) => named(t.value, t.series));
    case 'BarChart':
      return named(d.bar.value, d.bar.label, d.bar.stackBy, d.bar.groupBy);
    case 'PieChart':
      return named(d.label, d.value);
    case 'HistogramChart':
      return named(d.histogram.value, d.histogram.prebinCount);
    case 'GaugeChart':
      return named(d.value);
    case 'StatChart':
      return named(d.stat.value);
    case 'Graph':
      return named(
        d.dotColumn,
        d.adjacencyList?.fromColumn,
        d.adjacencyList?.toColumn,
        d.edgeWeightColumn,
        d.nodeWeightColumn,
        d.edgeColorColumn,
        ...(d.edgeHoverInfo ?? []),
      );
    case 'RequestGraph':
      return named(
        d.requestorPodColumn,
        d.responderPodColumn,
        d.requestorServiceColumn,
        d.responderServiceColumn,
        d.requestorIPColumn,
        d.responderIPColumn,
        d.p50Column,
        d.p90Column,
        d.p99Column,
        d.errorRateColumn,
        d.requestsPerSecondColumn,
        d.inboundBytesPerSecondColumn,
        d.outboundBytesPerSecondColumn,
        d.totalRequestCountColumn,
      );
    case 'StackTraceFlameGraph':
      return named(
        d.stacktraceColumn,
        d.countColumn,
        d.percentageColumn,
        d.namespaceColumn,
        d.podColumn,
        d.containerColumn,
        d.pidColumn,
        d.nodeColumn,
        d.differenceColumn,
      );
    case 'Table':
      return named(d.gutterColumn);
    case 'TextChart':
    case 'VegaChart':
      return [];
  }
}

function countCalls(visText: string): number {
  try {
    const v = JSON.parse(visText) as { globalFuncs?: unknown[]; widgets?: { func?: unknown }[] };
    return (v.globalFuncs?.length ?? 0) + (v.widgets ?? []).filter((w) => w.func !== undefined).length;
  } catch {
    return 1;
  }
}

async function runPlugins(dir: string, work: string, verbose: boolean): Promise<{ ok: number; total: number }> {
  const collector = await startCollector();
  let ok = 0;
  let total = 0;
  try {
    for (const plugin of (await readdir(dir)).sort()) {
      const file = join(dir, plugin, 'retention.yaml');
      if (!existsSync(file)) continue;
      const doc = parseYaml(await readFile(file, 'utf8')) as { presetScripts?: { name: string; script: string }[] };
      for (const preset of doc.presetScripts ?? []) {
        total++;
        const label = `${plugin}: ${preset.name}`;
        const mod = await load(work, `${plugin}_${preset.name}`, preset.script);
        if ('errors' in mod) {
          process.stdout.write(`${label}: does not compile: ${mod.errors}\n`);
          continue;
        }
        // Consecutive plugin windows, as the plugin runs them every 10 s.
        const start = BigInt(Date.now()) * 1_000_000n - BigInt(WINDOWS) * WINDOW_NS;
        const counts: number[] = [];
        try {
          for (let w = 0; w < WINDOWS; w++) {
            const end = start + BigInt(w + 1) * WINDOW_NS;
            const r = await mod.run({
              now: end,
              window: { startNs: end - WINDOW_NS + 1n, endNs: end },
              endpoint: `127.0.0.1:${collector.port}`,
              insecure: true,
            });
            counts.push(r.exports.reduce((n, x) => n + x.metricPointsSent + x.spansSent + x.logRecordsSent, 0));
          }
        } catch (e) {
          process.stdout.write(`${label}: error: ${(e as Error).message.split('\n')[0]}\n`);
          continue;
        }
        if (counts.every((n) => n > 0)) ok++;
        if (verbose || !counts.every((n) => n > 0))
          process.stdout.write(`${label}: exported ${counts.join(', ')} points/spans per window\n`);
      }
    }
  } finally {
    await collector.stop();
  }
  return { ok, total };
}

process.exitCode = await main(process.argv.slice(2));
