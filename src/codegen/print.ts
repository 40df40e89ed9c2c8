// ESTree Program → module text (escodegen), with a source map back to the .pxl when one is wanted, and proof that
// the text is that tree. escodegen reads optional node fields (`regex`, `bigint`, `raw`, ...) without asking whether
// they are the node's own, so a polluted Object.prototype would turn every literal into raw text; any such slip, in
// the printer or in a builder, must stop the compile instead of writing code nobody built. The printed text is
// therefore parsed back (acorn) and compared node by node with the tree: same node types, names, operators and
// literal values, in the same order.

import { Parser } from 'acorn';
import escodegen from 'escodegen';
import type * as es from 'estree';

export interface SourceMapRequest {
  /** The script's path as the map names it. */
  readonly source: string;
  readonly sourceText: string;
  /** The generated file's name, for the map's `file`. */
  readonly file: string;
}

export class GeneratedCodeMismatch extends Error {}

export function printProgram(program: es.Program, header: string): string {
  const code = escodegen.generate(program as never, { format: { indent: { style: '  ' }, quotes: 'single' } });
  const text = `${commentLine(header)}\n${code}\n`;
  verify(program, text);
  return text;
}

/**
 * The module and its source map (version 3 JSON). The header line is one line above the code, which the map's
 * mappings account for with a leading ';'. Nodes without a location take their parent's, so every token of an
 * operator maps to the PxL it came from (a stack frame's column anywhere in a line finds its statement).
 */
export function printProgramWithMap(
  program: es.Program,
  header: string,
  request: SourceMapRequest,
): { code: string; map: string } {
  inheritLoc(program, undefined);
  const out = escodegen.generate(
    program as never,
    {
      format: { indent: { style: '  ' }, quotes: 'single' },
      sourceMap: request.source,
      sourceMapWithCode: true,
      sourceContent: request.sourceText,
      file: request.file,
    } as never,
  ) as unknown as { code: string; map: { toJSON(): { mappings: string } & Record<string, unknown> } };
  const map = out.map.toJSON();
  const code = `${commentLine(header)}\n${out.code}\n`;
  verify(program, code);
  return { code, map: JSON.stringify({ ...map, mappings: `;${map.mappings}` }) };
}

function inheritLoc(node: es.Node, loc: es.SourceLocation | null | undefined): void {
  if (!node.loc && loc) node.loc = loc;
  const here = node.loc ?? loc;
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) {
      for (const v of value) if (isNode(v)) inheritLoc(v, here);
    } else if (isNode(value)) inheritLoc(value, here);
  }
}

function isNode(v: unknown): v is es.Node {
  return typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string' && !('line' in v);
}

/**
 * A name list of acorn's scopes that answers "is this name declared here" from a set. acorn keeps each scope's
 * names in arrays and looks every new declaration up in them, which is quadratic in the declarations of one scope:
 * a module of 10 000 operators declares 10 000 functions at the top and 10 000 constants in `execute`.
 */
class NameList extends Array<string> {
  private readonly names = new Set<string>();

  override push(...items: string[]): number {
    for (const name of items) this.names.add(name);
    return super.push(...items);
  }

  override indexOf(name: string, from?: number): number {
    return this.names.has(name) ? super.indexOf(name, from) : -1;
  }
}

interface AcornScope {
  var: string[];
  lexical: string[];
  functions: string[];
}

/** acorn's parser with set-backed scopes (acorn's scope fields, internal but stable across 8.x). */
const ModuleParser = Parser.extend(
  (Base) =>
    class extends Base {
      enterScope(flags: number): void {
        (Base.prototype as unknown as { enterScope(this: unknown, f: number): void }).enterScope.call(this, flags);
        const scope = (this as unknown as { currentScope(): AcornScope }).currentScope();
        scope.var = new NameList();
        scope.lexical = new NameList();
        scope.functions = new NameList();
      }
    } as unknown as typeof Parser,
);

function verify(program: es.Program, text: string): void {
  let reparsed: es.Program;
  try {
    reparsed = ModuleParser.parse(text, { ecmaVersion: 'latest', sourceType: 'module' }) as unknown as es.Program;
  } catch (e) {
    throw new GeneratedCodeMismatch(`internal: the printed module does not parse back (${(e as Error).message})`);
  }
  const mismatch = firstDifference(program, reparsed);
  if (mismatch !== undefined)
    throw new GeneratedCodeMismatch(`internal: the printed module differs from its syntax tree at ${mismatch}`);
}

