/**
 * `npm run bench:scale` — one gateway holding many live sessions (issue 7): how long a
 * runner's report takes to be folded into its session at the gateway, and what each live
 * session costs the gateway in memory. Target: fold p99 < 50 ms at 1,000 sessions × 5 tasks.
 *
 * Per size, in fresh processes: a bench gateway (support/scale-gateway.ts) — a real
 * distributed `Gateway` on the Redis event store and the BullMQ task queue, with a scripted
 * model — and two tool runners (`ToolRunnerWorker`, support/scale-runner.ts). Each session's
 * turn makes the model call a slow tool five times; each body updates at once (the call goes
 * async), then every UPDATE_INTERVAL_MS (after a random phase) until released, so the gateway
 * folds a steady sessions × 5 ÷ interval reports per second, each with its chat items and its
 * share of deferred replies (LLM calls of the scripted model).
 *
 * Fold latency: the body stamps `process.hrtime.bigint()` into the update's text right before
 * `ctx.update()`; the gateway's engine reads the clock again when the `TaskProgressed` commit
 * returns (`onCommitted`). So it spans the runner's inbox write, the gateway's inbox read and
 * the event-store commit of the fold. RSS: the gateway process after a forced full GC, booted
 * with no session, then with every session live (after the window); the difference ÷ sessions.
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { deleteKeysMatching, startTestRedis } from '@aside/testing';
import { Redis } from 'ioredis';
import { formatPercentiles, percentiles, printTable } from './support/latency-table.js';
import { checkFlow } from './support/scale-flow-check.js';
import { reportsPerSecond, runSize, type SizeResult, type SizeSettings } from './support/scale-size-run.js';

const SIZES = (process.env['BENCH_SESSIONS'] ?? '100,500,1000').split(',').map(Number);
const TARGET_SESSIONS = 1_000;
const TARGET_P99_MS = 50;
const TASKS_PER_SESSION = 5;
const RUNNERS = 2;
/** Each task reports every 10 s: a long job narrating its progress, five of them per call. */
const UPDATE_INTERVAL_MS = Number(process.env['BENCH_UPDATE_MS'] ?? 10_000);
/** Sampling window per size. */
const WINDOW_MS = Number(process.env['BENCH_SECONDS'] ?? 15) * 1_000;
/** The docker-compose default (ASIDE_PARTITIONS): four inbox consumers fold in parallel. */
const PARTITIONS = Number(process.env['BENCH_PARTITIONS'] ?? 4);
/** After the warm-up, how long the gateway may take to fold what the ramp left in its inboxes. */
const CATCH_UP_CAP_MS = 15_000;
const MB = 1024 * 1024;

interface SizeOutcome {
  readonly sessions: number;
  readonly result?: SizeResult;
  readonly broken: readonly string[];
  readonly unfinished?: string;
  readonly loadBefore: number;
}

async function main(): Promise<void> {
  const redisServer = await startTestRedis((line) => console.log(line));
  const redis = new Redis(redisServer.url);
  const redisVersion = /redis_version:(\S+)/.exec(await redis.info('server'))?.[1] ?? 'unknown';
  const outcomes: SizeOutcome[] = [];
  try {
    for (const sessions of SIZES) {
      const outcome = await measureSize(sessions, redisServer.url, redis);
      outcomes.push(outcome);
      // A size that broke or could not finish would do worse larger, at their full time cost.
      if (outcome.broken.length > 0 || outcome.unfinished !== undefined) break;
    }
  } finally {
    await redis.quit();
    await redisServer.stop();
  }
  report(outcomes, { redisVersion, source: redisServer.source });
}

async function measureSize(sessions: number, redisUrl: string, redis: Redis): Promise<SizeOutcome> {
  const loadBefore = loadavg()[0]!;
  const prefix = `bench-scale-${randomBytes(3).toString('hex')}`;
  const settings: SizeSettings = {
    redisUrl,
    prefix,
    sessions,
    tasksPerSession: TASKS_PER_SESSION,
    runners: RUNNERS,
    partitions: PARTITIONS,
    updateIntervalMs: UPDATE_INTERVAL_MS,
    warmupMs: UPDATE_INTERVAL_MS,
    catchUpCapMs: CATCH_UP_CAP_MS,
    windowMs: WINDOW_MS,
    openDeadlineMs: 30_000 + 60 * sessions,
    endingsDeadlineMs: 30_000,
  };
  console.error(`[bench] ${sessions} sessions × ${TASKS_PER_SESSION} tasks (load average ${loadBefore.toFixed(2)})`);
  try {
    const result = await runSize(settings, redis);
    return { sessions, result, ...checkFlow(result, sessions * TASKS_PER_SESSION), loadBefore };
  } catch (error) {
    return { sessions, broken: [`stopped: ${error instanceof Error ? error.message : String(error)}`], loadBefore };
  } finally {
    await deleteKeysMatching(redis, `${prefix}:*`);
  }
}

