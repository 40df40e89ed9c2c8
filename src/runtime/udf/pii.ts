// redact_pii_best_effort (SPEC §12.3): each detector tags its matches; overlapping tags keep the
// longest; tagged text becomes <REDACTED_$TYPE>. Detectors and markers follow Pixie's: e-mail,
// IPv6, IPv4, MAC address, IMEI (Luhn-checked), IMEISV and credit-card numbers (Luhn-checked).

import { isIPv6 } from 'node:net';
import { type Family, pure } from './define.js';

interface Detector {
  readonly pattern: RegExp;
  readonly marker: string;
  readonly accept: (match: string) => boolean;
}

const OCTET = '(?:25[0-5]|2[0-4][0-9]|[01]?[0-9]{1,2})';
const IPV4 = `${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}`;
const always = () => true;

// Order matters where tags tie in length: earlier detectors win (e-mail before IP, IPv6 before IPv4).
const DETECTORS: readonly Detector[] = [
  { pattern: /[0-9a-zA-Z!#$%&'*+\-/=?^_`{|}~.]+(?:@|%40)(?:[a-zA-Z0-9-]+[.])*[a-zA-Z0-9-]+/g, marker: '<REDACTED_EMAIL>', accept: always },
  // Candidate runs of hex groups and colons (with an optional dotted tail), kept when they parse as IPv6.
  { pattern: new RegExp(`(?:[0-9a-fA-F]{0,4}:){2,7}(?:${IPV4}|[0-9a-fA-F]{1,4})?`, 'g'), marker: '<REDACTED_IPV6>', accept: (m) => isIPv6(m) },
  { pattern: new RegExp(IPV4, 'g'), marker: '<REDACTED_IPV4>', accept: always },
  { pattern: /(?:[0-9a-fA-F]{2}[-:]){5}[0-9a-fA-F]{2}/g, marker: '<REDACTED_MAC_ADDR>', accept: always },
  { pattern: /[0-9]{2}-[0-9]{6}-[0-9]{6}-[0-9]/g, marker: '<REDACTED_IMEI>', accept: (m) => luhn(m.replace(/[- ]/g, '')) },
  { pattern: /[0-9]{2}-[0-9]{6}-[0-9]{6}-[0-9]{2}/g, marker: '<REDACTED_IMEI>', accept: always },
  { pattern: /(?:[0-9][ -]*){12,18}[0-9]/g, marker: '<REDACTED_CC_NUMBER>', accept: (m) => luhn(m.replace(/[- ]/g, '')) },
];

interface Tag { readonly start: number; readonly size: number; readonly marker: string }

export function registerPii(f: Family): void {
  pure(f, 'redact_pii_best_effort', ['STRING'], redactPii);
}

export function redactPii(input: string): string {
  const tags: Tag[] = [];
  for (const d of DETECTORS) {
    d.pattern.lastIndex = 0;
    for (const m of input.matchAll(d.pattern)) {
      if (m[0].length > 0 && d.accept(m[0])) tags.push({ start: m.index, size: m[0].length, marker: d.marker });
    }
  }
  if (tags.length === 0) return input;
  tags.sort((a, b) => a.start - b.start);
  let out = '';
  let pos = 0;
  for (let i = 0; i < tags.length;) {
    // The group of tags starting inside the first one's span; the longest (earliest on ties) wins.
    const first = tags[i]!;
    let best = first;
    let j = i + 1;
    for (; j < tags.length && tags[j]!.start < first.start + first.size; j++) if (tags[j]!.size > best.size) best = tags[j]!;
    if (best.start >= pos) {
      out += input.slice(pos, best.start) + best.marker;
      pos = best.start + best.size;
    }
    i = j;
  }
  return out + input.slice(pos);
}

/** The Luhn check digit test used for card numbers and IMEIs. */
export function luhn(digits: string): boolean {
  let sum = 0;
  const n = digits.length;
  for (let k = 0; k < n - 1; k++) {
    let v = digits.charCodeAt(n - 2 - k) - 48;
    if (k % 2 === 0) v *= 2;
    if (v > 9) v -= 9;
    sum += v;
  }
  return digits.charCodeAt(n - 1) - 48 === (10 - (sum % 10)) % 10;
}
