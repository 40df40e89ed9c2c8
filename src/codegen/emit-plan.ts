// Plan → ESTree Program: one function per reachable operator, an async `execute(env)` that wires them in
// plan order and feeds the sinks, and the module's public surface (`script`, `run`, command-line main).

import type * as es from 'estree';
import type { ExportSink, FilterNode, Plan, PlanNode, Sink } from '../core/plan/plan.js';
import { inputsOf } from '../core/plan/plan.js';
import { liveColumns, type Liveness } from '../core/plan/liveness.js';
import { overloadKey, type ConstExpr, type Expr } from '../core/plan/expr.js';
import type { EnginePlan } from '../core/engine-plan.js';
import type { DataType, Schema } from '../core/types.js';
import type { Span } from '../core/source.js';
import { Hoister, emitExpr, storeValue } from './emit-expr.js';
import { functionsUsed } from './functions-used.js';
import {
  array,
  assign,
  awaitExpr,
  call,
  constDecl,
  data,
  exprStmt,
  fn,
  forRange,
  id,
  index,
  literal,
  member,
  newExpr,
  object,
  ret,
  unary,
} from './estree.js';
import { filterRuns, runFunctionName } from './filter-chains.js';

export interface EmitOptions {
  /** Module specifier of the runtime (absolute file URL by default, or 'pxlc/runtime' for bundling). */
  readonly runtimeImport: string;
  /**
   * Module specifier of the compiler entry (`compileEntryPoint`), imported only by scripts with entry points
   * compiled when they run, and only when one runs.
   */
  readonly compilerImport: string;
  readonly sourcePath: string;
  readonly scriptName: string;
  /**
   * The script split for SQL engines (src/sql): the engine's queries, and the plan of what runs in JavaScript
   * after them. Its operators are the original ones, so the two variants share every operator function.
   */
  readonly engine?: { readonly plan: EnginePlan; readonly residual: Plan };
  /** The script position of a span, for source maps (each operator and computed column maps to its PxL). */
  readonly locate?: Locate;
  /**
   * How the module runs as a program. 'if-main' (the default) ends it with
   * `if (rt.isMainModule(import.meta.url)) await rt.runMain(…)`. 'exported' exports `runIfMain(moduleUrl)`, which
   * does the same when called: for one-file bundles (src/cli/bundle.ts), which compile the module's code as a
   * script, where there is neither top-level await nor import.meta.
   */
  readonly programEntry?: 'if-main' | 'exported';
}

const rt = (name: string) => member(id('rt'), name);

type Locate = (span: Span) => es.SourceLocation | undefined;

/** `node`, mapped back to the script's `span` when a source map is wanted. */
function at<T extends es.Node>(node: T, span: Span, locate: Locate | undefined): T {
  const loc = locate?.(span);
  return loc ? { ...node, loc } : node;
}

