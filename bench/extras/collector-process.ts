// The local collector in a process of its own, as a user's collector is: the export rates then measure what the
// sender does, with the receiving done beside it rather than on the sender's thread. Run as a child with an IPC
// channel; answers each 'take' with the points, spans and log records received since the last one (counted by
// the collector from the bytes), which the bench checks against what it sent.

import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startCollector } from '../../src/collector/server.js';

export interface CollectorProcess {
  readonly port: number;
  /** Points, spans and log records received since the last call (all signals together). */
  take(): Promise<number>;
  stop(): Promise<void>;
}

type Reply = { readonly port: number } | { readonly items: number };

export async function startCollectorProcess(): Promise<CollectorProcess> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting: { resolve: (r: Reply) => void; reject: (e: Error) => void }[] = [];
  child.on('message', (m: Reply) => waiting.shift()?.resolve(m));
  child.on('exit', (code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`the bench collector exited (${code})`));
  });
  const next = () =>
    new Promise<Reply>((resolve, reject) => {
      waiting.push({ resolve, reject });
    });
  const { port } = (await next()) as { port: number };
  return {
    port,
    async take() {
      const r = next();
      child.send('take');
      return ((await r) as { items: number }).items;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send('stop');
      }),
  };
}

async function serve(): Promise<void> {
  const c = await startCollector({ host: '127.0.0.1', port: 0 });
  process.on('message', (m: string) => {
    if (m === 'take') {
      const items = c.items.metrics + c.items.traces + c.items.logs;
      c.clear();
      process.send!({ items });
    } else {
      void c.stop().then(() => process.exit(0));
    }
  });
  // The bench gone (stopped, failed) takes its collector with it.
  process.on('disconnect', () => {
    c.kill();
    process.exit(0);
  });
  process.send!({ port: c.port });
}

if (process.argv[2] === '--serve' && process.send) await serve();
