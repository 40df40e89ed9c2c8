// Protocol decoders (SPEC §12.5): numeric protocol codes → names, with Pixie's tables and its text
// for unknown codes (the number itself unless noted). protocol_name knows the protocols Pixie's
// function lists (Mux = 11 and TLS = 13 exist in the enum but print as "Invalid (n)" there too).

import { type Family, pure } from './define.js';

type Table = Readonly<Record<number, string>>;

const PROTOCOLS: Table = {
  0: 'Unknown',
  1: 'HTTP',
  2: 'HTTP2',
  3: 'MySQL',
  4: 'CQL',
  5: 'PGSQL',
  6: 'DNS',
  7: 'Redis',
  8: 'NATS',
  9: 'Mongo',
  10: 'Kafka',
  12: 'AMQP',
};

const HTTP_REASONS: Table = {
  100: 'Continue',
  101: 'Switching Protocols',
  102: 'Processing',
  103: 'Early Hints',
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  203: 'Non-Authoritative Information',
  204: 'No Content',
  205: 'Reset Content',
  206: 'Partial Content',
  207: 'Multi-Status',
  208: 'Already Reported',
  226: 'IM Used',
  300: 'Multiple Choices',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  304: 'Not Modified',
  305: 'Use Proxy',
  306: '(Unused)',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  407: 'Proxy Authentication Required',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  417: 'Expectation Failed',
  421: 'Misdirected Request',
  422: 'Unprocessable Entity',
  423: 'Locked',
  424: 'Failed Dependency',
  425: 'Too Early',
  426: 'Upgrade Required',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  505: 'HTTP Version Not Supported',
  506: 'Variant Also Negotiates',
  507: 'Insufficient Storage',
  508: 'Loop Detected',
  510: 'Not Extended',
  511: 'Network Authentication Required',
};

const KAFKA_API_KEYS: Table = listTable(
  [
    'Produce',
    'Fetch',
    'ListOffsets',
    'Metadata',
    'LeaderAndIsr',
    'StopReplica',
    'UpdateMetadata',
    'ControlledShutdown',
    'OffsetCommit',
    'OffsetFetch',
    'FindCoordinator',
    'JoinGroup',
    'Heartbeat',
    'LeaveGroup',
    'SyncGroup',
    'DescribeGroups',
    'ListGroups',
    'SaslHandshake',
    'ApiVersions',
    'CreateTopics',
    'DeleteTopics',
    'DeleteRecords',
    'InitProducerId',
    'OffsetForLeaderEpoch',
    'AddPartitionsToTxn',
    'AddOffsetsToTxn',
    'EndTxn',
    'WriteTxnMarkers',
    'TxnOffsetCommit',
    'DescribeAcls',
    'CreateAcls',
    'DeleteAcls',
    'DescribeConfigs',
    'AlterConfigs',
    'AlterReplicaLogDirs',
    'DescribeLogDirs',
    'SaslAuthenticate',
    'CreatePartitions',
    'CreateDelegationToken',
    'RenewDelegationToken',
    'ExpireDelegationToken',
    'DescribeDelegationToken',
    'DeleteGroups',
    'ElectLeaders',
    'IncrementalAlterConfigs',
    'AlterPartitionReassignments',
    'ListPartitionReassignments',
    'OffsetDelete',
    'DescribeClientQuotas',
    'AlterClientQuotas',
    'DescribeUserScramCredentials',
    'AlterUserScramCredentials',
  ],
  { 56: 'AlterIsr', 57: 'UpdateFeatures', 60: 'DescribeCluster', 61: 'DescribeProducers' },
);

const MYSQL_COMMANDS: Table = listTable([
  'Sleep',
  'Quit',
  'InitDB',
  'Query',
  'FieldList',
  'CreateDB',
  'DropDB',
  'Refresh',
  'Shutdown',
  'Statistics',
  'ProcessInfo',
  'Connect',
  'ProcessKill',
  'Debug',
  'Ping',
  'Time',
  'DelayedInsert',
  'ChangeUser',
  'BinlogDump',
  'TableDump',
  'ConnectOut',
  'RegisterSlave',
  'StmtPrepare',
  'StmtExecute',
  'StmtSendLongData',
  'StmtClose',
  'StmtReset',
  'SetOption',
  'StmtFetch',
  'Daemon',
  'BinlogDumpGTID',
  'ResetConnection',
]);

const CQL_OPCODES: Table = {
  0x00: 'Error',
  0x01: 'Startup',
  0x02: 'Ready',
  0x03: 'Authenticate',
  0x05: 'Options',
  0x06: 'Supported',
  0x07: 'Query',
  0x08: 'Result',
  0x09: 'Prepare',
  0x0a: 'Execute',
  0x0b: 'Register',
  0x0c: 'Event',
  0x0d: 'Batch',
  0x0e: 'AuthChallenge',
  0x0f: 'AuthResponse',
  0x10: 'AuthSuccess',
};

const DNS_RCODES: Table = {
  ...listTable([
    'NOERROR',
    'FORMERR',
    'SERVFAIL',
    'NXDOMAIN',
    'NOTIMP',
    'REFUSED',
    'YXDOMAIN',
    'YXRRSET',
    'NXRRSET',
    'NOTAUTH',
    'NOTZONE',
    'DSOTYPENI',
  ]),
  16: 'BADVERS',
  17: 'BADKEY',
  18: 'BADTIME',
  19: 'BADMODE',
  20: 'BADNAME',
  21: 'BADALG',
  22: 'BADTRUNC',
  23: 'BADCOOKIE',
};

