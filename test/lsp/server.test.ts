// The language server as an editor drives it: JSON-RPC over the stdin and stdout of `pxlc lsp --stdio`.

import test from 'ava';
import type {
  CodeAction,
  CompletionItem,
  Diagnostic,
  DocumentSymbol,
  Hover,
  Location,
} from 'vscode-languageserver/node.js';
import { LspClient } from '../support/lsp-client.js';

const URI = 'file:///tmp/pxlc-lsp/script.pxl';

// Two mistakes: a misspelt column (line 8) and a misspelt px function (line 9).
const BROKEN = `import px

def errors_only(df):
    return df[df.resp_status >= 400]

df = px.DataFrame(table='http_events', start_time='-5m')
df.service = df.ctx['service']
df.latency_ms = df.latncy / 1000000.0
df.pod = px.upid_to_podname(df.upid)
df = errors_only(df)
df = df.groupby(['service', 'req_path']).agg(
    n=('latency', px.count),
    slowest=('latency_ms', px.max),
)
px.display(df)
`;

const FIXED = BROKEN.replace('df.latncy', 'df.latency').replace('upid_to_podname', 'upid_to_pod_name');

const at = (text: string, needle: string, delta = 0) => {
  const offset = text.indexOf(needle) + delta;
  const lines = text.slice(0, offset).split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1]!.length };
};

test('two errors are two diagnostics at their ranges; typing the fixes clears them', async (t) => {
  const lsp = await LspClient.start();
  try {
    await lsp.open(URI, BROKEN);
    const diags = await lsp.diagnostics(URI);
    t.deepEqual(
      diags.map((d) => [d.code, d.severity, d.range, d.message.split('\n')[0]]),
      [
        [
          'PXL4003',
          1,
          { start: { line: 7, character: 19 }, end: { line: 7, character: 25 } },
          "Column 'latncy' not found in parent dataframe",
        ],
        [
          'PXL2013',
          1,
          { start: { line: 8, character: 12 }, end: { line: 8, character: 27 } },
          "'px' object has no attribute 'upid_to_podname'",
        ],
      ],
    );
    t.true(diags[0]!.message.includes("help: did you mean 'latency'?"));
    // The related location: where df got the columns it has at the mistake.
    t.deepEqual(
      diags[0]!.relatedInformation?.map((r) => [r.location.range.start.line, r.message.slice(0, 40)]),
      [[6, "'df' gets its columns here: time_, upid,"]],
    );

    // Type the first fix as an editor sends it: a keystroke-sized incremental change.
    await lsp.edit(URI, { start: at(BROKEN, 'latncy', 3), end: at(BROKEN, 'latncy', 3) }, 'e');
    t.deepEqual(
      (await lsp.diagnostics(URI)).map((d) => d.code),
      ['PXL2013'],
    );
    await lsp.change(URI, FIXED);
    t.deepEqual(await lsp.diagnostics(URI), []);
  } finally {
    t.is(await lsp.stop(), 0);
  }
});

test('quick fixes apply the did-you-mean hints', async (t) => {
  const lsp = await LspClient.start();
  try {
    await lsp.open(URI, BROKEN);
    const diags = await lsp.diagnostics(URI);
    const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: diags[0]!.range,
      context: { diagnostics: diags },
    });
    t.deepEqual(
      actions.map((a) => [a.title, a.kind, a.edit?.changes?.[URI]]),
      [
        ["Change to 'latency'", 'quickfix', [{ range: diags[0]!.range, newText: 'latency' }]],
        ["Change to 'upid_to_pod_name'", 'quickfix', [{ range: diags[1]!.range, newText: 'upid_to_pod_name' }]],
      ],
    );
  } finally {
    await lsp.stop();
  }
});

test('hover: a column with its type and semantic type at that point, a px function with its doc', async (t) => {
  const lsp = await LspClient.start();
  try {
    await lsp.open(URI, FIXED);
    await lsp.diagnostics(URI);
    const column = await lsp.request<Hover>('textDocument/hover', {
      textDocument: { uri: URI },
      position: at(FIXED, 'df.latency /', 5),
    });
    t.deepEqual(column.contents, {
      kind: 'markdown',
      value: '```python\n(column) latency: INT64\n```\nsemantic type `ST_DURATION_NS` at this point of the pipeline',
    });
    const ctx = await lsp.request<Hover>('textDocument/hover', {
      textDocument: { uri: URI },
      position: at(FIXED, "ctx['service']", 6),
    });
    t.regex(
      (ctx.contents as { value: string }).value,
      /\(column\) ctx\['service'\]: STRING\n```\nsemantic type `ST_SERVICE_NAME`/,
    );
    const fn = await lsp.request<Hover>('textDocument/hover', {
      textDocument: { uri: URI },
      position: at(FIXED, 'upid_to_pod_name', 3),
    });
    const value = (fn.contents as { value: string }).value;
    t.true(
      value.startsWith(
        '```python\npx.upid_to_pod_name(upid: UINT128) -> STRING\n```\n\nGet the Kubernetes Pod Name from a UPID.',
      ),
      value,
    );
    const gauge = await lsp.request<Hover>('textDocument/hover', {
      textDocument: { uri: URI },
      position: at(FIXED, 'px.count', 4),
    });
    t.regex((gauge.contents as { value: string }).value, /^```python\npx\.count\(/);
  } finally {
    await lsp.stop();
  }
});

test('completion after df. lists the columns of that point of the pipeline', async (t) => {
  const lsp = await LspClient.start();
  try {
    // After the groupby/agg: only its output columns; before it, the table's columns and the assigned ones.
    const text = FIXED.replace('px.display(df)', 'df.\npx.display(df)');
    await lsp.open(URI, text);
    const after = await lsp.request<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri: URI },
      position: at(text, 'df.\npx', 3),
    });
    t.deepEqual(
      after.filter((c) => c.kind === 5).map((c) => [c.label, c.detail]),
      [
        ['service', 'STRING (ST_SERVICE_NAME)'],
        ['req_path', 'STRING'],
        ['n', 'INT64'],
        ['slowest', 'FLOAT64'],
      ],
    );
    t.true(after.some((c) => c.label === 'groupby' && c.kind === 2));
    const early = await lsp.request<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri: URI },
      position: at(text, 'df.latency /', 3),
    });
    const names = early.filter((c) => c.kind === 5).map((c) => c.label);
    t.true(
      names.includes('resp_status') &&
        names.includes('service') &&
        !names.includes('latency_ms') &&
        !names.includes('n'),
    );
  } finally {
    await lsp.stop();
  }
});

