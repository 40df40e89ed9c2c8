// The command-line flags that say where exports go and how (the compiled module's and `pxlc resend`'s), declared
// once: name, value, help and what each sets. Each is the flag form of an OTEL_EXPORTER_OTLP_* setting.

import { readFileSync } from 'node:fs';
import { ExporterConfigError, keyValueFlag, PROTOCOLS, type Compression, type OtlpProtocol } from './otel/config.js';
import { parseDurationFlag } from './flag-values.js';

/** What the export flags set: a mutable ExporterSettings plus the context's resource attributes. */
export interface ExportFlagValues {
  endpoint?: string;
  protocol?: OtlpProtocol;
  headers?: [string, string][];
  insecure?: boolean;
  caPem?: Buffer;
  clientKeyPem?: Buffer;
  clientCertPem?: Buffer;
  compression?: Compression;
  timeoutMs?: number;
  resourceAttributes?: (readonly [string, string])[];
}

export interface ExportFlag {
  readonly name: string;
  /** The value's placeholder in the help; absent for a switch. */
  readonly value?: string;
  readonly help: string;
  /** Only for the compiled module (not `pxlc resend`, which re-sends finished requests). */
  readonly moduleOnly?: boolean;
  apply(into: ExportFlagValues, value: string): void;
}

function readPem(path: string, flag: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new ExporterConfigError(`${flag}: cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

export const EXPORT_FLAGS: readonly ExportFlag[] = [
  {
    name: '--endpoint', value: 'HOST:PORT|URL',
    help: "send OTel exports here (overrides the script's px.otel.Endpoint url); for OTLP/HTTP a base URL, to which /v1/metrics, /v1/traces or /v1/logs is added",
    apply: (o, v) => { o.endpoint = v; },
  },
  {
    name: '--protocol', value: PROTOCOLS.join('|'), help: 'OTLP over gRPC (the default, as Pixie sends) or over HTTP with protobuf or JSON bodies',
    apply: (o, v) => {
      const p = PROTOCOLS.find((x) => x === v);
      if (!p) throw new ExporterConfigError(`--protocol must be ${PROTOCOLS.join(', ')}, not '${v}'`);
      o.protocol = p;
    },
  },
  {
    name: '--header', value: 'KEY=VALUE', help: "send this header (gRPC metadata) with every request, e.g. an API key; repeat for each; never printed",
    apply: (o, v) => { o.headers = [...(o.headers ?? []), keyValueFlag(v, '--header')]; },
  },
  { name: '--insecure', help: 'plaintext: no TLS (an http:// endpoint is plaintext too)', apply: (o) => { o.insecure = true; } },
  { name: '--ca', value: 'FILE', help: "trust this CA certificate (PEM) for the collector's TLS certificate", apply: (o, v) => { o.caPem = readPem(v, '--ca'); } },
  { name: '--client-key', value: 'FILE', help: 'mTLS: this private key (PEM), with --client-cert', apply: (o, v) => { o.clientKeyPem = readPem(v, '--client-key'); } },
  { name: '--client-cert', value: 'FILE', help: 'mTLS: this client certificate chain (PEM), with --client-key', apply: (o, v) => { o.clientCertPem = readPem(v, '--client-cert'); } },
  {
    name: '--compression', value: 'gzip|none', help: 'compress requests (default gzip)',
    apply: (o, v) => {
      if (v !== 'gzip' && v !== 'none') throw new ExporterConfigError(`--compression must be gzip or none, not '${v}'`);
      o.compression = v;
    },
  },
  {
    name: '--timeout', value: 'DURATION', help: 'deadline of each request, e.g. 10s (the default), 500ms',
    apply: (o, v) => {
      const ns = parseDurationFlag(v, '--timeout');
      if (ns < 1_000_000n) throw new ExporterConfigError('--timeout must be at least 1ms');
      o.timeoutMs = Number(ns / 1_000_000n);
    },
  },
  {
    name: '--resource-attribute', value: 'KEY=VALUE', moduleOnly: true,
    help: 'add this attribute to the resource of every export (repeat for each), as Pixie adds its execution context\'s (e.g. px.cloud.address)',
    apply: (o, v) => { o.resourceAttributes = [...(o.resourceAttributes ?? []), keyValueFlag(v, '--resource-attribute')]; },
  },
];

/**
 * Applies `argv[i]` if it is an export flag (taking its value from argv[i + 1]); returns how many arguments it used
 * (0: not an export flag).
 */
export function applyExportFlag(argv: readonly string[], i: number, into: ExportFlagValues, forModule = true): number {
  const flag = EXPORT_FLAGS.find((f) => f.name === argv[i] && (forModule || !f.moduleOnly));
  if (!flag) return 0;
  if (flag.value === undefined) {
    flag.apply(into, '');
    return 1;
  }
  const v = argv[i + 1];
  if (v === undefined) throw new ExporterConfigError(`${flag.name} needs a value (${flag.value})`);
  flag.apply(into, v);
  return 2;
}

/** The flags' lines of a usage text. */
export function exportFlagsHelp(forModule = true): string {
  return EXPORT_FLAGS.filter((f) => forModule || !f.moduleOnly).map((f) => {
    const head = `  ${f.name}${f.value ? ` ${f.value}` : ''}`;
    return head.length < 24 ? `${head.padEnd(24)}${f.help}` : `${head}\n${' '.repeat(24)}${f.help}`;
  }).join('\n');
}
