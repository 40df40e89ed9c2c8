// Objects keyed by input text. A `{}` inherits from Object.prototype: `o['constructor']` is a function, and
// `o['__proto__'] = v` replaces the prototype (or, through a nested `o[k1][k2] = v`, pollutes every object of the
// process). A key from a file, a script, a command line or an API caller therefore only ever meets a Map or an
// object made here.

/** An empty object with no prototype: every key, `__proto__` included, is an ordinary own entry. */
export function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** A frozen null-prototype copy of a constant table, so that looking up input text finds only its own entries. */
export function table<T>(entries: Readonly<Record<string, T>>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(dict<T>(), entries));
}

/** The value stored under `key` in an object that came from outside (JSON, YAML, an API caller), never an inherited one. */
export function own<T>(o: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

/** A null-prototype copy of `[key, value]` pairs (Object.fromEntries would make a `{}`). */
export function dictFrom<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  const out = dict<T>();
  for (const [k, v] of entries) out[k] = v;
  return out;
}

/**
 * Stores `value` as an own entry of an ordinary object handed to a caller (who expects `{}`): plain assignment
 * to `o['__proto__']` would replace the object's prototype instead.
 */
export function put<T>(o: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}
