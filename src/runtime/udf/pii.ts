// redact_pii_best_effort (SPEC §12.3): each detector tags its matches; overlapping tags keep the
// longest; tagged text becomes <REDACTED_$TYPE>. Detectors and markers follow Pixie's: IBAN
// (country length and mod-97 checked), e-mail, IPv6, IPv4, MAC address, IMEI (Luhn-checked),
// IMEISV, credit-card numbers (Luhn-checked) and US social security numbers (valid ranges only).

import { isIPv6 } from '../host.js';
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
  {
    pattern: /[A-Za-z]{2}[ -]?[0-9]{2}[ -]?(?:[A-Za-z0-9][ -]?){11,28}/g,
    marker: '<REDACTED_IBAN>',
    accept: validIban,
  },
  {
    pattern: /[0-9a-zA-Z!#$%&'*+\-/=?^_`{|}~.]+(?:@|%40)(?:[a-zA-Z0-9-]+[.])*[a-zA-Z0-9-]+/g,
    marker: '<REDACTED_EMAIL>',
    accept: always,
  },
  // Candidate runs of hex groups and colons (with an optional dotted tail), kept when they parse as IPv6.
  {
    pattern: new RegExp(`(?:[0-9a-fA-F]{0,4}:){2,7}(?:${IPV4}|[0-9a-fA-F]{1,4})?`, 'g'),
    marker: '<REDACTED_IPV6>',
    accept: (m) => isIPv6(m),
  },
  { pattern: new RegExp(IPV4, 'g'), marker: '<REDACTED_IPV4>', accept: always },
  { pattern: /(?:[0-9a-fA-F]{2}[-:]){5}[0-9a-fA-F]{2}/g, marker: '<REDACTED_MAC_ADDR>', accept: always },
  {
    pattern: /[0-9]{2}-[0-9]{6}-[0-9]{6}-[0-9]/g,
    marker: '<REDACTED_IMEI>',
    accept: (m) => luhn(m.replace(/[- ]/g, '')),
  },
  { pattern: /[0-9]{2}-[0-9]{6}-[0-9]{6}-[0-9]{2}/g, marker: '<REDACTED_IMEI>', accept: always },
  {
    pattern: /(?:[0-9][ -]*){12,18}[0-9]/g,
    marker: '<REDACTED_CC_NUMBER>',
    accept: (m) => luhn(m.replace(/[- ]/g, '')),
  },
  { pattern: /\d{3}[ -]+\d{2}[ -]+\d{4}/g, marker: '<REDACTED_SSN>', accept: validSsn },
];

/** IBAN lengths by country (ISO 13616 registry), the countries Pixie recognizes. */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AL: 28,
  AD: 24,
  AT: 20,
  AZ: 28,
  BE: 16,
  BH: 22,
  BY: 28,
  BA: 20,
  BR: 29,
  BG: 22,
  CR: 22,
  HR: 21,
  CY: 28,
  CZ: 24,
  DK: 18,
  DO: 28,
  EE: 20,
  FO: 18,
  FI: 18,
  FR: 27,
  GE: 22,
  DE: 22,
  GI: 23,
  GR: 27,
  GL: 18,
  GT: 28,
  HU: 28,
  IS: 26,
  IE: 22,
  IL: 23,
  IT: 27,
  IQ: 23,
  JO: 30,
  KZ: 20,
  KW: 30,
  LV: 21,
  LB: 28,
  LI: 21,
  LT: 20,
  LU: 20,
  MK: 19,
  MT: 31,
  MR: 27,
  MU: 30,
  MC: 27,
  MD: 24,
  ME: 22,
  NL: 18,
  NO: 15,
  PK: 24,
  PS: 29,
  PL: 28,
  PT: 25,
  RO: 24,
  SM: 27,
  SA: 24,
  SV: 28,
  RS: 22,
  SK: 24,
  SI: 19,
  ES: 24,
  SE: 24,
  CH: 21,
  TN: 24,
  TR: 26,
  AE: 23,
  GB: 22,
  VG: 24,
  XK: 20,
  UA: 29,
  VA: 22,
  QA: 29,
  LC: 32,
  ST: 25,
  TL: 23,
  SC: 31,
};

/** Known country, at least the country's length, and the ISO 7064 mod-97 check (upper-case letters count). */
function validIban(match: string): boolean {
  const country = match.slice(0, 2).toUpperCase();
  const length = IBAN_LENGTHS[country];
  const compact = match.replace(/[- ]/g, '');
  if (length === undefined || compact.length < length) return false;
  const rotated = compact.slice(4) + compact.slice(0, 4);
  let digits = '';
  for (const c of rotated) {
    if (c >= '0' && c <= '9') digits += c;
    else if (c >= 'A' && c <= 'Z') digits += String(c.charCodeAt(0) - 55);
  }
  return digits !== '' && BigInt(digits) % 97n === 1n;
}

/** SSN area 001-665, 667-899; group not 00; serial not 0000. */
function validSsn(match: string): boolean {
  const d = match.replace(/[- ]/g, '');
  const area = Number(d.slice(0, 3));
  return area !== 0 && area !== 666 && area < 900 && d.slice(3, 5) !== '00' && d.slice(5, 9) !== '0000';
}

interface Tag {
  readonly start: number;
  readonly size: number;
  readonly marker: string;
}

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
    for (; j < tags.length && tags[j]!.start < first.start + first.size; j++)
      if (tags[j]!.size > best.size) best = tags[j]!;
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
