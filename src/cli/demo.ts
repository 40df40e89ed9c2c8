// `npm run demo`: the main job on the built-in demo data, end to end and for real — compile the tutorial
// export script, start a local OTLP/gRPC collector, run the compiled module against it as a user would
// (`node out.js --endpoint ... --insecure`), and show what the collector received.

import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from '../index.js';
import { renderText } from '../diagnostics/render.js';
import { startCollector } from '../collector/server.js';
import { formatReceived } from '../collector/format.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

async function main(): Promise<number> {
  const scriptPath = join(ROOT, 'examples', 'http_throughput.pxl');
  const text = await readFile(scriptPath, 'utf8');
  const result = compile({ path: 'examples/http_throughput.pxl', text });
  if (!result.js) {
    for (const d of result.diagnostics) process.stderr.write(`${renderText(d)}\n`);
    return 1;
  }
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-demo-'));
  const out = join(dir, 'http_throughput.js');
  await writeFile(out, result.js);
  process.stdout.write(`compiled examples/http_throughput.pxl -> ${out}\n`);

  const collector = await startCollector({ host: '127.0.0.1', port: 0 });
  process.stdout.write(`local OTLP/gRPC collector listening on 127.0.0.1:${collector.port}\n`);
  const args = [out, '--endpoint', `127.0.0.1:${collector.port}`, '--insecure'];
  process.stdout.write(`$ node ${args.join(' ')}\n`);
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, args, { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('exit', (c) => resolve(c ?? 1));
  });
  process.stdout.write(`\nwhat the collector received:\n${formatReceived(collector)}\n`);
  await collector.stop();
  return code;
}

process.exitCode = await main();
