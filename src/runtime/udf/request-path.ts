// Request-path endpoints, as Pixie's service_endpoint(s) scripts use them (Pixie: carnot/funcs/builtins/
// request_path_ops): px._match_endpoint(path, template), the aggregate px._build_request_path_clusters(path)
// and px._predict_request_path_cluster(path, clustering).
//
// A path is its components without the query and the leading slash ('/a/b?x=1' → ['a', 'b']). A cluster groups
// paths of one depth around a centroid in which components that differ are '*'. A new path joins the most
// similar cluster of its depth (the share of equal, non-'*' components) when that share is at least one half.
// Until a cluster has more than five distinct members it remembers them, and a member predicts itself; then
// only the centroid is kept. The clustering travels between the aggregate and the prediction as JSON:
// [{"c": centroid components, "m": [member components, ...]}, ...].

import { type Family, pure } from './define.js';

const ANY = '*';
const MIN_CARDINALITY = 5;
const JOIN_THRESHOLD = 0.5;

export type RequestPath = readonly string[];

export function parseRequestPath(text: string): RequestPath {
  const q = text.indexOf('?');
  const path = q < 0 ? text : text.slice(0, q);
  return (path.startsWith('/') ? path.slice(1) : path).split('/');
}

export function requestPathText(p: RequestPath): string {
  return `/${p.join('/')}`;
}

/** Whether `path` matches `template`, whose '*' components match anything; depths must agree. */
export function matchesTemplate(path: RequestPath, template: RequestPath): boolean {
  return path.length === template.length && path.every((c, i) => template[i] === ANY || template[i] === c);
}

function similarity(a: RequestPath, b: RequestPath): number {
  let agree = 0;
  a.forEach((c, i) => {
    if (c !== ANY && b[i] !== ANY && c === b[i]) agree++;
  });
  return agree / a.length;
}

const sameKey = (p: RequestPath) => JSON.stringify(p);

interface Cluster {
  centroid: string[];
  /** Distinct members by key, until there are more than MIN_CARDINALITY; undefined once forgotten. */
  members: Map<string, RequestPath> | undefined;
}

export class RequestPathClustering {
  private readonly clusters: Cluster[] = [];

  /** Adds one path (a cluster of one). */
  add(path: RequestPath): void {
    this.update({ centroid: [...path], members: new Map([[sameKey(path), path]]) });
  }

  /** Folds another clustering in (partial aggregates): centroid-only clusters first, then every remembered path. */
  merge(other: RequestPathClustering): void {
    const singles: RequestPath[] = [];
    const kept = this.clusters.splice(0).filter((c) => {
      if (c.members) singles.push(...c.members.values());
      return !c.members;
    });
    this.clusters.push(...kept);
    for (const c of other.clusters) {
      if (c.members) singles.push(...c.members.values());
      else this.update({ centroid: [...c.centroid], members: undefined });
    }
    for (const p of singles) this.add(p);
  }

  /** The member equal to `path`, else the centroid of the most similar cluster, else `path` itself. */
  predict(path: RequestPath): RequestPath {
    const c = this.closest(path)?.cluster;
    if (!c) return path;
    return c.members?.has(sameKey(path)) ? path : c.centroid;
  }

  toJSON(): string {
    return JSON.stringify(this.clusters.map((c) => ({ c: c.centroid, m: c.members ? [...c.members.values()] : [] })));
  }

  /** The clustering a JSON text describes, or an error message (returned by the prediction, as Pixie does). */
  static fromJSON(text: string): RequestPathClustering | string {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return 'RequestPathClustering::FromJSON: invalid json';
    }
    if (!Array.isArray(data)) return 'RequestPathClustering::FromJSON: expected array';
    const out = new RequestPathClustering();
    const isPath = (p: unknown): p is string[] => Array.isArray(p) && p.every((x) => typeof x === 'string');
    for (const c of data as unknown[]) {
      const { c: centroid, m: members } = (c ?? {}) as { c?: unknown; m?: unknown };
      if (!isPath(centroid) || !Array.isArray(members) || !members.every(isPath)) {
        return 'RequestPathCluster::FromJSON: expected {"c": [components], "m": [[components], ...]}';
      }
      out.clusters.push({
        centroid: [...centroid],
        members: members.length > 0 ? new Map(members.map((p) => [sameKey(p), p])) : undefined,
      });
    }
    return out;
  }

  private closest(path: RequestPath): { cluster: Cluster; similarity: number } | undefined {
    let best: { cluster: Cluster; similarity: number } | undefined;
    for (const cluster of this.clusters) {
      if (cluster.centroid.length !== path.length) continue;
      const s = similarity(cluster.centroid, path);
      // Only a positive similarity picks a cluster: nothing in common is no match at all.
      if (s > (best?.similarity ?? 0)) best = { cluster, similarity: s };
    }
    return best;
  }

  private update(incoming: Cluster): void {
    const near = this.closest(incoming.centroid);
    if (!near || near.similarity < JOIN_THRESHOLD) {
      this.clusters.push(incoming);
      return;
    }
    const c = near.cluster;
    incoming.centroid.forEach((comp, i) => {
      if (comp !== c.centroid[i]) c.centroid[i] = ANY;
    });
    if (c.members && incoming.members) {
      for (const [k, p] of incoming.members) c.members.set(k, p);
      if (c.members.size > MIN_CARDINALITY) c.members = undefined;
    } else {
      c.members = undefined;
    }
  }
}

export function registerRequestPaths(f: Family): void {
  pure(f, '_match_endpoint', ['STRING,STRING'], (path: string, endpoint: string) =>
    matchesTemplate(parseRequestPath(path), parseRequestPath(endpoint)),
  );
  // The clustering is the same JSON on every row of a query (a merged aggregate): parse each distinct text once.
  let lastText: string | undefined;
  let last: RequestPathClustering | string = '';
  pure(f, '_predict_request_path_cluster', ['STRING,STRING'], (path: string, clustering: string) => {
    if (clustering !== lastText) {
      lastText = clustering;
      last = RequestPathClustering.fromJSON(clustering);
    }
    return typeof last === 'string' ? last : requestPathText(last.predict(parseRequestPath(path)));
  });
}
