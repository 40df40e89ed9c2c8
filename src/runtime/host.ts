// What the runtime asks of the machine it runs on: IP address syntax (Node's own rules) and the CPU count. The
// browser bundle replaces this module (web/browser/host.ts).

import { isIP, isIPv6 } from 'node:net';
import { cpus } from 'node:os';

export { isIP, isIPv6 };

export function cpuCount(): number {
  return Math.max(1, cpus().length);
}
