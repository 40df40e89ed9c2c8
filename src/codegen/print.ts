// ESTree → JavaScript text (escodegen), with a source map back to the .pxl when one is wanted.

import escodegen from 'escodegen';
import type * as es from 'estree';

export interface SourceMapRequest {
  /** The script's path as the map names it. */
  readonly source: string;
  readonly sourceText: string;
  /** The generated file's name, for the map's `file`. */
  readonly file: string;
}

export function printProgram(program: es.Program, header: string): string {
  const code = escodegen.generate(program as never, { format: { indent: { style: '  ' }, quotes: 'single' } });
  return `${header}\n${code}\n`;
}

/**
 * The module and its source map (version 3 JSON). The header line is one line above the code, which the map's
 * mappings account for with a leading ';'. Nodes without a location take their parent's, so every token of an
 * operator maps to the PxL it came from (a stack frame's column anywhere in a line finds its statement).
 */
export function printProgramWithMap(program: es.Program, header: string, request: SourceMapRequest): { code: string; map: string } {
  inheritLoc(program, undefined);
  const out = escodegen.generate(program as never, {
    format: { indent: { style: '  ' }, quotes: 'single' },
    sourceMap: request.source, sourceMapWithCode: true, sourceContent: request.sourceText, file: request.file,
  } as never) as unknown as { code: string; map: { toJSON(): { mappings: string } & Record<string, unknown> } };
  const map = out.map.toJSON();
  return { code: `${header}\n${out.code}\n`, map: JSON.stringify({ ...map, mappings: `;${map.mappings}` }) };
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
