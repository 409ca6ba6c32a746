/**
 * `npm run bench:cancel` — how long a remote cancel takes to stop a running tool body (issue 5),
 * against the floor of a raw Redis PUBLISH to a subscriber, measured in the same run.
 *
 * The gateway side (`BullMqTaskQueue`, with a report handler that only timestamps) runs here;
 * the runner (`ToolRunnerWorker`) runs in a forked child process, so the cancel crosses a
 * process boundary as in production. Per load, each round enqueues N bodies, waits until all N
 * are running (their `progress` report folded), cancels all N in one tick and waits until all N
 * `failed/cancelled` reports are folded. Two latencies per task, both from the cancel() call:
 * to the body's AbortSignal firing in the runner, and to the terminal report reaching the
 * gateway's ReportHandler (end to end).
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { BullMqTaskQueue } from '@aside/bullmq';
import type { TaskJob } from '@aside/engine';
import { formatSessionId, TASK_JOB_CONTRACT_VERSION } from '@aside/events';
import { startTestRedis } from '@aside/testing';
import { Redis } from 'ioredis';
import { cancelRound } from './support/cancel-round.js';
import { WAIT_FOR_CANCEL_TOOL, type FromRunner } from './support/cancel-runner-protocol.js';
import { CancelRunnerProcess } from './support/cancel-runner-process.js';
import { CancelTracker } from './support/cancel-tracker.js';
import { formatPercentiles, percentiles, printTable } from './support/latency-table.js';
import { PublishFloor } from './support/publish-floor.js';
import { stderrLogger } from './support/stderr-logger.js';

const LOADS = [1, 10, 50];
const MIN_SAMPLES = 200;
const MIN_SAMPLES_CAP_MS = 15_000;
const FLOOR_SAMPLES = 1_000;
/** Seconds of cancel rounds, shared by the loads: the default run takes about 35 s (see measureLoad for the cap). */
const BENCH_SECONDS = Number(process.env['BENCH_SECONDS'] ?? 30);
/** Room for the largest load, so every body of a round runs at once. */
const RUNNER_CONCURRENCY = 64;

const sessionId = formatSessionId(0, `bench${randomBytes(4).toString('hex')}`);

function jobFor(taskId: string, callId: string): TaskJob {
  return {
    contractVersion: TASK_JOB_CONTRACT_VERSION,
    taskId,
    sessionId,
    callId,
    activityId: 'a1',
    agent: 'bench',
    toolName: WAIT_FOR_CANCEL_TOOL,
    toolsetId: null,
    arguments: {},
    timeoutMs: null,
    retries: 0,
  };
}

interface LoadResult {
  readonly abortMs: number[];
  readonly cancelledFoldedMs: number[];
  readonly floorMs: number[];
  readonly otherEndings: string[];
  missingAborts: number;
  error?: string;
}