export function emitProgram(plan: Plan, options: EmitOptions): es.Program {
  const reachable = reachableNodes(plan, plan.sinks);
  const live = liveColumns(plan);
  const fused = fusedIntoAgg(plan);
  const body: es.Program['body'] = [];
  const decls: es.Statement[] = [];
  // One constant per distinct schema: a chain of 10 000 filters shares its input's.
  const schemaConstants = new Map<string, string>();
  const schemaOf = new Map<number, string>();
  // Keyed once per schema array: a filter or head shares its input's, and a chain of them is as long as the script.
  const keys = new Map<Schema, string>();
  for (const n of plan.nodes) {
    if (!reachable.has(n.id)) continue;
    let key = keys.get(n.schema);
    if (key === undefined) keys.set(n.schema, (key = JSON.stringify(schemaData(n.schema))));
    let name = schemaConstants.get(key);
    if (name === undefined) {
      name = `S${n.id}`;
      schemaConstants.set(key, name);
      decls.push(constDecl(name, data(schemaData(n.schema))));
    }
    schemaOf.set(n.id, name);
  }
  const schemaName = (n: PlanNode) => schemaOf.get(n.id) ?? `S${n.id}`;
  plan.sinks.forEach((s, k) => {
    if (s.kind === 'Export') decls.push(constDecl(`X${k}`, data(exportData(s))));
  });

  // One execute function per entry point: the script's top level, and each function-based entry (SPEC §13.2).
  // Operator functions are shared; each execute computes only what its own sinks need.
  const functions: es.FunctionDeclaration[] = [];
  const emitted = new Set<string>();
  const executeFor = (
    name: string,
    sinks: readonly { sink: Sink; k: number }[],
    plan_ = plan,
  ): es.FunctionDeclaration => {
    const plan = plan_;
    const mine = reachableNodes(
      plan,
      sinks.map((x) => x.sink),
    );
    // Per plan: in the engine variant, a filter the engine computes is a Source, which ends a run.
    const runs = filterRuns(plan);
    const exec: es.Statement[] = [];
    const execHoist = new Hoister('t');
    const chains = streamedChains(plan);
    const inChain = new Set([...chains.values()].flat());
    const t = (i: number) => id(`t${i}`);
    const sourceArgs = (n: Extract<PlanNode, { kind: 'Source' }>) => [
      literal(n.table),
      id(schemaName(n)),
      n.startTime ? constExpr(n.startTime, execHoist) : id('undefined'),
      n.endTime ? constExpr(n.endTime, execHoist) : id('undefined'),
      ...readColumns(n, live),
    ];
    /**
     * A map, or a run of filters (at its last filter), applied to its input table, its function emitted once;
     * undefined for a filter inside a run.
     */
    const rowOperator = (n: Extract<PlanNode, { kind: 'Map' | 'Filter' }>): es.Expression | undefined => {
      if (n.kind === 'Filter') {
        if (runs.inner.has(n.id)) return undefined;
        const run = runs.run(n);
        const fnName = runFunctionName(run);
        if (!emitted.has(fnName))
          functions.push(filterFunction(fnName, run, fused.has(n.id) ? 'rows' : liveSubset(n, live), options.locate));
        emitted.add(fnName);
        return call(id(fnName), [id('env'), t(run[0]!.input)]);
      }
      if (n.columns.every((c) => c.kind === 'input')) {
        return call(rt('selectColumns'), [
          t(n.input),
          data(n.columns.map((c) => (c.kind === 'input' ? c.index : -1))),
          id(schemaName(n)),
        ]);
      }
      if (!emitted.has(`n${n.id}`))
        functions.push(mapFunction(n, schemaName(n), live.get(n.id) ?? new Set(), inChain.has(n.id), options.locate));
      emitted.add(`n${n.id}`);
      return call(id(`n${n.id}`), [id('env'), t(n.input)]);
    };
    for (const n of plan.nodes) {
      if (!mine.has(n.id) || inChain.has(n.id)) continue;
      let value: es.Expression;
      switch (n.kind) {
        case 'Source':
          if (n.tracepoint !== undefined) {
            value = call(member(id('env'), 'tracepointTable'), [
              literal(n.table),
              literal(n.tracepoint),
              id(schemaName(n)),
            ]);
            break;
          }
          value = awaitExpr(call(member(id('env'), 'source'), sourceArgs(n)));
          break;
        case 'Udtf':
          value = awaitExpr(call(member(id('env'), 'udtf'), [literal(n.fn), data(n.args), id(schemaName(n))]));
          break;
        case 'Map':
        case 'Filter': {
          const v = rowOperator(n);
          if (!v) continue;
          value = v;
          break;
        }
        case 'Agg': {
          const aggs = data(n.aggs.map((a) => ({ fn: a.fn, args: a.args })));
          const input = plan.nodes[n.input]!;
          const chain = chains.get(n.id);
          if (chain) {
            // Source → maps/filters → group-by, run batch by batch as the source reads them (ops/stream-agg.ts).
            const [source, ...steps] = chain.map((k) => plan.nodes[k]!);
            const body = steps.flatMap((m) => {
              const v = rowOperator(m as Extract<PlanNode, { kind: 'Map' | 'Filter' }>);
              return v ? [at(constDecl(`t${m.id}`, v), m.span, options.locate)] : [];
            });
            const piped =
              fused.has(input.id) && input.kind === 'Filter' ? [t(runs.input(input)), t(input.id)] : [t(input.id)];
            const pipe: es.ArrowFunctionExpression = {
              type: 'ArrowFunctionExpression',
              params: [t(source!.id)],
              expression: false,
              async: false,
              generator: false,
              body: { type: 'BlockStatement', body: [...body, ret(array(piped))] },
            };
            value = awaitExpr(
              call(rt('aggregateBatches'), [
                at(
                  call(member(id('env'), 'sourceBatches'), sourceArgs(source as Extract<PlanNode, { kind: 'Source' }>)),
                  source!.span,
                  options.locate,
                ),
                pipe,
                id(schemaName(input)),
                data(n.groups),
                aggs,
                id(schemaName(n)),
              ]),
            );
          } else if (fused.has(input.id) && input.kind === 'Join') {
            // The group-by reads both join inputs through the join's row pairs.
            value = call(rt('aggregateJoin'), [
              t(input.left),
              t(input.right),
              data(input.leftOn),
              data(input.rightOn),
              id(schemaName(input)),
              data(n.groups),
              aggs,
              id(schemaName(n)),
            ]);
          } else if (fused.has(input.id) && input.kind === 'Filter') {
            // The group-by reads the filter's input through the filter's kept rows.
            value = call(rt('groupAggregate'), [
              t(runs.input(input)),
              data(n.groups),
              aggs,
              id(schemaName(n)),
              t(input.id),
            ]);
          } else {
            value = call(rt('groupAggregate'), [t(n.input), data(n.groups), aggs, id(schemaName(n))]);
          }
          break;
        }
        case 'Join':
          if (fused.has(n.id)) continue;
          value = call(rt('joinTables'), [
            t(n.left),
            t(n.right),
            literal(n.how),
            data(n.leftOn),
            data(n.rightOn),
            id(schemaName(n)),
            ...optionalData(liveSubset(n, live)),
          ]);
          break;
        case 'Union':
          value = call(rt('unionTables'), [
            array(n.inputs.map(t)),
            data(n.columnMaps),
            id(schemaName(n)),
            n.timeColumn === undefined ? id('undefined') : literal(n.timeColumn),
          ]);
          break;
        case 'Limit':
          value = call(rt('limitRows'), [
            t(n.input),
            n.nArg === undefined
              ? literal(n.n)
              : call(id('Number'), [call(member(id('env'), 'arg'), [literal(n.nArg)])]),
          ]);
          break;
      }
      exec.push(at(constDecl(`t${n.id}`, value), n.span, options.locate));
    }
    for (const { sink, k } of sinks)
      exec.push(exprStmt(sinkCall(sink, k, plan.flags.maxOutputRowsPerTable, clusterOnlyInputs(plan, sink))));
    return fn(name, ['env'], [...execHoist.decls.map(([v, init]) => constDecl(v, init)), ...exec], true);
  };
  const numbered = plan.sinks.map((sink, k) => ({ sink, k }));
  const executes = [
    executeFor(
      'execute',
      numbered.filter((x) => x.sink.entry === undefined),
    ),
  ];
  const entryTable: [string, es.Expression][] = [];
  plan.entries.forEach((e, i) => {
    // An entry point whose body needs its arguments' values is compiled when it runs (checker/entry-points.ts).
    if (e.compileAtRunTime) {
      executes.push(
        fn(
          `entry${i}`,
          ['env'],
          [
            ret(
              call(rt('runCompiledAtRunTime'), [
                id('env'),
                id('SCRIPT'),
                literal(e.name),
                data(e.params.map((p) => p.name)),
                id('loadCompiler'),
              ]),
            ),
          ],
        ),
      );
    } else {
      executes.push(
        executeFor(
          `entry${i}`,
          numbered.filter((x) => x.sink.entry === e.name),
        ),
      );
    }
    entryTable.push([e.name, id(`entry${i}`)]);
  });
  const engineExports: es.Program['body'] = [];
  if (options.engine) {
    const residual = options.engine.residual;
    const engineEntries: [string, es.Expression][] = [];
    executes.push(
      executeFor(
        'executeEngine',
        numbered.filter((x) => x.sink.entry === undefined),
        residual,
      ),
    );
    plan.entries.forEach((e, i) => {
      // Compiled when it runs: it has no plan yet to split, so it runs in-process only (run.ts says so).
      if (e.compileAtRunTime) return;
      executes.push(
        executeFor(
          `entry${i}Engine`,
          numbered.filter((x) => x.sink.entry === e.name),
          residual,
        ),
      );
      engineEntries.push([e.name, id(`entry${i}Engine`)]);
    });
    engineExports.push(
      exportNamed(
        constDecl('engine', {
          type: 'ObjectExpression',
          properties: [
            {
              type: 'Property',
              key: id('plan'),
              value: data(options.engine.plan),
              kind: 'init',
              computed: false,
              method: false,
              shorthand: false,
            },
            {
              type: 'Property',
              key: id('execute'),
              value: id('executeEngine'),
              kind: 'init',
              computed: false,
              method: false,
              shorthand: false,
            },
            {
              type: 'Property',
              key: id('entries'),
              value: object(engineEntries),
              kind: 'init',
              computed: false,
              method: false,
              shorthand: false,
            },
          ],
        }),
      ),
    );
  }
  const outputsOf = (sinks: readonly Sink[]) =>
    sinks.map((s) =>
      s.kind === 'Display'
        ? { kind: 'display', name: s.name }
        : { kind: 'export', signals: s.spec.data.map((d) => d.kind), endpoint: s.spec.endpoint !== undefined },
    );

  body.push(importRuntime(options.runtimeImport));
  if (plan.script) {
    body.push(constDecl('SCRIPT', data(plan.script)));
    body.push(
      constDecl('loadCompiler', {
        type: 'ArrowFunctionExpression',
        params: [],
        expression: true,
        async: false,
        generator: false,
        body: { type: 'ImportExpression', source: literal(options.compilerImport) } as es.ImportExpression,
      }),
    );
  }
  body.push(...decls);
  body.push(
    exportNamed(
      constDecl(
        'script',
        data({
          name: options.scriptName,
          source: options.sourcePath,
          outputs: outputsOf(plan.sinks.filter((s) => s.entry === undefined)),
          entries: plan.entries.map((e) => ({
            ...e,
            outputs: outputsOf(plan.sinks.filter((s) => s.entry === e.name)),
          })),
          maxOutputRowsPerTable: plan.flags.maxOutputRowsPerTable,
          vis: plan.vis,
          functions: functionsUsed([...executes, ...functions]),
        }),
      ),
    ),
  );
  // `execute` is exported for modules compiled when they run, which run inside their parent's environment.
  body.push(exportNamed(executes[0]!), ...executes.slice(1));
  body.push(constDecl('entries', object(entryTable)));
  body.push(...engineExports);
  body.push(...functions);
  const engineArg = options.engine ? [id('engine')] : [];
  body.push(
    exportNamed(
      fn(
        'run',
        ['options'],
        [ret(call(rt('runScript'), [id('script'), id('execute'), id('options'), id('entries'), ...engineArg]))],
      ),
    ),
  );
  const runMain = exprStmt(awaitExpr(call(rt('runMain'), [id('script'), id('execute'), id('entries'), ...engineArg])));
  if (options.programEntry === 'exported') {
    const runIfMain = fn(
      'runIfMain',
      ['moduleUrl'],
      [
        {
          type: 'IfStatement',
          test: call(rt('isMainModule'), [id('moduleUrl')]),
          consequent: runMain,
          alternate: null,
        },
      ],
      true,
    );
    body.push(exportNamed(runIfMain));
  } else {
    body.push({
      type: 'IfStatement',
      test: call(rt('isMainModule'), [
        member({ type: 'MetaProperty', meta: id('import'), property: id('meta') } as es.MetaProperty, 'url'),
      ]),
      consequent: runMain,
      alternate: null,
    });
  }
  return { type: 'Program', sourceType: 'module', body };
}

