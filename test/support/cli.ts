// Running `pxlc` (or a compiled module) as a user does: a child process with arguments, optional stdin, and
// optionally inside a pseudo-terminal (util-linux `script`), to see what a terminal gets.

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './golden.js';

export const PXLC = join(ROOT, 'bin', 'pxlc.js');

export interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd?: string;
  readonly input?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

function ran(
  command: string,
  args: readonly string[],
  options: RunOptions,
  env: Record<string, string | undefined>,
): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...env, ...options.env } as NodeJS.ProcessEnv,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** `node ARGS...` with a clean colour environment unless `env` sets one. */
export function node(args: readonly string[], options: RunOptions = {}): Promise<Ran> {
  return ran(process.execPath, args, options, { OTEL_EXPORTER_OTLP_ENDPOINT: '' });
}

export const pxlc = (args: readonly string[], options: RunOptions = {}) => node([PXLC, ...args], options);

/**
 * `node ARGS...` with stdout and stderr on a pseudo-terminal; what the terminal showed (both streams, with
 * CRLF line ends turned back into LF), and the exit code.
 */
export async function nodeInTerminal(
  args: readonly string[],
  options: RunOptions = {},
): Promise<{ code: number; screen: string }> {
  const quoted = [process.execPath, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = await ran('script', ['-q', '-e', '-c', quoted, '/dev/null'], options, { TERM: 'xterm' });
  return { code: r.code, screen: r.stdout.replace(/\r\n/g, '\n') };
}
