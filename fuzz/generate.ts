// Random PxL scripts that are meant to compile: a generator that tracks each DataFrame's schema and builds
// column assignments, filters, projections, drops, groupby/agg, merges, appends, heads, ctx lookups, displays
// and OTel exports over Pixie's real tables, with expressions typed from the function registry
// (data/functions.json). Mutation alone rarely gets past the checker; these reach code generation and the
// runtime. The generator is driven by a list of choices, so fast-check shrinks a failure to a short script.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';

type DataType = 'BOOLEAN' | 'INT64' | 'UINT128' | 'FLOAT64' | 'STRING' | 'TIME64NS';
interface Overload {
  readonly args: readonly DataType[];
  readonly ret: DataType;
}
interface Column {
  readonly name: string;
  readonly type: DataType;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TABLES = (
  JSON.parse(readFileSync(`${ROOT}data/tables.json`, 'utf8')) as {
    tables: Record<string, { columns: { name: string; type: DataType; debug_build_only?: boolean }[] }>;
  }
).tables;
const FUNCTIONS = JSON.parse(readFileSync(`${ROOT}data/functions.json`, 'utf8')) as {
  udf: Record<string, { overloads: Overload[] }>;
  uda: Record<string, { overloads: Overload[] }>;
};

const OPERATORS: Readonly<Record<string, string>> = {
  add: '+',
  subtract: '-',
  multiply: '*',
  divide: '/',
  modulo: '%',
  equal: '==',
  notEqual: '!=',
  lessThan: '<',
  lessThanEqual: '<=',
  greaterThan: '>',
  greaterThanEqual: '>=',
  logicalAnd: 'and',
  logicalOr: 'or',
};

/** Every public UDF overload by return type; internal (`_`-prefixed) functions are not PxL's API. */
const BY_RETURN = new Map<DataType, { fn: string; o: Overload }[]>();
for (const [fn, f] of Object.entries(FUNCTIONS.udf)) {
  if (fn.startsWith('_')) continue;
  for (const o of f.overloads) {
    const list = BY_RETURN.get(o.ret) ?? [];
    list.push({ fn, o });
    BY_RETURN.set(o.ret, list);
  }
}

// Literal source text per type, with values at the edges: above 2^53, int64 limits, text a code generator
// could mistake for code.
const LITERALS: Readonly<Record<DataType, readonly string[]>> = {
  INT64: ['0', '1', '-1', '7', '1000', '9007199254740993', '9223372036854775807', '-9223372036854775807', '0x7f'],
  FLOAT64: ['0.5', '2.0', '-1.25', '1e308', '1e-300', '0.0'],
  STRING: [
    "'a'",
    "''",
    "'GET'",
    "'/api/v1'",
    "'it\\'s'",
    "'${x}'",
    "'*/'",
    "'</script>'",
    "'\\u2028'",
    "'\\x00'",
    "'😀'",
    "'\\\\'",
    '"\\"q\\""',
    '\'["a", "b"]\'',
    '\'{"k": 1}\'',
    "'10.0.0.1'",
  ],
  BOOLEAN: ['True', 'False'],
  UINT128: [],
  TIME64NS: [],
};

const NAMES = [
  'a',
  'b',
  'c',
  'x_1',
  'out',
  'latency_ms',
  'service',
  'pod',
  'value',
  'count',
  'time_',
  'Z9',
  'if_',
  'rt',
  'env',
  'n',
];
const CTX_KEYS = [
  'pod',
  'service',
  'namespace',
  'node',
  'container',
  'pod_id',
  'service_id',
  'deployment',
  'replicaset',
  'hostname',
  'cmdline',
  'pid',
  'asid',
  'container_id',
  'replica_set_id',
  'deployment_id',
];
const DISPLAY_NAMES = ["'out'", "'a b'", "'</script>'", "'${x}'", "'it\\'s'", "'\\u2029'", "'😀'"];
const NUMERIC: readonly DataType[] = ['INT64', 'FLOAT64'];

/** The choices the generator makes; past the end every choice is 0, the simplest option. */
class Choices {
  private i = 0;
  constructor(private readonly values: readonly number[]) {}
  int(n: number): number {
    return n <= 1 ? 0 : (this.values[this.i++] ?? 0) % n;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  chance(percent: number): boolean {
    return this.int(100) < percent;
  }
}

class ScriptBuilder {
  readonly lines: string[] = [];
  private frames = 0;
  constructor(readonly c: Choices) {}

