import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';

/** An incoming `X-Request-Id` is kept when it looks like an id (and cannot forge log lines). */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The id of a request: the caller's `X-Request-Id` when well-formed (a proxy's trace id), a
 * fresh UUID otherwise. Fastify assigns it (`genReqId`); the request log carries it as `reqId`
 * and the response answers it as `X-Request-Id`.
 */
export function requestIdFor(request: IncomingMessage): string {
  const incoming = request.headers[REQUEST_ID_HEADER];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}
