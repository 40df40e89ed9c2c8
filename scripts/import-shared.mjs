// Regenerates data/tables.json (with data/agent-udtfs.json), data/functions.json and data/px-docs.json (hover text for editors) from ../shared/pxl (Pixie's schemas and API
// reference). The project carries these copies so that an install needs nothing beside it.
// Usage: node scripts/import-shared.mjs [path/to/shared/pxl]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? join(import.meta.dirname, '..', '..', 'shared', 'pxl');
const tables = JSON.parse(readFileSync(join(dir, 'tables.json'), 'utf8'));
const docs = JSON.parse(readFileSync(join(dir, 'pxl_documentation.json'), 'utf8'));

const outTables = {};
for (const [name, t] of Object.entries(tables.tables)) {
  outTables[name] = {
    desc: t.desc,
    columns: t.columns.map((c) => ({
      name: c.name,
      type: c.type,
      semanticType: c.semantic_type,
      desc: c.desc,
      ...(c.enum ? { enum: c.enum } : {}),
    })),
  };
}
const udtfs = {};
for (const [name, u] of Object.entries(tables.udtf_sources)) udtfs[name] = u;
// Pixie's agent-internal table functions are not in ../shared's tables.json; their schemas are kept beside it.
const agentUdtfs = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'data', 'agent-udtfs.json'), 'utf8'));
for (const [name, u] of Object.entries(agentUdtfs.udtfs)) udtfs[name] = u;
writeFileSync(
  join(import.meta.dirname, '..', 'data', 'tables.json'),
  JSON.stringify(
    { source: 'pixie tables.json via ../shared/pxl', enums: tables.enums, tables: outTables, udtfs },
    null,
    1,
  ) + '\n',
);

const udf = {};
const uda = {};
for (const d of docs.udfDocs.udf) {
  if (d.scalarUdfDoc) {
    const e = (udf[d.name] ??= { brief: d.brief ?? '', overloads: [] });
    e.overloads.push({ args: (d.scalarUdfDoc.args ?? []).map((a) => a.type), ret: d.scalarUdfDoc.retval.type });
  } else if (d.udaDoc) {
    const e = (uda[d.name] ??= { brief: d.brief ?? '', overloads: [] });
    e.overloads.push({ args: (d.udaDoc.updateArgs ?? []).map((a) => a.type), ret: d.udaDoc.result.type });
  }
}
// Registered in Pixie but missing from the generated docs (SPEC §12.1).
udf.notEqual.overloads.push({ args: ['FLOAT64', 'FLOAT64'], ret: 'BOOLEAN' });
// Internal targets of compiler rewrites (SPEC §9 ctx['pod'], §10.2 px.script_reference).
udf._upid_to_podname_local_addr_fallback = {
  brief: 'Pod name of a UPID, falling back to the pod owning local_addr at time_.',
  overloads: [{ args: ['UINT128', 'STRING', 'TIME64NS'], ret: 'STRING' }],
};
udf._script_reference = {
  brief: 'JSON deep link {label, script, args} built by px.script_reference.',
  overloads: Array.from({ length: 9 }, (_, k) => ({ args: Array(2 + 2 * k).fill('STRING'), ret: 'STRING' })),
};
// Run-time forms of px.parse_duration / px.format_duration for script arguments (SPEC §13.2).
udf._parse_duration = {
  brief: 'px.parse_duration of a script argument, parsed when the script runs.',
  overloads: [{ args: ['STRING'], ret: 'INT64' }],
};
udf._format_duration = {
  brief: 'px.format_duration of a value known only when the script runs.',
  overloads: [{ args: ['INT64'], ret: 'STRING' }],
};
// Registered in Pixie's builtins but internal (underscore names, not in the docs): the request-path endpoint
// functions of the service_endpoint(s) scripts (pixie: src/carnot/funcs/builtins/request_path_ops.cc).
udf._match_endpoint = {
  brief: 'Whether a request path matches an endpoint template (* matches one path component).',
  overloads: [{ args: ['STRING', 'STRING'], ret: 'BOOLEAN' }],
};
udf._predict_request_path_cluster = {
  brief: 'The endpoint template of a request path in a clustering from _build_request_path_clusters.',
  overloads: [{ args: ['STRING', 'STRING'], ret: 'STRING' }],
};
uda._build_request_path_clusters = {
  brief: 'Clusters request paths into endpoint templates; the clustering as JSON.',
  overloads: [{ args: ['STRING'], ret: 'STRING' }],
};
writeFileSync(
  join(import.meta.dirname, '..', 'data', 'functions.json'),
  JSON.stringify({ source: 'pixie pxl_documentation.json via ../shared/pxl', udf, uda }, null, 1) + '\n',
);
// Hover and completion text for editors (src/lsp): one entry per documented name, overloads of a UDF together.
const pxDocs = {};
const example = (d) => (d.examples?.[0]?.value ?? '').replace(/^```\n?|\n?```$/g, '');
const argDocs = (args) =>
  (args ?? []).map((a) => ({ name: a.ident, types: a.types ?? (a.type ? [a.type] : []), desc: a.desc ?? '' }));
const add = (name, body, args, returns) => {
  const e = (pxDocs[name] ??= {
    brief: body.brief ?? '',
    desc: body.desc ?? '',
    example: example(body),
    overloads: [],
  });
  e.overloads.push({
    args: argDocs(args),
    ...(returns
      ? { returns: { types: returns.types ?? (returns.type ? [returns.type] : []), desc: returns.desc ?? '' } }
      : {}),
  });
};
for (const d of docs.udfDocs.udf) {
  if (d.scalarUdfDoc) add(`px.${d.name}`, d, d.scalarUdfDoc.args, d.scalarUdfDoc.retval);
  else if (d.udaDoc) add(`px.${d.name}`, d, d.udaDoc.updateArgs, d.udaDoc.result);
}
for (const list of [docs.compileFnDocs, docs.dataframeOpDocs, docs.otelDocs]) {
  for (const d of list)
    add(d.body.name.replace(/^DataFrame\.DataFrame$/, 'px.DataFrame'), d.body, d.funcDoc?.args, d.funcDoc?.returnType);
}
writeFileSync(
  join(import.meta.dirname, '..', 'data', 'px-docs.json'),
  JSON.stringify({ source: 'pixie pxl_documentation.json via ../shared/pxl', docs: pxDocs }, null, 1) + '\n',
);
console.log(
  `tables: ${Object.keys(outTables).length}, udtfs: ${Object.keys(udtfs).length}, udfs: ${Object.keys(udf).length}, udas: ${Object.keys(uda).length}`,
);
