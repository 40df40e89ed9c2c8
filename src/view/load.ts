// The script a view shows, read from disk each time a page is asked for (edits show on the next refresh):
// SCRIPT.pxl with the vis.json of its directory, or a Pixie script bundle directory (one .pxl and its vis.json).
// The script is compiled in-process and its module imported from memory, as compiled entry points are.

import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { compile, renderText, RUNTIME_URL } from '../index.js';
import type { ClusterSpec } from '../runtime/metadata/spec.js';
import { demoCluster } from '../runtime/metadata/demo-cluster.js';
import type { ScriptModule } from '../runtime/view/build-page.js';
import type { VisSpec } from '../core/vis.js';
import { readVisFile } from '../checker/vis-file.js';

export class ViewError extends Error {}

export interface LoadedScript {
  readonly title: string;
  readonly module: ScriptModule;
  readonly spec?: VisSpec;
}

/** Where the script and its vis spec are. Throws ViewError when PATH is neither a .pxl file nor a bundle directory. */
export async function locateScript(path: string): Promise<{ script: string; visJson: string }> {
  let isDir: boolean;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch {
    throw new ViewError(`${path}: no such file or directory`);
  }
  if (!isDir) return { script: path, visJson: join(dirname(path), 'vis.json') };
  const scripts = (await readdir(path)).filter((f) => f.endsWith('.pxl')).sort();
  if (scripts.length !== 1) {
    throw new ViewError(
      scripts.length === 0
        ? `${path}: no .pxl script in this directory`
        : `${path}: more than one .pxl script (${scripts.join(', ')}): name the one to view`,
    );
  }
  return { script: join(path, scripts[0]!), visJson: join(path, 'vis.json') };
}

const modules = new Map<string, Promise<ScriptModule>>();

export async function loadScript(path: string): Promise<LoadedScript> {
  const where = await locateScript(path);
  let text: string;
  try {
    text = await readFile(where.script, 'utf8');
  } catch (e) {
    throw new ViewError(`cannot read ${where.script}: ${(e as Error).message}`);
  }
  const spec = await readSpec(where.visJson);
  const key = JSON.stringify([where.script, text]);
  let module = modules.get(key);
  if (!module) {
    module = compileModule(where.script, text);
    modules.set(key, module);
    module.catch(() => modules.delete(key));
  }
  return { title: basename(where.script, '.pxl'), module: await module, ...(spec ? { spec } : {}) };
}

async function readSpec(file: string): Promise<VisSpec | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  // The compiler's reader: every problem at its line and column in the file.
  const vis = readVisFile(file, text);
  if (!vis.spec)
    throw new ViewError(
      vis.diagnostics
        .filter((d) => d.severity === 'error')
        .map(renderText)
        .join('\n\n'),
    );
  return vis.spec;
}

async function compileModule(path: string, text: string): Promise<ScriptModule> {
  const result = compile({ path, text, runtimeImport: RUNTIME_URL });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || result.js === undefined) throw new ViewError(errors.map(renderText).join('\n\n'));
  return (await import(`data:text/javascript;base64,${Buffer.from(result.js).toString('base64')}`)) as ScriptModule;
}

/** Names a variable of each Pixie entity type can take, from the cluster behind the data. */
export function clusterNames(cluster: ClusterSpec | undefined): Record<string, string[]> {
  const c = cluster ?? demoCluster(1);
  const uniq = (xs: string[]) => [...new Set(xs)].sort();
  return {
    PX_POD: uniq((c.pods ?? []).map((p) => `${p.namespace}/${p.name}`)),
    PX_SERVICE: uniq((c.services ?? []).map((s) => `${s.namespace}/${s.name}`)),
    PX_NAMESPACE: uniq([...(c.pods ?? []), ...(c.services ?? [])].map((x) => x.namespace)),
    PX_NODE: uniq((c.nodes ?? []).map((n) => n.name)),
  };
}

/** The metadata.json of a data directory, when it has one (it is validated when the script runs). */
export async function dataCluster(dir: string): Promise<ClusterSpec | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, 'metadata.json'), 'utf8')) as ClusterSpec;
  } catch {
    return undefined;
  }
}
