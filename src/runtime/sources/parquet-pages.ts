// One column chunk of a Parquet file (one column of one row group), decoded page by page into its physical values:
// hyparquet's decoders read the encodings (plain, dictionary, RLE, delta, byte stream split) and the page headers,
// and this file keeps what pxlc needs of them as typed arrays — a dictionary-encoded chunk stays its dictionary
// and an Int32Array of codes, a chunk of INT64 stays a BigInt64Array — instead of an array of values per row.
// Only flat columns are read (PxL has no lists or structs), so a definition level below the maximum is a null,
// which is reported by its row: PxL has no nulls.

import type {
  ColumnMetaData,
  CompressionCodec,
  Compressors,
  DataReader,
  DecodedArray,
  PageHeader,
  SchemaElement,
} from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import { decompressPage } from 'hyparquet/src/datapage.js';
import { deltaBinaryUnpack, deltaByteArray, deltaLengthByteArray } from 'hyparquet/src/delta.js';
import { byteStreamSplit, readRleBitPackedHybrid } from 'hyparquet/src/encoding.js';
import { readPlain } from 'hyparquet/src/plain.js';

/** A chunk's values: a dictionary and each row's code, or the values themselves (one per row). */
export type ChunkValues =
  | { readonly kind: 'dictionary'; readonly dictionary: DecodedArray; readonly codes: Int32Array }
  | { readonly kind: 'values'; readonly values: DecodedArray };

/** A chunk that cannot be decoded: the message says why (a damaged file, an encoding nobody writes). */
export class ChunkError extends Error {}

/** A null in a column chunk, at `row` (0-based within the chunk). */
export class NullValue extends Error {
  constructor(readonly row: number) {
    super('null');
  }
}

export interface ChunkColumn {
  readonly element: SchemaElement;
  /** 1 for an OPTIONAL column, 0 for a REQUIRED one. */
  readonly maxDefinition: number;
}

/**
 * The values of `rows` rows from the chunk's bytes (its dictionary page, then its data pages). A null is a
 * NullValue, or with `keepNulls` (rows as they are, for `pxlc load`) a null in an array of values.
 */
export function decodeChunk(
  bytes: Uint8Array,
  meta: ColumnMetaData,
  column: ChunkColumn,
  rows: number,
  compressors: Compressors | undefined,
  keepNulls = false,
): ChunkValues {
  const reader: DataReader = { view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 0 };
  let dictionary: DecodedArray | undefined;
  const pieces: { readonly codes?: Int32Array; readonly values?: DecodedArray }[] = [];
  let read = 0;
  while (read < rows) {
    if (reader.offset >= bytes.byteLength)
      throw new ChunkError(`the column chunk ends after ${read} of its ${rows} rows`);
    const header = parquetHeader(reader);
    const body = bytes.subarray(reader.offset, reader.offset + header.compressed_page_size);
    if (body.length !== header.compressed_page_size)
      throw new ChunkError('a page runs past the end of its column chunk');
    reader.offset += header.compressed_page_size;
    if (header.type === 'DICTIONARY_PAGE') {
      const n = header.dictionary_page_header?.num_values ?? 0;
      const page = decompress(body, header.uncompressed_page_size, meta.codec, compressors);
      dictionary = readPlain(readerOf(page), meta.type, n, column.element.type_length);
      continue;
    }
    if (header.type !== 'DATA_PAGE' && header.type !== 'DATA_PAGE_V2') continue; // index pages: nothing to read
    let page;
    try {
      page = dataPage(body, header, meta.codec, column, compressors, keepNulls);
    } catch (e) {
      throw e instanceof NullValue ? new NullValue(read + e.row) : e;
    }
    const present = page.levels ? page.count - page.nulls : page.count;
    let piece: { readonly codes?: Int32Array; readonly values?: DecodedArray };
    if (page.encoding.endsWith('_DICTIONARY')) {
      if (!dictionary) throw new ChunkError('a dictionary-encoded page comes before any dictionary page');
      piece = { codes: dictionaryCodes(page.reader, present, dictionary.length) };
    } else {
      piece = { values: pageValues(page.reader, page.encoding, present, meta, column.element) };
    }
    pieces.push(
      page.levels ? { values: withNulls(piece.values ?? dereference(piece.codes!, dictionary!), page.levels) } : piece,
    );
    read += page.count;
  }
  if (read !== rows) throw new ChunkError(`the column chunk holds ${read} rows, but its row group has ${rows}`);
  if (dictionary && pieces.length > 0 && pieces.every((p) => p.codes))
    return {
      kind: 'dictionary',
      dictionary,
      codes: concatCodes(
        pieces.map((p) => p.codes!),
        rows,
      ),
    };
  // A writer whose dictionary grew too large goes on in plain pages: the chunk is then read as values.
  return {
    kind: 'values',
    values: concatValues(
      pieces.map((p) => p.values ?? dereference(p.codes!, dictionary!)),
      rows,
    ),
  };
}

/** The codes of a dictionary-encoded page; one past the dictionary is a damaged page. */
function dictionaryCodes(reader: DataReader, count: number, size: number): Int32Array {
  const width = reader.view.getUint8(reader.offset++);
  const codes = new Int32Array(count);
  if (width > 0) readRleBitPackedHybrid(reader, width, codes, reader.view.byteLength - reader.offset);
  for (let i = 0; i < count; i++) {
    if (codes[i]! >>> 0 >= size)
      throw new ChunkError(`a dictionary code (${codes[i]}) is past the ${size} dictionary entries`);
  }
  return codes;
}

function readerOf(page: Uint8Array): DataReader {
  return { view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 0 };
}

