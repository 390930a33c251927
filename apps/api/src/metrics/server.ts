import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ERRORS, errorMessage, type ErrorCode } from '@tremplin/contracts';
import { metricsAccess } from './access.ts';
import { METRICS_CONTENT_TYPE, type Metrics } from './metrics.ts';

/** A refusal in the API's `{ code, message }` form, in French. */
function refuse(response: ServerResponse, code: ErrorCode, headers: Record<string, string> = {}): void {
  response
    .writeHead(ERRORS[code].status, { 'content-type': 'application/json; charset=utf-8', ...headers })
    .end(JSON.stringify({ code, message: errorMessage(code, 'fr') }));
}

/**
 * The metrics of a process without an HTTP server of its own (`pnpm start:grader`): `GET /metrics`
 * on a port of its own, under the API's protection; any other address answers 404.
 */
export async function serveMetrics(options: {
  metrics: Metrics;
  token: string | undefined;
  port: number;
  host: string;
  log: { warn(obj: object, msg: string): void };
}): Promise<{ server: Server; port: number }> {
  const server = createServer((request, response) => {
    const isMetrics = request.method === 'GET' && (request.url ?? '').split('?')[0] === '/metrics';
    const access = isMetrics
      ? metricsAccess(options.token, {
          remoteAddress: request.socket.remoteAddress,
          headers: request.headers,
        })
      : 'hidden';
    if (access === 'unauthorized')
      return refuse(response, 'TREMPLIN_ERR_METRICS_TOKEN', { 'www-authenticate': 'Bearer' });
    if (access === 'hidden') return refuse(response, 'TREMPLIN_ERR_NOT_FOUND');
    options.metrics.scrape().then(
      (text) =>
        response
          .writeHead(200, { 'content-type': METRICS_CONTENT_TYPE, 'cache-control': 'no-store' })
          .end(text),
      (error: unknown) => {
        options.log.warn({ err: error }, 'metrics not collected');
        refuse(response, 'TREMPLIN_ERR_INTERNAL');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}
