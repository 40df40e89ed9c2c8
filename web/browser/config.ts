// Browser stand-in for src/runtime/otel/config.ts: a page previews exports (RunOptions.onExport) and never sends
// them, so there are no exporter settings (flags, OTEL_* variables, certificate files) to read or check.

export type { ExporterSettings } from '../../src/runtime/otel/config.js';

export function exportContext(): void {}
