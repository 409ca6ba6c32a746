import { setTimeout as delay } from 'node:timers/promises';
import { parseSessionId } from '@aside/events';
import { ConcurrencyError, FencedError, type EventStore, type FencingToken } from '@aside/events/store';
import {
  decideSession,
  foldSession,
  initialSessionState,
  type CommandMetadata,
  type DecidedEvent,
  type DeciderContext,
  type SessionCommand,
  type SessionState,
} from '@aside/domain';
import { reachFaultPoint } from '../faults/fault-points.js';
import { PartitionNotOwnedError } from '../ownership/partition-not-owned-error.js';
import type { PartitionOwnership } from '../ownership/partition-ownership.js';
import type { Clock } from './clock.js';
import { SessionSnapshots } from './session-snapshots.js';
import { toDecidedEvent, toNewEvents } from './event-mapping.js';
import { KeyedMailbox } from './keyed-mailbox.js';

/** A command as the shell sends it: `now` is stamped by the engine's clock when absent. */
export type EngineCommand = SessionCommand extends infer C
  ? C extends { readonly metadata: CommandMetadata }
    ? Omit<C, 'metadata'> & { readonly metadata: Omit<CommandMetadata, 'now'> & { readonly now?: string } }
    : never
  : never;

export interface Committed {
  readonly sessionId: string;
  readonly state: SessionState;
  /** What this command decided (empty when it was a retry of a command already committed). */
  readonly events: readonly DecidedEvent[];
  /** Log position of the session after the commit. */
  readonly position: number;
  readonly duplicate: boolean;
}

export type CommittedListener = (committed: Committed) => void;

interface CachedSession {
  readonly state: SessionState;
  readonly position: number;
}

const MAX_CONFLICT_RETRIES = 5;
const DEFAULT_SNAPSHOT_EVERY = 500;

export interface SessionEngineOptions {
  /** Distributed mode: commands only for owned partitions, commits fenced with their token. */
  readonly ownership?: Pick<PartitionOwnership, 'tokenFor' | 'fenced'>;
  /** A session is snapshotted every this many log events (0: never). Default 500. */
  readonly snapshotEvery?: number;
  /** A snapshot that could not be saved (nothing else is lost). */
  readonly onBackgroundError?: (error: unknown) => void;
}

/**
 * Command handling (DESIGN.md §2): read → decide → append → evolve, one command at a time per
 * session. The command id is the commit's idempotency key, so a command retried after a crash
 * or a timeout is stored once. A conflict (another writer got there first) reloads the session
 * from the log and decides again.
 *
 * With an ownership (distributed mode), a command is decided only for a session of a partition
 * this gateway owns, and its commit carries the partition's fencing token: a store that has
 * seen a newer owner refuses it, and the partition is let go at once.
 */
export class SessionEngine {
  private readonly ownership: SessionEngineOptions['ownership'];
  private readonly snapshots: SessionSnapshots;
  private readonly onBackgroundError: (error: unknown) => void;
  private readonly mailbox = new KeyedMailbox();
  private readonly cache = new Map<string, CachedSession>();
  private readonly listeners = new Set<CommittedListener>();

  constructor(
    private readonly store: EventStore,
    private readonly context: DeciderContext,
    private readonly clock: Clock,
    options: SessionEngineOptions = {},
  ) {
    this.ownership = options.ownership;
    this.snapshots = new SessionSnapshots(store, options.snapshotEvery ?? DEFAULT_SNAPSHOT_EVERY);
    this.onBackgroundError = options.onBackgroundError ?? (() => undefined);
  }

  /** Decides and commits a command; a DomainError means it was refused and nothing was stored. */
  execute(sessionId: string, command: EngineCommand): Promise<Committed> {
    return this.mailbox.run(sessionId, () => this.decideAndCommit(sessionId, command));
  }

  /** The session as the last commit left it (loaded from the log on first use). */
  async state(sessionId: string): Promise<SessionState> {
    return (await this.snapshot(sessionId)).state;
  }

  /** The session's state with the log position it was folded up to. */
  snapshot(sessionId: string): Promise<{ readonly state: SessionState; readonly position: number }> {
    return this.mailbox.run(sessionId, () => this.load(sessionId));
  }

