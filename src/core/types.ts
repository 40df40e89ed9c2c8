// Data and semantic types shared by the compiler and the runtime. The runtime is the lowest layer:
// the compiler imports these, never the other way round.

export const DATA_TYPES = ['BOOLEAN', 'INT64', 'UINT128', 'FLOAT64', 'STRING', 'TIME64NS'] as const;
export type DataType = (typeof DATA_TYPES)[number];

export const SEMANTIC_TYPES = [
  'ST_UNSPECIFIED',
  'ST_NONE',
  'ST_TIME_NS',
  'ST_AGENT_UID',
  'ST_ASID',
  'ST_UPID',
  'ST_SERVICE_NAME',
  'ST_POD_NAME',
  'ST_POD_PHASE',
  'ST_POD_STATUS',
  'ST_NODE_NAME',
  'ST_CONTAINER_NAME',
  'ST_CONTAINER_STATE',
  'ST_CONTAINER_STATUS',
  'ST_NAMESPACE_NAME',
  'ST_BYTES',
  'ST_PERCENT',
  'ST_DURATION_NS',
  'ST_THROUGHPUT_PER_NS',
  'ST_THROUGHPUT_BYTES_PER_NS',
  'ST_QUANTILES',
  'ST_DURATION_NS_QUANTILES',
  'ST_IP_ADDRESS',
  'ST_PORT',
  'ST_HTTP_REQ_METHOD',
  'ST_HTTP_RESP_STATUS',
  'ST_HTTP_RESP_MESSAGE',
  'ST_SCRIPT_REFERENCE',
] as const;
export type SemanticType = (typeof SEMANTIC_TYPES)[number];

export function isDataType(s: string): s is DataType {
  return (DATA_TYPES as readonly string[]).includes(s);
}

export function isSemanticType(s: string): s is SemanticType {
  return (SEMANTIC_TYPES as readonly string[]).includes(s);
}

export interface ColumnInfo {
  readonly name: string;
  readonly dataType: DataType;
  readonly semanticType: SemanticType;
}

/** Ordered: the order is the output column order. */
export type Schema = readonly ColumnInfo[];

/**
 * In-memory representation of one column, by data type:
 * BOOLEAN → Uint8Array (0/1), INT64 and TIME64NS → BigInt64Array (exact, wraps like int64),
 * FLOAT64 → Float64Array, STRING → string[], UINT128 → bigint[] (unsigned 128-bit values).
 */
export type ColumnData = Uint8Array | BigInt64Array | Float64Array | string[] | bigint[];

export interface ColumnOf {
  BOOLEAN: Uint8Array;
  INT64: BigInt64Array;
  TIME64NS: BigInt64Array;
  FLOAT64: Float64Array;
  STRING: string[];
  UINT128: bigint[];
}

/** The zero value Pixie uses where other systems would use NULL. */
export function zeroValue(t: DataType): boolean | bigint | number | string {
  switch (t) {
    case 'BOOLEAN':
      return false;
    case 'INT64':
    case 'TIME64NS':
    case 'UINT128':
      return 0n;
    case 'FLOAT64':
      return 0;
    case 'STRING':
      return '';
  }
}

export function allocColumn(t: DataType, n: number): ColumnData {
  switch (t) {
    case 'BOOLEAN':
      return new Uint8Array(n);
    case 'INT64':
    case 'TIME64NS':
      return new BigInt64Array(n);
    case 'FLOAT64':
      return new Float64Array(n);
    case 'STRING':
      return new Array<string>(n).fill('');
    case 'UINT128':
      return new Array<bigint>(n).fill(0n);
  }
}
