/**
 * When a session's commit happened, seen from the gateway's engine (shared by the three latency
 * benches). `SessionEngine.onCommitted` listeners run synchronously right after the store
 * acknowledged the append and the state was evolved, so the timestamp taken there is "the
 * decision is committed to the session log" — the end of several measured intervals.
 */
import type { AsideEventData, AsideEventType } from '@aside/events';
import type { Committed, SessionEngine } from '@aside/engine';
import { nowNs } from './cancel-runner-protocol.js';

const DEFAULT_DEADLINE_MS = 10_000;

export interface SeenCommit {
  /** process.hrtime.bigint() when the listener saw it. */
  readonly atNs: bigint;
  readonly committed: Committed;
}

interface Waiter {
  readonly matches: (committed: Committed) => boolean;
  readonly resolve: (seen: SeenCommit) => void;
}

/** The data of the first event of `type` in the commit, if it holds one. */
export function eventIn<Type extends AsideEventType>(committed: Committed, type: Type): AsideEventData<Type> | undefined {
  return committed.events.find((event) => event.type === type)?.data as AsideEventData<Type> | undefined;
}

export const holds =
  (type: AsideEventType) =>
  (committed: Committed): boolean =>
    eventIn(committed, type) !== undefined;

export class CommitWatch {
  private readonly waiters = new Map<string, Set<Waiter>>();
  private readonly stop: () => void;

  constructor(engine: SessionEngine) {
    this.stop = engine.onCommitted((committed) => this.seen(committed));
  }

  /**
   * The next commit of the session for which `matches` holds. Call it before acting, so a commit
   * that follows at once is not missed; it rejects naming `what` if none comes within the deadline.
   */
  next(sessionId: string, matches: (committed: Committed) => boolean, what: string, deadlineMs = DEFAULT_DEADLINE_MS): Promise<SeenCommit> {
    const waiters = this.waiters.get(sessionId) ?? new Set<Waiter>();
    this.waiters.set(sessionId, waiters);
    const seen = new Promise<SeenCommit>((resolve, reject) => {
      const forget = (): void => {
        waiters.delete(waiter);
        if (waiters.size === 0 && this.waiters.get(sessionId) === waiters) this.waiters.delete(sessionId);
      };
      const timer = setTimeout(() => {
        forget();
        reject(new Error(`${what} (session ${sessionId}): no such commit within ${deadlineMs} ms`));
      }, deadlineMs);
      const waiter: Waiter = {
        matches,
        resolve: (seen) => {
          clearTimeout(timer);
          forget();
          resolve(seen);
        },
      };
      waiters.add(waiter);
    });
    // Handled here too: a step that failed earlier may never await this one, and its late
    // rejection must not crash the bench (whoever awaits it still gets the error).
    seen.catch(() => undefined);
    return seen;
  }

  close(): void {
    this.stop();
  }

  private seen(committed: Committed): void {
    const waiters = this.waiters.get(committed.sessionId);
    if (waiters === undefined || committed.events.length === 0) return;
    const atNs = nowNs();
    for (const waiter of [...waiters]) if (waiter.matches(committed)) waiter.resolve({ atNs, committed });
  }
}
