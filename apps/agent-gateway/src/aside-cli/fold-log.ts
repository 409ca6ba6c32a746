import { evolveSession, initialSessionState, type SessionState } from '@aside/domain';
import { toDecidedEvent } from '@aside/engine';
import type { EventStore, StoredEvent } from '@aside/events/store';
import { readLog } from './read-log.js';

/**
 * The session log read once from position 0 (snapshots ignored) and folded with the domain's
 * own `evolveSession`, as far as each comparison needs: the engine's load and the gateway's
 * projection may stand at different positions of a live session.
 */
export class FoldedLog {
  private readonly events: StoredEvent[] = [];

  constructor(
    private readonly store: Pick<EventStore, 'readLog'>,
    private readonly sessionId: string,
  ) {}

  /** The last position read so far (0 before any). */
  get end(): number {
    return this.events.at(-1)?.position ?? 0;
  }

  /** Reads the log up to `position` (it may have grown since the last read); false when it ends before. */
  async readUpTo(position: number): Promise<boolean> {
    if (position > this.end) for await (const event of readLog(this.store, this.sessionId, { after: this.end, upTo: position })) this.events.push(event);
    return this.end >= position;
  }

  /** The state after every event up to `position`, folded from the initial state. */
  stateAt(position: number): SessionState {
    return this.events.filter((event) => event.position <= position).map(toDecidedEvent).reduce(evolveSession, initialSessionState());
  }
}
