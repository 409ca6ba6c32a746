/**
 * `npm run bench:rehydrate` — how long a gateway takes to load a session it has not got in
 * memory (a cold gateway after a takeover or a restart), with snapshots and without (issue 7).
 *
 * Per size, one session's log is written on the Redis event store through the real engine
 * (`SessionEngine`, real commands: user turns, LLM completions, a tool's reports and the deferred
 * replies they cause — support/rehydration-conversation.ts) with snapshots every SNAPSHOT_EVERY
 * events, the gateway's default. A fresh engine then loads it, alternately:
 *
 * * with snapshots, the latest snapshot + the log's tail after it, as the writer left it;
 * * without (`snapshotEvery: 0`), the whole log replayed;
 * * with snapshots again after the log was written on without snapshots until the tail is as
 *   long as the writer ever leaves it (just short of SNAPSHOT_EVERY): the worst case a takeover
 *   can meet, since the tail of a real session is anywhere between 0 and SNAPSHOT_EVERY − 1.
 *
 * Every load is checked: the writer's state, the log's last position, and the path it took
 * (its first log read starts after the snapshot's position, or after 0). Target (issue 7): a
 * 10,000-event session loads in < 100 ms with snapshots (every load, both tails).
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { SessionEngine, systemClock } from '@aside/engine';
import { asideCatalogue, formatSessionId } from '@aside/events';
import { deleteKeysMatching, startTestRedis } from '@aside/testing';
import { Redis } from 'ioredis';
import { printTable } from './support/latency-table.js';
import { measureCells, type Cell, type CellLimits } from './support/rehydration-cells.js';
import { coldLoad, LogReadObservingStore } from './support/rehydration-cold-load.js';
import { ParcelConversation, rehydrationContext } from './support/rehydration-conversation.js';

/** Log sizes in events; BENCH_SIZES=1000,10000,50000 for more (50,000 takes minutes: replay cost grows with the square). */
const SIZES = (process.env['BENCH_SIZES'] ?? '1000,10000,20000').split(',').map(Number);
const TARGET_SIZE = 10_000;
const TARGET_MS = 100;
/** The gateway's default (GatewayOptions.snapshotEvery). */
const SNAPSHOT_EVERY = 500;
/** More than any one commit of the conversation writes (checked): how close to SNAPSHOT_EVERY the longest tail gets. */
const MAX_EVENTS_PER_COMMIT = 8;
const LIMITS: CellLimits = {
  repetitions: Number(process.env['BENCH_REPETITIONS'] ?? 10),
  minRepetitions: 3,
  capMs: Number(process.env['BENCH_SECONDS'] ?? 8) * 1_000,
};
/** The writer saves snapshots in the background: how long to wait for its last one. */
const SNAPSHOT_SETTLE_MS = 5_000;

/** A cell with the size it was written for (its log may have grown past it for the longest tail). */
type SizedCell = Cell & { readonly size: number };

async function main(): Promise<void> {
  const loadBefore = loadavg()[0]!;
  const redisServer = await startTestRedis((line) => console.log(line));
  const prefix = `bench-rehydrate-${randomBytes(3).toString('hex')}`;
  const redis = new Redis(redisServer.url);
  const redisVersion = /redis_version:(\S+)/.exec(await redis.info('server'))?.[1] ?? 'unknown';
  const store = new LogReadObservingStore({ connection: redis, catalogue: asideCatalogue, keyPrefix: prefix });
  const cells: SizedCell[] = [];
  const notes: string[] = [];
  try {
    for (const size of SIZES) {
      const started = performance.now();
      const { sessionCells, stateKb } = await measureSize(store, size);
      cells.push(...sessionCells.map((cell) => ({ ...cell, size })));
      notes.push(`${size.toLocaleString('en-US')} events: state ${Math.round(stateKb).toLocaleString('en-US')} KB as JSON, ${((performance.now() - started) / 1_000).toFixed(0)} s`);
    }
  } finally {
    await deleteKeysMatching(redis, `${prefix}:*`);
    await store.close();
    await redis.quit();
    await redisServer.stop();
  }
  report(cells, notes, { loadBefore, redisVersion, source: redisServer.source });
}

