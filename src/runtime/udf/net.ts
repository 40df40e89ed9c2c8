// Network functions (SPEC §12.4): CIDR membership for IPv4 and IPv6 addresses.

import { isIP } from '../host.js';
import { type Family, pure } from './define.js';

export function registerNet(f: Family): void {
  pure(f, 'cidrs_contain_ip', ['STRING,STRING'], cidrsContainIp);
}

interface Cidr {
  readonly bits: 32 | 128;
  readonly base: bigint;
  readonly prefix: number;
}

/** `cidrs` is a JSON array of CIDR strings; malformed entries never match. */
export function cidrsContainIp(cidrs: string, ip: string): boolean {
  const addr = parseIp(ip);
  if (!addr) return false;
  let list: unknown;
  try {
    list = JSON.parse(cidrs);
  } catch {
    return false;
  }
  // A non-string element makes the whole list unusable, as in Pixie; malformed CIDRs are skipped.
  if (!Array.isArray(list) || !list.every((c) => typeof c === 'string')) return false;
  return (list as string[]).some((c) => {
    const cidr = parseCidr(c);
    return cidr !== undefined && cidrContains(cidr, addr);
  });
}

function cidrContains(c: Cidr, addr: { bits: 32 | 128; value: bigint }): boolean {
  if (c.bits !== addr.bits) return false;
  const shift = BigInt(c.bits - c.prefix);
  return addr.value >> shift === c.base >> shift;
}

export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const addr = parseIp(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (!addr || !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > addr.bits) return undefined;
  return { bits: addr.bits, base: addr.value, prefix };
}

/** An IPv4 or IPv6 address as an integer of 32 or 128 bits. */
export function parseIp(text: string): { bits: 32 | 128; value: bigint } | undefined {
  const kind = isIP(text);
  if (kind === 4) {
    return { bits: 32, value: text.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n) };
  }
  if (kind === 6) return { bits: 128, value: parseIpv6(text) };
  return undefined;
}

function parseIpv6(text: string): bigint {
  let s = text;
  // A trailing dotted IPv4 part (::ffff:1.2.3.4) becomes two hex groups.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    s = `${s.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = s.includes('::') ? (s.split('::') as [string, string]) : [s, undefined];
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = tail === undefined ? [] : Array<string>(8 - headGroups.length - tailGroups.length).fill('0');
  return [...headGroups, ...zeros, ...tailGroups].reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}
