import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { GatewayApi } from '@aside/engine';
import { isSessionId } from '@aside/events';
import { redactUrl } from '../../logging/redact-url.js';
import { bearerToken } from '../auth/api-tokens.js';
import { unauthorized } from '../auth/bearer-auth.guard.js';
import { ApiError } from '../errors/api-error.js';
import { toApiError } from '../errors/to-api-error.js';
import { GATEWAY_API, GATEWAY_HTTP_SETTINGS } from '../gateway-http.options.js';
import type { GatewayHttpSettings } from '../gateway-http.settings.js';
import { streamQuery } from '../validation/request-schemas.js';
import { sessionNotFound } from '../validation/session-id.pipe.js';
import { pumpEvents, type FrameSink } from './event-pump.js';

const STREAM_PATH = /^\/v1\/sessions\/([^/]+)\/stream$/;
/** Client frames are not part of the protocol; a small limit keeps them from costing memory. */
const MAX_CLIENT_FRAME = 4 * 1024;
const SHUTDOWN_GRACE_MS = 1_000;

interface Connection {
  readonly ws: WebSocket;
  readonly abort: AbortController;
  alive: boolean;
}

/**
 * `WebSocket /v1/sessions/:id/stream?after=<position>`: one `{ type: 'event', event }` text
 * frame per stored event after `after` (default 0), then each new one as it is committed.
 * Failures end with one `{ type: 'error', error }` frame and a close code of 4000 + the HTTP
 * status (4401 unauthorized, 4404 unknown session, 4400 bad query; 1011 for an internal error).
 * The stream closes with 1000 when the session's stream ends, 1001 on shutdown and 1013 when
 * the client reads too slowly. Attached to the HTTP server's `upgrade` event with `ws`.
 */
@Injectable()
export class SessionStreamServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('SessionStream');
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_FRAME, perMessageDeflate: false });
  private readonly connections = new Set<Connection>();
  private server: Server | undefined;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(GATEWAY_API) private readonly api: GatewayApi,
    @Inject(GATEWAY_HTTP_SETTINGS) private readonly settings: GatewayHttpSettings,
  ) {}

  onApplicationBootstrap(): void {
    this.server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    this.server.on('upgrade', this.onUpgrade);
    const { heartbeatMs } = this.settings.stream;
    if (heartbeatMs > 0) {
      this.heartbeat = setInterval(() => this.checkHeartbeats(), heartbeatMs);
      this.heartbeat.unref();
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.server?.off('upgrade', this.onUpgrade);
    clearInterval(this.heartbeat);
    const closing = [...this.connections].map(({ ws, abort }) => {
      abort.abort();
      const closed = new Promise<void>((resolve) => (ws.readyState === WebSocket.CLOSED ? resolve() : ws.once('close', () => resolve())));
      ws.close(1001, 'server shutting down');
      return closed;
    });
    const grace = new Promise<void>((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS).unref());
    await Promise.race([Promise.all(closing), grace]);
    for (const { ws } of this.connections) ws.terminate();
    this.wss.close();
  }

  private readonly onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    try {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const match = STREAM_PATH.exec(url.pathname);
      if (!match) {
        refuseUpgrade(socket, 404, new ApiError(404, 'NOT_FOUND', 'No such route'));
        return;
      }
      this.wss.handleUpgrade(request, socket, head, (ws) => {
        void this.serve(ws, request, decodeSegment(match[1]!), url.searchParams);
      });
    } catch (error) {
      this.logger.error({ err: error }, 'upgrade failed');
      socket.destroy();
    }
  };

  private async serve(ws: WebSocket, request: IncomingMessage, sessionId: string, params: URLSearchParams): Promise<void> {
    const connection: Connection = { ws, abort: new AbortController(), alive: true };
    this.connections.add(connection);
    ws.on('error', (error) => this.logger.warn({ err: error, sessionId }, 'stream socket error'));
    ws.on('pong', () => (connection.alive = true));
    ws.on('close', (code) => {
      connection.abort.abort();
      this.connections.delete(connection);
      this.logger.log({ sessionId, code }, 'stream closed');
    });
    this.logger.log({ url: redactUrl(request.url), sessionId }, 'stream opened');
    try {
      const token = params.get('token') ?? bearerToken(request.headers.authorization);
      if (!this.settings.tokens.accepts(token ?? undefined)) return fail(ws, unauthorized());
      if (!isSessionId(sessionId)) return fail(ws, sessionNotFound());
      const query = streamQuery.safeParse({ after: params.get('after') ?? undefined });
      if (!query.success) {
        const issues = query.error.issues.map((issue) => ({ path: ['query', ...issue.path.map(String)], message: issue.message }));
        return fail(ws, new ApiError(400, 'INVALID_REQUEST', 'The request query is invalid', { issues }));
      }
      const { signal } = connection.abort;
      const events = this.api.streamEvents(sessionId, { after: query.data.after, signal });
      const outcome = await pumpEvents(events, sinkOf(ws), { ...this.settings.stream, signal });
      if (outcome === 'stalled') ws.close(1013, 'client too slow');
      else if (outcome === 'ended') ws.close(1000, 'stream ended');
    } catch (error) {
      const { error: apiError, expected } = toApiError(error);
      if (!expected) this.logger.error({ err: error, sessionId }, 'stream failed with an unexpected error');
      fail(ws, apiError);
    } finally {
      connection.abort.abort();
    }
  }

  private checkHeartbeats(): void {
    for (const connection of this.connections) {
      if (!connection.alive) {
        connection.ws.terminate();
        continue;
      }
      connection.alive = false;
      connection.ws.ping();
    }
  }
}

function sinkOf(ws: WebSocket): FrameSink {
  return {
    get bufferedAmount() {
      return ws.bufferedAmount;
    },
    get open() {
      return ws.readyState === WebSocket.OPEN;
    },
    send: (frame) => ws.send(frame),
  };
}

/** One error frame, then a close code of 4000 + status (1011 for an internal error). */
function fail(ws: WebSocket, error: ApiError): void {
  if (ws.readyState !== WebSocket.OPEN) return;
  ws.send(JSON.stringify({ type: 'error', error: error.toBody().error }));
  ws.close(error.status >= 500 && error.status !== 503 ? 1011 : 4000 + error.status, error.code);
}

/** Before the upgrade there is no WebSocket yet: answer in plain HTTP, with the usual error body. */
function refuseUpgrade(socket: Duplex, status: number, error: ApiError): void {
  const body = JSON.stringify(error.toBody());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
