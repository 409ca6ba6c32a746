/**
 * Every Redis key and channel the BullMQ adapter uses beside BullMQ's own, derived in one place
 * (the Lua scripts receive them in KEYS, never compute them). Keys of one partition share the
 * hash tag `{<partition>}`, so a script touching them stays valid on Redis Cluster.
 */
export class AsideKeys {
  constructor(readonly prefix: string) {}

  /** The stream of reports for the partition's owner (DESIGN.md §4). */
  inbox(partition: number): string {
    return `${this.prefix}:inbox:{${partition}}`;
  }

  /** Where an inbox entry that is not a valid report goes, with the reason. */
  inboxDead(partition: number): string {
    return `${this.prefix}:inbox-dead:{${partition}}`;
  }

  /** Set by `cancel`; read back by every report write. */
  cancelFlag(partition: number, taskId: string): string {
    return `${this.prefix}:cancel:{${partition}}:${taskId}`;
  }

  /** "<attempt> <seq>" of the newest report written for the task. */
  lastReport(partition: number, taskId: string): string {
    return `${this.prefix}:last-report:{${partition}}:${taskId}`;
  }

  /** A partition's lease: owner, epoch, url, with an expiry (DESIGN.md §4). */
  lease(partition: number): string {
    return `${this.prefix}:lease:{${partition}}`;
  }

  /** The partition's fencing epochs; never expires, so epochs only grow. */
  leaseEpoch(partition: number): string {
    return `${this.prefix}:lease-epoch:{${partition}}`;
  }

  /** The open sessions of a partition, for its next owner to resume. */
  partitionSessions(partition: number): string {
    return `${this.prefix}:sessions:{${partition}}`;
  }

  /** Where a task runs (`gateway` or `runners`), decided once. */
  taskPlacement(partition: number, taskId: string): string {
    return `${this.prefix}:placement:{${partition}}:${taskId}`;
  }

  /** The partition's closed sessions, scored by when they closed (retention sweeps them). */
  closedSessions(partition: number): string {
    return `${this.prefix}:closed-sessions:{${partition}}`;
  }

  /** The partition's sessions with late results still to POST. */
  lateResults(partition: number): string {
    return `${this.prefix}:late-results:{${partition}}`;
  }

  /** Live gateways, scored by when their membership expires. */
  gateways(): string {
    return `${this.prefix}:gateways`;
  }

  /** Pub/sub channel every runner hears; messages are task ids. */
  cancelChannel(): string {
    return `${this.prefix}:cancel`;
  }
}

/** The consumer group of the inbox streams: the gateways. */
export const INBOX_GROUP = 'gateways';
export const DEFAULT_QUEUE_NAME = 'aside-tools';
/** How long a cancel flag and a last-report marker outlive the task (1 day). */
export const MARKER_TTL_SECONDS = 24 * 60 * 60;
