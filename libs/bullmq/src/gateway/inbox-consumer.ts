import type { ToolLogger } from '@aside/domain';
import { errorMessage, type ReportHandler, type TaskReportMessage } from '@aside/engine';
import type { Redis } from 'ioredis';
import { closeConnection, withDeadline } from '../redis/redis-connection.js';
import { parseInboxEntry, type InboxEntry } from './inbox-entry.js';

export interface InboxConsumerSettings {
  readonly stream: string;
  readonly deadLetters: string;
  readonly group: string;
  readonly consumer: string;
  /** How long one XREADGROUP blocks; also how soon a close is noticed. */
  readonly blockMs: number;
  /** Pending entries idle this long are claimed from whichever consumer holds them. */
  readonly reclaimIdleMs: number;
  /** After the handler rejected an entry, how long before it is handed over again. */
  readonly redeliveryDelayMs: number;
  readonly entriesPerRead: number;
  /**
   * This consumer is the partition's owner (it holds the lease): any entry pending on another
   * consumer of the group belongs to a former owner — one that died, or one paused past its
   * lease whose last blocking read still took an entry it can no longer fold. Such entries are
   * claimed whatever their idle time: at once on start, then at least every `blockMs`, and
   * folded before anything newer.
   */
  readonly soleOwner?: boolean;
  /** Heard once per report the handler folded (metrics); whatever it throws is ignored. */
  readonly onFolded?: (folded: FoldedReport) => void;
}

/** A report the handler folded, with when the runner wrote it. */
export interface FoldedReport {
  readonly message: TaskReportMessage;
  /** The millisecond part of the entry's stream id: Redis' clock when the report was written. */
  readonly writtenAtMs: number;
}

/** The consumer group's backlog on one inbox, as XINFO GROUPS and XPENDING tell it. */
export interface InboxBacklog {
  /** Entries not yet delivered to the group; null when Redis cannot tell (see XINFO GROUPS `lag`). */
  readonly lag: number | null;
  /** Entries delivered to a consumer and not yet acknowledged (folding, or rejected and waiting). */
  readonly pending: number;
  /** Write time (ms, Redis' clock) of the oldest pending entry; null when none is pending. */
  readonly oldestPendingAtMs: number | null;
}

type StreamReply = [string, [string, string[] | null][]][] | null;

/**
 * Consumes one partition's inbox for the gateway (DESIGN.md §4): a consumer group, so an entry
 * is acknowledged only after the handler resolved (the fold committed); an entry it rejected
 * stays pending and is handed over again, before anything newer, so a task's reports keep their
 * order; entries a dead consumer left pending are claimed with XAUTOCLAIM; an entry that is not
 * a valid report is dead-lettered with its reason and acknowledged, so it never wedges the line.
 * Idempotent by construction downstream: the fold keys reports taskId/attempt/seq.
 *
 * Owns two connections: a blocking one for XREADGROUP only (never shared; ioredis'
 * `blockingTimeout` is its watchdog after a silent reconnect) and one for everything else.
 */
export class InboxConsumer {
  private stopped = false;
  private loop: Promise<void> | undefined;
  private nextReclaimAt = 0;
  /** Id of the newest entry handed to the handler (diagnostics: has the consumer caught up?). */
  private lastSeenId = '0-0';
  /** Batches being folded now (inboxCaughtUp answers true while any is). */
  private folding = 0;
  /** Set while reads keep failing (Redis gone, the group lost), cleared by the next good read: readiness. */
  private readsFailing = false;

  constructor(
    private readonly blocking: Redis,
    private readonly commands: Redis,
    private readonly settings: InboxConsumerSettings,
    private readonly handler: ReportHandler,
    private readonly logger: ToolLogger,
  ) {}

  async start(): Promise<void> {
    try {
      await this.commands.xgroup('CREATE', this.settings.stream, this.settings.group, '0', 'MKSTREAM');
    } catch (error) {
      if (!errorMessage(error).startsWith('BUSYGROUP')) throw error;
    }
    if (this.settings.soleOwner) await this.claimIdle(0);
    this.loop = this.run();
  }

  /** Whether every entry now in the stream was handed to the handler, or the handler holds one (nothing else can move). */
  async caughtUp(): Promise<boolean> {
    if (this.folding > 0) return true;
    const newest = (await this.commands.xrevrange(this.settings.stream, '+', '-', 'COUNT', 1))[0]?.[0];
    return newest === undefined || compareIds(newest, this.lastSeenId) <= 0;
  }