function report(outcomes: readonly SizeOutcome[], run: { redisVersion: string; source: string }): void {
  const measured = outcomes.filter((outcome): outcome is SizeOutcome & { result: SizeResult } => outcome.result !== undefined);
  printTable(
    [
      'sessions',
      'live tasks',
      'reports/s paced / folded',
      'fold samples',
      'fold p50 / p99 ms',
      'CPU gateway / runners / Redis',
      'Redis clients',
      'RSS idle / live MB',
      'RSS per session KB',
      'opened in s',
      'ramp backlog folded',
      'inbox backlog window start / end',
      'load avg',
    ],
    measured.map(({ sessions, result, loadBefore }) => {
      const tasks = sessions * TASKS_PER_SESSION;
      const { fold } = result;
      return [
        sessions.toLocaleString('en-US'),
        tasks.toLocaleString('en-US'),
        `${Math.round(reportsPerSecond({ sessions, tasksPerSession: TASKS_PER_SESSION, updateIntervalMs: UPDATE_INTERVAL_MS }))} / ${Math.round((fold.foldMs.length * 1_000) / fold.elapsedMs)}`,
        fold.foldMs.length.toLocaleString('en-US'),
        formatPercentiles(percentiles(fold.foldMs)),
        [fold.cpuMs, result.runnersCpuMs, result.redisCpuMs].map((cpuMs) => `${Math.round((100 * cpuMs) / fold.elapsedMs)}%`).join(' / '),
        String(result.redisClients),
        `${(result.idle.rssBytes / MB).toFixed(0)} / ${(result.live.rssBytes / MB).toFixed(0)}`,
        ((result.live.rssBytes - result.idle.rssBytes) / 1024 / sessions).toFixed(0),
        (result.openedMs / 1_000).toFixed(1),
        result.catchUp.drained ? `+${(result.catchUp.waitedMs / 1_000).toFixed(1)} s` : `no (${CATCH_UP_CAP_MS / 1_000} s)`,
        `${result.backlogAtStart.toLocaleString('en-US')} / ${result.backlogAtEnd.toLocaleString('en-US')}`,
        loadBefore.toFixed(2),
      ];
    }),
  );
  // Where a fold's time goes: the runner and the queue up to the hand-over, then the engine.
  printTable(
    ['sessions', 'stamp → in the inbox (runner) p50 / p99 ms', 'stamp → handed to the fold p50 / p99 ms', 'handed over → committed p50 / p99 ms', 'fold p50 / p99 ms'],
    measured.map(({ sessions, result }) => [
      sessions.toLocaleString('en-US'),
      formatPercentiles(percentiles(result.writeMs)),
      formatPercentiles(percentiles(result.fold.handoverMs)),
      formatPercentiles(percentiles(result.fold.commitMs)),
      formatPercentiles(percentiles(result.fold.foldMs)),
    ]),
  );
  console.log(
    `\nOne bench gateway process (distributed Gateway, RedisEventStore + BullMqTaskQueue, ${PARTITIONS} partitions, scripted model) and ${RUNNERS} runner ` +
      `processes (ToolRunnerWorker, concurrency = every live task), fresh per size. Each task updates at once, then every ${UPDATE_INTERVAL_MS / 1_000} s ` +
      `(random phase) until released; deferred replies when idle, playout instant. Warm-up ${UPDATE_INTERVAL_MS / 1_000} s after every task's first update, ` +
      `then until at most 100 ms of reports wait in the inboxes (at most ${CATCH_UP_CAP_MS / 1_000} s more), then a ${WINDOW_MS / 1_000} s window. Fold = runner's hrtime stamp in the update text → the TaskProgressed commit returned in the gateway ` +
      `(CLOCK_MONOTONIC, one clock for the host). RSS after a forced full GC. Redis ${run.redisVersion} (${run.source}), Node ${process.version}, ` +
      `load average (1 min) before each size in the last column, ${loadavg()[0]!.toFixed(2)} at the end.`,
  );
  for (const { sessions, result } of measured) {
    const p99 = percentiles(result.fold.foldMs).p99;
    const verdict = p99 < TARGET_P99_MS ? 'met' : 'MISSED';
    const label = sessions === TARGET_SESSIONS ? 'target' : 'for reference';
    console.log(`${sessions.toLocaleString('en-US')} sessions: fold p99 ${p99.toFixed(2)} ms (${label} < ${TARGET_P99_MS} ms): ${verdict}.`);
  }
  if (!measured.some(({ sessions }) => sessions === TARGET_SESSIONS)) {
    const why = SIZES.includes(TARGET_SESSIONS) ? 'the run broke before it: MISSED' : 'not in BENCH_SESSIONS';
    console.log(`${TARGET_SESSIONS.toLocaleString('en-US')} sessions not measured (${why}).`);
  }
  for (const { sessions, broken, unfinished } of outcomes) {
    const skipped = SIZES.indexOf(sessions) < SIZES.length - 1 ? ' The larger sizes were not run.' : '';
    if (broken.length > 0) console.log(`BROKEN — ${sessions} sessions: ${broken.join('; ')}.${skipped}`);
    else if (unfinished !== undefined) console.log(`UNFINISHED — ${sessions} sessions: ${unfinished}.${skipped}`);
  }
  if (outcomes.some(({ broken, unfinished }) => broken.length > 0 || unfinished !== undefined)) process.exitCode = 1;
}

await main();
