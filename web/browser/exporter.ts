// Browser stand-in for src/runtime/otel/exporter.ts: a page previews exports (RunOptions.onExport) and never
// sends them; sending is the `pxlc view` server's job.

import { PxlRuntimeError } from '../../src/runtime/contracts.js';
import type { ExportReport } from '../../src/runtime/otel/exporter.js';
export type { ExportOptions, ExportReport } from '../../src/runtime/otel/exporter.js';

export async function exportTable(): Promise<never> {
  throw new PxlRuntimeError('a browser page cannot send OTLP over gRPC: use pxlc view, or node out.js');
}

export function requireEndpoint(): void {}

export function undelivered(r: ExportReport): number {
  return r.metricPointsFailed + r.spansFailed + r.logRecordsFailed;
}
