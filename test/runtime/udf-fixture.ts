// Shared by the udf tests: a scalar-function lookup bound to a metadata provider (none by default).

import type { MetadataProvider, ScalarFn } from '../../src/runtime/contracts.js';
import { scalarFunction } from '../../src/runtime/udf/registry.js';

export const NO_METADATA: MetadataProvider = {
  lookup: () => '',
  has: () => false,
  podIdForIp: () => '',
  vizierName: '',
  vizierId: '',
  vizierNamespace: '',
  hostname: '',
  asid: 0,
};

export function fnWith(metadata: MetadataProvider): (key: string) => ScalarFn {
  return (key) => scalarFunction(key, { metadata, nowNs: 0n });
}

export const fn = fnWith(NO_METADATA);
