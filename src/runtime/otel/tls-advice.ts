// TLS failures that no retry can mend, said so that the reader knows what to do: a collector that does not speak TLS,
// and a certificate this machine does not trust (named by its subject, fetched with a second, unverified handshake
// that sends nothing). Transports report both as one line and do not retry them.

import { isIP } from 'node:net';
import { connect, type PeerCertificate } from 'node:tls';

const PLAINTEXT = /wrong version number|WRONG_VERSION_NUMBER|packet length too long|http request/;
const UNTRUSTED = new RegExp(
  [
    'self[- ]signed certificate',
    'unable to verify the first certificate',
    'unable to get (local )?issuer certificate',
    'certificate has expired',
    'certificate is not yet valid',
    "Hostname/IP does not match certificate's altnames",
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'UNABLE_TO_GET_ISSUER_CERT',
    'ERR_TLS_CERT_ALTNAME_INVALID',
    'CERT_HAS_EXPIRED',
    'CERT_NOT_YET_VALID',
  ].join('|'),
);

export type TlsProblem = 'plaintext' | 'untrusted';

/** What kind of TLS failure the error text (or code) of a transport is, if it is one. */
export function tlsProblem(text: string): TlsProblem | undefined {
  if (UNTRUSTED.test(text)) return 'untrusted';
  if (PLAINTEXT.test(text)) return 'plaintext';
  return undefined;
}

/** The message for a TLS failure: what happened and what to pass. `host`/`port`: the collector dialled. */
export async function tlsAdvice(
  problem: TlsProblem,
  detail: string,
  host: string,
  port: number,
  address: string,
): Promise<string> {
  if (problem === 'plaintext') {
    return (
      `the collector at ${address} does not speak TLS: pass --insecure (or insecure=True in px.otel.Endpoint, ` +
      'or an http:// endpoint) if a plaintext connection is intended'
    );
  }
  const cert = await peerCertificate(host, port);
  const reason = /Hostname\/IP does not match|ALTNAME/.test(detail)
    ? `it is not valid for ${host}`
    : /expired|CERT_HAS_EXPIRED/.test(detail)
      ? 'it has expired'
      : /not yet valid/.test(detail)
        ? 'it is not valid yet'
        : /self[- ]signed|SELF_SIGNED/.test(detail)
          ? 'it is self-signed'
          : 'no trusted authority signed it';
  const names = cert
    ? `its certificate (subject ${subject(cert.subject)}, issuer ${subject(cert.issuer)}${cert.subjectaltname ? `, ${cert.subjectaltname}` : ''})`
    : 'its certificate';
  return (
    `the collector at ${address} is not trusted: ${names} is refused because ${reason}; ` +
    'pass --ca FILE (or set OTEL_EXPORTER_OTLP_CERTIFICATE=FILE) with the CA certificate that signed it' +
    (/not valid for|ALTNAME/.test(reason) ? ', or dial the name the certificate is for' : '')
  );
}

/**
 * For a plaintext gRPC connection that failed without a reason (grpc-js says "Failed to connect" or "Protocol
 * error"): the advice to drop --insecure when the collector answers a TLS handshake, else undefined.
 */
export async function plaintextToTlsAdvice(
  text: string,
  host: string,
  port: number,
  address: string,
): Promise<string | undefined> {
  if (!/Failed to connect|Protocol error/.test(text) || !(await peerCertificate(host, port))) return undefined;
  return (
    `the collector at ${address} speaks TLS, and this run connected in plaintext: drop --insecure (or insecure=True ` +
    'in px.otel.Endpoint, or the http:// of the endpoint), and pass --ca FILE if a private CA signed its certificate'
  );
}

function subject(s: PeerCertificate['subject'] | undefined): string {
  if (!s) return '(none)';
  const parts = Object.entries(s).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : String(v)}`);
  return parts.length > 0 ? parts.join(', ') : '(empty)';
}

/** The collector's certificate, without trusting it; undefined if the handshake fails or takes over 1 s. */
function peerCertificate(host: string, port: number): Promise<PeerCertificate | undefined> {
  return new Promise((resolve) => {
    const bare = host.replace(/^\[(.*)\]$/, '$1');
    const socket = connect(
      {
        host: bare,
        port,
        rejectUnauthorized: false,
        ALPNProtocols: ['h2', 'http/1.1'],
        ...(isIP(bare) ? {} : { servername: bare }),
      },
      () => {
        const cert = socket.getPeerCertificate();
        socket.destroy();
        resolve(cert && Object.keys(cert).length > 0 ? cert : undefined);
      },
    );
    socket.setTimeout(1000, () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.on('error', () => resolve(undefined));
  });
}
