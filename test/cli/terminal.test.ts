// Colour and progress follow the terminal: coloured diagnostics and a progress line on a TTY (a pseudo-terminal
// here, through util-linux `script`), plain text and silence in pipes; NO_COLOR and FORCE_COLOR win over both.

import test from 'ava';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Progress } from '../../src/runtime/output/progress.js';
import { colourEnabled } from '../../src/runtime/output/terminal.js';
import { PXLC, nodeInTerminal, pxlc } from '../support/cli.js';

const BAD =
  "import px\ndf = px.DataFrame(table='http_events', start_time='-10s')\ndf.x = df.latncy * 2\npx.display(df)\n";
const RED_ERROR = '\x1b[31merror PXL4003:\x1b[39m';

async function badScript(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-tty-'));
  await writeFile(join(dir, 'bad.pxl'), BAD);
  return join(dir, 'bad.pxl');
}

test('diagnostics are coloured on a terminal and plain in a pipe', async (t) => {
  const file = await badScript();
  const tty = await nodeInTerminal([PXLC, 'check', file]);
  t.is(tty.code, 1);
  t.true(
    tty.screen.includes(`\x1b[1m${file}:3:11:\x1b[22m ${RED_ERROR} Column 'latncy' not found in parent dataframe`),
    JSON.stringify(tty.screen),
  );
  t.true(tty.screen.includes('\x1b[31m^^^^^^\x1b[39m'));
  t.true(tty.screen.includes('\x1b[36mhelp:\x1b[39m did you mean'));
  const piped = await pxlc(['check', file]);
  t.is(piped.code, 1);
  t.false(piped.stderr.includes('\x1b['));
  t.true(piped.stderr.startsWith(`${file}:3:11: error PXL4003: Column 'latncy'`));
});

test('NO_COLOR turns colour off on a terminal; FORCE_COLOR turns it on in a pipe', async (t) => {
  const file = await badScript();
  const noColour = await nodeInTerminal([PXLC, 'check', file], { env: { NO_COLOR: '1' } });
  t.true(noColour.screen.includes(`${file}:3:11: error PXL4003: Column`));
  t.false(noColour.screen.includes('\x1b['));
  const forced = await pxlc(['check', file], { env: { FORCE_COLOR: '1' } });
  t.true(forced.stderr.includes(RED_ERROR));
  const forcedOff = await nodeInTerminal([PXLC, 'check', file], { env: { FORCE_COLOR: '0' } });
  t.false(forcedOff.screen.includes('\x1b['));
});

test('the rule itself: FORCE_COLOR, then NO_COLOR, then whether the stream is a TTY (not a dumb one)', (t) => {
  t.true(colourEnabled({ isTTY: true }, {}));
  t.false(colourEnabled({ isTTY: false }, {}));
  t.false(colourEnabled({ isTTY: true }, { TERM: 'dumb' }));
  t.false(colourEnabled({ isTTY: true }, { NO_COLOR: '1' }));
  t.true(colourEnabled({ isTTY: true }, { NO_COLOR: '' }));
  t.true(colourEnabled({}, { FORCE_COLOR: '1' }));
  t.true(colourEnabled({}, { FORCE_COLOR: '3', NO_COLOR: '1' }));
  t.false(colourEnabled({ isTTY: true }, { FORCE_COLOR: '0' }));
});

test('work over a second shows a progress line with rows/s and a summary on a terminal, nothing in a pipe', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-progress-'));
  // About 150 000 rows over the 20 tables: well over a second.
  const tty = await nodeInTerminal([PXLC, 'demo-data', '--out', join(dir, 'a'), '--rows', '7500']);
  t.is(tty.code, 0, tty.screen);
  t.regex(tty.screen, /\r\x1b\[Kdemo-data: [\d ]+ rows in \d+\.\d s \([\d ]+ rows\/s\)/);
  t.regex(tty.screen, /\r\x1b\[Kdemo-data: \d+ files, [\d ]+ rows in \d+\.\d s \([\d ]+ rows\/s\)\n/);
  const piped = await pxlc(['demo-data', '--out', join(dir, 'b'), '--rows', '7500']);
  t.is(piped.code, 0);
  t.is(piped.stderr, '');
  t.regex(piped.stdout, /^wrote \d+ files to /);
});

test('the progress line: quiet for the first second, redrawn at most every 100 ms, a summary only if it was shown', (t) => {
  let now = 0;
  const written: string[] = [];
  const stream = { isTTY: true, write: (s: string) => written.push(s) };
  const p = new Progress('load', stream, { now: () => now });
  p.add(500);
  now = 900;
  p.add(500);
  t.deepEqual(written, []);
  now = 1000;
  p.add(1000);
  now = 1050;
  p.add(1000);
  now = 2000;
  p.add(1000);
  p.done('3 tables');
  t.deepEqual(written, [
    '\r\x1b[Kload: 2 000 rows in 1.0 s (2 000 rows/s)',
    '\r\x1b[Kload: 4 000 rows in 2.0 s (2 000 rows/s)',
    '\r\x1b[Kload: 3 tables, 4 000 rows in 2.0 s (2 000 rows/s)\n',
  ]);
  const quick: string[] = [];
  const q = new Progress('load', { isTTY: true, write: (s: string) => quick.push(s) }, { now: () => 10 });
  q.add(5);
  q.done();
  t.deepEqual(quick, []);
});
