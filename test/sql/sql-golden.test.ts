// The SQL `pxlc compile --target sql` prints for each dialect, reviewed as golden files next to the scripts
// (UPDATE_GOLDEN=1 rewrites them): readable, one SELECT per fused chain of steps, the PxL lines as comments.

import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check } from '../../src/index.js';
import { compileSql } from '../../src/sql/compile.js';
import { printSql } from '../../src/sql/print.js';
import { DIALECTS } from '../../src/core/sql-text.js';
import { golden, ROOT } from '../support/golden.js';

const SCRIPTS = [
  join(ROOT, 'examples', 'http_throughput.pxl'),
  join(ROOT, 'examples', 'slow_requests.pxl'),
  join(ROOT, 'test', 'sql', 'scripts', 'latency_summary.pxl'),
  join(ROOT, 'test', 'sql', 'scripts', 'errors_merge.pxl'),
  join(ROOT, 'test', 'sql', 'scripts', 'union_mix.pxl'),
  join(ROOT, 'test', 'sql', 'scripts', 'hostile_text.pxl'),
];

for (const path of SCRIPTS) {
  for (const dialect of DIALECTS) {
    const name = path.split('/').pop()!.replace('.pxl', '');
    test(`${name} as ${dialect} SQL`, (t) => {
      const text = readFileSync(path, 'utf8');
      const r = check({ path: name, text });
      t.truthy(r.plan, r.diagnostics.map((d) => d.message).join('\n'));
      const sql = printSql(r.plan!, compileSql(r.plan!, { path: name, text }), dialect);
      const [expected, actual] = golden(join(ROOT, 'test', 'sql', 'golden', `${name}.${dialect}.sql`), sql);
      t.is(actual, expected);
    });
  }
}
