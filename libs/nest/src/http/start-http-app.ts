import type { ServerResponse } from 'node:http';
import type { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { answerClientError, answerFrameworkError } from '../http-api/errors/framework-errors.js';
import { requestIdFor, REQUEST_ID_HEADER } from '../logging/request-id.js';
import type { HttpSettings } from './http-settings.js';

/** Request bodies above this are refused with 413 (DESIGN.md §5). */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/**
 * Boots a Nest module on Fastify, with shutdown hooks so SIGTERM closes it in order. Bodies are
 * limited to `bodyLimit` (1 MiB); every request gets an id (`requestIdFor`), answered as
 * `X-Request-Id`. A failing boot rejects instead of Nest exiting the process. (Composing
 * `LoggingModule` sends Nest's own logs through pino.)
 */
export async function startHttpApp(
  module: unknown,
  settings: HttpSettings,
  options: { logger?: false | LogLevel[]; bodyLimit?: number } = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
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
  app.enableShutdownHooks();
  await app.listen(settings.port, settings.host);
  return app;
}
