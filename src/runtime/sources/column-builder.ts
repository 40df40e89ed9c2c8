// Growable typed columns for readers that don't know the row count up front (streamed files).

import { allocColumn, type ColumnData, type DataType } from '../types.js';

export class ColumnBuilder {
  private data: ColumnData;
  private n = 0;

  constructor(private readonly type: DataType, capacity = 1024) {
    this.data = allocColumn(type, capacity);
  }

  get length(): number {
    return this.n;
  }

  push(value: boolean | bigint | number | string): void {
    if (this.n === this.data.length) this.grow();
    if (this.type === 'BOOLEAN') (this.data as Uint8Array)[this.n++] = value ? 1 : 0;
    else (this.data as unknown[])[this.n++] = value;
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
