// Loading and running a generated module in-process, many thousand times: each module is a
// vm.SourceTextModule (needs node --experimental-vm-modules) linked to the real runtime, so nothing is written
// to disk and unreferenced modules are garbage-collected (import() of data: URLs would keep every one).

import vm from 'node:vm';
import * as runtime from '../src/runtime/index.js';

const RUNTIME_SPECIFIER = 'pxlc/runtime';
let runtimeModule: vm.SyntheticModule | undefined;

async function linkedRuntime(): Promise<vm.SyntheticModule> {
  if (!runtimeModule) {
    const names = Object.keys(runtime);
    const m = new vm.SyntheticModule(
      names,
      function (this: vm.SyntheticModule) {
        for (const n of names) this.setExport(n, (runtime as Record<string, unknown>)[n]);
      },
      { identifier: RUNTIME_SPECIFIER },
    );
    await m.link(() => {
      throw new Error('the runtime imports nothing through the linker');
    });
    await m.evaluate();
    runtimeModule = m;
  }
  return runtimeModule;
}

export interface LoadedModule {
  readonly script: runtime.ScriptInfo;
  run(options: runtime.RunOptions): Promise<runtime.RunResult>;
}

export function vmModulesAvailable(): boolean {
  return typeof (vm as { SourceTextModule?: unknown }).SourceTextModule === 'function';
}

/** Evaluates a generated module (compiled with runtimeImport 'pxlc/runtime'); throws what evaluation throws. */
export async function loadModule(js: string): Promise<LoadedModule> {
  const rt = await linkedRuntime();
  const m = new vm.SourceTextModule(js, {
    identifier: 'fuzz-case.js',
    initializeImportMeta: (meta) => {
      meta.url = 'file:///fuzz-case.js';
    },
  });
  await m.link((specifier) => {
    if (specifier !== RUNTIME_SPECIFIER) throw new Error(`generated module imports '${specifier}'`);
    return rt;
  });
  await m.evaluate();
  const ns = m.namespace as Partial<LoadedModule>;
  if (typeof ns.run !== 'function' || typeof ns.script !== 'object')
    throw new Error('generated module lacks run() or script');
  return ns as LoadedModule;
}
