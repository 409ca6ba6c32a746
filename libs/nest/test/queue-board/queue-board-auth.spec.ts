import { describe, expect, it } from '@jest/globals';
import { ApiTokens } from '../../src/http-api/auth/api-tokens.js';
import { cookieValue, QUEUE_BOARD_COOKIE, queueBoardAuth, withoutToken } from '../../src/queue-board/queue-board-auth.js';

/** What the hook did to the reply. */
class RecordingReply {
  status: number | undefined;
  redirectedTo: string | undefined;
  sent: unknown;
  readonly headers: Record<string, string> = {};

  header(name: string, value: string): this {
    this.headers[name] = value;
    return this;
  }
  code(status: number): this {
    this.status = status;
    return this;
  }
  redirect(url: string, code?: number): this {
    this.redirectedTo = url;
    this.status = code;
    return this;
  }
  send(payload?: unknown): this {
    this.sent = payload;
    return this;
  }
}

const board = (init: { method?: string; url?: string; headers?: Record<string, string>; query?: Record<string, string>; protocol?: string } = {}) => ({
  method: init.method ?? 'GET',
  url: init.url ?? '/admin/queues',
  protocol: init.protocol ?? 'http',
  headers: init.headers ?? {},
  query: init.query ?? {},
});

describe('queueBoardAuth', () => {
  it('lets everything through when no token is configured, like the rest of the API', async () => {
    const reply = new RecordingReply();
    await queueBoardAuth(new ApiTokens([]), '/admin/queues')(board(), reply);
    expect(reply).toMatchObject({ status: undefined, sent: undefined, redirectedTo: undefined });
  });

  it('accepts a ?token= on a non-GET request without a redirect, setting the cookie (Secure over https)', async () => {
    const reply = new RecordingReply();
    const request = board({ method: 'PUT', url: '/admin/queues/api/queues/pause?token=t1', query: { token: 't1' }, protocol: 'https' });
    await queueBoardAuth(new ApiTokens(['t1']), '/admin/queues')(request, reply);
    expect(reply.redirectedTo).toBeUndefined();
    expect(reply.status).toBeUndefined();
    expect(reply.headers['set-cookie']).toBe(`${QUEUE_BOARD_COOKIE}=t1; Path=/admin/queues; HttpOnly; SameSite=Strict; Secure`);
  });

  it('refuses a wrong ?token= with 401 and sets no cookie', async () => {
    const reply = new RecordingReply();
    await queueBoardAuth(new ApiTokens(['t1']), '/admin/queues')(board({ url: '/admin/queues?token=t2', query: { token: 't2' } }), reply);
    expect(reply.status).toBe(401);
    expect(reply.headers['set-cookie']).toBeUndefined();
  });
});

describe('cookie and address helpers', () => {
  it('finds one cookie among several', () => {
    expect(cookieValue('a=1; aside_queue_board=tok=; b=2', 'aside_queue_board')).toBe('tok=');
    expect(cookieValue(undefined, 'x')).toBeUndefined();
    expect(cookieValue('xaside_queue_board=1', 'aside_queue_board')).toBeUndefined();
  });

  it('drops every token parameter and keeps the rest', () => {
    expect(withoutToken('/admin/queues?token=a&x=1&token=b')).toBe('/admin/queues?x=1');
    expect(withoutToken('/admin/queues/queue/aside-tools?token=a')).toBe('/admin/queues/queue/aside-tools');
  });
});
