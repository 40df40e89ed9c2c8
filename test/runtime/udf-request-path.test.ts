// Request-path endpoints (Pixie's request_path_ops): matching a path against an endpoint template, clustering
// the paths of a service into templates, and predicting each path's template from the clustering.

import test from 'ava';
import { groupAggregate } from '../../src/runtime/ops/agg.js';
import { aggregateDef } from '../../src/runtime/uda/registry.js';
import { scalarFunction } from '../../src/runtime/udf/registry.js';
import { RequestPathClustering, parseRequestPath } from '../../src/runtime/udf/request-path.js';
import type { ScalarContext } from '../../src/runtime/udf/define.js';
import { rows, schemaOf, table } from './ops-fixture.js';

const ctx = { nowNs: 0n } as ScalarContext;
const matchEndpoint = scalarFunction('_match_endpoint(STRING,STRING)', ctx);
const predict = scalarFunction('_predict_request_path_cluster(STRING,STRING)', ctx);

function clusters(paths: readonly string[]): string {
  const out = groupAggregate(
    table({ p: ['STRING', paths] }),
    [],
    [{ fn: '_build_request_path_clusters', args: [0] }],
    schemaOf({ c: 'STRING' }),
  );
  return rows(out)[0]![0] as string;
}

test('_match_endpoint: * matches one component, the query is ignored, depths must agree', (t) => {
  t.true(matchEndpoint('/api/users/42', '/api/users/*'));
  t.true(matchEndpoint('api/users/42?verbose=1', '/api/users/*'));
  t.false(matchEndpoint('/api/users/42/orders', '/api/users/*'));
  t.false(matchEndpoint('/api/items/42', '/api/users/*'));
  // The template side is the one with wildcards: a concrete path is not a template for '*'.
  t.false(matchEndpoint('/api/users/*', '/api/users/42'));
});

test('paths that differ in one of several components share a template', (t) => {
  const json = clusters([
    '/api/users/1',
    '/api/users/2',
    '/api/users/3',
    '/api/users/4',
    '/api/users/5',
    '/api/users/6',
    '/healthz',
  ]);
  t.deepEqual(JSON.parse(json), [
    { c: ['api', 'users', '*'], m: [] },
    { c: ['healthz'], m: [['healthz']] },
  ]);
  t.is(predict('/api/users/77', json), '/api/users/*');
  t.is(predict('/healthz', json), '/healthz');
  // No cluster of the path's depth: the path is its own endpoint.
  t.is(predict('/a/b/c/d', json), '/a/b/c/d');
});

test('until a cluster has more than five distinct paths, its members predict themselves', (t) => {
  const json = clusters(['/cart/1/items', '/cart/2/items', '/cart/2/items']);
  t.deepEqual(JSON.parse(json), [
    {
      c: ['cart', '*', 'items'],
      m: [
        ['cart', '1', 'items'],
        ['cart', '2', 'items'],
      ],
    },
  ]);
  t.is(predict('/cart/2/items', json), '/cart/2/items');
  t.is(predict('/cart/9/items', json), '/cart/*/items');
});

test('paths with less than half their components in common stay apart', (t) => {
  const json = clusters(['/a/b/c', '/a/x/y']);
  t.is((JSON.parse(json) as unknown[]).length, 2);
  t.is(predict('/a/x/z', json), '/a/x/y');
});

test('a clustering that is not valid JSON is reported in the column, as Pixie does', (t) => {
  t.is(predict('/a', 'not json'), 'RequestPathClustering::FromJSON: invalid json');
  t.is(predict('/a', '{}'), 'RequestPathClustering::FromJSON: expected array');
});

test('merging partial clusterings gives the clustering of all the paths', (t) => {
  const def = aggregateDef('_build_request_path_clusters', ['STRING']);
  const left = def.create();
  const right = def.create();
  for (const p of ['/u/1', '/u/2', '/u/3']) left.add(p);
  for (const p of ['/u/4', '/u/5', '/u/6', '/v']) right.add(p);
  left.merge!(right);
  const whole = new RequestPathClustering();
  for (const p of ['/u/1', '/u/2', '/u/3', '/u/4', '/u/5', '/u/6', '/v']) whole.add(parseRequestPath(p));
  t.is(left.finalize(), whole.toJSON());
});

/** The paths a clustering shows: the members of a cluster still collecting them, else its template. */
function shown(json: string): string[] {
  const clusters = JSON.parse(json) as { c: string[]; m: string[][] }[];
  return clusters.flatMap((c) => (c.m.length > 0 ? c.m : [c.c]).map((p) => `/${p.join('/')}`)).sort();
}

function fitted(paths: readonly string[]) {
  const state = aggregateDef('_build_request_path_clusters', ['STRING']).create();
  for (const p of paths) state.add(p);
  return state;
}

test('a leading slash does not matter, and a path falls into the template it matches', (t) => {
  const json = clusters([
    '/shop/items/1',
    'shop/items/2',
    '/shop/items/3',
    'shop/items/4',
    '/shop/items/5',
    '/shop/items/6',
  ]);
  t.deepEqual(shown(json), ['/shop/items/*']);
  t.is(predict('shop/items/1', json), '/shop/items/*');
});

test("members of a small cluster on one side join the other side's template when they match it, in either order", (t) => {
  const formed = ['/v1/users/a', '/v1/users/b', '/v1/users/c', '/v1/users/d', '/v1/users/e', '/v1/users/f'];
  const small = ['/v1/users/c', '/v2/users/c', '/v3/users/c'];
  for (const [first, second] of [
    [formed, small],
    [small, formed],
  ] as const) {
    const merged = fitted(first);
    merged.merge!(fitted(second));
    t.deepEqual(shown(merged.finalize() as string), ['/v1/users/*', '/v2/users/c', '/v3/users/c']);
  }
});

test('partial clusterings merged in any order give one template', (t) => {
  const parts = [
    [0, 1, 2, 3, 4, 5].map((i) => `/org/0/team/0/member/${i}`),
    [0, 1, 2, 3, 4, 5].map((i) => `/org/0/team/${i}/member/0`),
    [0, 1, 2, 3, 4, 5].map((i) => `/org/${i}/team/0/member/0`),
    [0, 1, 2, 3, 4, 5].map((i) => `/org/${i}/team/${i}/member/0`),
    ['/org/0/team/0/member/x', '/org/0/team/4/member/x', '/org/0/team/5/member/x'],
  ];
  const orders = (n: number): number[][] =>
    n === 0
      ? [[]]
      : orders(n - 1).flatMap((o) => o.map((_, i) => [...o.slice(0, i), n - 1, ...o.slice(i)]).concat([[...o, n - 1]]));
  const results = new Set(
    orders(parts.length).map((order) => {
      const merged = fitted([]);
      for (const k of order) merged.merge!(fitted(parts[k]!));
      return shown(merged.finalize() as string).join(' ');
    }),
  );
  t.deepEqual([...results], ['/org/*/team/*/member/*']);
});
