// Which endpoint headers gRPC can carry. Checked when a script is compiled (the script's px.otel.Endpoint
// headers) and before a channel opens (`pxlc resend --header`), so a bad header is a clear error — gRPC's own
// error would quote the header's value, which is usually an API key.

/** Why `key: value` cannot be sent as gRPC metadata, or undefined. Never quotes the value. */
export function headerProblem(key: string, value: string): string | undefined {
  const k = key.toLowerCase();
  if (!/^[0-9a-z_.-]+$/.test(k))
    return `header name ${JSON.stringify(key)} is not valid gRPC metadata: use letters, digits, '-', '_' and '.'`;
  if (k.startsWith('grpc-')) return `header name '${key}' is reserved by gRPC`;
  if (k.endsWith('-bin')) return `header name '${key}' ends in '-bin', which gRPC reserves for binary values`;
  if (!/^[ -~]*$/.test(value))
    return `the value of header '${k}' has characters gRPC metadata cannot carry (only printable ASCII); the value is not shown`;
  return undefined;
}

/**
 * Why `address` cannot be dialled as a gRPC target `HOST:PORT` (the form of px.otel.Endpoint's url), or undefined;
 * the reason follows the quoted address ("'0.0.0.0:98765' has a port outside 1..65535").
 * Checked when a script is compiled and when a flag or variable names an endpoint, so a typo is reported before any
 * work rather than after five failed attempts.
 */
export function endpointProblem(address: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(address)) return 'must be HOST:PORT without a scheme';
  const m = /^(\[[0-9a-fA-F:.]+\]|[^\s/:[\]]*):([^:]*)$/.exec(address);
  if (!m) return 'is not HOST:PORT';
  if (m[1] === '') return 'has no host';
  const port = m[2]!;
  if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) return 'has a port outside 1..65535';
  return undefined;
}
