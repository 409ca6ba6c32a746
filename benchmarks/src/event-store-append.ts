/**
 * `npm run bench:store` — appends per second of the Redis event store against raw XADD with
 * the same payloads and batch sizes, measured in the same run on the same Redis.
 *
 * Raw XADD is the floor: one pipelined round trip of `batch` XADDs to one stream, no checks.
 * The store does, per commit: envelope + catalogue validation, one Lua script that checks the
 * expected version, writes each event to the session log and the stream index, and bumps the
 * counters. Target (issue 2): store ≥ 0.5× raw.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { createCatalogue, defineEvent, formatSessionId, streamName, type NewEvent } from '@aside/events';
import { RedisEventStore } from '@aside/events/store';
import { startTestRedis } from '@aside/testing';
import { formatPercentiles, percentiles, printTable, type Percentiles } from './support/latency-table.js';

const BATCH_SIZES = [1, 10, 50];
const CONCURRENCY = [1, 16];
const SECONDS_PER_CELL = Number(process.env['BENCH_SECONDS'] ?? 2);

const BenchTicked = defineEvent('BenchTicked', {
  data: z.object({ sequence: z.number().int(), text: z.string() }),
});
const catalogue = createCatalogue([BenchTicked]);
const TEXT = 'x'.repeat(200);

interface Measurement {
  readonly eventsPerSecond: number;
  readonly commitMs: Percentiles;
}

function event(stream: string, sequence: number): NewEvent {
  return {
    id: `e-${sequence}`,
    type: 'BenchTicked',
    stream,
    occurredAt: '2026-11-24T10:00:00.000Z',
    actor: { kind: 'system', id: 'bench' },
    causationId: `c-${sequence}`,
    correlationId: 'bench',
    data: { sequence, text: TEXT },
  };
}

/** Runs `workers` loops of `commit` until the time is up; counts events and commit latencies. */
async function measure(workers: number, batch: number, commit: (worker: number, round: number) => Promise<void>): Promise<Measurement> {
  const deadline = performance.now() + SECONDS_PER_CELL * 1_000;
  const latencies: number[] = [];
  let events = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      for (let round = 0; performance.now() < deadline; round += 1) {
        const t0 = performance.now();
        await commit(worker, round);
        latencies.push(performance.now() - t0);
        events += batch;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1_000;
  return { eventsPerSecond: events / elapsed, commitMs: percentiles(latencies) };
}

async function main(): Promise<void> {
  const redisServer = await startTestRedis((line) => console.log(line));
  const redis = new Redis(redisServer.url);
  const prefix = `bench-${randomBytes(3).toString('hex')}`;
  const store = new RedisEventStore({ connection: redis, catalogue, keyPrefix: prefix });
  const rows: string[][] = [];
  try {
    for (const concurrency of CONCURRENCY) {
      for (const batch of BATCH_SIZES) {
        const payloads = Array.from({ length: batch }, (_, i) => JSON.stringify({ ...event('raw', i), data: { sequence: i, text: TEXT } }));
        const raw = await measure(concurrency, batch, async (worker) => {
          const pipeline = redis.pipeline();
          for (const payload of payloads) pipeline.xadd(`${prefix}:raw:${concurrency}:${batch}:${worker}`, '*', 'type', 'BenchTicked', 'e', payload);
          await pipeline.exec();
        });

        const sessions = Array.from({ length: concurrency }, () => formatSessionId(1, randomBytes(6).toString('hex')));
        const versions = sessions.map(() => 0);
        const aside = await measure(concurrency, batch, async (worker) => {
          const session = sessions[worker]!;
          const stream = streamName('bench', session);
          const events = Array.from({ length: batch }, (_, i) => event(stream, versions[worker]! + i));
          const result = await store.append(session, events, { expectedVersions: { [stream]: versions[worker] === 0 ? 'no_stream' : versions[worker]! } });
          versions[worker] = result.streamVersions[stream]!;
        });

        rows.push([
          String(batch),
          String(concurrency),
          Math.round(raw.eventsPerSecond).toLocaleString('en-US'),
          Math.round(aside.eventsPerSecond).toLocaleString('en-US'),
          (aside.eventsPerSecond / raw.eventsPerSecond).toFixed(2),
          formatPercentiles(raw.commitMs),
          formatPercentiles(aside.commitMs),
        ]);
      }
    }
  } finally {
    for (const key of await redis.keys(`${prefix}:*`)) await redis.del(key);
    await store.close();
    await redis.quit();
    await redisServer.stop();
  }
  printTable(['batch', 'concurrent writers', 'raw XADD events/s', 'store events/s', 'store ÷ raw', 'raw commit p50/p99 ms', 'store commit p50/p99 ms'], rows);
  const worst = Math.min(...rows.map((row) => Number(row[4])));
  console.log(`\nWorst ratio ${worst.toFixed(2)} (target ≥ 0.50): ${worst >= 0.5 ? 'met' : 'MISSED'}. ${SECONDS_PER_CELL} s per cell, Node ${process.version}.`);
}

await main();