const AMQP_FRAME_TYPES: Table = { 1: 'Frame method', 2: 'Content Header', 3: 'Content Body', 8: 'Heartbeat' };

const AMQP_CLASSES: Table = { 10: 'Connection', 20: 'Channel', 40: 'Exchange', 50: 'Queue', 60: 'Basic', 90: 'Tx' };

/** Method names by class, keyed by method id. */
const AMQP_METHODS: Readonly<Record<number, Table>> = {
  10: {
    10: 'Start',
    11: 'Start-ok',
    20: 'Secure',
    21: 'Secure-ok',
    30: 'Tune',
    31: 'Tune-ok',
    40: 'Open',
    41: 'Open-ok',
    50: 'Close',
    51: 'Close-ok',
  },
  20: { 10: 'Open', 11: 'Open-ok', 20: 'Flow', 21: 'Flow-ok', 40: 'Close', 41: 'Close-ok' },
  40: { 10: 'Declare', 11: 'Declare-ok', 20: 'Delete', 21: 'Delete-ok' },
  50: {
    10: 'Declare',
    11: 'Declare-ok',
    20: 'Bind',
    21: 'Bind-ok',
    30: 'Purge',
    31: 'Purge-ok',
    40: 'Delete',
    41: 'Delete-ok',
    50: 'Unbind',
    51: 'Unbind-ok',
  },
  60: {
    10: 'Qos',
    11: 'Qos-ok',
    20: 'Consume',
    21: 'Consume-ok',
    30: 'Cancel',
    31: 'Cancel-ok',
    40: 'Publish',
    50: 'Return',
    60: 'Deliver',
    70: 'Get',
    71: 'Get-ok',
    72: 'Get-empty',
    80: 'Ack',
    90: 'Reject',
    100: 'Recover-async',
    110: 'Recover',
    111: 'Recover-ok',
  },
  90: { 10: 'Select', 11: 'Select-ok', 20: 'Commit', 21: 'Commit-ok', 30: 'Rollback', 31: 'Rollback-ok' },
};

const MUX_FRAME_TYPES: Table = {
  1: 'Treq',
  [-1]: 'Rreq',
  2: 'Tdispatch',
  [-2]: 'Rdispatch',
  64: 'Tdrain',
  [-64]: 'Rdrain',
  65: 'Tping',
  [-65]: 'Rping',
  66: 'Tdiscarded',
  [-66]: 'Rdiscarded',
  67: 'Tlease',
  68: 'Tinit',
  [-68]: 'Rinit',
  [-128]: 'Rerr',
  127: 'Rerr (legacy)',
  [-62]: 'Tdiscarded (legacy)',
};

const GRPC_STATUS_CODES: Table = listTable(
  [
    'OK',
    'CANCELLED',
    'UNKNOWN',
    'INVALID_ARGUMENT',
    'DEADLINE_EXCEEDED',
    'NOT_FOUND',
    'ALREADY_EXISTS',
    'PERMISSION_DENIED',
    'RESOURCE_EXHAUSTED',
    'FAILED_PRECONDITION',
    'ABORTED',
    'OUT_OF_RANGE',
    'UNIMPLEMENTED',
    'INTERNAL',
    'UNAVAILABLE',
    'DATA_LOSS',
    'UNAUTHENTICATED',
  ],
  { [-1]: 'DO_NOT_USE' },
);

function listTable(names: readonly string[], extra: Table = {}): Table {
  return { ...Object.fromEntries(names.map((n, i) => [i, n])), ...extra };
}

/** C++ takes these codes as `int`: an int64 argument is truncated to its low 32 bits. */
const asInt = (x: bigint) => Number(BigInt.asIntN(32, x));

function lookup(table: Table, unknown: (code: number) => string) {
  return (x: bigint) => {
    const code = asInt(x);
    return Object.hasOwn(table, code) ? table[code]! : unknown(code);
  };
}

export function amqpMethodName(classId: bigint, methodId: bigint): string {
  // C++ takes these as uint16_t.
  const c = Number(BigInt.asUintN(16, classId));
  const m = Number(BigInt.asUintN(16, methodId));
  if (c !== 0 && m === 0) return AMQP_CLASSES[c] ?? 'Unknown';
  const method = AMQP_METHODS[c]?.[m];
  return method === undefined ? 'Unknown' : `${AMQP_CLASSES[c]}${method}`;
}

export function registerProtocols(f: Family): void {
  pure(
    f,
    'protocol_name',
    ['INT64'],
    lookup(PROTOCOLS, (c) => `Invalid (${c})`),
  );
  pure(
    f,
    'http_resp_message',
    ['INT64'],
    lookup(HTTP_REASONS, () => 'Unassigned'),
  );
  pure(f, 'kafka_api_key_name', ['INT64'], lookup(KAFKA_API_KEYS, String));
  pure(f, 'mysql_command_name', ['INT64'], lookup(MYSQL_COMMANDS, String));
  pure(f, 'cql_opcode_name', ['INT64'], lookup(CQL_OPCODES, String));
  pure(f, 'dns_rcode_name', ['INT64'], lookup(DNS_RCODES, String));
  pure(f, 'amqp_frame_type_name', ['INT64'], lookup(AMQP_FRAME_TYPES, String));
  pure(f, 'amqp_method_name', ['INT64,INT64'], amqpMethodName);
  pure(
    f,
    'mux_frame_type_name',
    ['INT64'],
    lookup(MUX_FRAME_TYPES, (c) => `Unknown (${c})`),
  );
  pure(
    f,
    'grpc_status_code_to_str',
    ['INT64'],
    lookup(GRPC_STATUS_CODES, () => 'unknown code'),
  );
}
