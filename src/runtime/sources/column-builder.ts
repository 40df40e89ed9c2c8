// Growable typed columns for readers that don't know the row count up front (streamed files).

import { allocColumn, type ColumnData, type DataType } from '../../core/types.js';

// V8 copies strings shorter than this when slicing; longer ones may share their parent's memory.
const MIN_SLICED = 13;
const MAX_INTERNED = 100_000;

export class ColumnBuilder {
  private data: ColumnData;
  private n = 0;
  private interned: Map<string, string> | undefined;

  constructor(
    private readonly type: DataType,
    capacity = 1024,
  ) {
    this.data = allocColumn(type, capacity);
  }

  get length(): number {
    return this.n;
  }

  push(value: boolean | bigint | number | string): void {
    if (this.n === this.data.length) this.grow();
    if (this.type === 'BOOLEAN') (this.data as Uint8Array)[this.n++] = value ? 1 : 0;
    else if (typeof value === 'string') (this.data as unknown[])[this.n++] = this.keep(value);
    else (this.data as unknown[])[this.n++] = value;
  }

  /**
   * A string cut from a file's text can be a slice that pins the whole chunk it came from (V8 shares the
   * chunk's memory): keeping it would keep the file's raw text. Each distinct value is stored once, as a copy;
   * past MAX_INTERNED distinct values (ids, bodies) every value is copied on its own.
   */
  private keep(value: string): string {
    if (value.length < MIN_SLICED) return value;
    const seen = this.interned?.get(value);
    if (seen !== undefined) return seen;
    const copy = (' ' + value).slice(1);
    this.interned ??= new Map();
    if (this.interned.size < MAX_INTERNED) this.interned.set(copy, copy);
    return copy;
  }

  finish(): ColumnData {
    const d = this.data;
    if (Array.isArray(d)) return d.slice(0, this.n) as ColumnData;
    return (d as Uint8Array | BigInt64Array | Float64Array).slice(0, this.n);
  }

  private grow(): void {
    const bigger = allocColumn(this.type, Math.max(16, this.data.length * 2));
    if (Array.isArray(bigger)) {
      for (let i = 0; i < this.n; i++) (bigger as unknown[])[i] = (this.data as unknown[])[i];
    } else {
      (bigger as Uint8Array).set(this.data as Uint8Array);
    }
    this.data = bigger;
  }
}
