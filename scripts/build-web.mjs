// Bundles the browser side with esbuild: the `pxlc view` page (dist/web/) and, with --playground, the playground
// (dist/playground/, a static folder any web server can host). Type-checking is `tsc -p web` (npm run build).

import * as esbuild from 'esbuild';
import { mkdir, readFile, writeFile, copyFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'web');
const common = { bundle: true, platform: 'browser', format: 'esm', target: 'es2022', minify: true, legalComments: 'none', logLevel: 'warning' };

await mkdir(out, { recursive: true });
await esbuild.build({ ...common, entryPoints: [join(root, 'web', 'view', 'main.ts')], outfile: join(out, 'view.js') });
const css = [await readFile(join(root, 'web', 'view', 'view.css'), 'utf8'), await readFile(join(root, 'node_modules', 'd3-flame-graph', 'dist', 'd3-flamegraph.css'), 'utf8')];
await writeFile(join(out, 'view.css'), css.join('\n'));
