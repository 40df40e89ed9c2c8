// The `pxtrace` module for bpftrace tracepoints (Pixie's dynamic tracing): `pxtrace.UpsertTracepoint(name,
// table_name, program, pxtrace.kprobe(), ttl)` deploys a bpftrace program on Pixie's agents, and its printf output
// becomes the table `table_name`, one column per `name:%fmt` field (as Pixie's bpftrace tracepoints name them:
// time_ is the time, %s text, the rest integers). pxlc checks the script against that table; outside a cluster
// nothing deploys the program, so the table stays empty and the run says why (the Source node names the tracepoint).

import type { Span } from '../core/source.js';
import type { ColumnInfo, Schema } from '../core/types.js';
import { Messages } from '../diagnostics/messages.js';
import { optional, required } from './call.js';
import type { Interpreter } from './interpret.js';
import {
  ERROR,
  NONE,
  lit,
  stringLiteral,
  type BoundArgs,
  type ModuleValue,
  type ParamSpec,
  type Value,
} from './values.js';

export function pxtraceModule(interp: Interpreter): ModuleValue {
  const ctx = interp.ctx;
  const attrs = new Map<string, Value>();
  const builtin = (name: string, params: ParamSpec[], call: (a: BoundArgs, span: Span) => Value) =>
    attrs.set(name, { kind: 'Builtin', name, params, call });
  const none = () => NONE;

  // The probe kind and a program with its kernel range: values UpsertTracepoint reads.
  builtin('kprobe', [], (_a, span) => lit('STRING', 'kprobe', span));
  builtin('TraceProgram', [required('program'), optional('min_kernel', none), optional('max_kernel', none)], (a) =>
    a.get('program'),
  );
  builtin(
    'UpsertTracepoint',
    [required('name'), required('table_name'), required('probe_fn'), required('target'), required('ttl')],
    (a, span) => {
      const name = stringLiteral(a.get('name'));
      const table = stringLiteral(a.get('table_name'));
      const programArg = a.get('probe_fn');
      // A Go/C++ probe function (decorated with pxtrace.probe, which reported why pxlc cannot run it).
      if (programArg.kind === 'UserFunction' || programArg.kind === 'Error') {
        if (table !== undefined) ctx.catalog.addUnknowableTable(table);
        return NONE;
      }
      const programs = programArg.kind === 'List' || programArg.kind === 'Tuple' ? programArg.items : [programArg];
      const texts = programs.map(stringLiteral);
      if (name === undefined || table === undefined || texts.length === 0 || texts.some((t) => t === undefined)) {
        ctx.diags.error(span, Messages.pxtraceArgs());
        return ERROR;
      }
      const schema = printfSchema(texts[0]!);
      if (!schema) {
        ctx.diags.error(a.span('probe_fn'), Messages.pxtraceNoColumns());
        return ERROR;
      }
      ctx.catalog.addTracepointTable(table, name, schema);
      return NONE;
    },
  );
  // Go/C++ function probes (Pixie's tracing module): their tables' columns come from the traced binary's debug
  // information. The decorator says so once at its place; the expressions and targets around it stay quiet.
  builtin('probe', [required('fn_name')], (_a, span) => {
    ctx.diags.error(span, Messages.goProbe());
    return ERROR;
  });
  for (const name of ['ArgExpr', 'RetExpr']) builtin(name, [required('expr')], () => ERROR);
  builtin('FunctionLatency', [], () => ERROR);
  builtin('SharedObject', [required('name'), required('upid')], (_a, span) => lit('STRING', 'SharedObject', span));
  builtin(
    'PodProcess',
    [required('pod_name'), optional('container_name', none), optional('process_name', none)],
    (_a, span) => lit('STRING', 'PodProcess', span),
  );
  builtin(
    'LabelSelector',
    [required('labels'), required('namespace'), optional('container_name', none), optional('process_name', none)],
    (_a, span) => lit('STRING', 'LabelSelector', span),
  );
  builtin('DeleteTracepoint', [required('name')], none);
  return { kind: 'Module', name: 'pxtrace', attrs };
}

/** The columns a bpftrace program's printf writes: `name:%fmt` fields of its first printf, in order. */
export function printfSchema(program: string): Schema | undefined {
  const call = /printf\(\s*\\?"((?:[^"\\]|\\.)*?)\\?"/.exec(program);
  if (!call) return undefined;
  const columns: ColumnInfo[] = [];
  for (const m of call[1]!.matchAll(/([A-Za-z_]\w*):%[-+ #0-9.]*(?:hh|h|ll|l|z|j|t)?([a-zA-Z])/g)) {
    const [, col, conv] = m;
    if (columns.some((c) => c.name === col)) continue;
    columns.push(
      col === 'time_'
        ? { name: col, dataType: 'TIME64NS', semanticType: 'ST_NONE' }
        : { name: col!, dataType: conv === 's' ? 'STRING' : 'INT64', semanticType: 'ST_NONE' },
    );
  }
  return columns.length > 0 ? columns : undefined;
}
