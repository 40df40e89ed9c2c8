// URI functions (SPEC §12.3): split a URI into its RFC 3986 parts as JSON, and put parts back together.

import { type Family, pure } from './define.js';

export function registerUri(f: Family): void {
  pure(f, 'uri_parse', ['STRING'], uriParse);
  pure(f, 'uri_recompose', ['STRING,STRING,STRING,INT64,STRING,STRING,STRING'], uriRecompose);
}

// RFC 3986 appendix B, with the authority split into user info, host and port.
const URI = /^(?:([A-Za-z][A-Za-z0-9+.-]*):)?(?:\/\/(?:([^/?#@]*)@)?(\[[^\]]*\]|[^/?#:]*)(?::(\d*))?)?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/s;

export function uriParse(text: string): string {
  const m = URI.exec(text);
  if (!m || /[\s<>"{}|^`\\]/.test(text)) return 'Failed to parse URI';
  const [, scheme, userInfo, host, port, path, query, fragment] = m;
  const out: Record<string, string | number> = {};
  if (scheme) out['scheme'] = scheme;
  if (userInfo) out['userInfo'] = userInfo;
  if (host) out['host'] = host;
  if (port) {
    const n = Number(port);
    if (n > 65535) return 'Failed to parse URI';
    out['port'] = n;
  }
  if (path) out['path'] = path;
  if (query) out['query'] = query;
  if (fragment) out['fragment'] = fragment;
  return JSON.stringify(out);
}

/** uri_recompose(scheme, userInfo, host, port, path, query, fragment); empty parts and port 0 are left out. */
export function uriRecompose(scheme: string, userInfo: string, host: string, port: bigint, path: string,
  query: string, fragment: string): string {
  let s = scheme ? `${scheme}:` : '';
  if (host || userInfo || port !== 0n) {
    s += '//';
    if (userInfo) s += `${userInfo}@`;
    s += host;
    if (port !== 0n) s += `:${port}`;
  }
  s += path;
  if (query) s += `?${query}`;
  if (fragment) s += `#${fragment}`;
  return s;
}
