// Colour on a terminal: on when the stream is a TTY, never in pipes or files; NO_COLOR (any non-empty value)
// turns it off and FORCE_COLOR (anything but 0/false) turns it on, as https://no-color.org and most tools read them.

export interface ColourEnv {
  readonly NO_COLOR?: string | undefined;
  readonly FORCE_COLOR?: string | undefined;
  readonly TERM?: string | undefined;
}

export function colourEnabled(stream: { readonly isTTY?: boolean }, env: ColourEnv = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/** The roles text plays in pxlc's output; each has one look. */
export type Role = 'error' | 'warning' | 'location' | 'caret' | 'help' | 'gutter' | 'ok' | 'bold';

const SGR: Readonly<Record<Role, readonly [number, number]>> = {
  error: [31, 39],
  warning: [33, 39],
  location: [1, 22],
  caret: [31, 39],
  help: [36, 39],
  gutter: [34, 39],
  ok: [32, 39],
  bold: [1, 22],
};

export type Paint = (role: Role, text: string) => string;

export const plain: Paint = (_role, text) => text;

export const ansi: Paint = (role, text) => {
  const [on, off] = SGR[role];
  return text === '' ? text : `\x1b[${on}m${text}\x1b[${off}m`;
};

/** The painter for a stream: ANSI colours when colourEnabled says so, plain text otherwise. */
export function painterFor(stream: { readonly isTTY?: boolean }, env: ColourEnv = process.env): Paint {
  return colourEnabled(stream, env) ? ansi : plain;
}
