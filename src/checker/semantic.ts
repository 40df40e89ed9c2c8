// Semantic-type inference for function results (SPEC §7.4).

import type { SemanticType } from '../core/types.js';

const ARITH: readonly SemanticType[] = [
  'ST_BYTES',
  'ST_THROUGHPUT_PER_NS',
  'ST_THROUGHPUT_BYTES_PER_NS',
  'ST_DURATION_NS',
];
const KEEP: readonly SemanticType[] = [...ARITH, 'ST_PERCENT'];
const SUM_KEEP: readonly SemanticType[] = [
  'ST_BYTES',
  'ST_THROUGHPUT_PER_NS',
  'ST_THROUGHPUT_BYTES_PER_NS',
  'ST_PERCENT',
];

const FIXED: Readonly<Record<string, SemanticType>> = {
  upid_to_pod_name: 'ST_POD_NAME',
  pod_id_to_pod_name: 'ST_POD_NAME',
  _upid_to_podname_local_addr_fallback: 'ST_POD_NAME',
  upid_to_service_name: 'ST_SERVICE_NAME',
  pod_id_to_service_name: 'ST_SERVICE_NAME',
  service_id_to_service_name: 'ST_SERVICE_NAME',
  upid_to_namespace: 'ST_NAMESPACE_NAME',
  pod_id_to_namespace: 'ST_NAMESPACE_NAME',
  pod_name_to_namespace: 'ST_NAMESPACE_NAME',
  service_name_to_namespace: 'ST_NAMESPACE_NAME',
  upid_to_node_name: 'ST_NODE_NAME',
  pod_id_to_node_name: 'ST_NODE_NAME',
  upid_to_container_name: 'ST_CONTAINER_NAME',
  pod_name_to_status: 'ST_POD_STATUS',
  upid_to_pod_status: 'ST_POD_STATUS',
  container_id_to_status: 'ST_CONTAINER_STATUS',
  service_id_to_cluster_ip: 'ST_IP_ADDRESS',
  asid: 'ST_ASID',
  upid_to_asid: 'ST_ASID',
  upid: 'ST_UPID',
  _script_reference: 'ST_SCRIPT_REFERENCE',
};

export function inferScalarSemantic(fn: string, args: readonly SemanticType[]): SemanticType {
  const fixed = FIXED[fn];
  if (fixed) return fixed;
  switch (fn) {
    case 'add':
    case 'subtract':
      return args.length === 2 && args[0] === args[1] && ARITH.includes(args[0]!) ? args[0]! : 'ST_NONE';
    case 'divide':
      if (args[0] === 'ST_BYTES' && args[1] === 'ST_DURATION_NS') return 'ST_THROUGHPUT_BYTES_PER_NS';
      if (args[1] === 'ST_DURATION_NS') return 'ST_THROUGHPUT_PER_NS';
      return 'ST_NONE';
    case 'abs':
      return KEEP.includes(args[0]!) ? args[0]! : 'ST_NONE';
    case 'select':
      return args[1] === args[2] ? args[1]! : 'ST_NONE';
    case 'pod_name_to_service_name':
      return args[0] === 'ST_POD_NAME' ? 'ST_SERVICE_NAME' : 'ST_NONE';
    default:
      return 'ST_NONE';
  }
}

export function inferAggregateSemantic(fn: string, arg: SemanticType): SemanticType {
  switch (fn) {
    case 'mean':
    case 'max':
    case 'min':
      return KEEP.includes(arg) ? arg : 'ST_NONE';
    case 'sum':
      return SUM_KEEP.includes(arg) ? arg : 'ST_NONE';
    case 'any':
      return arg;
    // Pixie's two explicit rules: durations give duration quantiles, untyped values plain quantiles, others nothing.
    case 'quantiles':
      return arg === 'ST_DURATION_NS' ? 'ST_DURATION_NS_QUANTILES' : arg === 'ST_NONE' ? 'ST_QUANTILES' : 'ST_NONE';
    default:
      return 'ST_NONE';
  }
}
