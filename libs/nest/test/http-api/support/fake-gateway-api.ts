import { GatewayError, type CreateSessionInput, type GatewayApi, type SessionProjection } from '@aside/engine';
import { formatSessionId } from '@aside/events';
import type { StoredEvent } from '@aside/events/store';

interface FakeSession {
  readonly sessionId: string;
  readonly agent: string;
  readonly playout: 'client' | 'instant';
  readonly input: CreateSessionInput;
  status: 'active' | 'closed';
  readonly events: StoredEvent[];
  /** Woken on every append and on close: the async queue the streams wait on. */
  readonly waiters: Set<() => void>;
}

const NOW = '2026-11-24T10:00:00.000Z';

/**
 * An in-memory `GatewayApi` for the HTTP edge's tests: sessions in a map, each with its log of
 * events, streams that replay and then wait for appends. It records what it was asked, and
 * `failWith` makes the next call throw.
 */
export class FakeGatewayApi implements GatewayApi {
  readonly agents = new Set(['greeter']);
  readonly sessions = new Map<string, FakeSession>();
  readonly calls: { readonly method: string; readonly args: readonly unknown[] }[] = [];
  readinessAnswer: Awaited<ReturnType<GatewayApi['readiness']>> | Error = { ready: true, checks: { store: 'ok' } };
  /** Thrown by the next call of any method. */
  failWith: Error | undefined;
  /** Streams currently open (for checking that a closed socket releases its stream). */
  openStreams = 0;
  private created = 0;

  async createSession(input: CreateSessionInput): Promise<{ sessionId: string }> {
    this.record('createSession', input);
    if (!this.agents.has(input.agent)) throw new GatewayError('UNKNOWN_AGENT', `No agent named "${input.agent}"`, { agent: input.agent });
    this.created += 1;
    const sessionId = formatSessionId(0, `fake${String(this.created).padStart(4, '0')}`);
    const session: FakeSession = { sessionId, agent: input.agent, playout: input.playout ?? 'instant', input, status: 'active', events: [], waiters: new Set() };
    this.sessions.set(sessionId, session);
    this.append(sessionId, 'SessionStarted', { agent: input.agent });
    return { sessionId };
  }

  async submitTurn(sessionId: string, input: { text: string; commandId?: string }): Promise<{ turnId: string }> {
    this.record('submitTurn', sessionId, input);
    const session = this.active(sessionId);
    const event = this.append(session.sessionId, 'UserTurnReceived', { text: input.text });
    return { turnId: `turn-${event.position}` };
  }

  async reportPlayout(sessionId: string, input: { speechId: string; status: 'played' | 'interrupted' }): Promise<void> {
    this.record('reportPlayout', sessionId, input);
    this.append(this.active(sessionId).sessionId, 'SpeechFinished', input);
  }

  async setUserState(sessionId: string, input: { speaking: boolean }): Promise<void> {
    this.record('setUserState', sessionId, input);
    this.append(this.active(sessionId).sessionId, 'UserStateChanged', input);
  }

  async getSession(sessionId: string): Promise<SessionProjection> {
    this.record('getSession', sessionId);
    const session = this.existing(sessionId);
    return {
      sessionId,
      status: session.status,
      agent: session.agent,
      playout: session.playout,
      currentActivityId: session.status === 'active' ? 'act-1' : null,
      position: session.events.length,
      activities: [{ activityId: 'act-1', agent: session.agent, kind: 'agent', status: 'started', idle: true, chat: [] }],
      tasks: [],
      pendingReplies: [],
    };
  }

  async readEvents(sessionId: string, input: { after: number; limit: number }): Promise<{ events: readonly StoredEvent[]; next: number | null }> {
    this.record('readEvents', sessionId, input);
    const { events: log } = this.existing(sessionId);
    const events = log.slice(input.after, input.after + input.limit);
    const last = events.at(-1)?.position ?? input.after;
    return { events, next: last < log.length ? last : null };
  }

  async *streamEvents(sessionId: string, input: { after: number; signal: AbortSignal }): AsyncIterable<StoredEvent> {
    this.record('streamEvents', sessionId, { after: input.after });
    const session = this.existing(sessionId);
    this.openStreams += 1;
    try {
      let after = input.after;
      while (!input.signal.aborted) {
        if (after < session.events.length) {
          yield session.events[after]!;
          after += 1;
          continue;
        }
        if (session.status === 'closed') return;
        await new Promise<void>((resolve) => {
          const wake = () => {
            session.waiters.delete(wake);
            input.signal.removeEventListener('abort', wake);
            resolve();
          };
          session.waiters.add(wake);
          input.signal.addEventListener('abort', wake, { once: true });
        });
      }
    } finally {
      this.openStreams -= 1;
    }
  }

  async closeSession(sessionId: string): Promise<void> {
    this.record('closeSession', sessionId);
    const session = this.existing(sessionId);
    if (session.status === 'closed') return;
    this.append(sessionId, 'SessionClosed', { reason: 'client' });
    session.status = 'closed';
    this.wake(session);
  }

  async listSessions(input: { search?: string; limit: number }): Promise<{ sessions: { sessionId: string; partition: number; owned: boolean }[]; truncated: boolean }> {
    this.record('listSessions', input);
    const open = [...this.sessions.values()].filter((session) => session.status === 'active' && (input.search === undefined || session.sessionId.includes(input.search)));
    const sessions = open.map(({ sessionId }) => ({ sessionId, partition: 0, owned: true })).sort((a, b) => a.sessionId.localeCompare(b.sessionId));
    return { sessions: sessions.slice(0, input.limit), truncated: sessions.length > input.limit };
  }

  async readiness(): Promise<{ ready: boolean; checks: Record<string, string> }> {
    this.record('readiness');
    if (this.readinessAnswer instanceof Error) throw this.readinessAnswer;
    return { ...this.readinessAnswer, checks: { ...this.readinessAnswer.checks } };
  }

  /** Commits an event to the session's log, as the gateway would, and wakes its streams. */
  append(sessionId: string, type: string, data: unknown): StoredEvent {
    const session = this.existing(sessionId);
    const position = session.events.length + 1;
    const event: StoredEvent = {
      id: `${sessionId}-e${position}`,
      type,
      schemaVersion: 1,
      stream: `session-${sessionId}`,
      sessionId,
      version: position,
      position,
      occurredAt: NOW,
      recordedAt: NOW,
      actor: { kind: 'gateway', id: 'fake' },
      causationId: 'cause',
      correlationId: 'corr',
      data,
    };
    session.events.push(event);
    this.wake(session);
    return event;
  }

  private wake(session: FakeSession): void {
    for (const wake of [...session.waiters]) wake();
  }

  private record(method: string, ...args: unknown[]): void {
    this.calls.push({ method, args });
    const failure = this.failWith;
    if (failure) {
      this.failWith = undefined;
      throw failure;
    }
  }

  private existing(sessionId: string): FakeSession {
    const session = this.sessions.get(sessionId);
    if (!session) throw new GatewayError('SESSION_NOT_FOUND', `Session ${sessionId} not found`);
    return session;
  }

  private active(sessionId: string): FakeSession {
    const session = this.existing(sessionId);
    if (session.status === 'closed') throw new GatewayError('SESSION_CLOSED', `Session ${sessionId} is closed`);
    return session;
  }
}
