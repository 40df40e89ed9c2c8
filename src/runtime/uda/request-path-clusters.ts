// px._build_request_path_clusters (Pixie's RequestPathClusteringFitUDA): clusters the request paths of a group
// into endpoint templates and returns the clustering as JSON, for px._predict_request_path_cluster.

import type { Aggregator } from '../contracts.js';
import { RequestPathClustering, parseRequestPath } from '../udf/request-path.js';
import type { ColumnarAggregateDef } from './columnar.js';

interface ClusteringAggregator extends Aggregator {
  readonly clustering: RequestPathClustering;
}

export function requestPathClustersDef(): ColumnarAggregateDef {
  return {
    name: '_build_request_path_clusters',
    argTypes: ['STRING'],
    resultType: 'STRING',
    create(): ClusteringAggregator {
      const clustering = new RequestPathClustering();
      return {
        clustering,
        add(path: string) {
          clustering.add(parseRequestPath(path));
        },
        merge(other: Aggregator) {
          clustering.merge((other as ClusteringAggregator).clustering);
        },
        finalize: () => clustering.toJSON(),
      };
    },
  };
}