async function main(): Promise<void> {
  // Tails on a small machine follow whatever else runs: the 1-minute load average goes with the table.
  const loadBefore = loadavg()[0]!;
  const redisServer = await startTestRedis((line) => console.log(line));
  const prefix = `bench-cancel-${randomBytes(3).toString('hex')}`;
  const floorChannel = `${prefix}:floor`;
  const publisher = new Redis(redisServer.url);
  const redisVersion = /redis_version:(\S+)/.exec(await publisher.info('server'))?.[1] ?? 'unknown';
  const tracker = new CancelTracker();
  const floor = new PublishFloor(publisher, floorChannel);
  const onRunnerMessage = (message: FromRunner): void => {
    tracker.onRunnerMessage(message);
    floor.onRunnerMessage(message);
  };
  // blockMs only bounds how soon close() is noticed: a blocking XREADGROUP returns as soon as a report lands.
  const queue = new BullMqTaskQueue({ connection: redisServer.url, prefix, blockMs: 200, logger: stderrLogger('gateway') });
  let runner: CancelRunnerProcess | undefined;
  const results = new Map<number, LoadResult>();
  try {
    runner = await CancelRunnerProcess.start({ redisUrl: redisServer.url, prefix, floorChannel, concurrency: RUNNER_CONCURRENCY }, onRunnerMessage);
    await queue.start(tracker.handler);
    for (const load of LOADS) results.set(load, await measureLoad(load, queue, tracker, floor));
  } finally {
    await queue.close();
    await runner?.stop();
    await publisher.quit();
    await redisServer.stop();
  }

  printTable(
    ['bodies cancelled at once', 'samples', 'cancel → body abort p50 / p99 ms', 'cancel → cancelled report folded p50 / p99 ms', 'raw PUBLISH → subscriber p50 / p99 ms'],
    LOADS.map((load) => {
      const result = results.get(load)!;
      return [String(load), String(result.cancelledFoldedMs.length), formatPercentiles(percentiles(result.abortMs)), formatPercentiles(percentiles(result.cancelledFoldedMs)), formatPercentiles(percentiles(result.floorMs))];
    }),
  );
  console.log(
    `\nRunner in a forked child process (ToolRunnerWorker, concurrency ${RUNNER_CONCURRENCY}); gateway BullMqTaskQueue here. ` +
      `"Folded" = handed to the bench's ReportHandler, which only timestamps (no event-store commit). ` +
      `Clock: process.hrtime.bigint() (CLOCK_MONOTONIC, shared by both processes). Floor: ${FLOOR_SAMPLES}+ PUBLISHes per load, N at once, to a plain subscriber in the runner process. ` +
      `One warm-up round per load discarded. BENCH_SECONDS=${BENCH_SECONDS}, Redis ${redisVersion} (${redisServer.source}), Node ${process.version}, ` +
      `load average ${loadBefore.toFixed(2)} before / ${loadavg()[0]!.toFixed(2)} after.`,
  );
  for (const load of LOADS) {
    const { cancelledFoldedMs, otherEndings, missingAborts, error } = results.get(load)!;
    const problems = [
      ...(cancelledFoldedMs.length < MIN_SAMPLES ? [`${cancelledFoldedMs.length} samples (< ${MIN_SAMPLES})`] : []),
      ...(otherEndings.length > 0 ? [`${otherEndings.length} tasks did not end cancelled (${[...new Set(otherEndings)].join(', ')})`] : []),
      ...(missingAborts > 0 ? [`${missingAborts} cancelled bodies never saw their signal abort`] : []),
      ...(error !== undefined ? [`stopped early: ${error}`] : []),
    ];
    console.log(`Load ${load}: ${problems.length === 0 ? 'every task ended failed/cancelled and every body aborted' : `MISSED — ${problems.join('; ')}`}.`);
  }
}

/**
 * The floor, then cancel rounds until the load's share of BENCH_SECONDS is used and there are
 * MIN_SAMPLES. A slow machine may take longer for the samples, up to twice the share (never less
 * than MIN_SAMPLES_CAP_MS, so a short BENCH_SECONDS still gets its samples); then it stops short.
 */
async function measureLoad(load: number, queue: BullMqTaskQueue, tracker: CancelTracker, floor: PublishFloor): Promise<LoadResult> {
  const result: LoadResult = { abortMs: [], cancelledFoldedMs: [], floorMs: [], otherEndings: [], missingAborts: 0 };
  await floor.round(load, `warmup-${load}`);
  for (let round = 0; result.floorMs.length < FLOOR_SAMPLES; round += 1) result.floorMs.push(...(await floor.round(load, `floor-${load}-${round}`)));

  const shareMs = (BENCH_SECONDS * 1_000) / LOADS.length;
  const capMs = Math.max(2 * shareMs, MIN_SAMPLES_CAP_MS);
  const jobsOf = (round: string) => Array.from({ length: load }, (_, i) => jobFor(`${sessionId}-l${load}-${round}-t${i}`, `c${i}`));
  try {
    await cancelRound(queue, tracker, jobsOf('warmup'));
    const started = performance.now();
    for (let round = 0; ; round += 1) {
      const elapsed = performance.now() - started;
      if (elapsed >= capMs || (elapsed >= shareMs && result.cancelledFoldedMs.length >= MIN_SAMPLES)) break;
      const samples = await cancelRound(queue, tracker, jobsOf(`r${round}`));
      result.abortMs.push(...samples.abortMs);
      result.cancelledFoldedMs.push(...samples.cancelledFoldedMs);
      result.otherEndings.push(...samples.otherEndings);
      result.missingAborts += samples.missingAborts;
    }
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  }
  return result;
}

await main();
