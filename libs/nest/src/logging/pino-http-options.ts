import type { IncomingMessage, ServerResponse } from 'node:http';
import { stdTimeFunctions } from 'pino';
import type { Options } from 'pino-http';
import type { LogLevelName } from './logging-settings.js';
import { redactUrl } from './redact-url.js';
import { requestIdFor } from './request-id.js';

/** Paths censored wherever they appear, in case a header object is ever logged whole. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'headers.authorization',
  'headers.cookie',
  'authorization',
  'token',
];

interface SerializedRequest {
  readonly method?: string;
  readonly url?: string;
  readonly remoteAddress?: string;
}

/** Orchestrators call these every few seconds: a healthy answer is logged at debug only. */
const PROBES = /^\/(?:healthz|readyz)(?:\?|$)/;

/**
 * pino-http settings for every service: one line per request with the method, the URL (query
 * credentials redacted), the status, the duration (`responseTime`, ms) and the request id
 * (`reqId`; `startHttpApp` also answers it as `X-Request-Id`). Request headers are not logged
 * at all — the Authorization header cannot leak — and the usual secret paths are redacted
 * besides. Failures (5xx) are logged at error, healthy probes at debug, the rest at info.
 */
export function pinoHttpOptions(level: LogLevelName): Options<IncomingMessage, ServerResponse> {
  return {
    level,
    timestamp: stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    quietReqLogger: true,
    // Under Fastify the id is Fastify's (see `requestIdFor`); this covers any other server.
    genReqId: (request) => requestIdFor(request),
    serializers: {
      req: (request: SerializedRequest) => ({ method: request.method, url: redactUrl(request.url), remoteAddress: request.remoteAddress }),
      res: (response: { statusCode?: number }) => ({ statusCode: response.statusCode }),
    },
    customLogLevel: (request, response, error) => {
      if (error || response.statusCode >= 500) return 'error';
      return response.statusCode < 400 && PROBES.test(request.url ?? '') ? 'debug' : 'info';
    },
    customSuccessMessage: (request, response, responseTime) => `${request.method} ${redactUrl(request.url)} ${response.statusCode} ${Math.round(responseTime)}ms`,
    customErrorMessage: (request, response) => `${request.method} ${redactUrl(request.url)} ${response.statusCode} failed`,
  };
}
