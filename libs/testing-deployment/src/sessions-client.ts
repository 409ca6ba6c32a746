import type { StoredEvent } from '@aside/events/store';
import type { SessionView } from './session-view.js';

export interface RawResponse {
  readonly status: number;
  readonly location: string | null;
  readonly body: unknown;
}

/** A refusal, kept whole: a probe may want to know it was a redirect, and where to. */
export class HttpStatusError extends Error {
  constructor(
    readonly response: RawResponse,
    what: string,
  ) {
    super(`${what} → ${response.status} ${JSON.stringify(response.body)}`);
    this.name = 'HttpStatusError';
  }
}

/**
 * The public HTTP API of one gateway process (README "HTTP"), as a black-box client uses it.
 * Redirects are not followed: a test must know which gateway answered (a 307 says the session
 * is served elsewhere). No token: the processes run with ASIDE_API_TOKENS empty (auth off).
 */
export class SessionsClient {
  constructor(readonly baseUrl: string) {}

  /** `instant`: speech counts as played when sent; `client`: this client reports each playout (`reportPlayout`), as a voice front end does. */
  async createSession(agent = 'worker', playout: 'instant' | 'client' = 'instant'): Promise<string> {
    return (await this.expect<{ sessionId: string }>('POST', '/v1/sessions', { agent, playout }, 201)).sessionId;
  }

  async reportPlayout(sessionId: string, speechId: string, status: 'played' | 'interrupted' = 'played'): Promise<void> {
    await this.expect('POST', `/v1/sessions/${sessionId}/playout`, { speechId, status }, 204);
  }

  async submitTurn(sessionId: string, text: string): Promise<void> {
    await this.expect('POST', `/v1/sessions/${sessionId}/turns`, { text }, 202);
  }

  getSession(sessionId: string): Promise<SessionView> {
    return this.expect('GET', `/v1/sessions/${sessionId}`, undefined, 200);
  }

  async closeSession(sessionId: string): Promise<void> {
    await this.expect('DELETE', `/v1/sessions/${sessionId}`, undefined, 204);
  }

  /** The whole audit log, page by page. */
  async auditLog(sessionId: string): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    for (let after = 0; ; ) {
      const page = await this.expect<{ events: StoredEvent[]; next: number | null }>('GET', `/v1/sessions/${sessionId}/events?after=${after}&limit=1000`, undefined, 200);
      events.push(...page.events);
      if (page.next === null) return events;
      after = page.next;
    }
  }

  async request(method: string, path: string, body?: unknown): Promise<RawResponse> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      redirect: 'manual',
      signal: AbortSignal.timeout(5_000),
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, location: response.headers.get('location'), body: text ? (JSON.parse(text) as unknown) : undefined };
  }

  private async expect<T>(method: string, path: string, body: unknown, status: number): Promise<T> {
    const response = await this.request(method, path, body);
    if (response.status !== status) throw new HttpStatusError(response, `${method} ${this.baseUrl}${path}`);
    return response.body as T;
  }
}
