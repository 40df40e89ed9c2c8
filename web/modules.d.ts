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
