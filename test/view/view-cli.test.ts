// `pxlc view` as a user starts it: the real command on a free port, asked for its page over HTTP, then stopped.

import test from 'ava';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { once } from 'node:events';
import { ROOT } from '../support/golden.js';

const PXLC = join(ROOT, 'bin', 'pxlc.js');

test('pxlc view serves the page and its data on 127.0.0.1, and stops on SIGTERM', async (t) => {
  const child = spawn(process.execPath, [PXLC, 'view', join(ROOT, 'examples', 'http_throughput.pxl'), '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.teardown(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  let out = '';
  child.stdout.setEncoding('utf8');
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: string) => {
      out += d;
      const m = /pxlc view: (http:\/\/127\.0\.0\.1:\d+\/) \(Ctrl-C to stop\)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`pxlc view exited ${code}: ${out}`)));
  });
  const html = await (await fetch(url)).text();
  t.regex(html, /<script type="module" src="\/assets\/view.js">/);
  t.is((await fetch(`${url}assets/view.js`)).status, 200);
  t.is((await fetch(`${url}assets/../../package.json`)).status, 404);
  const page = (await (await fetch(`${url}api/page`)).json()) as {
    title: string;
    exports: { points?: { totalRows: number } }[];
  };
  t.is(page.title, 'http_throughput');
  t.true(page.exports[0]!.points!.totalRows > 0);
  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  t.is(code, 0);
});

test('pxlc view with a missing script or a bad option says so and exits 1 or 2', async (t) => {
  const run = async (args: string[]) => {
    const child = spawn(process.execPath, [PXLC, 'view', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      err += d;
    });
    const [code] = await once(child, 'exit');
    return { code, err };
  };
  t.deepEqual(await run(['no/such.pxl']), {
    code: 1,
    err: 'pxlc view: error: no/such.pxl: no such file or directory\n',
  });
  const usage = await run([join(ROOT, 'examples', 'http_throughput.pxl'), '--port', 'x']);
  t.is(usage.code, 2);
  t.is(usage.err, "pxlc view: --port needs a port number, not 'x'; see 'pxlc view --help'\n");
});