  /** The group's backlog on this inbox now (read on the command connection, never the blocking one). */
  async backlog(): Promise<InboxBacklog> {
    const [summary, group] = await Promise.all([this.pendingSummary(), this.groupInfo()]);
    const lag = group?.['lag'];
    return {
      lag: typeof lag === 'number' ? lag : null,
      pending: Number(summary[0]),
      oldestPendingAtMs: summary[1] === null ? null : writtenAtMs(summary[1]),
    };
  }

  /**
   * Readiness: 'ok' while the loop runs on two connected connections and its reads succeed;
   * otherwise what is wrong, in words safe to show anyone (no hosts, no error text).
   */
  health(): string {
    if (this.stopped) return 'stopped';
    const down = Object.entries({ blocking: this.blocking.status, commands: this.commands.status }).filter(([, status]) => status !== 'ready');
    if (down.length > 0) return `connection ${down.map(([name, status]) => `${name} ${status}`).join(', ')}`;
    return this.readsFailing ? 'reads failing' : 'ok';
  }

  /** Stops after the current read or fold, within `deadlineMs`, and closes both connections. */
  async close(deadlineMs: number): Promise<void> {
    this.stopped = true;
    if (this.loop && !(await withDeadline(this.loop, deadlineMs))) this.logger.warn('Inbox consumer did not stop in time', { stream: this.settings.stream });
    await Promise.all([closeConnection(this.blocking), closeConnection(this.commands)]);
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.reclaimIfDue();
        // Our own pending entries first: a rejected one is retried before anything newer.
        const pending = await this.read('0', false);
        this.readsFailing = false;
        if (pending.length > 0) {
          if (!(await this.handleAll(pending))) await this.pause(this.settings.redeliveryDelayMs);
          continue;
        }
        const fresh = await this.read('>', true);
        this.readsFailing = false;
        if (!(await this.handleAll(fresh))) await this.pause(this.settings.redeliveryDelayMs);
      } catch (error) {
        if (this.stopped) return;
        this.readsFailing = true;
        this.logger.error('Inbox read failed; retrying', { stream: this.settings.stream, error: errorMessage(error) });
        await this.pause(this.settings.redeliveryDelayMs);
      }
    }
  }

  /** XAUTOCLAIM moves entries idle past the threshold (a dead consumer's, or a rejected one) to us. */
  private async reclaimIfDue(): Promise<void> {
    if (Date.now() < this.nextReclaimAt) return;
    const { soleOwner, blockMs, reclaimIdleMs } = this.settings;
    this.nextReclaimAt = Date.now() + (soleOwner ? Math.min(blockMs, reclaimIdleMs) : reclaimIdleMs);
    await this.claimIdle(soleOwner ? 0 : reclaimIdleMs);
    if (soleOwner) await this.trimFolded();
  }

  /**
   * Drops the entries every consumer has acknowledged (their reports are folded: the session log
   * is their record), keeping the oldest pending one and everything after it, so the inbox does
   * not grow for ever. Only the partition's owner trims.
   */
  private async trimFolded(): Promise<void> {
    const [summary, fields] = await Promise.all([this.pendingSummary(), this.groupInfo()]);
    const oldestPending = summary[1];
    const lastDelivered = typeof fields?.['last-delivered-id'] === 'string' ? fields['last-delivered-id'] : undefined;
    const keepFrom = oldestPending ?? lastDelivered;
    if (keepFrom === undefined || keepFrom === '0-0') return;
    await this.commands.xtrim(this.settings.stream, 'MINID', keepFrom);
  }

  /** XPENDING's summary form: [count, oldest id, newest id, consumers]. */
  private pendingSummary(): Promise<[number, string | null, string | null, unknown]> {
    return this.commands.xpending(this.settings.stream, this.settings.group) as Promise<[number, string | null, string | null, unknown]>;
  }

  /** This group's line of XINFO GROUPS, as a record (`lag` is a number, or null when Redis cannot compute it). */
  private async groupInfo(): Promise<Record<string, unknown> | undefined> {
    const groups = (await this.commands.xinfo('GROUPS', this.settings.stream)) as unknown[][];
    return groups.map((entry) => Object.fromEntries(chunk(entry)) as Record<string, unknown>).find((entry) => entry['name'] === this.settings.group);
  }

  private async claimIdle(minIdleMs: number): Promise<void> {
    let cursor = '0-0';
    do {
      const reply = (await this.commands.xautoclaim(
        this.settings.stream,
        this.settings.group,
        this.settings.consumer,
        minIdleMs,
        cursor,
        'COUNT',
        this.settings.entriesPerRead,
        'JUSTID',
      )) as [string, string[], string[]?];
      cursor = reply[0];
      if (reply[1].length > 0) this.logger.info('Reclaimed idle inbox entries', { stream: this.settings.stream, count: reply[1].length });
    } while (cursor !== '0-0' && !this.stopped);
  }

  private async read(from: '0' | '>', block: boolean): Promise<InboxEntry[]> {
    const { group, consumer, stream, entriesPerRead, blockMs } = this.settings;
    const reply = (block
      ? await this.blocking.xreadgroup('GROUP', group, consumer, 'COUNT', entriesPerRead, 'BLOCK', blockMs, 'STREAMS', stream, from)
      : await this.commands.xreadgroup('GROUP', group, consumer, 'COUNT', entriesPerRead, 'STREAMS', stream, from)) as StreamReply;
    const entries = reply?.[0]?.[1] ?? [];
    return entries.map(([id, fields]) => parseInboxEntry(id, fields));
  }

  /** Hands entries over in order; false at the first rejection (the rest stay pending, in order). */
  /**
   * Folds a batch: each session's reports one after another, in inbox order (a rejected one
   * stops its session's later ones, which stay pending and come back in order), different
   * sessions side by side — the engine serialises per session anyway — and one XACK for all
   * that were folded. False when any report was rejected.
   */
  private async handleAll(entries: readonly InboxEntry[]): Promise<boolean> {
    const bySession = new Map<string, InboxEntry[]>();
    for (const entry of entries) {
      if (compareIds(entry.id, this.lastSeenId) > 0) this.lastSeenId = entry.id;
      const session = entry.valid ? entry.message.sessionId : '';
      bySession.set(session, [...(bySession.get(session) ?? []), entry]);
    }
    const folded: string[] = [];
    this.folding += 1;
    try {
      const outcomes = await Promise.all([...bySession.values()].map((sessionEntries) => this.handleInOrder(sessionEntries, folded)));
      return outcomes.every(Boolean);
    } finally {
      this.folding -= 1;
      if (folded.length > 0) await this.commands.xack(this.settings.stream, this.settings.group, ...folded);
    }
  }

  private async handleInOrder(entries: readonly InboxEntry[], folded: string[]): Promise<boolean> {
    for (const entry of entries) {
      if (this.stopped) return true;
      if (!entry.valid) {
        await this.deadLetter(entry);
        continue;
      }
      try {
        await this.handler(entry.message);
      } catch (error) {
        this.logger.warn('Report handler rejected an inbox entry; it stays pending', { id: entry.id, taskId: entry.message.taskId, error: errorMessage(error) });
        return false;
      }
      folded.push(entry.id);
      this.tellFolded(entry.message, entry.id);
    }
    return true;
  }

  private async deadLetter(entry: InboxEntry & { valid: false }): Promise<void> {
    this.logger.error('Dead-lettered an invalid inbox entry', { id: entry.id, reason: entry.reason });
    await this.commands.xadd(this.settings.deadLetters, '*', 'source', entry.id, 'reason', entry.reason, 'm', entry.raw);
    await this.commands.xack(this.settings.stream, this.settings.group, entry.id);
  }

  private tellFolded(message: TaskReportMessage, id: string): void {
    try {
      this.settings.onFolded?.({ message, writtenAtMs: writtenAtMs(id) });
    } catch {
      // An observer must never hold up, or fail, a fold.
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }
}

/** Orders stream ids `<ms>-<seq>` numerically. */
export function compareIds(a: string, b: string): number {
  const [aMs, aSeq] = a.split('-').map(BigInt) as [bigint, bigint];
  const [bMs, bSeq] = b.split('-').map(BigInt) as [bigint, bigint];
  if (aMs !== bMs) return aMs < bMs ? -1 : 1;
  if (aSeq !== bSeq) return aSeq < bSeq ? -1 : 1;
  return 0;
}

/** The millisecond part of a stream id `<ms>-<seq>`: when Redis added the entry. */
function writtenAtMs(id: string): number {
  return Number(id.slice(0, id.indexOf('-')));
}

/** [k1, v1, k2, v2, …] → [[k1, v1], [k2, v2], …] (the shape of XINFO replies). */
function chunk(flat: readonly unknown[]): [unknown, unknown][] {
  const pairs: [unknown, unknown][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) pairs.push([flat[i], flat[i + 1]]);
  return pairs;
}
