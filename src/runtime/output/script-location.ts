// Where in the PxL script a run-time error happened: the compiled module's frame in the error's stack, mapped back
// through the module's source map (inline, or OUT.js.map beside it) to the script's line and column, shown like a
// compile error with the source line and a caret. Needs no --enable-source-maps: the map is read here, only when an
// error is being reported, and decoded by Node's own source-map reader (node:module's SourceMap). With
// --enable-source-maps Node has already rewritten the frame to the script's position, which is then taken as is.

import { readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface ScriptLocation {
  readonly line: number;
  readonly col: number;
  readonly lineText: string;
}

interface Frame {
  /** file: URL of the frame's file. */
  readonly url: string;
  /** 1-based, as stacks print them. */
  readonly line: number;
  readonly col: number;
}

/** The script position of the innermost frame of `error` inside the module at `modulePath`, if it has a map. */
export function scriptLocation(error: unknown, modulePath: string): ScriptLocation | undefined {
  const stack = error instanceof Error ? error.stack : undefined;
  if (!stack) return undefined;
  const payload = readMap(modulePath);
  if (!payload) return undefined;
  const moduleUrl = pathToFileURL(modulePath).href;
  const frames = stackFrames(stack);
  const own = frames.find((f) => f.url === moduleUrl);
  if (own) {
    const entry = new SourceMap(payload).findEntry(own.line - 1, own.col - 1);
    // An entry of another generated line, or one mapped to no source, says nothing of this frame.
    if (!('originalSource' in entry) || entry.generatedLine !== own.line - 1 || entry.originalSource === undefined)
      return undefined;
    return located(payload, payload.sources.indexOf(entry.originalSource), entry.originalLine, entry.originalColumn);
  }
  // Under --enable-source-maps the frame names the script itself (its map source, resolved against the module).
  const scripts = payload.sources.map((s) => new URL(s, moduleUrl).href);
  for (const f of frames) {
    const source = scripts.indexOf(f.url);
    if (source >= 0) return located(payload, source, f.line - 1, f.col - 1);
  }
  return undefined;
}

/** The frames of a V8 stack, innermost first, their files as file: URLs. */
function stackFrames(stack: string): Frame[] {
  const frames: Frame[] = [];
  for (const m of stack.matchAll(/\(?((?:file:\/\/)?[^\s()]+):(\d+):(\d+)\)?$/gm)) {
    const file = m[1]!;
    let url: string;
    try {
      url = file.startsWith('file:') ? file : pathToFileURL(file).href;
    } catch {
      continue;
    }
    frames.push({ url, line: Number(m[2]), col: Number(m[3]) });
  }
  return frames;
}

function located(payload: SourceMapPayload, source: number, line: number, column: number): ScriptLocation {
  const text = payload.sourcesContent?.[source] ?? undefined;
  const lineText = text?.split('\n')[line]?.replace(/\r$/, '') ?? '';
  return { line: line + 1, col: column + 1, lineText };
}

/** `path:line:col: error: message`, the source line and a caret, as compile errors look. */
export function renderLocated(path: string, where: ScriptLocation, message: string): string {
  const gutter = String(where.line);
  const pad = where.lineText.slice(0, where.col - 1).replace(/[^\t]/g, ' ');
  const lines = [`${path}:${where.line}:${where.col}: error: ${message}`];
  if (where.lineText.trim() !== '') {
    lines.push(
      `${' '.repeat(gutter.length)} |`,
      `${gutter} | ${where.lineText}`,
      `${' '.repeat(gutter.length)} | ${pad}^`,
    );
  }
  return lines.join('\n');
}

function readMap(modulePath: string): SourceMapPayload | undefined {
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
    const text = inline
      ? Buffer.from(inline[1]!, 'base64').toString('utf8')
      : readFileSync(ref.startsWith('file:') ? fileURLToPath(ref) : join(dirname(modulePath), decodeURI(ref)), 'utf8');
    const map = JSON.parse(text) as Partial<SourceMapPayload>;
    return typeof map.mappings === 'string' && Array.isArray(map.sources) ? (map as SourceMapPayload) : undefined;
  } catch {
    return undefined;
  }
}