/** The names of the columns a Source must read, when that is fewer than its whole schema. */
function readColumns(n: PlanNode, live: Liveness): es.Expression[] {
  const used = live.get(n.id) ?? new Set<number>();
  if (used.size === n.schema.length) return [];
  return [data(n.schema.filter((_, i) => used.has(i)).map((c) => c.name))];
}

/**
 * The indexes of the output columns anything reads, when that is fewer than all: operators that copy rows
 * (filter, join) copy only those and leave the rest as placeholders nothing reads.
 */
function liveSubset(n: PlanNode, live: Liveness): readonly number[] | undefined {
  const used = live.get(n.id) ?? new Set<number>();
  if (used.size === n.schema.length) return undefined;
  return [...used].sort((a, b) => a - b);
}

function optionalData(v: readonly number[] | undefined): es.Expression[] {
  return v === undefined ? [] : [data(v)];
}

/**
 * Operators whose only consumer is a group-by and whose output the group-by can read through row indexes
 * instead of a copy: filters (their kept rows) and inner joins (their row pairs).
 */
function fusedIntoAgg(plan: Plan): Set<number> {
  const { consumers, sinkInputs } = usesOf(plan);
  const out = new Set<number>();
  for (const n of plan.nodes) {
    const users = consumers.get(n.id) ?? [];
    const fusable = n.kind === 'Filter' || (n.kind === 'Join' && n.how === 'inner');
    if (fusable && !sinkInputs.has(n.id) && users.length === 1 && plan.nodes[users[0]!]!.kind === 'Agg') out.add(n.id);
  }
  return out;
}

