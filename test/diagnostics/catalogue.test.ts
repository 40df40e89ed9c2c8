// The message catalogue stays a catalogue: one code per entry, no code used by two entries, no entry nothing uses.

import test from 'ava';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/golden.js';

const CATALOGUES = ['src/diagnostics/messages.ts', 'src/diagnostics/schema-messages.ts'];

/** Each entry of a catalogue object: its name and the codes its text uses. */
function entries(file: string): { name: string; codes: string[] }[] {
  const whole = readFileSync(join(ROOT, file), 'utf8');
  // The catalogue object: from its declaration to its closing brace.
  const start = whole.search(/\nexport const \w+ = \{/);
  const text = whole.slice(start, whole.indexOf('\n}', start));
  const out: { name: string; codes: string[] }[] = [];
  for (const block of text.split(/\n(?= {2}[A-Za-z]\w*: )/).slice(1)) {
    const name = /^ {2}([A-Za-z]\w*): /.exec(block)![1]!;
    out.push({ name, codes: [...block.matchAll(/m\('(PXL\d{4})'/g)].map((m) => m[1]!) });
  }
  return out.filter((e) => e.codes.length > 0);
}

function sourceText(): string {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
    });
  return walk(join(ROOT, 'src'))
    .filter((p) => !CATALOGUES.some((c) => p.endsWith(c)))
    .map((p) => readFileSync(p, 'utf8'))
    .join('\n');
}

for (const file of CATALOGUES) {
  test(`${file}: every entry has one code of its own`, (t) => {
    const all = entries(file);
    t.true(all.length > 5);
    t.deepEqual(
      all.filter((e) => e.codes.length !== 1).map((e) => e.name),
      [],
    );
    const byCode = new Map<string, string[]>();
    for (const e of all) byCode.set(e.codes[0]!, [...(byCode.get(e.codes[0]!) ?? []), e.name]);
    t.deepEqual(
      [...byCode].filter(([, names]) => names.length > 1),
      [],
    );
  });

  test(`${file}: every entry is used by the compiler`, (t) => {
    const src = sourceText();
    // Call sites name an entry as `Catalogue.entry` (the catalogue may be imported under a short name).
    t.deepEqual(
      entries(file)
        .map((e) => e.name)
        .filter((name) => !new RegExp(`\\.${name}\\b`).test(src)),
      [],
    );
  });
}

test('the codes of the two catalogues do not overlap', (t) => {
  const [a, b] = CATALOGUES.map((c) => new Set(entries(c).flatMap((e) => e.codes)));
  t.deepEqual(
    [...a!].filter((code) => b!.has(code)),
    [],
  );
});
