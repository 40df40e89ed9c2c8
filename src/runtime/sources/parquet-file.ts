// A Parquet file opened for reading columns: its footer (the metadata, parsed by hyparquet), the flat columns it
// declares and the bytes of one column chunk, read from the file only when asked for — a script's unused columns
// are never read from disk. hyparquet and, for codecs other than Snappy, hyparquet-compressors are loaded when
// the first Parquet file is read; when one is not installed the error names the package to add.

import { open, type FileHandle } from 'node:fs/promises';
import type { ColumnMetaData, Compressors, FileMetaData, SchemaElement } from 'hyparquet';
import { PxlRuntimeError } from '../contracts.js';
import { importDependency } from '../optional-package.js';
import type { ChunkColumn } from './parquet-pages.js';

type Hyparquet = typeof import('hyparquet/src/metadata.js') &
  typeof import('./parquet-pages.js') &
  typeof import('./parquet-values.js');
let hyparquet: Promise<Hyparquet> | undefined;

/**
 * The metadata parser, the page decoder and the value conversion, which import hyparquet: loaded with the first
 * Parquet file, so that a run reading none does not load them.
 */
function load(path: string): Promise<Hyparquet> {
  hyparquet ??= importDependency('hyparquet', `${path}: reading Parquet`, async () => {
    const [metadata, pages, values] = await Promise.all([
      import('hyparquet/src/metadata.js'),
      import('./parquet-pages.js'),
      import('./parquet-values.js'),
    ]);
    return { ...metadata, ...pages, ...values };
  });
  return hyparquet;
}

let compressors: Promise<Compressors> | undefined;

function codecs(path: string): Promise<Compressors> {
  compressors ??= importDependency(
    'hyparquet-compressors',
    `${path}: reading Parquet compressed with a codec other than Snappy`,
    async () => (await import('hyparquet-compressors')).compressors,
  );
  return compressors;
}

export interface ParquetColumn extends ChunkColumn {
  readonly name: string;
  /** The column's place among the file's leaf columns (its chunk in every row group). */
  readonly leaf: number;
}

export interface ParquetFile {
  readonly path: string;
  readonly metadata: FileMetaData;
  /** Top-level columns by name; undefined for a list, map or struct (no PxL type holds one). */
  readonly columns: ReadonlyMap<string, ParquetColumn | undefined>;
  readonly decode: Hyparquet['decodeChunk'];
  readonly ChunkError: Hyparquet['ChunkError'];
  readonly NullValue: Hyparquet['NullValue'];
  readonly chunkColumn: Hyparquet['chunkColumn'];
  readonly naturalValue: Hyparquet['naturalValue'];
  readonly Unreadable: Hyparquet['Unreadable'];
  /** The bytes of one column chunk. */
  chunkBytes(meta: ColumnMetaData): Promise<Uint8Array>;
  /** The decompressors for the chunk's codec (undefined: hyparquet's own, Snappy or none). */
  compressorsFor(meta: ColumnMetaData): Promise<Compressors | undefined>;
  close(): Promise<void>;
}

const FOOTER = 8;

export async function openParquet(path: string): Promise<ParquetFile> {
  const lib = await load(path);
  let file: FileHandle;
  try {
    file = await open(path, 'r');
  } catch (e) {
    throw new PxlRuntimeError(`${path}: cannot be opened (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    const size = (await file.stat()).size;
    const metadata = lib.parquetMetadata(await footer(file, size, path), { geoparquet: false });
    const columns = topLevelColumns(metadata.schema);
    return {
      path,
      metadata,
      columns,
      decode: lib.decodeChunk,
      ChunkError: lib.ChunkError,
      NullValue: lib.NullValue,
      chunkColumn: lib.chunkColumn,
      naturalValue: lib.naturalValue,
      Unreadable: lib.Unreadable,
      chunkBytes: async (meta) => {
        const dict = Number(meta.dictionary_page_offset ?? 0);
        const data = Number(meta.data_page_offset);
        const start = dict > 0 && dict < data ? dict : data;
        const length = Number(meta.total_compressed_size);
        if (start < 4 || length < 0 || start + length > size - FOOTER)
          throw new lib.ChunkError(
            `the column chunk lies outside the file (bytes ${start} to ${start + length} of ${size})`,
          );
        const bytes = new Uint8Array(length);
        const { bytesRead } = await file.read(bytes, 0, length, start);
        if (bytesRead !== length) throw new lib.ChunkError('the file ended while its column chunk was read');
        return bytes;
      },
      compressorsFor: (meta) =>
        meta.codec === 'SNAPPY' || meta.codec === 'UNCOMPRESSED' ? Promise.resolve(undefined) : codecs(path),
      close: () => file.close(),
    };
  } catch (e) {
    await file.close();
    if (e instanceof PxlRuntimeError) throw e;
    throw new PxlRuntimeError(`${path}: not a readable Parquet file (${(e as Error).message.split('\n')[0]})`);
  }
}

/** The footer: the metadata, its length and the magic bytes PAR1, read from the end of the file. */
async function footer(file: FileHandle, size: number, path: string): Promise<Uint8Array> {
  const tail = Buffer.alloc(FOOTER);
  if (
    size < 12 ||
    (await file.read(tail, 0, FOOTER, size - FOOTER)).bytesRead !== FOOTER ||
    tail.toString('latin1', 4) !== 'PAR1'
  ) {
    throw new PxlRuntimeError(
      `${path}: not a Parquet file (it does not end in the bytes PAR1); write it with a Parquet writer`,
    );
  }
  const length = tail.readUInt32LE(0);
  if (length + FOOTER + 4 > size)
    throw new PxlRuntimeError(
      `${path}: not a readable Parquet file (its footer says ${length} bytes of metadata, more than the file holds)`,
    );
  const bytes = new Uint8Array(length + FOOTER);
  await file.read(bytes, 0, length + FOOTER, size - length - FOOTER);
  return bytes;
}

/**
 * The top-level columns of a schema (its elements in depth-first order, the root first): a flat one is a leaf
 * whose chunk is the leaf-th of every row group; a group (list, map, struct) spans leaves of its own.
 */
function topLevelColumns(schema: readonly SchemaElement[]): Map<string, ParquetColumn | undefined> {
  const columns = new Map<string, ParquetColumn | undefined>();
  let at = 1;
  let leaf = 0;
  const skip = (): number => {
    // Returns the number of leaves under schema[at], moving past it.
    const e = schema[at++];
    if (!e) throw new Error('the schema ends inside a group');
    if (!e.num_children) return 1;
    let leaves = 0;
    for (let k = 0; k < e.num_children; k++) leaves += skip();
    return leaves;
  };
  for (let k = 0; k < (schema[0]?.num_children ?? 0); k++) {
    const element = schema[at]!;
    if (!element) throw new Error('the schema lists fewer columns than its root says');
    const leaves = skip();
    const flat = !element.num_children && element.repetition_type !== 'REPEATED';
    columns.set(
      element.name,
      flat
        ? { name: element.name, leaf, element, maxDefinition: element.repetition_type === 'OPTIONAL' ? 1 : 0 }
        : undefined,
    );
    leaf += leaves;
  }
  return columns;
}
