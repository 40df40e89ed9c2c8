// `pxlc view SCRIPT.pxl|DIR [--data DIR | --engine URL] [--port 8080] [--every 10s]`: the script's widgets in a
// browser, as Pixie's Live UI draws them; `pxlc view --playground` serves the in-browser playground.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDurationFlag, parseTimeFlag } from '../runtime/flag-values.js';
import type { RunOptions } from '../runtime/run.js';
import { startViewServer, type ViewServerOptions } from '../view/server.js';
import { locateScript, ViewError } from '../view/load.js';

export const VIEW_USAGE =
  'usage: pxlc view SCRIPT.pxl|DIR [--data DIR | --engine URL] [--port 8080] [--host 127.0.0.1] [--every 10s] [--now TIME]\n' +
  '                  [--endpoint HOST:PORT] [--insecure] [--ca FILE]\n       pxlc view --playground [--port 8080]\n' +
  '  -h, --help  show this help';

/** Where `npm run playground:build` writes the playground. */
export const PLAYGROUND_DIR = fileURLToPath(new URL('../../playground/', import.meta.url));

class ViewUsageError extends Error {}
/** --help: the usage to stdout, exit 0. */
class ViewHelp extends Error {}

export function parseViewArgs(argv: readonly string[]): ViewServerOptions {
  let path: string | undefined;
  let port = 8080;
  let host: string | undefined;
  let everyMs: number | undefined;
  let playground = false;
  const run: { -readonly [K in keyof RunOptions]: RunOptions[K] } = {};
  const send: {
    -readonly [K in keyof NonNullable<ViewServerOptions['send']>]: NonNullable<ViewServerOptions['send']>[K];
  } = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new ViewUsageError(`${a} needs a value`);
      return v;
    };
    switch (a) {
      case '--data':
        run.data = value();
        break;
      case '--engine':
        run.engine = value();
        break;
      case '--port': {
        const v = value();
        if (!/^\d{1,5}$/.test(v) || Number(v) > 65535)
          throw new ViewUsageError(`--port needs a port number, not '${v}'`);
        port = Number(v);
        break;
      }
      case '--host':
        host = value();
        break;
      case '--every':
        everyMs = Number(parseDurationFlag(value(), '--every') / 1_000_000n);
        break;
      case '--now': {
        const v = value();
        run.now = v === 'latest' ? 'latest' : parseTimeFlag(v, '--now');
        break;
      }
      case '--endpoint':
        send.endpoint = value();
        break;
      case '--insecure':
        send.insecure = true;
        break;
      case '--ca': {
        const file = value();
        try {
          send.caPem = readFileSync(file);
        } catch (e) {
          throw new ViewError(`cannot read --ca ${file}: ${(e as Error).message}`);
        }
        break;
      }
      case '--playground':
        playground = true;
        break;
      case '--help':
      case '-h':
        throw new ViewHelp();
      default:
        if (a.startsWith('-')) throw new ViewUsageError(`unknown option '${a}'`);
        if (path !== undefined)
          throw new ViewUsageError(`unexpected argument '${a}': view takes one script or directory`);
        path = a;
    }
  }
  if (path === undefined && !playground) throw new ViewUsageError('missing the script or script directory to view');
  if (run.data !== undefined && run.engine !== undefined)
    throw new ViewUsageError('--data and --engine both name the data: give one');
  if (everyMs !== undefined && everyMs < 1000) throw new ViewUsageError('--every needs at least 1s');
  return {
    ...(path !== undefined ? { path } : {}),
    port,
    ...(host ? { host } : {}),
    run,
    send,
    ...(everyMs ? { everyMs } : {}),
    ...(playground ? { playgroundDir: PLAYGROUND_DIR } : {}),
  };
}

export async function runViewCli(argv: readonly string[]): Promise<number> {
  let options: ViewServerOptions;
  try {
    options = parseViewArgs(argv);
    if (options.path !== undefined) await locateScript(options.path);
  } catch (e) {
    if (e instanceof ViewHelp) {
      process.stdout.write(`${VIEW_USAGE}\n`);
      return 0;
    }
    if (e instanceof ViewUsageError) {
      process.stderr.write(`pxlc view: ${e.message}; see 'pxlc view --help'\n`);
      return 2;
    }
    if (e instanceof ViewError || (e as Error).name === 'PxlRuntimeError') {
      process.stderr.write(`pxlc view: error: ${(e as Error).message}\n`);
      return 1;
    }
    throw e;
  }
  if (options.playgroundDir && !existsSync(options.playgroundDir)) {
    // The npm package leaves the playground out (3 MB that few installs would use); a checkout builds it.
    process.stderr.write(
      `pxlc view: error: the playground is not built: run npm run playground:build in a checkout of pxlc (the npm package leaves it out)\n`,
    );
    return 1;
  }
  let server;
  try {
    server = await startViewServer(options);
  } catch (e) {
    process.stderr.write(
      `pxlc view: error: cannot listen on ${options.host ?? '127.0.0.1'}:${options.port}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`,
    );
    return 1;
  }
  const where = options.path !== undefined ? server.url : `${server.url}playground/`;
  process.stdout.write(`pxlc view: ${where} (Ctrl-C to stop)\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return 0;
}
