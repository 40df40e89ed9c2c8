// Reading JSON the way Pixie's rapidjson-based functions do: the first of duplicate keys wins, integers
// keep all 64 bits, and re-serialized values are compact. Values are returned as raw text slices so
// that int64 members never pass through a double.

/** Raw text of the first member `key` of a top-level JSON object; undefined if absent or not an object. */
export function rawMember(json: string, key: string): string | undefined {
  if (!isValidJson(json)) return undefined;
  let i = skipSpace(json, 0);
  if (json[i] !== '{') return undefined;
  i = skipSpace(json, i + 1);
  while (i < json.length && json[i] !== '}') {
    const keyEnd = skipValue(json, i);
    const name = JSON.parse(json.slice(i, keyEnd)) as string;
    i = skipSpace(json, skipSpace(json, keyEnd) + 1); // past ':'
    const end = skipValue(json, i);
    if (name === key) return json.slice(i, end);
    i = skipSpace(json, end);
    if (json[i] === ',') i = skipSpace(json, i + 1);
  }
  return undefined;
}

/** Raw text of the elements of a top-level JSON array; undefined if not an array. */
export function rawElements(json: string): string[] | undefined {
  if (!isValidJson(json)) return undefined;
  let i = skipSpace(json, 0);
  if (json[i] !== '[') return undefined;
  const out: string[] = [];
  i = skipSpace(json, i + 1);
  while (i < json.length && json[i] !== ']') {
    const end = skipValue(json, i);
    out.push(json.slice(i, end));
    i = skipSpace(json, end);
    if (json[i] === ',') i = skipSpace(json, i + 1);
  }
  return out;
}

function isValidJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function skipSpace(s: string, i: number): number {
  while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r')) i++;
  return i;
}

/** Index just past the value starting at `i` (the text is known to be valid JSON). */
function skipValue(s: string, i: number): number {
  let depth = 0;
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === '"') {
      for (i++; s[i] !== '"'; i++) if (s[i] === '\\') i++;
      if (depth === 0) return i + 1;
    } else if (c === '{' || c === '[') {
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i + 1;
      if (depth < 0) return i;
    } else if (depth === 0 && (c === ',' || c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ':')) {
      return i;
    }
  }
  return i;
}

/**
 * A JSON value re-serialized as rapidjson's Writer prints it: no whitespace outside strings, and
 * numbers that parse as doubles (a fraction or exponent, or too big for 64 bits) in double form.
 */
export function compactJson(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '"') {
      const start = i;
      for (i++; raw[i] !== '"'; i++) if (raw[i] === '\\') i++;
      out += raw.slice(start, i + 1);
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      const token = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(raw.slice(i))![0];
      out += isDoubleLexeme(token) ? formatDouble(Number(token)) : token;
      i += token.length - 1;
    } else if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') {
      out += c;
    }
  }
  return out;
}

const UINT64_MAX = (1n << 64n) - 1n;
const INT64_MIN = -(1n << 63n);

/** Whether rapidjson stores this number lexeme as a double rather than an integer. */
export function isDoubleLexeme(token: string): boolean {
  if (/[.eE]/.test(token)) return true;
  const v = BigInt(token);
  return v > UINT64_MAX || v < INT64_MIN;
}

/** A JSON string literal escaped as rapidjson escapes: only quote, backslash and control characters. */
export function jsonString(s: string): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code >= 0x20 && code !== 0x22 && code !== 0x5c) continue;
    out += s.slice(start, i) + ESCAPES[code]!;
    start = i + 1;
  }
  return `${out}${s.slice(start)}"`;
}

const ESCAPES: Record<number, string> = {
  0x22: '\\"',
  0x5c: '\\\\',
  0x08: '\\b',
  0x09: '\\t',
  0x0a: '\\n',
  0x0c: '\\f',
  0x0d: '\\r',
};
for (let c = 0; c < 0x20; c++) ESCAPES[c] ??= `\\u00${c.toString(16).toUpperCase().padStart(2, '0')}`;

/** A double as rapidjson writes it: shortest round-trip digits, `.0` on integral values, no `+` in exponents. */
export function formatDouble(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  const s = String(x).replace('e+', 'e');
  return /^-?\d+$/.test(s) ? `${s}.0` : s;
}
