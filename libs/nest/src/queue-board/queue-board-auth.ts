import type { IncomingHttpHeaders } from 'node:http';
import { bearerToken, type ApiTokens } from '../http-api/auth/api-tokens.js';
import { unauthorized } from '../http-api/auth/bearer-auth.guard.js';

/** The cookie the board's own follow-up requests (its JSON API, its assets) carry the token in. */
export const QUEUE_BOARD_COOKIE = 'aside_queue_board';

/** The parts of a Fastify request and reply the hook uses. */
interface BoardRequest {
  readonly method: string;
  readonly url: string;
  readonly protocol: string;
  readonly headers: IncomingHttpHeaders;
  readonly query: unknown;
}
interface BoardReply {
  header(name: string, value: string): BoardReply;
  code(status: number): BoardReply;
  redirect(url: string, code?: number): BoardReply;
  send(payload?: unknown): BoardReply;
}

/**
 * The queue board's gate, a Fastify `onRequest` hook on its prefix: the API's bearer tokens,
 * given as `Authorization: Bearer <token>`, or once as `?token=` from a browser — answered with
 * an HttpOnly, SameSite=Strict cookie scoped to the board's path and a redirect to the same
 * address without the token (so it stays out of the history and Referer headers); the board's
 * page then loads its API and assets with the cookie. No tokens configured: open, like the API.
 */
export function queueBoardAuth(tokens: ApiTokens, path: string): (request: BoardRequest, reply: BoardReply) => Promise<BoardReply | undefined> {
  return async (request, reply) => {
    if (!tokens.enabled) return undefined;
    if (tokens.accepts(bearerToken(request.headers.authorization))) return undefined;
    if (tokens.accepts(cookieValue(request.headers.cookie, QUEUE_BOARD_COOKIE))) return undefined;
    const fromQuery = queryToken(request.query);
    if (fromQuery !== undefined && tokens.accepts(fromQuery)) {
      const secure = request.protocol === 'https' ? '; Secure' : '';
      reply.header('set-cookie', `${QUEUE_BOARD_COOKIE}=${fromQuery}; Path=${path}; HttpOnly; SameSite=Strict${secure}`);
      if (request.method === 'GET' || request.method === 'HEAD') return reply.redirect(withoutToken(request.url), 303);
      return undefined;
    }
    const refusal = unauthorized();
    return reply.code(refusal.status).send(refusal.toBody());
  };
}

function queryToken(query: unknown): string | undefined {
  const value = typeof query === 'object' && query !== null ? (query as Record<string, unknown>)['token'] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** One cookie's value from a Cookie header (`a=1; b=2`); undefined when absent. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}

/** The request's address with every `token` query parameter removed. */
export function withoutToken(url: string): string {
  const parsed = new URL(url, 'http://board.invalid');
  parsed.searchParams.delete('token');
  return `${parsed.pathname}${parsed.search}`;
}
