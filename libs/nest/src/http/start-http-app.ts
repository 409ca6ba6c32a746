import type { ServerResponse } from 'node:http';
import type { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { answerClientError, answerFrameworkError } from '../http-api/errors/framework-errors.js';
import { jsonBodyParser } from '../http-api/validation/json-body-parser.js';
import { requestIdFor, REQUEST_ID_HEADER } from '../logging/request-id.js';
import type { HttpSettings } from './http-settings.js';

/** Request bodies above this are refused with 413 (DESIGN.md §5). */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/**
 * A request not received whole by then is answered 408 and its connection closed. Fastify
 * turns Node's request timeout off, so without it a client that declares a body and never sends
 * all of it holds its connection (and the request) for ever.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/**
 * Boots a Nest module on Fastify, with shutdown hooks so SIGTERM closes it in order. Bodies are
 * limited to `bodyLimit` (1 MiB) and parsed by the API's JSON parser; a request must arrive
 * whole within `requestTimeoutMs` (30 s); every request gets an id (`requestIdFor`), answered as
 * `X-Request-Id`. A failing boot rejects instead of Nest exiting the process. (Composing
 * `LoggingModule` sends Nest's own logs through pino.)
 */
export async function startHttpApp(
  module: unknown,
  settings: HttpSettings,
  options: { logger?: false | LogLevel[]; bodyLimit?: number; requestTimeoutMs?: number } = {},
): Promise<NestFastifyApplication> {
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const adapter = new FastifyAdapter({
    bodyLimit,
    requestTimeout,
    http: {
      // Node swaps the two when the headers may take longer than the whole request.
      headersTimeout: Math.min(60_000, requestTimeout),
      // Node looks for overdue requests this often (30 s by default, which would double the timeout).
      connectionsCheckingInterval: Math.max(100, Math.min(1_000, Math.floor(requestTimeout / 4))),
    },
    genReqId: requestIdFor,
    // What Fastify refuses before Nest sees a request still gets `{ error: { code, message, details } }`.
    frameworkErrors: (error: Error, _request: unknown, reply: { readonly raw: ServerResponse }) => answerFrameworkError(error, reply.raw),
    clientErrorHandler: answerClientError,
  });
  adapter.getInstance().addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
  // Logs stay buffered until the logger is known; a boot that fails drops them (Nest would print
  // the error with its stack) and rejects, so the caller says why in one line.
  const app = await NestFactory.create<NestFastifyApplication>(module as never, adapter, {
    logger: options.logger ?? ['error', 'warn', 'log'],
    bufferLogs: options.logger !== false,
    autoFlushLogs: false,
    abortOnError: false,
  });
  if (options.logger !== false) app.flushLogs();
  // JSON bodies through the API's own parser: precise refusals of forbidden keys and bad syntax.
  app.useBodyParser('application/json', { bodyLimit }, jsonBodyParser);
  app.enableShutdownHooks();
  await app.listen(settings.port, settings.host);
  return app;
}
