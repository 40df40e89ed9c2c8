import type { Value } from './values.js';

/** A lexical scope: module scope, or one per user-function call (child of the defining scope). */
export class Scope {
  private readonly names = new Map<string, Value>();

  constructor(readonly parent?: Scope) {}

  lookup(name: string): Value | undefined {
    return this.names.get(name) ?? this.parent?.lookup(name);
  }

  bind(name: string, value: Value): void {
    this.names.set(name, value);
  }

  /** Names bound in this scope itself, in binding order. */
  ownNames(): string[] {
    return [...this.names.keys()];
  }

  /** Every visible name, for "did you mean" hints. */
  visibleNames(): string[] {
    const out = new Set<string>(this.parent?.visibleNames() ?? []);
    for (const k of this.names.keys()) out.add(k);
    return [...out];
  }
}
