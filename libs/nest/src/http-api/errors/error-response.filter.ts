import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { redirectTarget, toApiError } from './to-api-error.js';

interface HeaderWriter {
  readonly sent?: boolean;
  readonly headersSent?: boolean;
  header?: (name: string, value: string) => unknown;
  setHeader?: (name: string, value: string) => unknown;
}

/**
 * Every error response of the application is `{ error: { code, message, details } }`: refusals
 * keep their status and code, anything unexpected becomes a 500 `INTERNAL` whose detail only
 * the log sees. Registered globally, so it also answers unknown routes and Fastify's own
 * body-parsing refusals.
 */
@Catch()
export class ErrorResponseFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpApi');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const { error, expected } = toApiError(exception);
    if (!expected) this.logger.error({ err: exception }, 'request failed with an unexpected error');
    const response = host.switchToHttp().getResponse<HeaderWriter>();
    if (response.sent === true || response.headersSent === true) return;
    if (error.status === 401) setHeader(response, 'WWW-Authenticate', 'Bearer');
    const location = redirectTarget(error, host.switchToHttp().getRequest<{ readonly url?: string }>().url ?? '/');
    if (location !== undefined) setHeader(response, 'Location', location);
    if (error.status === 503) setHeader(response, 'Retry-After', '1');
    this.adapterHost.httpAdapter.reply(response, error.toBody(), error.status);
  }
}

/** A Fastify reply has `header()`; the raw response a middleware error comes with has `setHeader()`. */
function setHeader(response: HeaderWriter, name: string, value: string): void {
  if (typeof response.header === 'function') response.header(name, value);
  else response.setHeader?.(name, value);
}
