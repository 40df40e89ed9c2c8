// The command-line flags that say where exports go and how (the compiled module's and `pxlc resend`'s), declared
// once: name, value, help and what each sets. Each is the flag form of an OTEL_EXPORTER_OTLP_* setting.

import { readFileSync } from 'node:fs';
import { ExporterConfigError, keyValueFlag, PROTOCOLS, type Compression, type OtlpProtocol } from './otel/config.js';
import { parseDurationFlag } from './flag-values.js';
import { UsageError, type OptionSpec, type OptionTable } from './cli-args.js';
import { PxlRuntimeError } from './contracts.js';

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

/** An export flag: its entry in a command's option table (src/runtime/cli-args.ts) and what its value sets. */
export interface ExportFlag extends OptionSpec {
  /** Only for the compiled module (not `pxlc resend`, which re-sends finished requests). */
  readonly moduleOnly?: boolean;
  apply(into: ExportFlagValues, value: string): void;
}

function readPem(path: string, flag: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new ExporterConfigError(
      `${flag}: cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
}

export const EXPORT_FLAGS: Readonly<Record<string, ExportFlag>> = {
  endpoint: {
    type: 'string',
    value: 'HOST:PORT|URL',
    help: "send OTel exports here (overrides the script's px.otel.Endpoint url); for OTLP/HTTP a base URL, to which /v1/metrics, /v1/traces or /v1/logs is added",
    apply: (o, v) => {
      o.endpoint = v;
    },
  },
  protocol: {
    type: 'string',
    choices: PROTOCOLS,
    help: 'OTLP over gRPC (the default, as Pixie sends) or over HTTP with protobuf or JSON bodies',
    apply: (o, v) => {
      o.protocol = PROTOCOLS.find((x) => x === v) ?? 'grpc';
    },
  },
  header: {
    type: 'string',
    value: 'KEY=VALUE',
    multiple: true,
    help: 'send this header (gRPC metadata) with every request, e.g. an API key; never printed',
    apply: (o, v) => {
      o.headers = [...(o.headers ?? []), keyValueFlag(v, '--header')];
    },
  },
  insecure: {
    type: 'boolean',
    help: 'plaintext: no TLS (an http:// endpoint is plaintext too)',
    apply: (o) => {
      o.insecure = true;
    },
  },
  ca: {
    type: 'string',
    value: 'FILE',
    help: "trust this CA certificate (PEM) for the collector's TLS certificate",
    apply: (o, v) => {
      o.caPem = readPem(v, '--ca');
    },
  },
  'client-key': {
    type: 'string',
    value: 'FILE',
    help: 'mTLS: this private key (PEM), with --client-cert',
    apply: (o, v) => {
      o.clientKeyPem = readPem(v, '--client-key');
    },
  },
  'client-cert': {
    type: 'string',
    value: 'FILE',
    help: 'mTLS: this client certificate chain (PEM), with --client-key',
    apply: (o, v) => {
      o.clientCertPem = readPem(v, '--client-cert');
    },
  },
  compression: {
    type: 'string',
    choices: ['gzip', 'none'],
    help: 'compress requests (default gzip)',
    apply: (o, v) => {
      o.compression = v === 'none' ? 'none' : 'gzip';
    },
  },
  timeout: {
    type: 'string',
    value: 'DURATION',
    help: 'deadline of each request, e.g. 10s (the default), 500ms',
    apply: (o, v) => {
      const ns = parseDurationFlag(v, '--timeout');
      if (ns < 1_000_000n) throw new ExporterConfigError('--timeout must be at least 1ms');
      o.timeoutMs = Number(ns / 1_000_000n);
    },
  },
  'resource-attribute': {
    type: 'string',
    value: 'KEY=VALUE',
    multiple: true,
    moduleOnly: true,
    help: "add this attribute to the resource of every export, as Pixie adds its execution context's (e.g. px.cloud.address)",
    apply: (o, v) => {
      o.resourceAttributes = [...(o.resourceAttributes ?? []), keyValueFlag(v, '--resource-attribute')];
    },
  },
};

/** The export flags as entries of a command's option table (the module's, or `pxlc resend`'s without moduleOnly). */
export function exportOptions(forModule = true): OptionTable {
  const table: Record<string, OptionSpec> = {};
  for (const [name, { apply: _apply, moduleOnly, ...spec }] of Object.entries(EXPORT_FLAGS)) {
    if (forModule || !moduleOnly) table[name] = spec;
  }
  return table;
}

/**
 * What the parsed export flags set. A value the flag cannot take (an unreadable certificate, a bad KEY=VALUE or
 * duration) is a usage error of `command`.
 */
export function exportFlagValues(
  values: Readonly<Record<string, unknown>>,
  command: string,
  label = command,
): ExportFlagValues {
  const into: ExportFlagValues = {};
  for (const [name, flag] of Object.entries(EXPORT_FLAGS)) {
    const v = Object.hasOwn(values, name) ? values[name] : undefined;
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) {
      try {
        flag.apply(into, typeof one === 'string' ? one : '');
      } catch (e) {
        if (e instanceof PxlRuntimeError) throw new UsageError(command, e.message, label);
        throw e;
      }
    }
  }
  return into;
}
