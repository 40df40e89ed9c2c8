// JSON functions (SPEC §12.3): pluck*, has_value and friends, and _script_reference's deep-link object.

import { type Family, pure } from './define.js';
import { compactJson, isDoubleLexeme, jsonString, rawElements, rawMember } from './json-text.js';

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

export function registerJson(f: Family): void {
  pure(f, 'pluck', ['STRING,STRING'], pluck);
  pure(f, 'pluck_int64', ['STRING,STRING'], pluckInt64);
  pure(f, 'pluck_float64', ['STRING,STRING'], pluckFloat64);
  pure(f, 'pluck_array', ['STRING,INT64'], pluckArray);
  pure(f, 'has_value', ['STRING,STRING'], hasValue);
  pure(f, 'has_service_name', ['STRING,STRING'], hasValue);
  pure(f, 'has_service_id', ['STRING,STRING'], hasValue);
  const refSigs = [2, 4, 6, 8, 10, 12, 14, 16, 18].map((n) => Array<string>(n).fill('STRING').join(','));
  pure(f, '_script_reference', refSigs, scriptReference);
}

/** The member as text: strings unquoted, null as "", anything else compact JSON. */
export function pluck(json: string, key: string): string {
  const raw = rawMember(json, key);
  if (raw === undefined || raw === 'null') return '';
  return raw.startsWith('"') ? (JSON.parse(raw) as string) : compactJson(raw);
}

/** An integer member exactly; 0 when missing or not an integer that fits int64. */
export function pluckInt64(json: string, key: string): bigint {
  const raw = rawMember(json, key);
  if (raw === undefined || !/^-?\d+$/.test(raw)) return 0n;
  const v = BigInt(raw);
  return v < INT64_MIN || v > INT64_MAX ? 0n : v;
}

/**
 * A member stored as a double; 0 otherwise. As in Pixie (rapidjson's IsDouble), a number written as
 * an integer is not a double: pluck_float64('{"a": 2}', 'a') is 0, while '{"a": 2.0}' gives 2.
 */
export function pluckFloat64(json: string, key: string): number {
  const raw = rawMember(json, key);
  if (raw === undefined || !/^-?\d/.test(raw) || !isDoubleLexeme(raw)) return 0;
  return Number(raw);
}

/** Element `index` of a JSON array as text (strings unquoted); "" when not an array or out of range. */
export function pluckArray(json: string, index: bigint): string {
  const items = rawElements(json);
  if (!items || index < 0n || index >= BigInt(items.length)) return '';
  const raw = items[Number(index)]!;
  if (raw === 'null') return '';
  return raw.startsWith('"') ? (JSON.parse(raw) as string) : compactJson(raw);
}

/**
 * When the first argument is a JSON array: whether `value` is one of its strings (scanning stops,
 * false, at the first element that is not a string). Otherwise: whether the two are equal.
 */
export function hasValue(arrayOrValue: string, value: string): boolean {
  const items = rawElements(arrayOrValue);
  if (!items) return arrayOrValue === value;
  for (const raw of items) {
    if (!raw.startsWith('"')) return false;
    if (JSON.parse(raw) === value) return true;
  }
  return false;
}

/** {"label":…,"script":…,"args":{name0:value0,…}} from label, script and alternating arg names and values. */
export function scriptReference(label: string, script: string, ...args: string[]): string {
  const members: string[] = [];
  for (let i = 0; i + 1 < args.length; i += 2) members.push(`${jsonString(args[i]!)}:${jsonString(args[i + 1]!)}`);
  return `{"label":${jsonString(label)},"script":${jsonString(script)},"args":{${members.join(',')}}}`;
}
