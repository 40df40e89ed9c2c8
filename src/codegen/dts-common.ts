// The part of every generated `out.d.ts` that does not depend on the script (see dts.ts): the value types run()
// accepts and returns and its options (those of src/runtime/run.ts RunOptions). `TopLevel`, `Funcs` and run()'s
// overloads are generated per script.

export const COMMON_DECLARATIONS = `/** A TIME64NS value: nanoseconds since the epoch (bigint, a safe integer or decimal text), ISO-8601 text or a Date. */
export type TimeIn = bigint | number | string | Date;
/** An INT64 value: exact as a bigint or decimal text; a number only while it is a safe integer. */
export type Int64In = bigint | number | string;
/** A UINT128 value (UPIDs): a bigint, asid:pid:start_ns, UUID-style hex, 0x... or decimal text. */
export type Uint128In = bigint | string;
export type InputValue = boolean | bigint | number | string | Date;
/** A result column: INT64, TIME64NS and UINT128 as exact bigints. */
export type OutputColumn = boolean[] | bigint[] | number[] | string[];
/** A danfo.js DataFrame, or anything with its column names and row-major values. */
export interface DataFrameLike {
    readonly columns: readonly string[];
    readonly values: readonly (readonly unknown[])[];
}
/** A table passed to run(): rows, columns by name, or a DataFrame; values are checked when it runs. */
export type InputTable<Row> = readonly Row[] | {
    readonly [K in keyof Row]: ArrayLike<Row[K]>;
} | DataFrameLike;
export interface ExportReport {
    readonly endpoint: string;
    readonly metricPointsSent: number;
    readonly metricPointsFailed: number;
    readonly spansSent: number;
    readonly spansFailed: number;
    readonly logRecordsSent: number;
    readonly logRecordsFailed: number;
    readonly rejected: number;
    /** Of the failed ones, those sent but never acknowledged: the collector may have them. */
    readonly outcomeUnknown: number;
    /** Of the sent ones, those acknowledged only after an earlier attempt timed out: the collector may hold them twice. */
    readonly maybeDuplicated: number;
    readonly requests: number;
    readonly errors: readonly string[];
    readonly spooled: number;
}
export interface ResultTable<Name extends string> {
    readonly name: Name;
    readonly table: {
        readonly schema: readonly { readonly name: string; readonly dataType: string; readonly semanticType: string }[];
        readonly columns: readonly ArrayLike<unknown>[];
        readonly length: number;
    };
}
export interface RunResult<Displays> {
    readonly tables: readonly ResultTable<keyof Displays & string>[];
    readonly exports: readonly ExportReport[];
    readonly warnings: readonly string[];
    /** True when every exported point, span and log record was delivered. */
    readonly delivered: boolean;
    /** The px.display table \`name\` as plain columns of exact values. */
    columns<Name extends keyof Displays & string>(name: Name): Displays[Name];
    /** The px.display table \`name\` as a danfo.js DataFrame (needs the danfojs package). */
    dataFrame(name: keyof Displays & string): Promise<unknown>;
}
export interface RunOptionsBase<Tables> {
    /** A directory of data files; default: the built-in demo data. */
    readonly data?: string;
    /** In-process tables by name. */
    readonly tables?: Tables;
    /** The Kubernetes picture behind the data (the format of metadata.json). */
    readonly metadata?: object;
    readonly now?: bigint | Date | "latest";
    readonly window?: {
        readonly startNs: bigint;
        readonly endNs: bigint;
    };
    readonly windowNs?: bigint;
    /** The collector; with protocol, headers, TLS, compression and timeout as OTEL_EXPORTER_OTLP_* would set them. */
    readonly endpoint?: string;
    readonly protocol?: "grpc" | "http/protobuf" | "http/json";
    /** Sent as gRPC metadata or HTTP headers; never printed. */
    readonly headers?: readonly (readonly [string, string])[] | Readonly<Record<string, string>>;
    readonly insecure?: boolean;
    readonly caPem?: Uint8Array;
    readonly clientKeyPem?: Uint8Array;
    readonly clientCertPem?: Uint8Array;
    readonly compression?: "gzip" | "none";
    readonly timeoutMs?: number;
    /** The OTEL_* variables to read (default: process.env). */
    readonly environment?: Readonly<Record<string, string | undefined>>;
    /** Stopping: cut export retries short, or give up on what is in flight. */
    readonly stop?: object;
    /** Each px.export's spec and rows go here instead of to a collector. */
    readonly onExport?: (spec: object, table: object) => void;
    readonly spoolDir?: string;
    readonly resourceAttributes?: readonly (readonly [string, string])[];
    /** duckdb:FILE or clickhouse://HOST:PORT/DB (needs @duckdb/node-api or @clickhouse/client). */
    readonly engine?: string;
    readonly demoRows?: number;
    readonly seed?: number;
    readonly log?: (line: string) => void;
    readonly onRowsRead?: (rows: number) => void;
}
export declare const script: {
    readonly name: string;
    readonly source: string;
    readonly maxOutputRowsPerTable: number;
};
`;
