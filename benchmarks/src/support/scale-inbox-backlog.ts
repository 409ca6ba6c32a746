import { setTimeout as sleep } from 'node:timers/promises';
import { AsideKeys, INBOX_GROUP } from '@aside/bullmq';
import type { Redis } from 'ioredis';

const POLL_MS = 200;

/**
 * Reports the runners wrote that the gateway has not folded yet, over every partition's inbox:
 * the consumer group's `lag` (entries not yet read) plus its `pending` (read, not yet
 * acknowledged, i.e. not folded), from XINFO GROUPS. Read from Redis, so it is the truth
 * whatever the gateway believes; a growing backlog is a gateway that cannot keep up.
 */
export async function inboxBacklog(redis: Redis, prefix: string, partitions: number): Promise<number> {
  const keys = new AsideKeys(prefix);
  let backlog = 0;
  for (let partition = 0; partition < partitions; partition += 1) {
    const groups = (await redis.xinfo('GROUPS', keys.inbox(partition))) as unknown[][];
    const fields = groups.map((flat) => fieldsOf(flat)).find((group) => group['name'] === INBOX_GROUP);
    if (fields === undefined) continue;
    backlog += Number(fields['lag'] ?? Number.NaN) + Number(fields['pending'] ?? 0);
  }
  return backlog;
}

/** Polls until the backlog is at most `entries`, or `capMs` has passed; answers how long it took and whether it got there. */
export async function untilBacklogAtMost(
  redis: Redis,
  prefix: string,
  partitions: number,
  entries: number,
  capMs: number,
): Promise<{ readonly drained: boolean; readonly waitedMs: number }> {
  const started = performance.now();
  for (;;) {
    const drained = (await inboxBacklog(redis, prefix, partitions)) <= entries;
    const waitedMs = performance.now() - started;
    if (drained || waitedMs > capMs) return { drained, waitedMs };
    await sleep(POLL_MS);
  }
}

/** XINFO's flat [name, value, name, value, …] as a record. */
function fieldsOf(flat: readonly unknown[]): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) fields[String(flat[i])] = flat[i + 1];
  return fields;
}
