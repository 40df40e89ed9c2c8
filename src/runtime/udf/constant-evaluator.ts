// The runtime's scalar functions as the checker's constant folder (core/constant-folding.ts).

import type { ConstantEvaluator } from '../../core/constant-folding.js';
import type { MetadataProvider } from '../contracts.js';
import { hasScalarFunction, scalarFunction } from './registry.js';

// Folding never looks at a cluster: a metadata function on a literal folds to what an unknown entity gives.
const NO_METADATA: MetadataProvider = {
  lookup: () => '',
  has: () => false,
  podIdForIp: () => '',
  vizierName: '',
  vizierId: '',
  vizierNamespace: '',
  hostname: '',
  asid: 0,
};

export const runtimeConstantEvaluator: ConstantEvaluator = {
  evaluate(key, args, resultType) {
    if (!hasScalarFunction(key)) return undefined;
    const value: unknown = scalarFunction(key, { metadata: NO_METADATA, nowNs: 0n })(...args);
    return { value: resultType === 'BOOLEAN' ? Boolean(value) : value };
  },
};
