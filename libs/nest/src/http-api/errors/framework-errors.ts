import type { Socket } from 'node:net';
import { STATUS_CODES, type ServerResponse } from 'node:http';
import { ApiError, codeForStatus } from './api-error.js';
import { INTERNAL_ERROR } from './to-api-error.js';

/**
 * Fastify's `frameworkErrors`: what its router refuses before any route (or Nest) sees the
 * request — a URL that does not decode, a parameter too long — answered with the usual body.
 */
export function answerFrameworkError(error: Error & { code?: string }, response: ServerResponse): void {
  const refusal =
    error.code === 'FST_ERR_BAD_URL'
      ? new ApiError(400, 'INVALID_REQUEST', 'The request URL is malformed')
      : error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? new ApiError(414, 'URI_TOO_LONG', 'A path parameter is too long')
        : INTERNAL_ERROR;
  if (response.headersSent) return;
  const body = JSON.stringify(refusal.toBody());
  response.writeHead(refusal.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

/**
 * Fastify's `clientErrorHandler`: a request the HTTP parser cannot read (garbage, oversized
 * headers, a timeout) gets the usual body on the raw socket, which is then closed.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const refusal =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? new ApiError(408, codeForStatus(408), 'The request took too long to arrive')
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? new ApiError(431, codeForStatus(431), 'The request headers are too large')
        : new ApiError(400, 'INVALID_REQUEST', 'The request is not valid HTTP');
  const body = JSON.stringify(refusal.toBody());
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status]}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
