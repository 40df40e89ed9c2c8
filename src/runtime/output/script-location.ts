// Where in the PxL script a run-time error happened: the compiled module's frame in the error's stack, mapped back
// through the module's source map (inline, or OUT.js.map beside it) to the script's line and column, shown like a
// compile error with the source line and a caret. Needs no --enable-source-maps: the map is read here, only when an
// error is being reported.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface ScriptLocation {
  readonly line: number;
  readonly col: number;
  readonly lineText: string;
}

interface RawMap {
  readonly mappings: string;
  readonly sourcesContent?: readonly (string | null)[];
}

/** The script position of the innermost frame of `error` inside the module at `modulePath`, if it has a map. */
export function scriptLocation(error: unknown, modulePath: string): ScriptLocation | undefined {
  const stack = error instanceof Error ? error.stack : undefined;
  if (!stack) return undefined;
  const url = pathToFileURL(modulePath).href;
  let frame: { line: number; col: number } | undefined;
  for (const m of stack.matchAll(/\(?((?:file:\/\/)?[^\s()]+):(\d+):(\d+)\)?$/gm)) {
    const file = m[1]!;
    if (file === url || file === modulePath) {
      frame = { line: Number(m[2]), col: Number(m[3]) };
      break;
    }
  }
  if (!frame) return undefined;
  const map = readMap(modulePath);
  if (!map) return undefined;
  const original = originalPosition(map.mappings, frame.line - 1, frame.col - 1);
  if (!original) return undefined;
  const text = map.sourcesContent?.[original.source] ?? undefined;
  const lineText = text?.split('\n')[original.line]?.replace(/\r$/, '') ?? '';
  return { line: original.line + 1, col: original.column + 1, lineText };
}

/** `path:line:col: error: message`, the source line and a caret, as compile errors look. */
export function renderLocated(path: string, where: ScriptLocation, message: string): string {
  const gutter = String(where.line);
  const pad = where.lineText.slice(0, where.col - 1).replace(/[^\t]/g, ' ');
  const lines = [`${path}:${where.line}:${where.col}: error: ${message}`];
  if (where.lineText.trim() !== '') {
    lines.push(`${' '.repeat(gutter.length)} |`, `${gutter} | ${where.lineText}`, `${' '.repeat(gutter.length)} | ${pad}^`);
  }
  return lines.join('\n');
}

function readMap(modulePath: string): RawMap | undefined {
  let code: string;
  try {
    code = readFileSync(modulePath, 'utf8');
  } catch {
    return undefined;
  }
  const ref = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(code)?.[1];
  if (!ref) return undefined;
  try {
    const inline = /^data:application\/json;(?:charset=utf-8;)?base64,(.*)$/.exec(ref);
    const text = inline ? Buffer.from(inline[1]!, 'base64').toString('utf8') : readFileSync(ref.startsWith('file:') ? fileURLToPath(ref) : join(dirname(modulePath), decodeURI(ref)), 'utf8');
    const map = JSON.parse(text) as RawMap;
    return typeof map.mappings === 'string' ? map : undefined;
  } catch {
    return undefined;
  }
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * The original position of generated (line, column), both 0-based: the last mapped segment of that line at or
 * before the column (Source Map v3: ';' separates lines, ',' segments, fields are base64 VLQ deltas).
 */
export function originalPosition(mappings: string, line: number, column: number): { source: number; line: number; column: number } | undefined {
  let source = 0;
  let origLine = 0;
  let origCol = 0;
  let best: { source: number; line: number; column: number } | undefined;
  const lines = mappings.split(';');
  for (let l = 0; l < lines.length && l <= line; l++) {
    let genCol = 0;
    for (const segment of lines[l]!.split(',')) {
      if (segment === '') continue;
      const f = decodeVlq(segment);
      genCol += f[0]!;
      if (f.length < 4) {
        if (l === line && genCol <= column) best = undefined;
        continue;
      }
      source += f[1]!;
      origLine += f[2]!;
      origCol += f[3]!;
      if (l === line && genCol <= column) best = { source, line: origLine, column: origCol };
    }
  }
  return best;
}

function decodeVlq(segment: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = BASE64.indexOf(ch);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    out.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return out;
}
