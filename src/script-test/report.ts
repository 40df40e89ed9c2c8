// The `pxlc test` report: readable text (coloured in a terminal), JSON, or JUnit XML for CI.

import type { CaseResult } from './run-file.js';

export interface FileReport {
  readonly path: string;
  readonly error?: string;
  readonly cases: readonly CaseResult[];
}

export function textReport(files: readonly FileReport[], colour: boolean): string {
  const paint = (code: number, s: string) => (colour ? `\u001b[${code}m${s}\u001b[0m` : s);
  const lines: string[] = [];
  let passed = 0;
  let failed = 0;
  for (const f of files) {
    lines.push(f.path);
    if (f.error) {
      failed++;
      lines.push(`  ${paint(31, '✗')} ${f.error}`);
      continue;
    }
    for (const c of f.cases) {
      if (c.problems.length === 0) {
        passed++;
        lines.push(`  ${paint(32, '✓')} ${c.name} ${paint(2, `(${c.ms.toFixed(0)} ms)`)}`);
      } else {
        failed++;
        lines.push(`  ${paint(31, '✗')} ${c.name}`);
        for (const p of c.problems) {
          lines.push(
            ...p.split('\n').map((l, i) => {
              const text = i === 0 ? `      ${l}` : `  ${l}`;
              return /^\s+- /.test(l) ? paint(31, text) : /^\s+\+ /.test(l) ? paint(32, text) : text;
            }),
          );
        }
      }
    }
  }
  lines.push('', `${passed} passed, ${failed} failed`);
  return lines.join('\n');
}

export function jsonReport(files: readonly FileReport[]): string {
  return JSON.stringify(
    files.map((f) => ({
      file: f.path,
      error: f.error,
      cases: f.cases.map((c) => ({
        name: c.name,
        passed: c.problems.length === 0,
        problems: c.problems,
        ms: Math.round(c.ms),
      })),
    })),
    null,
    2,
  );
}

const xml = (s: string) =>
  s
    .replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

export function junitReport(files: readonly FileReport[]): string {
  const suites = files.map((f) => {
    const cases = f.error
      ? [`    <testcase name="${xml(f.path)}"><failure message="${xml(f.error)}"/></testcase>`]
      : f.cases.map(
          (c) =>
            `    <testcase name="${xml(c.name)}" time="${(c.ms / 1000).toFixed(3)}">${c.problems.length ? `<failure message="${xml(c.problems[0]!.split('\n')[0]!)}">${xml(c.problems.join('\n'))}</failure>` : ''}</testcase>`,
        );
    const failures = f.error ? 1 : f.cases.filter((c) => c.problems.length > 0).length;
    return `  <testsuite name="${xml(f.path)}" tests="${f.error ? 1 : f.cases.length}" failures="${failures}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n${suites.join('\n')}\n</testsuites>`;
}