/** Each node's consumers, and the nodes a sink reads. */
function usesOf(plan: Plan): { consumers: Map<number, number[]>; sinkInputs: Set<number> } {
  const consumers = new Map<number, number[]>();
  for (const n of plan.nodes) for (const i of inputsOf(n)) consumers.set(i, [...(consumers.get(i) ?? []), n.id]);
  return { consumers, sinkInputs: new Set(plan.sinks.map((s) => s.input)) };
}

/**
 * Group-bys that can read their source batch by batch: each maps to its chain, a Source and then only maps and
 * filters, every one read by the next alone (nothing else needs a whole table of it). The runtime decides whether
 * the aggregates allow it and otherwise reads the whole table through the same operators.
 */
function streamedChains(plan: Plan): Map<number, readonly number[]> {
  const { consumers, sinkInputs } = usesOf(plan);
  const onlyFeeds = (k: number) => !sinkInputs.has(k) && (consumers.get(k) ?? []).length === 1;
  const out = new Map<number, readonly number[]>();
  for (const n of plan.nodes) {
    if (n.kind !== 'Agg') continue;
    const chain: number[] = [];
    let k = n.input;
    for (;;) {
      const m = plan.nodes[k]!;
      if (!onlyFeeds(k)) break;
      chain.unshift(k);
      if (m.kind === 'Source') {
        if (m.tracepoint === undefined) out.set(n.id, chain);
        break;
      }
      if (m.kind !== 'Map' && m.kind !== 'Filter') break;
      k = m.input;
    }
  }
  return out;
}