test('completion of px. members, px.otel constructors and their arguments, table names and ctx keys', async (t) => {
  const lsp = await LspClient.start();
  try {
    const text =
      "import px\ndf = px.DataFrame(table='http_events')\nx = px.\ny = px.otel.metric.\nz = px.otel.metric.Gauge(name='a', \nw = px.DataFrame('\nv = df.ctx['\n";
    await lsp.open(URI, text);
    const complete = (needle: string, delta: number) =>
      lsp.request<CompletionItem[]>('textDocument/completion', {
        textDocument: { uri: URI },
        position: at(text, needle, delta),
      });
    const px = await complete('x = px.', 7);
    t.true(
      px.some((c) => c.label === 'upid_to_pod_name' && c.detail === 'px.upid_to_pod_name(upid: UINT128) -> STRING'),
    );
    t.true(px.some((c) => c.label === 'DataFrame') && px.some((c) => c.label === 'otel' && c.kind === 9));
    t.deepEqual(
      (await complete('y = px.otel.metric.', 19)).map((c) => c.label),
      ['Gauge', 'Histogram', 'Sum', 'Summary'],
    );
    t.deepEqual(
      (await complete("name='a', ", 10)).map((c) => c.label),
      ['value=', 'description=', 'attributes=', 'unit='],
    );
    const tables = await complete("w = px.DataFrame('", 18);
    t.true(tables.some((c) => c.label === 'http_events') && tables.some((c) => c.label === 'process_stats'));
    const ctx = await complete("v = df.ctx['", 12);
    t.true(ctx.some((c) => c.label === 'pod') && ctx.some((c) => c.label === 'service'));
  } finally {
    await lsp.stop();
  }
});

test('definition and references of a user function and a variable; the outline', async (t) => {
  const lsp = await LspClient.start();
  try {
    await lsp.open(URI, FIXED);
    const def = await lsp.request<Location>('textDocument/definition', {
      textDocument: { uri: URI },
      position: at(FIXED, 'errors_only(df)\ndf =', 2),
    });
    t.deepEqual(def, { uri: URI, range: { start: { line: 2, character: 4 }, end: { line: 2, character: 15 } } });
    const refs = await lsp.request<Location[]>('textDocument/references', {
      textDocument: { uri: URI },
      position: at(FIXED, 'def errors_only', 5),
      context: { includeDeclaration: true },
    });
    t.deepEqual(
      refs.map((r) => r.range.start.line),
      [2, 9],
    );
    // `df` inside the function is its parameter, not the module's df.
    const param = await lsp.request<Location>('textDocument/definition', {
      textDocument: { uri: URI },
      position: at(FIXED, 'df[df.resp', 0),
    });
    t.deepEqual(param.range.start, { line: 2, character: 16 });
    // The module's df at line 10 was last assigned at line 9.
    const latest = await lsp.request<Location>('textDocument/definition', {
      textDocument: { uri: URI },
      position: at(FIXED, 'df.groupby', 0),
    });
    t.deepEqual(latest.range.start, { line: 9, character: 0 });
    const outline = await lsp.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: URI } });
    t.deepEqual(
      outline.map((s) => [s.name, s.kind, (s.children ?? []).map((c) => c.name)]),
      [
        ['px', 2, []],
        ['errors_only', 12, ['df']],
        ['df', 13, []],
      ],
    );
  } finally {
    await lsp.stop();
  }
});

test("diagnostics are `pxlc check`'s: a warning is a warning", async (t) => {
  const lsp = await LspClient.start();
  try {
    const text =
      "import px\ndf = px.DataFrame(table='http_events', start_time='-5m')\ndf = df.groupby('service').agg(n=('latency', px.count) m=('latency', px.max))\npx.display(df)\n";
    await lsp.open(URI, text);
    const diags: Diagnostic[] = await lsp.diagnostics(URI);
    t.true(
      diags.some((d) => d.severity === 2 && /not preceded by a comma/.test(d.message)),
      JSON.stringify(diags),
    );
  } finally {
    await lsp.stop();
  }
});
