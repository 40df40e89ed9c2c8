// Regular-expression functions (SPEC §12.3). Pixie uses RE2; its syntax is close to JavaScript's for
// the patterns scripts use. Patterns are constants in practice, so each compiled pattern is cached.

import { type Family, pure } from './define.js';

export function registerRegex(f: Family): void {
  pure(f, 'regex_match', ['STRING,STRING'], regexMatch);
  pure(f, 'replace', ['STRING,STRING,STRING'], regexReplace);
  pure(f, '_match_regex_rule', ['STRING,STRING'], matchRegexRule);
}

const cache = new Map<string, RegExp | null>();

/** RE2 syntax → JS: `(?P<name>` groups become `(?<name>`. Null when the pattern does not compile. */
function compile(pattern: string, flags: string, anchored: boolean): RegExp | null {
  const key = `${flags}${anchored ? 'A' : ''}\u0000${pattern}`;
  let re = cache.get(key);
  if (re === undefined) {
    const source = pattern.replace(/\(\?P</g, '(?<');
    try {
      re = new RegExp(anchored ? `^(?:${source})$` : source, flags);
    } catch {
      re = null;
    }
    if (cache.size > 1000) cache.clear();
    cache.set(key, re);
  }
  return re;
}

/** regex_match(pattern, s): the whole of `s` must match; an invalid pattern matches nothing. */
export function regexMatch(pattern: string, s: string): boolean {
  const re = compile(pattern, 'su', true);
  return re !== null && re.test(s);
}

/** replace(pattern, s, rewrite): every match replaced; `\1`..`\9` name groups, `\\` is a backslash. */
export function regexReplace(pattern: string, s: string, rewrite: string): string {
  const re = compile(pattern, 'gsu', false);
  if (re === null) return `Invalid regex pattern: ${pattern}`;
  const groups = countGroups(re);
  let bad: string | undefined;
  const jsRewrite = rewrite.replace(/\$/g, '$$$$').replace(/\\(\d|\\)?/g, (m, g: string | undefined) => {
    if (g === '\\') return '\\';
    if (g === undefined || Number(g) > groups) bad ??= m;
    return g === undefined ? m : `$${g === '0' ? '&' : g}`;
  });
  if (bad !== undefined) return `Invalid rewrite pattern: ${rewrite}`;
  re.lastIndex = 0;
  return s.replace(re, jsRewrite);
}

function countGroups(re: RegExp): number {
  return (new RegExp(`${re.source}|`, re.flags.replace('g', '')).exec('')?.length ?? 1) - 1;
}

/** `rules` is a JSON object name → pattern; the name of the first rule whose pattern fully matches `s`, else "". */
export function matchRegexRule(rules: string, s: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rules);
  } catch {
    return '';
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return '';
  for (const [name, pattern] of Object.entries(parsed as Record<string, unknown>)) {
    if (typeof pattern === 'string' && regexMatch(pattern, s)) return name;
  }
  return '';
}