  newFrame(): string {
    return this.frames++ === 0 ? 'df' : `df${this.frames - 1}`;
  }
}

function tableColumns(table: string): Column[] {
  return TABLES[table]!.columns.filter((c) => !c.debug_build_only).map((c) => ({ name: c.name, type: c.type }));
}

function expr(c: Choices, cols: readonly Column[], df: string, type: DataType, depth: number): string {
  const ofType = cols.filter((col) => col.type === type);
  const literals = LITERALS[type];
  const roll = c.int(10);
  if ((depth <= 0 || roll < 4) && ofType.length > 0) return `${df}.${c.pick(ofType).name}`;
  if ((depth <= 0 || roll < 6) && literals.length > 0) return c.pick(literals);
  if (type === 'BOOLEAN' && roll === 6) return `not ${expr(c, cols, df, 'BOOLEAN', depth - 1)}`;
  if (NUMERIC.includes(type) && roll === 7) return `-${expr(c, cols, df, type, depth - 1)}`;
  const candidates = BY_RETURN.get(type) ?? [];
  if (candidates.length === 0 || depth <= 0)
    return ofType.length > 0 ? `${df}.${ofType[0]!.name}` : (literals[0] ?? 'px.now()');
  const { fn, o } = c.pick(candidates);
  const args = o.args.map((t) => expr(c, cols, df, t, depth - 1));
  const op = OPERATORS[fn];
  if (op && args.length === 2) return `(${args[0]} ${op} ${args[1]})`;
  return `px.${fn}(${args.join(', ')})`;
}

function anyType(c: Choices, cols: readonly Column[]): DataType {
  return c.chance(70) && cols.length > 0
    ? c.pick(cols).type
    : c.pick(['INT64', 'FLOAT64', 'STRING', 'BOOLEAN'] as const);
}

function readFrame(b: ScriptBuilder, fn: boolean): { df: string; cols: Column[] } {
  const c = b.c;
  const table = c.pick(Object.keys(TABLES));
  let cols = tableColumns(table);
  const df = b.newFrame();
  const start =
    fn && c.chance(50) ? 'start_time' : c.pick(["'-30s'", "'-5m'", 'px.plugin.start_time', "'-1h'", '-300000000000']);
  let select = '';
  if (c.chance(30) && cols.length > 1) {
    const keep = cols.filter((_, i) => i === 0 || c.chance(40));
    cols = keep;
    select = `, select=[${keep.map((k) => `'${k.name}'`).join(', ')}]`;
  }
  const end = c.chance(20) ? ', end_time=px.plugin.end_time' : '';
  b.lines.push(`${df} = px.DataFrame(table='${table}'${select}, start_time=${start}${end})`);
  return { df, cols };
}

function step(b: ScriptBuilder, df: string, cols: Column[], fn: boolean): Column[] {
  const c = b.c;
  const line = (s: string) => b.lines.push(s);
  switch (c.int(12)) {
    case 0:
    case 1:
    case 2: {
      const type = anyType(c, cols);
      const name = c.pick(NAMES);
      line(`${df}.${name} = ${expr(c, cols, df, type, 1 + c.int(3))}`);
      return [...cols.filter((k) => k.name !== name), { name, type }];
    }
    case 3: {
      line(`${df} = ${df}[${expr(c, cols, df, 'BOOLEAN', 1 + c.int(3))}]`);
      return cols;
    }
    case 4: {
      if (cols.length < 2) return cols;
      const keep = cols.filter(() => c.chance(50));
      if (keep.length === 0) return cols;
      line(`${df} = ${df}[[${keep.map((k) => `'${k.name}'`).join(', ')}]]`);
      return keep;
    }
    case 5: {
      if (cols.length < 2) return cols;
      const gone = c.pick(cols);
      line(`${df} = ${df}.drop(${c.chance(50) ? `'${gone.name}'` : `['${gone.name}']`})`);
      return cols.filter((k) => k !== gone);
    }
    case 6: {
      if (cols.length === 0) return cols;
      const keys = cols.filter(() => c.chance(25)).slice(0, 3);
      const out: Column[] = keys.length > 0 ? [...keys] : [];
      const aggs: string[] = [];
      for (let k = 0, n = 1 + c.int(3); k < n; k++) {
        const src = c.pick(cols);
        const uda = c.pick(Object.keys(FUNCTIONS.uda).filter((u) => u !== 'pprof'));
        const o =
          FUNCTIONS.uda[uda]!.overloads.find((x) => x.args[0] === src.type) ?? FUNCTIONS.uda[uda]!.overloads[0]!;
        const name = `${c.pick(NAMES)}${k}`;
        if (out.some((x) => x.name === name)) continue;
        aggs.push(`${name}=('${src.name}', px.${uda})`);
        out.push({ name, type: o.ret });
      }
      const by =
        keys.length === 1 && c.chance(50) ? `'${keys[0]!.name}'` : `[${keys.map((k) => `'${k.name}'`).join(', ')}]`;
      line(
        keys.length === 0 && c.chance(50)
          ? `${df} = ${df}.agg(${aggs.join(', ')})`
          : `${df} = ${df}.groupby(${by}).agg(${aggs.join(', ')})`,
      );
      return out;
    }
    case 7: {
      line(`${df} = ${df}.head(${fn && c.chance(30) ? 'max_rows' : c.pick(['1', '5', '100', '0', '20000'])})`);
      return cols;
    }
    case 8: {
      const key = c.pick(CTX_KEYS);
      const name = c.pick(NAMES);
      line(`${df}.${name} = ${df}.ctx['${key}']`);
      return [...cols.filter((k) => k.name !== name), { name, type: key === 'pid' ? 'INT64' : 'STRING' }];
    }
    case 9: {
      const other = readFrame(b, fn);
      const shared = cols.filter((k) => other.cols.some((o) => o.type === k.type));
      if (shared.length === 0) return cols;
      const left = c.pick(shared);
      const right = c.pick(other.cols.filter((o) => o.type === left.type));
      const how = c.pick(['inner', 'left', 'right', 'outer']);
      const suffixes = c.pick(["['_x', '_y']", "['', '_r']", "['_l', '']"]);
      line(
        `${df} = ${df}.merge(${other.df}, how='${how}', left_on=['${left.name}'], right_on=['${right.name}'], suffixes=${suffixes})`,
      );
      const [sl, sr] = suffixes === "['_x', '_y']" ? ['_x', '_y'] : suffixes === "['', '_r']" ? ['', '_r'] : ['_l', ''];
      const names = new Set(other.cols.map((o) => o.name));
      const leftNames = new Set(cols.map((o) => o.name));
      return [
        ...cols.map((k) => (names.has(k.name) ? { ...k, name: k.name + sl } : k)),
        ...other.cols.map((k) => (leftNames.has(k.name) ? { ...k, name: k.name + sr } : k)),
      ];
    }
    case 10: {
      line(`${df} = ${df}.append(${df})`);
      return cols;
    }
    default: {
      line(`px.debug(${df}, ${c.pick(DISPLAY_NAMES)})`);
      return cols;
    }
  }
}

function sink(b: ScriptBuilder, df: string, cols: readonly Column[]): string {
  const c = b.c;
  const strings = cols.filter((k) => k.type === 'STRING');
  const numbers = cols.filter((k) => k.type === 'INT64' || k.type === 'FLOAT64');
  const times = cols.filter((k) => k.type === 'TIME64NS');
  const hasTime = cols.some((k) => k.name === 'time_' && k.type === 'TIME64NS');
  const kind = c.int(3);
  if (kind === 1 && hasTime && numbers.length > 0) {
    const service = strings.length > 0 ? `${df}.${c.pick(strings).name}` : "'svc'";
    const attrs =
      strings.length > 0 && c.chance(60)
        ? `, attributes={${c.pick(DISPLAY_NAMES)}: ${df}.${c.pick(strings).name}}`
        : '';
    const metric = c.chance(80)
      ? `px.otel.metric.Gauge(name='m.${c.int(5)}', value=${df}.${c.pick(numbers).name}${attrs})`
      : `px.otel.metric.Sum(name='s.${c.int(5)}', value=${df}.${c.pick(numbers).name}${attrs}, is_monotonic=${c.pick(['True', 'False'])})`;
    return `px.export(${df}, px.otel.Data(resource={'service.name': ${service}}, data=[${metric}]))`;
  }
  if (kind === 2 && times.length > 0 && strings.length > 0) {
    const t = () => `${df}.${c.pick(times).name}`;
    return (
      `px.export(${df}, px.otel.Data(resource={'service.name': ${df}.${c.pick(strings).name}}, ` +
      `data=[px.otel.trace.Span(name=${df}.${c.pick(strings).name}, start_time=${t()}, end_time=${t()})]))`
    );
  }
  return c.chance(80) ? `px.display(${df}, ${c.pick(DISPLAY_NAMES)})` : `px.display(${df})`;
}

/** A random script from a list of choices. */
export function generateScript(choices: readonly number[]): string {
  const c = new Choices(choices);
  const b = new ScriptBuilder(c);
  const fn = c.chance(25);
  const header: string[] = [];
  if (c.chance(15)) header.push(`#px:set max_output_rows_per_table=${c.pick(['1', '10', '500'])}`);
  header.push('import px', '');
  const { df, cols: first } = readFrame(b, fn);
  let cols = first;
  for (let k = 0, n = c.int(8); k < n; k++) cols = step(b, df, cols, fn);
  if (fn) {
    const body = [...b.lines, `return ${df}`].map((l) => `    ${l}`);
    return [...header, 'def entry(start_time: str, max_rows: int):', ...body, ''].join('\n');
  }
  b.lines.push(sink(b, df, cols));
  return [...header, ...b.lines, ''].join('\n');
}

export function choicesArb(): fc.Arbitrary<number[]> {
  return fc.array(fc.nat({ max: 1 << 16 }), { minLength: 8, maxLength: 160 });
}
