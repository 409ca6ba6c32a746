import type { StoredEvent } from '@aside/events/store';
import { GatewayError, type CreateSessionInput, type GatewayApi, type GatewayErrorCode, type SessionList, type SessionProjection } from '@aside/engine';

/**
 * The gateway API over HTTP, as a black-box client sees it: every call is a request to the
 * public routes with a bearer token, and every refusal comes back as the gateway's error code.
 * The scenario suite runs through it unchanged.
 */
export class HttpGatewayClient implements GatewayApi {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  createSession(input: CreateSessionInput) {
    return this.request<{ sessionId: string }>('POST', '/v1/sessions', input, 201);
  }

  submitTurn(sessionId: string, input: { readonly text: string; readonly commandId?: string }) {
    return this.request<{ turnId: string }>('POST', `/v1/sessions/${sessionId}/turns`, input, 202);
  }

  async reportPlayout(sessionId: string, input: { readonly speechId: string; readonly status: 'played' | 'interrupted' }) {
    await this.request('POST', `/v1/sessions/${sessionId}/playout`, input, 204);
  }

  async setUserState(sessionId: string, input: { readonly speaking: boolean }) {
    await this.request('POST', `/v1/sessions/${sessionId}/user-state`, input, 204);
  }

  getSession(sessionId: string) {
    return this.request<SessionProjection>('GET', `/v1/sessions/${sessionId}`, undefined, 200);
  }

  readEvents(sessionId: string, input: { readonly after: number; readonly limit: number }) {
    return this.request<{ events: StoredEvent[]; next: number | null }>('GET', `/v1/sessions/${sessionId}/events?after=${input.after}&limit=${Math.min(input.limit, 1000)}`, undefined, 200);
  }

  streamEvents(): AsyncIterable<StoredEvent> {
    throw new Error('The scenario suite reads the audit log page by page; the WebSocket stream has tests of its own');
  }

  listSessions(input: { readonly search?: string; readonly limit: number }) {
    const query = new URLSearchParams({ limit: String(input.limit), ...(input.search === undefined ? {} : { search: input.search }) });
    return this.request<SessionList>('GET', `/v1/sessions?${query}`, undefined, 200);
  }

  async closeSession(sessionId: string) {
    await this.request('DELETE', `/v1/sessions/${sessionId}`, undefined, 204);
  }

  readiness() {
    return this.request<{ ready: boolean; checks: Record<string, string> }>('GET', '/readyz', undefined, 200);
  }

  private async request<T>(method: string, path: string, body: unknown, expected: number): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const payload = text ? (JSON.parse(text) as unknown) : undefined;
    if (response.status !== expected) {
      const error = (payload as { error?: { code: GatewayErrorCode; message: string; details: Record<string, unknown> } })?.error;
      throw new GatewayError(error?.code ?? ('UNAVAILABLE' as GatewayErrorCode), `${method} ${path} → ${response.status}: ${error?.message ?? text}`, { status: response.status });
    }
    return payload as T;
  }
}
