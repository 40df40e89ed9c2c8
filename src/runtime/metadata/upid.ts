// Unique process IDs (UPIDs): 128 bits = asid (32) | pid (32) | process start time in ns (64).
// Pixie prints them as UUID-style hex in tables and as `asid:pid:start` from upid_to_string.

const MASK32 = 0xffff_ffffn;
const MASK64 = 0xffff_ffff_ffff_ffffn;

export interface UpidParts {
  readonly asid: number;
  readonly pid: number;
  readonly startTs: bigint;
}

export function makeUpid(asid: number | bigint, pid: number | bigint, startTs: bigint): bigint {
  return ((BigInt(asid) & MASK32) << 96n) | ((BigInt(pid) & MASK32) << 64n) | (BigInt.asUintN(64, startTs) & MASK64);
}

export function upidParts(upid: bigint): UpidParts {
  return {
    asid: Number((upid >> 96n) & MASK32),
    pid: Number((upid >> 64n) & MASK32),
    startTs: BigInt.asIntN(64, upid & MASK64),
  };
}

/** `00000001-0000-04d2-0000-0000075bcd15`: the form Pixie's tables and `px run` show. */
export function formatUint128(v: bigint): string {
  const hex = BigInt.asUintN(128, v).toString(16).padStart(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `asid:pid:start`, the form upid_to_string gives. */
export function upidToString(upid: bigint): string {
  const p = upidParts(upid);
  return `${p.asid}:${p.pid}:${p.startTs}`;
}

/**
 * Reads a UINT128 written in any of the forms we print or accept in data files: UUID-style hex, `asid:pid:start`,
 * `0x…` hex or a decimal integer. Undefined when the text is none of them.
 */
export function parseUint128(text: string): bigint | undefined {
  const s = text.trim();
  if (/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(s)) {
    return BigInt(`0x${s.replaceAll('-', '')}`);
  }
  const parts = /^(\d+):(\d+):(-?\d+)$/.exec(s);
  if (parts) {
    const [asid, pid] = [BigInt(parts[1]!), BigInt(parts[2]!)];
    if (asid > MASK32 || pid > MASK32) return undefined;
    return makeUpid(asid, pid, BigInt(parts[3]!));
  }
  if (/^0x[0-9a-fA-F]{1,32}$/.test(s) || /^\d{1,39}$/.test(s)) {
    const v = BigInt(s);
    return v <= (1n << 128n) - 1n ? v : undefined;
  }
  return undefined;
}