async function measureSize(store: LogReadObservingStore, size: number): Promise<{ sessionCells: Cell[]; stateKb: number }> {
  const context = rehydrationContext();
  const writer = new SessionEngine(store, context, systemClock, { snapshotEvery: SNAPSHOT_EVERY });
  const conversation = new ParcelConversation(writer, formatSessionId(0, `rehydrate${randomBytes(4).toString('hex')}`));
  const { sessionId } = conversation;
  const written = await conversation.growTo(size);
  const snapshotAt = await waitForLastSnapshot(store, sessionId, written);
  const asWritten = await writer.snapshot(sessionId);
  const sessionCells = await measureCells(
    store,
    context,
    sessionId,
    asWritten,
    [
      { label: 'snapshot + tail as written', snapshotEvery: SNAPSHOT_EVERY, replayAfter: snapshotAt },
      { label: 'full replay', snapshotEvery: 0, replayAfter: 0 },
    ],
    LIMITS,
  );

  // The longest tail: written on by an engine that never snapshots, up to where the gateway's would have.
  const extender = new SessionEngine(store, context, systemClock, { snapshotEvery: 0 });
  conversation.continueWith(extender);
  await conversation.growTo(snapshotAt + SNAPSHOT_EVERY - MAX_EVENTS_PER_COMMIT);
  const longest = await extender.snapshot(sessionId);
  if (longest.position - snapshotAt >= SNAPSHOT_EVERY) {
    throw new Error(`The longest tail overshot: ${longest.position - snapshotAt} events, where the gateway would have snapshotted at ${SNAPSHOT_EVERY}`);
  }
  sessionCells.push(
    ...(await measureCells(store, context, sessionId, longest, [{ label: 'snapshot + longest tail', snapshotEvery: SNAPSHOT_EVERY, replayAfter: snapshotAt }], LIMITS)),
  );
  return { sessionCells, stateKb: JSON.stringify(asWritten.state).length / 1_024 };
}

/**
 * The writer saves a snapshot in the background each time SNAPSHOT_EVERY events have passed
 * since its last one, so its last is less than SNAPSHOT_EVERY events from the end. Loads with
 * snapshots until one starts there (the store port shows it no other way) and returns its position.
 */
async function waitForLastSnapshot(store: LogReadObservingStore, sessionId: string, written: number): Promise<number> {
  const context = rehydrationContext();
  const deadline = performance.now() + SNAPSHOT_SETTLE_MS;
  for (;;) {
    const { replayedAfter } = await coldLoad(store, context, sessionId, SNAPSHOT_EVERY);
    if (replayedAfter > written - SNAPSHOT_EVERY) return replayedAfter;
    if (performance.now() > deadline) throw new Error(`No snapshot within ${SNAPSHOT_EVERY} events of the end of ${sessionId} after ${SNAPSHOT_SETTLE_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function report(cells: readonly SizedCell[], notes: readonly string[], run: { loadBefore: number; redisVersion: string; source: string }): void {
  const median = (samples: readonly number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
  printTable(
    ['log events', 'load', 'events replayed', 'loads', 'p50 ms', 'max ms'],
    cells.map((cell) => [
      cell.logEvents.toLocaleString('en-US'),
      cell.mode.label,
      (cell.logEvents - cell.mode.replayAfter).toLocaleString('en-US'),
      String(cell.loadsMs.length),
      median(cell.loadsMs).toFixed(1),
      Math.max(...cell.loadsMs).toFixed(1),
    ]),
  );
  console.log(
    `\nA load: a fresh SessionEngine (empty cache) on a warm RedisEventStore connection, timed from snapshot() to the state. ` +
      `Written through the engine with snapshotEvery ${SNAPSHOT_EVERY} (${notes.join('; ')}). One warm-up load per mode discarded, then up to ` +
      `${LIMITS.repetitions} loads per mode, alternating, at least ${LIMITS.minRepetitions} (cap ${LIMITS.capMs / 1_000} s per size and pass). ` +
      `Redis ${run.redisVersion} (${run.source}), Node ${process.version}, load average ${run.loadBefore.toFixed(2)} before / ${loadavg()[0]!.toFixed(2)} after.`,
  );
  const target = cells.filter((cell) => cell.size === TARGET_SIZE && cell.mode.snapshotEvery > 0);
  if (target.length === 0) {
    console.log(`No ${TARGET_SIZE.toLocaleString('en-US')}-event session in BENCH_SIZES: target not measured.`);
  } else {
    const worst = Math.max(...target.flatMap((cell) => cell.loadsMs));
    console.log(
      `${TARGET_SIZE.toLocaleString('en-US')}-event session with snapshots: slowest load ${worst.toFixed(1)} ms over both tails (target < ${TARGET_MS} ms): ${worst < TARGET_MS ? 'met' : 'MISSED'}.`,
    );
  }
  const broken = cells.filter((cell) => cell.problems.length > 0);
  for (const cell of broken) console.log(`BROKEN — ${cell.logEvents} events, ${cell.mode.label}: ${[...new Set(cell.problems)].join('; ')}`);
  if (broken.length > 0) process.exitCode = 1;
}

await main();