function reachableNodes(plan: Plan, sinks: readonly Sink[]): Set<number> {
  const seen = new Set<number>();
  const stack = sinks.map((s) => s.input);
  while (stack.length > 0) {
    const id_ = stack.pop()!;
    if (seen.has(id_)) continue;
    seen.add(id_);
    stack.push(...inputsOf(plan.nodes[id_]!));
  }
  return seen;
}

function schemaData(schema: Schema) {
  return schema.map((c) => ({ name: c.name, dataType: c.dataType, semanticType: c.semanticType }));
}

function exportData(s: ExportSink) {
  return s.spec;
}

function constExpr(e: ConstExpr, h: Hoister): es.Expression {
  return emitExpr(e, h, literal(0));
}

/**
 * The reads upstream of a sink that may have rows only in a cluster (table functions, pxtrace tables), as the keys
 * the runtime records a reason under: an empty display says why only when one of its own inputs was such a read.
 */
function clusterOnlyInputs(plan: Plan, sink: Sink): string[] {
  const keys: string[] = [];
  for (const i of [...reachableNodes(plan, [sink])].sort((a, b) => a - b)) {
    const n = plan.nodes[i]!;
    if (n.kind === 'Udtf') keys.push(`udtf:${n.fn}`);
    else if (n.kind === 'Source' && n.tracepoint !== undefined) keys.push(`tracepoint:${n.table}`);
  }
  return [...new Set(keys)];
}