function decompress(
  body: Uint8Array,
  size: number,
  codec: CompressionCodec,
  compressors: Compressors | undefined,
): Uint8Array {
  return decompressPage(body, size, codec, compressors);
}

/** A data page past its levels: where its values start, how they are encoded and how many rows it holds. */
interface DataPage {
  readonly reader: DataReader;
  readonly encoding: string;
  /** Rows of the page. */
  readonly count: number;
  /** The definition level of each row (0: null) when some are null, and how many. */
  readonly levels?: Uint8Array;
  readonly nulls: number;
}

/** A data page past its levels: where its values start, how they are encoded and how many rows it holds. */
function dataPage(
  body: Uint8Array,
  header: PageHeader,
  codec: CompressionCodec,
  column: ChunkColumn,
  compressors: Compressors | undefined,
  keepNulls: boolean,
): DataPage {
  const v1 = header.data_page_header;
  if (v1) {
    const reader = readerOf(decompress(body, header.uncompressed_page_size, codec, compressors));
    // Version 1 pages prefix their levels with their byte length.
    const levels = column.maxDefinition > 0 ? readLevels(reader, v1.num_values, undefined, keepNulls) : NO_NULLS;
    return { reader, encoding: v1.encoding, count: v1.num_values, ...levels };
  }
  const v2 = header.data_page_header_v2;
  if (!v2) throw new ChunkError('a data page has no header');
  const levels =
    v2.num_nulls > 0
      ? readLevels(
          readerOf(body.subarray(v2.repetition_levels_byte_length)),
          v2.num_values,
          v2.definition_levels_byte_length,
          keepNulls,
        )
      : NO_NULLS;
  const levelBytes = v2.repetition_levels_byte_length + v2.definition_levels_byte_length;
  let values = body.subarray(levelBytes);
  const size = header.uncompressed_page_size - levelBytes;
  if (v2.is_compressed !== false && size > 0) values = decompress(values, size, codec, compressors);
  return { reader: readerOf(values), encoding: v2.encoding, count: v2.num_rows, ...levels };
}

const NO_NULLS = { nulls: 0 } as const;

/**
 * The definition levels of a flat optional column: the first null is a NullValue naming its row, or with
 * `keepNulls` the levels and the number of nulls (nothing when there is none).
 */
function readLevels(
  reader: DataReader,
  count: number,
  length: number | undefined,
  keepNulls: boolean,
): { levels?: Uint8Array; nulls: number } {
  const levels = new Uint8Array(count);
  readRleBitPackedHybrid(reader, 1, levels, length);
  const at = levels.indexOf(0);
  if (at < 0) return NO_NULLS;
  if (!keepNulls) throw new NullValue(at);
  let nulls = 0;
  for (let i = 0; i < count; i++) if (levels[i] === 0) nulls++;
  return { levels, nulls };
}

/** The page's present values spread over its rows, null where the level says so. */
function withNulls(values: DecodedArray, levels: Uint8Array): unknown[] {
  const out: unknown[] = new Array(levels.length);
  let k = 0;
  for (let i = 0; i < levels.length; i++) out[i] = levels[i] ? values[k++] : null;
  return out;
}

function pageValues(
  reader: DataReader,
  encoding: string,
  count: number,
  meta: ColumnMetaData,
  element: SchemaElement,
): DecodedArray {
  const { type } = meta;
  switch (encoding) {
    case 'PLAIN':
      return readPlain(reader, type, count, element.type_length);
    case 'RLE': {
      if (type !== 'BOOLEAN') throw new ChunkError(`RLE-encoded values of type ${type}`);
      const bits = new Uint8Array(count);
      readRleBitPackedHybrid(reader, 1, bits);
      return Array.from(bits, (b) => b !== 0);
    }
    case 'BYTE_STREAM_SPLIT':
      return byteStreamSplit(reader, count, type, element.type_length);
    case 'DELTA_BINARY_PACKED': {
      const out = type === 'INT32' ? new Int32Array(count) : new BigInt64Array(count);
      deltaBinaryUnpack(reader, count, out);
      return out;
    }
    case 'DELTA_LENGTH_BYTE_ARRAY': {
      const out = new Array<Uint8Array>(count);
      deltaLengthByteArray(reader, count, out);
      return out;
    }
    case 'DELTA_BYTE_ARRAY': {
      const out = new Array<Uint8Array>(count);
      deltaByteArray(reader, count, out);
      return out;
    }
    default:
      throw new ChunkError(`values in the ${encoding} encoding, which this reader does not know`);
  }
}

function concatCodes(pieces: readonly Int32Array[], rows: number): Int32Array {
  if (pieces.length === 1) return pieces[0]!;
  const out = new Int32Array(rows);
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function dereference(codes: Int32Array, dictionary: DecodedArray): DecodedArray {
  return Array.from(codes, (c) => dictionary[c]);
}

/** Pages of one typed-array class stay that class; anything else becomes an array of values. */
function concatValues(pieces: readonly DecodedArray[], rows: number): DecodedArray {
  if (pieces.length === 1) return pieces[0]!;
  const first = pieces[0];
  if (first && !Array.isArray(first) && pieces.every((p) => p.constructor === first.constructor)) {
    const out = new (first.constructor as new (n: number) => Exclude<DecodedArray, unknown[]>)(rows);
    let at = 0;
    for (const p of pieces) {
      out.set(p as never, at);
      at += p.length;
    }
    return out;
  }
  const out: unknown[] = new Array(rows);
  let at = 0;
  for (const p of pieces) for (let i = 0; i < p.length; i++) out[at++] = p[i];
  return out;
}
