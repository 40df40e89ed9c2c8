// What a service's compiler says about a mistake in the typed export API: the role the column does not fit.

import test from 'ava';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { ROOT } from '../support/golden.js';
import { TYPECHECK_TIMEOUT_MS, typeCheck } from '../support/typecheck.js';

async function errorsOf(source: string): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-api-types-'));
  const file = join(dir, 'service.ts');
  await writeFile(file, source.replace('PXLC', JSON.stringify(join(ROOT, 'dist', 'src', 'index.js'))));
  await writeFile(join(dir, 'package.json'), '{"type":"module"}');
  const diagnostics = typeCheck([file], {
    skipLibCheck: true,
    types: ['node'],
    typeRoots: [join(ROOT, 'node_modules', '@types')],
  });
  return diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
}

test('a STRING column as a Gauge value is an error naming the role (NumberName: columns of numbers or bigints)', async (t) => {
  t.timeout(TYPECHECK_TIMEOUT_MS);
  const [stringValue] = await errorsOf(`import { otel } from PXLC;
interface Row { time_: bigint; path: string; rps: number; requests: bigint }
export const g = otel.gauge<Row>({ name: 'http.rps', value: 'path' });
`);
  t.regex(stringValue ?? '', /Type '"path"' is not assignable to type 'NumberName<Row>'/);
});