/** A `//` comment holds one line: anything that could end it, or be mistaken for code, is replaced. */
function commentLine(text: string): string {
  return `// ${text.replace(/[^\w .,:()\-/]/g, '_')}`;
}

const SKIP = new Set(['type', 'start', 'end', 'loc', 'range', 'raw', 'leadingComments', 'trailingComments']);

/**
 * Where two trees differ, or undefined: node types, names, operators, literal values and the flags that change
 * meaning, child by child. Only own properties count, so the check itself cannot be fooled by a polluted
 * prototype; a child either tree has and the other lacks is a difference.
 */
function firstDifference(built: es.Node, parsed: es.Node): string | undefined {
  const stack: unknown[] = [built, parsed];
  for (let n = 0; stack.length > 0; n++) {
    const b = stack.pop();
    const a = stack.pop();
    const differ = () => `node ${n} (${describe(a)} vs ${describe(b)})`;
    if (!isTreeNode(a) || !isTreeNode(b)) {
      if (isTreeNode(a) || isTreeNode(b) || a !== b) return differ();
      continue;
    }
    if (!sameNode(a, b)) return differ();
    for (const key of Object.keys(a)) {
      if (SKIP.has(key)) continue;
      const x = a[key];
      const y = Object.hasOwn(b, key) ? b[key] : undefined;
      if (Array.isArray(x)) {
        if (!Array.isArray(y) || x.length !== y.length) {
          if (x.some(isNode) || (Array.isArray(y) && y.some(isNode))) return differ();
          continue;
        }
        for (let i = 0; i < x.length; i++) if (isTreeNode(x[i]) || isTreeNode(y[i])) stack.push(x[i], y[i]);
      } else if (isTreeNode(x) || isTreeNode(y)) {
        stack.push(x, y);
      }
    }
    // A child only the parsed tree has is code nobody built.
    for (const key of Object.keys(b)) {
      if (SKIP.has(key) || Object.hasOwn(a, key)) continue;
      const y = b[key];
      if (isTreeNode(y) || (Array.isArray(y) && y.some(isNode))) return differ();
    }
  }
  return undefined;
}

/** Type and the scalar fields that change meaning, compared without building text (this runs on every node). */
function sameNode(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  if (a['type'] !== b['type']) return false;
  for (const k of SCALARS) {
    const x = Object.hasOwn(a, k) ? a[k] : undefined;
    const y = Object.hasOwn(b, k) ? b[k] : undefined;
    if (isTreeNode(x) || isTreeNode(y)) continue; // a Property's `value`: compared as a child
    if (typeof x === 'boolean' || typeof y === 'boolean') {
      if ((x === true) !== (y === true)) return false;
    } else if (!Object.is(x, y) && !(typeof x === 'bigint' && x === y)) {
      return false;
    }
  }
  return true;
}

/** Literal values and regexes, names, operators, declaration kinds and the flags a printer could drop. */
const SCALARS = [
  'name',
  'value',
  'operator',
  'kind',
  'computed',
  'async',
  'generator',
  'prefix',
  'optional',
  'method',
  'shorthand',
];

function isTreeNode(v: unknown): v is Record<string, unknown> {
  return (
    typeof v === 'object' &&
    v !== null &&
    Object.hasOwn(v, 'type') &&
    typeof (v as { type?: unknown }).type === 'string'
  );
}

function describe(n: unknown): string {
  if (!isTreeNode(n)) return n === null ? 'null' : n === undefined ? 'nothing' : typeof n;
  const own = (k: string) => (Object.hasOwn(n, k) ? n[k] : undefined);
  switch (n['type']) {
    case 'Identifier':
      return `Identifier ${String(own('name'))}`;
    case 'Literal': {
      const v = own('value');
      return `Literal ${typeof v} ${typeof v === 'string' ? JSON.stringify(v) : String(v)}`;
    }
    case 'BinaryExpression':
    case 'LogicalExpression':
    case 'UnaryExpression':
    case 'UpdateExpression':
    case 'AssignmentExpression':
      return `${String(n['type'])} ${String(own('operator'))}`;
    case 'VariableDeclaration':
      return `VariableDeclaration ${String(own('kind'))}`;
    case 'Property':
      return `Property${own('computed') === true ? ' computed' : ''}`;
    case 'MemberExpression':
      return `MemberExpression${own('computed') === true ? ' computed' : ''}`;
    case 'FunctionDeclaration':
      return `FunctionDeclaration${own('async') === true ? ' async' : ''}`;
    default:
      return String(n['type']);
  }
}