function sinkCall(s: Sink, k: number, maxRows: number, clusterOnly: readonly string[]): es.Expression {
  const t = id(`t${s.input}`);
  return s.kind === 'Display'
    ? call(member(id('env'), 'display'), [
        literal(s.name),
        t,
        literal(maxRows),
        ...(clusterOnly.length > 0 ? [data(clusterOnly)] : []),
      ])
    : call(member(id('env'), 'export'), [id(`X${k}`), t, literal(maxRows)]);
}

function allocColumn(t: DataType, n: es.Expression): es.Expression {
  switch (t) {
    case 'BOOLEAN':
      return newExpr(id('Uint8Array'), [n]);
    case 'INT64':
    case 'TIME64NS':
      return newExpr(id('BigInt64Array'), [n]);
    case 'FLOAT64':
      return newExpr(id('Float64Array'), [n]);
    // Filled first: stores into a large `new Array(n)` are several times slower (see valueArray in ops/gather.ts).
    case 'STRING':
      return call(member(newExpr(id('Array'), [n]), 'fill'), [literal('')]);
    case 'UINT128':
      return call(member(newExpr(id('Array'), [n]), 'fill'), [literal(0n)]);
  }
}

/**
 * A computed column nothing reads is not computed: its inputs may not have been read from the source either
 * (see liveness), and it stays an empty column of its type. `inChain`: the map is a step of a chain that feeds a
 * group-by batch by batch (streamedChains), so its computed columns are working memory the group-by gives back
 * (rt.scratchColumn): a fresh 8 MB column per million rows costs more in page faults than the loop that fills it.
 */
function mapFunction(
  n: Extract<PlanNode, { kind: 'Map' }>,
  schemaName: string,
  live: ReadonlySet<number>,
  inChain: boolean,
  locate?: Locate,
): es.FunctionDeclaration {
  const h = new Hoister('t');
  const i = id('i');
  const outs: es.Statement[] = [];
  const loop: es.Statement[] = [];
  const columns = n.columns.map((c, k) => {
    if (c.kind === 'input') return index(member(id('t'), 'columns'), literal(c.index));
    if (!live.has(k)) return allocColumn(c.expr.dataType, id('n'));
    const out = `o${k}`;
    const distinct = overDistinctValues(c.expr);
    if (distinct) {
      // f(column) of a STRING/UINT128 column: once per distinct value when the column carries codes (a UPID's
      // ctx['service'] is looked up once per process, not once per row).
      outs.push(
        at(
          constDecl(
            out,
            call(rt('mapDistinct'), [
              h.column(distinct.column),
              h.fn(overloadKey(distinct.fn, distinct.argTypes)),
              allocColumn(c.expr.dataType, id('n')),
            ]),
          ),
          c.expr.span,
          locate,
        ),
      );
      return id(out);
    }
    const typed = c.expr.dataType !== 'STRING' && c.expr.dataType !== 'UINT128';
    outs.push(
      constDecl(
        out,
        inChain && typed
          ? call(rt('scratchColumn'), [literal(c.expr.dataType), id('n')])
          : allocColumn(c.expr.dataType, id('n')),
      ),
    );
    loop.push(at(assign(index(id(out), i), storeValue(c.expr, h, i)), c.expr.span, locate));
    return id(out);
  });
  return fn(
    `n${n.id}`,
    ['env', 't'],
    [
      constDecl('n', member(id('t'), 'length')),
      ...h.decls.map(([name, init]) => constDecl(name, init)),
      ...outs,
      forRange('i', id('n'), loop),
      ret(call(rt('makeTable'), [id(schemaName), array(columns), id('n')])),
    ],
  );
}

