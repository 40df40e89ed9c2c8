// `pxlc test [PATHS...] [--update] [--format text|json|junit]`: finds `*.test.yaml|yml|json` files (in the given
// files or directories, default the current one), runs their cases, prints a report; exit 1 if any case failed.

import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { TEST, type TestValues } from './commands.js';
import { UsageError } from '../runtime/cli-args.js';
import { Progress } from '../runtime/output/progress.js';
import { colourEnabled } from '../runtime/output/terminal.js';
import { runTestFile } from '../script-test/run-file.js';
import { jsonReport, junitReport, textReport, type FileReport } from '../script-test/report.js';
import { loadTestFile, TestFileError } from '../script-test/spec.js';
import { updateTestFile } from '../script-test/update.js';

const TEST_FILE = /\.test\.(ya?ml|json)$/;

export type { TestValues };

/** The test files under `paths` (default '.'), sorted. */
export async function findTestFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths.length ? paths : ['.']) {
    try {
      files.push(...(await discover(p)));
    } catch {
      throw new UsageError(TEST.name, `${p} does not exist`);
    }
  }
  if (files.length === 0)
    throw new UsageError(TEST.name, `no *.test.yaml or *.test.json files under ${paths.join(', ') || '.'}`);
  return files.sort();
}

export async function runTests(paths: readonly string[], v: TestValues): Promise<number> {
  const files = await findTestFiles(paths);
  const reports: FileReport[] = [];
  const progress = new Progress('test', process.stderr, { unit: 'cases' });
  for (const path of files) {
    try {
      const file = await loadTestFile(path);
      const cases = await runTestFile(file);
      progress.add(cases.length);
      if (v.update) await updateTestFile(file, cases);
      reports.push({
        path,
        cases: v.update ? cases.map((c) => ({ ...c, problems: c.actual ? [] : c.problems })) : cases,
      });
    } catch (e) {
      if (!(e instanceof TestFileError)) throw e;
      reports.push({ path, error: e.message, cases: [] });
    }
  }
  progress.done(`${files.length} files`);
  const out =
    v.format === 'json'
      ? jsonReport(reports)
      : v.format === 'junit'
        ? junitReport(reports)
        : textReport(reports, colourEnabled(process.stdout));
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