  /**
   * Runs work in the session's turn, with its state: no command of this process is decided for
   * the session meanwhile (retention reads, archives and deletes a log this way, so no append
   * can slip in between). `work` must not call back into the engine for the same session.
   */
  exclusively<T>(sessionId: string, work: (snapshot: { readonly state: SessionState; readonly position: number }) => Promise<T>): Promise<T> {
    return this.mailbox.run(sessionId, async () => work(await this.load(sessionId)));
  }

  /** Called after every commit, in commit order per session (used by waiters, never for integration). */
  onCommitted(listener: CommittedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Forgets a session's cached state; the next command reloads it from the log. */
  evict(sessionId: string): void {
    this.cache.delete(sessionId);
    this.snapshots.forget(sessionId);
  }

  private async decideAndCommit(sessionId: string, input: EngineCommand): Promise<Committed> {
    const command = { ...input, metadata: { ...input.metadata, now: input.metadata.now ?? this.clock.now().toISOString() } } as SessionCommand;
    const fencingToken = this.fencingTokenFor(sessionId);
    for (let attempt = 0; ; attempt += 1) {
      const cached = await this.load(sessionId);
      const decided = decideSession(command, cached.state, this.context);
      if (decided.length === 0) return this.notify({ sessionId, state: cached.state, events: [], position: cached.position, duplicate: false });
      try {
        reachFaultPoint('gateway.paused-before-append');
        const result = await this.store.append(sessionId, toNewEvents(sessionId, command.metadata, decided), {
          expectedPosition: cached.position,
          idempotencyKey: command.metadata.commandId,
          ...(fencingToken ? { fencingToken } : {}),
        });
        if (result.duplicate) {
          this.cache.delete(sessionId);
          const reloaded = await this.load(sessionId);
          return this.notify({ sessionId, state: reloaded.state, events: [], position: reloaded.position, duplicate: true });
        }
        const state = foldSession(cached.state, decided);
        this.cache.set(sessionId, { state, position: result.lastPosition });
        this.snapshots.saveIfDue(sessionId, state, result.lastPosition, this.onBackgroundError);
        return this.notify({ sessionId, state, events: decided, position: result.lastPosition, duplicate: false });
      } catch (error) {
        if (error instanceof FencedError && fencingToken) throw this.fencedOut(sessionId, fencingToken);
        if (!(error instanceof ConcurrencyError) || attempt >= MAX_CONFLICT_RETRIES) throw error;
        this.cache.delete(sessionId);
        await delay(attempt * 5);
      }
    }
  }

  /** Forgets every cached session of a partition (taken over, or let go). */
  evictPartition(partition: number): void {
    for (const sessionId of [...this.cache.keys()]) {
      if (parseSessionId(sessionId)?.partition === partition) this.cache.delete(sessionId);
    }
  }

  private fencingTokenFor(sessionId: string): FencingToken | undefined {
    if (this.ownership === undefined) return undefined;
    const partition = parseSessionId(sessionId)?.partition ?? -1;
    const token = this.ownership.tokenFor(partition);
    if (token === undefined) throw new PartitionNotOwnedError(sessionId, partition);
    return token;
  }

  /** Not awaited: letting the partition go waits for work that may be queued behind this very command. */
  private fencedOut(sessionId: string, token: FencingToken): PartitionNotOwnedError {
    this.cache.delete(sessionId);
    void this.ownership!.fenced(token.partition);
    return new PartitionNotOwnedError(sessionId, token.partition, 'fenced');
  }

  private async load(sessionId: string): Promise<CachedSession> {
    const cached = this.cache.get(sessionId);
    if (cached) return cached;
    // The latest snapshot, if any, then the log's tail after it.
    const snapshot = await this.snapshots.load(sessionId);
    let state = snapshot?.state ?? initialSessionState();
    let after = snapshot?.position ?? 0;
    for (;;) {
      const page = await this.store.readLog(sessionId, { after, limit: 1_000 });
      state = foldSession(state, page.events.map(toDecidedEvent));
      after = page.events.at(-1)?.position ?? after;
      if (page.next === null) break;
    }
    const loaded = { state, position: after };
    this.cache.set(sessionId, loaded);
    return loaded;
  }

  private notify(committed: Committed): Committed {
    for (const listener of this.listeners) listener(committed);
    return committed;
  }
}
