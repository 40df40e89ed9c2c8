// Which endpoint headers gRPC can carry. Checked when a script is compiled (the script's px.otel.Endpoint
// headers) and before a channel opens (`pxlc resend --header`), so a bad header is a clear error — gRPC's own
// error would quote the header's value, which is usually an API key.

/** Why `key: value` cannot be sent as gRPC metadata, or undefined. Never quotes the value. */
export function headerProblem(key: string, value: string): string | undefined {
  const k = key.toLowerCase();
  if (!/^[0-9a-z_.-]+$/.test(k)) return `header name ${JSON.stringify(key)} is not valid gRPC metadata: use letters, digits, '-', '_' and '.'`;
  if (k.startsWith('grpc-')) return `header name '${key}' is reserved by gRPC`;
  if (k.endsWith('-bin')) return `header name '${key}' ends in '-bin', which gRPC reserves for binary values`;
  if (!/^[ -~]*$/.test(value)) return `the value of header '${k}' has characters gRPC metadata cannot carry (only printable ASCII); the value is not shown`;
  return undefined;
}
