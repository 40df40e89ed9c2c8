// Browser stand-in for src/runtime/host.ts. IPv4 in dotted decimal without leading zeros and IPv6 as the URL
// standard parses it (the rules Node's isIP follows, without zone ids); the CPU count the browser reports.

const V4_PART = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]\\d|\\d)';
const V4 = new RegExp(`^(?:${V4_PART}\\.){3}${V4_PART}$`);

export function isIPv6(text: string): boolean {
  if (!text.includes(':') || /[^0-9a-fA-F:.]/.test(text)) return false;
  try {
    return new URL(`http://[${text}]/`).hostname.length > 0;
  } catch {
    return false;
  }
}

export function isIP(text: string): 0 | 4 | 6 {
  return V4.test(text) ? 4 : isIPv6(text) ? 6 : 0;
}

export function cpuCount(): number {
  return Math.max(1, navigator.hardwareConcurrency || 1);
}
