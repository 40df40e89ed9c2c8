// Checks a metadata.json against the ClusterSpec shape, naming the file and the JSON path of what is wrong.

import { PxlRuntimeError } from '../contracts.js';
import type { ClusterSpec } from '../metadata/spec.js';

type FieldKind = 'string' | 'number' | 'time' | 'strings' | 'labels';
type Shape = Readonly<Record<string, readonly [FieldKind, 'required' | 'optional']>>;

const req = (k: FieldKind) => [k, 'required'] as const;
const opt = (k: FieldKind) => [k, 'optional'] as const;

const SHAPES: Readonly<Record<string, Shape>> = {
  nodes: { name: req('string'), hostname: opt('string') },
  services: {
    id: req('string'),
    namespace: req('string'),
    name: req('string'),
    clusterIp: opt('string'),
    externalIps: opt('strings'),
  },
  deployments: {
    id: req('string'),
    namespace: req('string'),
    name: req('string'),
    replicas: opt('number'),
    startTime: opt('time'),
    stopTime: opt('time'),
  },
  replicaSets: {
    id: req('string'),
    namespace: req('string'),
    name: req('string'),
    deployment: opt('string'),
    replicas: opt('number'),
    startTime: opt('time'),
    stopTime: opt('time'),
  },
  pods: {
    id: req('string'),
    namespace: req('string'),
    name: req('string'),
    node: req('string'),
    ip: req('string'),
    services: opt('strings'),
    replicaSet: opt('string'),
    labels: opt('labels'),
    qos: opt('string'),
    phase: opt('string'),
    startTime: opt('time'),
    stopTime: opt('time'),
  },
  containers: {
    id: req('string'),
    name: req('string'),
    pod: req('string'),
    state: opt('string'),
    startTime: opt('time'),
    stopTime: opt('time'),
  },
  processes: { upid: req('string'), container: req('string'), cmdline: opt('string') },
};

export function validateClusterSpec(value: unknown, file: string): ClusterSpec {
  const fail = (path: string, what: string): never => {
    throw new PxlRuntimeError(`${file}: ${path}: ${what}`, ['see README "Your own data" for the metadata.json format']);
  };
  if (!isObject(value)) return fail('(top level)', 'expected an object');
  for (const key of Object.keys(value)) {
    if (!Object.hasOwn(SHAPES, key) && !['vizier', 'hostname', 'asid'].includes(key))
      fail(key, `unknown key (known: ${[...Object.keys(SHAPES), 'vizier', 'hostname', 'asid'].join(', ')})`);
  }
  if (value['hostname'] !== undefined && typeof value['hostname'] !== 'string') fail('hostname', 'expected a string');
  if (value['asid'] !== undefined && !Number.isInteger(value['asid'])) fail('asid', 'expected an integer');
  if (value['vizier'] !== undefined) {
    const v = value['vizier'];
    if (!isObject(v)) fail('vizier', 'expected an object');
    for (const k of ['name', 'id', 'namespace'])
      if ((v as Record<string, unknown>)[k] !== undefined && typeof (v as Record<string, unknown>)[k] !== 'string')
        fail(`vizier.${k}`, 'expected a string');
  }
  for (const [list, shape] of Object.entries(SHAPES)) {
    const items = value[list];
    if (items === undefined) continue;
    if (!Array.isArray(items)) fail(list, 'expected an array');
    (items as unknown[]).forEach((item, i) => {
      if (!isObject(item)) fail(`${list}[${i}]`, 'expected an object');
      const o = item as Record<string, unknown>;
      for (const [field, [kind, presence]] of Object.entries(shape)) {
        const v = o[field];
        const at = `${list}[${i}].${field}`;
        if (v === undefined) {
          if (presence === 'required') fail(at, 'missing');
          continue;
        }
        if (!fits(v, kind)) fail(at, `expected ${describe(kind)}`);
      }
      for (const field of Object.keys(o))
        if (!Object.hasOwn(shape, field))
          fail(`${list}[${i}].${field}`, `unknown field (known: ${Object.keys(shape).join(', ')})`);
    });
  }
  return value as ClusterSpec;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fits(v: unknown, kind: FieldKind): boolean {
  switch (kind) {
    case 'string':
      return typeof v === 'string';
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'time':
      return typeof v === 'string' || (typeof v === 'number' && Number.isSafeInteger(v));
    case 'strings':
      return Array.isArray(v) && v.every((x) => typeof x === 'string');
    case 'labels':
      return isObject(v) && Object.values(v).every((x) => typeof x === 'string');
  }
}

function describe(kind: FieldKind): string {
  return {
    string: 'a string',
    number: 'a number',
    time: 'nanoseconds (decimal text) or ISO-8601 text',
    strings: 'an array of strings',
    labels: 'an object of string labels',
  }[kind];
}
