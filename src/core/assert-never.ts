/** The end of a switch over a union: a compile error when a member is not handled, a clear crash if one slips by. */
export function assertNever(x: never): never {
  throw new Error(
    `internal: unhandled case ${JSON.stringify(x, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))}`,
  );
}
