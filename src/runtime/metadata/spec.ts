// The Kubernetes picture behind a data set, as users write it in a data directory's metadata.json or pass it
// to run(). Names are short (`frontend-7d4b`), namespaces separate; lookups return Pixie's qualified forms
// (`shop/frontend-7d4b`). Times are nanoseconds since the epoch, as decimal strings or ISO-8601 text.

export type TimeText = string | number;

export interface NodeSpec {
  readonly name: string;
  readonly hostname?: string;
}

export interface ServiceSpec {
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  readonly clusterIp?: string;
  readonly externalIps?: readonly string[];
}

export interface DeploymentSpec {
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  readonly replicas?: number;
  readonly startTime?: TimeText;
  readonly stopTime?: TimeText;
}

export interface ReplicaSetSpec {
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  /** Name of the owning deployment in the same namespace. */
  readonly deployment?: string;
  readonly replicas?: number;
  readonly startTime?: TimeText;
  readonly stopTime?: TimeText;
}

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

export interface PodSpec {
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  readonly node: string;
  readonly ip: string;
  /** Names of the services (same namespace) that select this pod. */
  readonly services?: readonly string[];
  /** Name of the owning replica set in the same namespace. */
  readonly replicaSet?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly qos?: 'Guaranteed' | 'Burstable' | 'BestEffort';
  readonly phase?: PodPhase;
  readonly startTime?: TimeText;
  readonly stopTime?: TimeText;
}

export interface ContainerSpec {
  readonly id: string;
  readonly name: string;
  /** Name of the pod (namespace/name or short name when unique). */
  readonly pod: string;
  readonly state?: 'Running' | 'Waiting' | 'Terminated';
  readonly startTime?: TimeText;
  readonly stopTime?: TimeText;
}

export interface ProcessSpec {
  /** UPID as `asid:pid:start_ns` or UUID-style hex. */
  readonly upid: string;
  /** Container id. */
  readonly container: string;
  readonly cmdline?: string;
}

export interface ClusterSpec {
  readonly vizier?: { readonly name?: string; readonly id?: string; readonly namespace?: string };
  /** The host the agent runs on (px._exec_hostname) and its agent short id. */
  readonly hostname?: string;
  readonly asid?: number;
  readonly nodes?: readonly NodeSpec[];
  readonly services?: readonly ServiceSpec[];
  readonly deployments?: readonly DeploymentSpec[];
  readonly replicaSets?: readonly ReplicaSetSpec[];
  readonly pods?: readonly PodSpec[];
  readonly containers?: readonly ContainerSpec[];
  readonly processes?: readonly ProcessSpec[];
}
