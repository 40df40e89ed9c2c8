// Regular-expression functions (SPEC §12.3). Pixie uses RE2; JavaScript's syntax covers the patterns
// scripts use once RE2's `(?P<name>` groups and leading `(?i)`-style flag groups are translated.
// Patterns are constants in practice, so compiled patterns are cached.

import { PxlRuntimeError } from '../contracts.js';
import { type Family, pure } from './define.js';

export function registerRegex(f: Family): void {
  pure(f, 'regex_match', ['STRING,STRING'], regexMatch);
  pure(f, 'replace', ['STRING,STRING,STRING'], regexReplace);
  pure(f, '_match_regex_rule', ['STRING,STRING'], matchRegexRule);
}

type Compiled = { readonly re: RegExp; readonly groups: number } | { readonly error: string };

const cache = new Map<string, Compiled>();

/** `dotNl`: `.` matches a newline too (regex_match sets RE2's dot_nl; replace does not). */
function compile(pattern: string, dotNl: boolean, anchored: boolean): Compiled {
  const key = `${dotNl ? 's' : ''}${anchored ? 'A' : ''}\u0000${pattern}`;
  let c = cache.get(key);
  if (c === undefined) {
    c = translate(pattern, dotNl, anchored);
    if (cache.size > 1000) cache.clear();
    cache.set(key, c);
  }
  return c;
}

// Letters and digits RE2 accepts after a backslash; others (\K, backreferences \1..\9) are errors there
// even where JavaScript would read them as something.
const RE2_ESCAPES = /^[afntrvdDsSwWbBAzpPxQEC0]$/;

function translate(pattern: string, dotNl: boolean, anchored: boolean): Compiled {
  const badEscape = /\\([A-Za-z0-9])/g;
  for (let m = badEscape.exec(pattern); m; m = badEscape.exec(pattern)) {
    // An escaped backslash before the letter makes the letter literal.
    const backslashes = /\\*$/.exec(pattern.slice(0, m.index + 1))![0].length;
    if (backslashes % 2 === 1 && !RE2_ESCAPES.test(m[1]!)) return { error: `invalid escape sequence: \\${m[1]}` };
  }
  let source = pattern;
  let flags = dotNl ? 's' : '';
  const lead = /^\(\?([imsU]+)\)/.exec(source);
  if (lead) {
    source = source.slice(lead[0].length);
    for (const f of lead[1]!) if (f !== 'U' && !flags.includes(f)) flags += f;
  }
  source = source
    .replace(/\(\?P</g, '(?<')
    .replace(/\\A/g, '^')
    .replace(/\\z/g, '$(?![\\s\\S])');
  try {
    const re = new RegExp(anchored ? `^(?:${source})$` : source, `${flags}g`);
    const groups = (new RegExp(`${source}|`, flags).exec('')?.length ?? 1) - 1;
    return { re, groups };
  } catch (e) {
    return { error: (e as Error).message.replace(/^Invalid regular expression: /, '') };
  }
}

/** regex_match(pattern, s): the whole of `s` must match; an invalid pattern matches nothing. */
export function regexMatch(pattern: string, s: string): boolean {
  const c = compile(pattern, true, true);
  if ('error' in c) return false;
  c.re.lastIndex = 0;
  return c.re.test(s);
}

/** replace(pattern, s, rewrite): every match replaced; `\0`..`\9` refer to groups, `\\` is a backslash. */
export function regexReplace(pattern: string, s: string, rewrite: string): string {
  const c = compile(pattern, false, false);
  if ('error' in c) return `Invalid regex expr: ${c.error}`;
  let problem: string | undefined;
  // `$` is literal in RE2 rewrites; in a JS replacement it must be written `$$`.
  const jsRewrite = rewrite.replace(/\$/g, '$$$$').replace(/\\(.?)/gs, (_m, g: string) => {
    if (g === '\\') return '\\';
    if (!/^\d$/.test(g)) {
      problem ??= "Rewrite schema error: '\\' must be followed by a digit or '\\'.";
      return '';
    }
    if (Number(g) > c.groups) {
      problem ??= `Rewrite schema requests ${g} matches, but the regexp only has ${c.groups} parenthesized subexpressions.`;
    }
    return g === '0' ? '$&' : `$${g}`;
  });
  if (problem !== undefined) return `Invalid regex in substitution string: ${problem}`;
  c.re.lastIndex = 0;
  return s.replace(c.re, jsRewrite);
}

/** `rules` is a JSON object name → pattern; the name of the first rule whose pattern fully matches `s`, else "". */
export function matchRegexRule(rules: string, s: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rules);
  } catch {
    // Pixie fails the query when the rules do not parse (MatchRegexRule::Init).
    throw new PxlRuntimeError('_match_regex_rule: unable to parse string as json');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return '';
  for (const [name, pattern] of Object.entries(parsed as Record<string, unknown>)) {
    if (typeof pattern === 'string' && regexMatch(pattern, s)) return name;
  }
  return '';
}
