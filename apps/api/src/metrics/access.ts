import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';

/** served; refused for a missing or wrong token (401); hidden as if absent (404). */
export type MetricsAccess = 'served' | 'unauthorized' | 'hidden';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** The socket's own address, never a header: a loopback peer is this machine. */
function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return address === '::1';
}

/**
 * Who may read the metrics. With METRICS_TOKEN: whoever sends it as a bearer token (compared in
 * constant time). Without: only a peer on this machine, and not one relaying another's request
 * (a reverse proxy on the same host adds a forwarding header), so that a proxy in front never
 * exposes them by accident. Forwarding headers are never believed to grant access.
 */
export function metricsAccess(
  token: string | undefined,
  request: { remoteAddress: string | undefined; headers: IncomingHttpHeaders },
): MetricsAccess {
  if (token !== undefined) {
    const match = /^Bearer +(\S+) *$/i.exec(request.headers.authorization ?? '');
    // Digests have one length whatever was sent: the comparison tells nothing of the token's.
    return match && timingSafeEqual(digest(match[1]!), digest(token)) ? 'served' : 'unauthorized';
  }
  const { headers } = request;
  const relayed =
    headers['x-forwarded-for'] !== undefined ||
    headers.forwarded !== undefined ||
    headers['x-real-ip'] !== undefined;
  return isLoopback(request.remoteAddress) && !relayed ? 'served' : 'hidden';
}
