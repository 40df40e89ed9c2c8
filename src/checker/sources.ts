// Which source text spans refer to. Most code is the user's script, but the bodies of library functions
// (pxviews) are interpreted from pxlc's own PxL file, so span offsets are read against the file being run.

import type { SourceFile, Span } from '../core/source.js';

export class SourceStack {
  private readonly stack: SourceFile[] = [];

  constructor(readonly script: SourceFile) {}

  get current(): SourceFile {
    return this.stack[this.stack.length - 1] ?? this.script;
  }

  get inLibrary(): boolean {
    return this.current !== this.script;
  }

  text(span: Span): string {
    return this.current.text.slice(span.start, span.end);
  }

  within<T>(file: SourceFile, f: () => T): T {
    this.stack.push(file);
    try {
      return f();
    } finally {
      this.stack.pop();
    }
  }
}
