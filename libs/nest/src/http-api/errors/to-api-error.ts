import { HttpException } from '@nestjs/common';
import { GatewayError, type GatewayErrorCode } from '@aside/engine';
import { ApiError, codeForStatus } from './api-error.js';

const GATEWAY_STATUS: Readonly<Record<string, number>> & Readonly<Record<GatewayErrorCode, number>> = {
  SESSION_NOT_FOUND: 404,
  UNKNOWN_AGENT: 422,
  SESSION_CLOSED: 409,
  CONFLICT: 409,
  INVALID_REQUEST: 400,
  UNAVAILABLE: 503,
  // Served by another gateway: a 307 to it when its URL is known (see `redirectTarget`), else try again.
  NOT_OWNER: 503,
};

/** What Fastify's body parsing refuses before a handler runs, by its error code. */
const FASTIFY_REFUSALS: Readonly<Record<string, { status: number; code: string; message: string }>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'INVALID_JSON', message: 'The request body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'INVALID_JSON', message: 'The request body is empty but its content type is application/json' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is larger than the limit' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'The request body must be application/json' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'INVALID_REQUEST', message: 'The request body does not match its Content-Length' },
};

export const INTERNAL_ERROR = new ApiError(500, 'INTERNAL', 'Internal server error');

/**
 * Maps anything thrown while serving a request to the public error body. `expected` is false
 * for a fault of ours (a 5xx that is not a gateway's `UNAVAILABLE`): its detail goes to the log
 * only, the client gets a generic message.
 */
export function toApiError(exception: unknown): { readonly error: ApiError; readonly expected: boolean } {
  if (exception instanceof ApiError) return { error: exception, expected: exception.status < 500 };
  if (isGatewayError(exception)) {
    const redirect = exception.code === 'NOT_OWNER' && typeof exception.details?.['ownerUrl'] === 'string';
    const status = redirect ? 307 : GATEWAY_STATUS[exception.code];
    if (status === undefined) return { error: INTERNAL_ERROR, expected: false };
    return { error: new ApiError(status, exception.code, exception.message, exception.details ?? {}), expected: true };
  }
  const parsing = fastifyRefusal(exception);
  if (parsing) return { error: new ApiError(parsing.status, parsing.code, parsing.message), expected: true };
  if (exception instanceof HttpException && exception.getStatus() < 500) {
    const status = exception.getStatus();
    // Nest answers a request no route matches with a NotFoundException ("Cannot GET /x").
    const code = status === 404 ? 'NOT_FOUND' : codeForStatus(status);
    return { error: new ApiError(status, code, status === 404 ? 'No such route' : exception.message), expected: true };
  }
  return { error: INTERNAL_ERROR, expected: false };
}

/**
 * Where a client is sent for a session another gateway serves (DESIGN.md §4: redirect, not
 * forward — a voice client keeps one WebSocket to the owner rather than a proxy hop): the same
 * path and query on the owner's advertised URL.
 */
export function redirectTarget(error: ApiError, requestUrl: string): string | undefined {
  const ownerUrl = error.details['ownerUrl'];
  if (error.status !== 307 || typeof ownerUrl !== 'string') return undefined;
  try {
    return new URL(requestUrl, ownerUrl).toString();
  } catch {
    return undefined;
  }
}

/** `instanceof` fails across duplicate package copies; the name and a known code do not. */
function isGatewayError(value: unknown): value is GatewayError {
  return value instanceof GatewayError || (value instanceof Error && value.name === 'GatewayError' && typeof (value as { code?: unknown }).code === 'string');
}

/** Fastify's parser errors reach Nest wrapped in an HttpException whose cause carries the code. */
function fastifyRefusal(exception: unknown): (typeof FASTIFY_REFUSALS)[string] | undefined {
  const candidates = [exception, exception instanceof Error ? exception.cause : undefined];
  for (const candidate of candidates) {
    const code = (candidate as { code?: unknown } | undefined)?.code;
    if (typeof code === 'string' && Object.hasOwn(FASTIFY_REFUSALS, code)) return FASTIFY_REFUSALS[code];
    // secure-json-parse's refusal of a body it cannot parse, as thrown by Fastify's JSON parser.
    if (candidate instanceof SyntaxError && (candidate as { statusCode?: unknown }).statusCode === 400) return FASTIFY_REFUSALS['FST_ERR_CTP_INVALID_JSON_BODY'];
  }
  return undefined;
}
