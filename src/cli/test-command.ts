// `pxlc test [PATHS...] [--update] [--format text|json|junit]`: finds `*.test.yaml|yml|json` files (in the given
// files or directories, default the current one), runs their cases, prints a report; exit 1 if any case failed.

import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { runTestFile } from '../script-test/run-file.js';
import { jsonReport, junitReport, textReport, type FileReport } from '../script-test/report.js';
import { loadTestFile, TestFileError } from '../script-test/spec.js';
import { updateTestFile } from '../script-test/update.js';

const TEST_FILE = /\.test\.(ya?ml|json)$/;
const USAGE = 'usage: pxlc test [PATHS...] [--update] [--format text|json|junit]';

export async function runTestCli(argv: readonly string[]): Promise<number> {
  const paths: string[] = [];
  let update = false;
  let format = 'text' as 'text' | 'json' | 'junit';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--update') update = true;
    else if (a === '--format' && ['text', 'json', 'junit'].includes(argv[i + 1] ?? '')) format = argv[++i] as typeof format;
    else if (a.startsWith('-')) { process.stderr.write(`pxlc test: unexpected argument '${a}'\n${USAGE}\n`); return 2; }
    else paths.push(a);
  }
  const files: string[] = [];
  for (const p of paths.length ? paths : ['.']) {
    try {
      files.push(...(await discover(p)));
    } catch {
      process.stderr.write(`pxlc test: ${p} does not exist\n`);
      return 2;
    }
  }
  if (files.length === 0) {
    process.stderr.write(`pxlc test: no *.test.yaml or *.test.json files under ${paths.join(', ') || '.'}\n`);
    return 2;
  }
  const reports: FileReport[] = [];
  for (const path of files.sort()) {
    try {
      const file = await loadTestFile(path);
      const cases = await runTestFile(file);
      if (update) await updateTestFile(file, cases);
      reports.push({ path, cases: update ? cases.map((c) => ({ ...c, problems: c.actual ? [] : c.problems })) : cases });
    } catch (e) {
      if (!(e instanceof TestFileError)) throw e;
      reports.push({ path, error: e.message, cases: [] });
    }
  }
  const out = format === 'json' ? jsonReport(reports) : format === 'junit' ? junitReport(reports) : textReport(reports, process.stdout.isTTY === true);
  process.stdout.write(`${out}\n`);
  const failed = reports.some((r) => r.error !== undefined || r.cases.some((c) => c.problems.length > 0));
  return failed ? 1 : 0;
}

async function discover(path: string): Promise<string[]> {
  const s = await stat(path);
  if (s.isFile()) return [path];
  const out: string[] = [];
  for (const name of await readdir(path)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(path, name);
    if ((await stat(p)).isDirectory()) out.push(...(await discover(p)));
    else if (TEST_FILE.test(name)) out.push(p);
  }
  return out;
}
