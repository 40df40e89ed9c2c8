// No text from a script or a schema can become code in the generated module: hostile strings in every position a
// script can carry text arrive in the output as the same data.

import test from 'ava';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseJs } from 'acorn';
import { compile } from '../../src/index.js';
import type { RunResult } from '../../src/runtime/run.js';
import type { Schema } from '../../src/core/types.js';

const HOSTILE = [
  `'); globalThis.pwned = 1; ('`,
  '"); globalThis.pwned = 1; ("',
  '`${globalThis.pwned = 1}`',
  '*/ globalThis.pwned = 1; /*',
  '</script><script>globalThis.pwned = 1</script>',
  'line\u2028separator\u2029para',
  'nul\u0000byte',
  'back\\slash\\',
  'astral 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🚀',
];

/** A PxL string literal for any text (PxL strings take Python escapes). */
function pyString(s: string): string {
  return `'${[...s]
    .map((ch) => {
      const cp = ch.codePointAt(0)!;
      if (ch === '\\' || ch === "'") return `\\${ch}`;
      if (cp < 0x20 || cp === 0x2028 || cp === 0x2029) return `\\u${cp.toString(16).padStart(4, '0')}`;
      return ch;
    })
    .join('')}'`;
}

async function runScript(
  text: string,
  schemas: Record<string, Schema>,
  tables: Record<string, unknown>,
): Promise<RunResult> {
  const r = compile({ path: 'hostile.pxl', text, schemas });
  if (!r.js) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  parseJs(r.js, { ecmaVersion: 'latest', sourceType: 'module' });
  const file = join(await mkdtemp(join(tmpdir(), 'pxlc-inject-')), 'm.js');
  await writeFile(file, r.js);
  const mod = (await import(pathToFileURL(file).href)) as { run: (o: Record<string, unknown>) => Promise<RunResult> };
  return mod.run({ tables });
}

for (const [k, text] of HOSTILE.entries()) {
  test(`hostile text #${k} stays data in literals, column names, display names and schemas`, async (t) => {
    const lit = pyString(text);
    const schema: Schema = [
      { name: text, dataType: 'STRING', semanticType: 'ST_NONE' },
      { name: 'n', dataType: 'INT64', semanticType: 'ST_NONE' },
    ];
    const script = [
      'import px',
      `df = px.DataFrame(table=${lit})`,
      `df[${lit} + '_copy'] = df[${lit}]`,
      `df.same = df[${lit}] == ${lit}`,
      `df.label = ${lit}`,
      `px.display(df, ${lit})`,
    ].join('\n');
    const result = await runScript(script, { [text]: schema }, { [text]: [{ [text]: text, n: 1n }] });
    t.is((globalThis as { pwned?: number }).pwned, undefined);
    const out = result.tables[0]!;
    t.is(out.name, text);
    t.deepEqual(
      out.table.schema.map((c) => c.name),
      [text, 'n', `${text}_copy`, 'same', 'label'],
    );
    t.deepEqual(
      [out.table.columns[0], out.table.columns[2], [...(out.table.columns[3] as Uint8Array)], out.table.columns[4]],
      [[text], [text], [1], [text]],
    );
  });
}