/** A call of a registered function on one STRING/UINT128 column and nothing else: its value depends only on the row's value. */
function overDistinctValues(e: Expr): { fn: string; argTypes: readonly DataType[]; column: number } | undefined {
  if (e.kind !== 'Call' || e.args.length !== 1) return undefined;
  const a = e.args[0]!;
  if (a.kind !== 'Column' || (a.dataType !== 'STRING' && a.dataType !== 'UINT128')) return undefined;
  return { fn: e.fn, argTypes: e.argTypes, column: a.index };
}

/**
 * A run of filters (filter-chains.ts) over the table `t`: a row is kept when every predicate holds, each tested only
 * on the rows those before it kept. `output`: 'rows' for a run fused into its group-by (kept row indexes), else the
 * live columns of the copy.
 */
function filterFunction(
  name: string,
  run: readonly FilterNode[],
  output: 'rows' | readonly number[] | undefined,
  locate?: Locate,
): es.FunctionDeclaration {
  const h = new Hoister('t');
  const i = id('i');
  const last = run[run.length - 1]!;
  const loop: es.Statement[] = run.slice(0, -1).map((f) =>
    at<es.Statement>(
      {
        type: 'IfStatement',
        test: unary('!', emitExpr(f.predicate, h, i)),
        consequent: { type: 'ContinueStatement', label: null },
        alternate: null,
      },
      f.predicate.span,
      locate,
    ),
  );
  const test = emitExpr(last.predicate, h, i);
  loop.push(
    at(
      assign(index(id('m'), i), { type: 'ConditionalExpression', test, consequent: literal(1), alternate: literal(0) }),
      last.predicate.span,
      locate,
    ),
  );
  return fn(
    name,
    ['env', 't'],
    [
      constDecl('n', member(id('t'), 'length')),
      ...h.decls.map(([name, init]) => constDecl(name, init)),
      // The mask is working memory that keptRows/filterRows give back; rows an earlier filter of the run skips are
      // never written, so a run of several starts from zeros.
      constDecl(
        'm',
        run.length > 1
          ? call(member(call(rt('scratchUint8'), [id('n')]), 'fill'), [literal(0)])
          : call(rt('scratchUint8'), [id('n')]),
      ),
      forRange('i', id('n'), loop),
      ret(
        output === 'rows'
          ? call(rt('keptRows'), [id('m')])
          : call(rt('filterRows'), [id('t'), id('m'), ...optionalData(output)]),
      ),
    ],
  );
}

function importRuntime(specifier: string): es.ImportDeclaration {
  return {
    type: 'ImportDeclaration',
    specifiers: [{ type: 'ImportNamespaceSpecifier', local: id('rt') }],
    source: literal(specifier) as es.Literal,
    attributes: [],
  } as es.ImportDeclaration;
}

function exportNamed(declaration: es.Declaration): es.ExportNamedDeclaration {
  return {
    type: 'ExportNamedDeclaration',
    declaration,
    specifiers: [],
    source: null,
    attributes: [],
  } as es.ExportNamedDeclaration;
}
