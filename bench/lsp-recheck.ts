// The language server's work per keystroke: re-checking a 500-line script (analyze: parse, check with the editor
// index, names), warm. Prints the median and the slowest of 20 runs after 5 warm-up runs.
// Run: npm run build && node dist/bench/lsp-recheck.js [--lines 500]

import { analyze } from '../src/lsp/analysis.js';

const argLines = process.argv.indexOf('--lines');
const target = argLines > 0 ? Number(process.argv[argLines + 1]) : 500;

/** A realistic script: blocks of source, derived columns, a filter, a groupby with aggregates and a display. */
function script(lines: number): string {
  const out = ['import px', ''];
  for (let k = 0; out.length + 14 <= lines; k++) {
    out.push(
      `df${k} = px.DataFrame(table='http_events', start_time='-5m')`,
      `df${k}.service = df${k}.ctx['service']`,
      `df${k}.pod = df${k}.ctx['pod']`,
      `df${k}.latency_ms = df${k}.latency / 1000000.0`,
      `df${k}.failed = df${k}.resp_status >= 400`,
      `df${k} = df${k}[df${k}.req_path != '/healthz']`,
      `df${k} = df${k}.groupby(['service', 'req_path']).agg(`,
      `    n=('latency', px.count),`,
      `    errors=('failed', px.sum),`,
      `    p99=('latency_ms', px.max),`,
      `)`,
      `df${k}.error_rate = df${k}.errors / df${k}.n`,
      `px.display(df${k}, 'block_${k}')`,
      '',
    );
  }
  while (out.length < lines) out.push('# end');
  return `${out.join('\n')}\n`;
}

const text = script(target);
const lines = text.split('\n').length - 1;
for (let i = 0; i < 5; i++) analyze('bench.pxl', text);
const times: number[] = [];
const cpu: number[] = [];
for (let i = 0; i < 20; i++) {
  // Each run sees a different text, as after a keystroke.
  const edited = text.replace("'block_0'", `'block_${i}x'`);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const a = analyze('bench.pxl', edited);
  times.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
  const bad = a.result.diagnostics.find((d) => d.severity === 'error');
  if (bad) throw new Error(`the bench script does not check clean: ${bad.message}`);
}
times.sort((a, b) => a - b);
cpu.sort((a, b) => a - b);
// CPU time too: on a shared machine the wall time includes waiting for a core.
console.log(
  `lsp re-check of ${lines} lines: median ${times[10]!.toFixed(1)} ms wall, ${cpu[10]!.toFixed(1)} ms CPU; slowest ${times[19]!.toFixed(1)} ms wall (20 runs, warm)`,
);
