// The small parts of two untyped libraries the view uses.

declare module 'd3-selection' {
  interface Selection {
    datum(value: unknown): Selection;
    call(fn: (s: Selection) => void): Selection;
  }
  export function select(node: Element): Selection;
}

declare module 'd3-flame-graph' {
  interface FlameGraph {
    (selection: unknown): void;
    width(px: number): FlameGraph;
    cellHeight(px: number): FlameGraph;
    minFrameSize(px: number): FlameGraph;
    selfValue(on: boolean): FlameGraph;
  }
  export default function flamegraph(): FlameGraph;
}

// Modules the browser build writes (scripts/build-web.mjs).
declare module 'virtual:otlp-descriptor' {
  const descriptor: unknown;
  export default descriptor;
}

declare module 'virtual:examples' {
  /** The repository's example scripts, with the vis.json of those that have one. */
  const examples: readonly { readonly name: string; readonly pxl: string; readonly vis?: string }[];
  export default examples;
}

declare module '*.pxl' {
  const text: string;
  export default text;
}
