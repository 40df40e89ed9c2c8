// A mistake the user can fix (a missing file, a bad schema): one line `pxlc: error: ...`, exit 1, no stack trace.

export class UserError extends Error {}

/** All of standard input, as text (`-` as a script path). */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
