// The variables of a vis spec, as `px run` binds them: every type Pixie's vispb.PXType names, its valid and invalid
// values, defaults, validValues, and a missing required variable — all problems reported at once.

import test from 'ava';
import {
  bindVisVariables,
  VIS_VARIABLE_TYPES,
  visValueProblem,
  visVariableUsage,
  type VisSpec,
  type VisVariableType,
} from '../../src/core/vis.js';

/** A value each type accepts, and one it refuses (undefined: every one-line text is a value of it). */
const EXAMPLES: Readonly<Record<VisVariableType, readonly [string, string | undefined]>> = {
  PX_UNKNOWN: ['anything', undefined],
  PX_BOOLEAN: ['True', 'yes'],
  PX_INT64: ['-42', '4.5'],
  PX_FLOAT64: ['0.25', 'fast'],
  PX_STRING: ['-5m', undefined],
  PX_SERVICE: ['online-boutique/frontend', 'front\nend'],
  PX_POD: ['online-boutique/frontend-8jwptknhd-hrb2s', 'a\rb'],
  PX_CONTAINER: ['server', 'a\nb'],
  PX_NAMESPACE: ['sock-shop', 'sock\nshop'],
  PX_NODE: ['gke-demo-default-pool-1a2b3c4d-0x1f', 'x\ny'],
  PX_LIST: ['a,b', undefined],
  PX_STRING_LIST: ['a,b', undefined],
};

for (const type of VIS_VARIABLE_TYPES) {
  test(`${type}: a value it takes, and one it refuses with a message naming the variable`, (t) => {
    const [good, bad] = EXAMPLES[type];
    const v = { name: 'x', type, description: '' };
    t.is(visValueProblem(v, good), undefined);
    if (bad !== undefined) t.regex(visValueProblem(v, bad) ?? '', /\bx\b/);
  });
}

test('PX_INT64 stays within 64 bits', (t) => {
  const v = { name: 'n', type: 'PX_INT64' as const, description: '' };
  t.is(visValueProblem(v, '9223372036854775807'), undefined);
  t.is(visValueProblem(v, '9223372036854775808'), 'n=9223372036854775808 is not an integer (PX_INT64)');
});

const SPEC: VisSpec = {
  variables: [
    { name: 'start_time', type: 'PX_STRING', description: 'Window start', defaultValue: '-5m' },
    { name: 'pod', type: 'PX_POD', description: 'The pod' },
    { name: 'limit', type: 'PX_INT64', description: 'Rows', defaultValue: '10' },
    {
      name: 'by',
      type: 'PX_STRING',
      description: 'Group by',
      defaultValue: 'service',
      validValues: ['service', 'pod'],
    },
  ],
  globalFuncs: [],
  widgets: [],
};

test('defaults fill what is not given; given values win', (t) => {
  const { values, problems } = bindVisVariables(
    SPEC,
    new Map([
      ['pod', 'default/kafka-0'],
      ['by', 'pod'],
    ]),
  );
  t.deepEqual(problems, []);
  t.deepEqual(
    [...values],
    [
      ['start_time', '-5m'],
      ['pod', 'default/kafka-0'],
      ['limit', '10'],
      ['by', 'pod'],
    ],
  );
});

test('a missing required variable, an invalid value, a value outside validValues and an unknown name are all reported', (t) => {
  const { problems } = bindVisVariables(
    SPEC,
    new Map([
      ['limit', 'ten'],
      ['by', 'node'],
      ['colour', 'red'],
    ]),
  );
  t.deepEqual(problems, [
    "unknown variable 'colour'",
    "missing required variable 'pod' (PX_POD)",
    'limit=ten is not an integer (PX_INT64)',
    "'node' is not a valid value of by: choose one of service, pod",
  ]);
  t.deepEqual(visVariableUsage(SPEC), [
    '--start_time PX_STRING (default: -5m)  Window start',
    '--pod PX_POD (required)  The pod',
    '--limit PX_INT64 (default: 10)  Rows',
    '--by PX_STRING (default: service)  Group by [one of: service, pod]',
  ]);
});
