// URI functions (SPEC §12.3), with the shapes Pixie's uriparser-based functions give: uri_parse lists
// the present parts as JSON (the path without its leading slash, the port as a number), uri_recompose
// always writes the path as absolute.

import { type Family, pure } from './define.js';
import { jsonString } from './json-text.js';

export function registerUri(f: Family): void {
  pure(f, 'uri_parse', ['STRING'], uriParse);
  pure(f, 'uri_recompose', ['STRING,STRING,STRING,INT64,STRING,STRING,STRING'], uriRecompose);
}

// RFC 3986 appendix B, with the authority split into user info, host and port.
const URI =
  /^(?:([A-Za-z][A-Za-z0-9+.-]*):)?(?:\/\/(?:([^/?#@]*)@)?(\[[^\]/?#]*\]|[^/?#:]*)(?::([^/?#]*))?)?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/s;
// Characters a URI may hold (RFC 3986 reserved + unreserved), and percent escapes.
const URI_CHARS = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;
const INT32_MAX = 2147483647;

export function uriParse(text: string): string {
  const m = URI_CHARS.test(text) ? URI.exec(text) : null;
  if (!m) return 'Failed to parse URI';
  const [, scheme, userInfo, host, port, path, query, fragment] = m;
  if (port !== undefined && !/^\d*$/.test(port)) return 'Failed to parse URI';
  const parts: string[] = [];
  const add = (key: string, value: string | undefined) => {
    if (value !== undefined) parts.push(`"${key}":${jsonString(value)}`);
  };
  add('scheme', scheme);
  add('userInfo', userInfo);
  add('host', host);
  if (port !== undefined) {
    if (port === '' || Number(port) > INT32_MAX) return 'Port parsing failed.';
    parts.push(`"port":${Number(port)}`);
  }
  if (path !== undefined && path !== '') add('path', path.startsWith('/') ? path.slice(1) : path);
  add('query', query);
  add('fragment', fragment);
  return `{${parts.join(',')}}`;
}

/** uri_recompose(scheme, userInfo, host, port, path, query, fragment); empty parts and port 0 are left out. */
export function uriRecompose(
  scheme: string,
  userInfo: string,
  host: string,
  port: bigint,
  path: string,
  query: string,
  fragment: string,
): string {
  if (port < 0n) return 'Failed to recompose URI';
  let s = scheme ? `${scheme}:` : '';
  if (host) s += `//${userInfo ? `${userInfo}@` : ''}${host}${port !== 0n ? `:${port}` : ''}`;
  s += `/${path}`;
  if (query) s += `?${query}`;
  if (fragment) s += `#${fragment}`;
  return s;
}
