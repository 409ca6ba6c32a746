import type { NewEvent } from '@aside/events';
import {
  ConcurrencyError,
  FencedError,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type FencingToken,
  type Page,
  type ReadLogOptions,
  type ReadStreamOptions,
  type Snapshot,
  type StoredEvent,
  type SubscribeOptions,
} from '@aside/events/store';

/** How an append ended: written, a repeat of an earlier commit, or refused (and why). */
export type AppendOutcome = 'ok' | 'duplicate' | 'conflict' | 'fenced' | 'error';

/**
 * An event store that times every append and says how it ended, then answers exactly as the
 * store it wraps: a decorator on the port, so neither store knows it is measured. Every other
 * call passes straight through.
 */
export class TimedEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly appended: (outcome: AppendOutcome, seconds: number) => void,
  ) {}

  async append(sessionId: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult> {
    const began = performance.now();
    try {
      const result = await this.inner.append(sessionId, events, options);
      this.tell(result.duplicate ? 'duplicate' : 'ok', began);
      return result;
    } catch (error) {
      this.tell(error instanceof ConcurrencyError ? 'conflict' : error instanceof FencedError ? 'fenced' : 'error', began);
      throw error;
    }
  }

  readStream(stream: string, options?: ReadStreamOptions): Promise<Page<StoredEvent>> {
    return this.inner.readStream(stream, options);
  }

  readLog(sessionId: string, options?: ReadLogOptions): Promise<Page<StoredEvent>> {
    return this.inner.readLog(sessionId, options);
  }

  streamVersion(stream: string): Promise<number> {
    return this.inner.streamVersion(stream);
  }

  logPosition(sessionId: string): Promise<number> {
    return this.inner.logPosition(sessionId);
  }

  subscribeToLog(sessionId: string, options?: SubscribeOptions): AsyncIterable<StoredEvent> {
    return this.inner.subscribeToLog(sessionId, options);
  }

  fence(sessionId: string, token: FencingToken): Promise<void> {
    return this.inner.fence(sessionId, token);
  }

  saveSnapshot(snapshot: Snapshot): Promise<void> {
    return this.inner.saveSnapshot(snapshot);
  }

  loadSnapshot(stream: string, schemaRevision: number): Promise<Snapshot | null> {
    return this.inner.loadSnapshot(stream, schemaRevision);
  }

  deleteSession(sessionId: string): Promise<void> {
    return this.inner.deleteSession(sessionId);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private tell(outcome: AppendOutcome, began: number): void {
    try {
      this.appended(outcome, (performance.now() - began) / 1_000);
    } catch {
      // Metrics must never fail a commit.
    }
  }
}
