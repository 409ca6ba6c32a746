/**
 * `npm run bench:task` — the overhead of an async tool call in distributed mode (issue 7 item 1),
 * against raw BullMQ on the same Redis in the same run.
 *
 * Aside: a real `Gateway` here (Redis event store, partition lease, routing task queue, BullMQ),
 * the runner (`ToolRunnerWorker`) in a forked child. Per load N, each round gives N sessions a
 * user turn at once; the fake model (no latency) answers each with a call of `first_update`,
 * whose body updates once and returns. Dispatch = the commit of the tool call
 * (`ToolCallDispatched` + `TaskRequested`); the interval ends at the commit of the first
 * `TaskProgressed` (the update folded into the session log). Inside it: the reactor reading the
 * commit from the log, the task's placement (catalogue HEXISTS, placement SET NX), `Queue.add`,
 * the runner taking the job, its `started` report, the body, the `progress` report, the
 * gateway's inbox read, the fold of `started`, then the fold of the update. The table also
 * times it from the moment the gateway hands the job to its task queue (the raw baseline's start).
 *
 * Raw: `Queue.add` of N jobs in one tick → a plain BullMQ `Worker` in the same child process
 * whose processor calls `job.updateProgress()` → the 'progress' event of a `QueueEvents` here.
 *
 * Target (issue 7): Aside ≤ 1.5× raw, p50 and p99, per load.
 */
import { agent, createAgentRegistry } from '@aside/domain';
import { formatPercentiles, percentiles, printTable } from './support/latency-table.js';
import { RawBullMqBaseline, type RawSample } from './support/raw-bullmq-baseline.js';
import { CommitWatch } from './support/task-bench-commits.js';
import { startBenchGateway } from './support/task-bench-gateway.js';
import { cellBudget, measureRounds, type CellBudget, type CellOutcome } from './support/task-bench-rounds.js';
import { openBenchRedis, type BenchRedis } from './support/task-bench-redis.js';
import { loadAverage, machineNote, ratio, RunChecks, verdict } from './support/task-bench-report.js';
import { RotatingSession, USES_PER_SESSION } from './support/task-bench-sessions.js';
import { FIRST_UPDATE_TOOL, firstUpdateTool } from './support/task-first-update-tool.js';
import { EnqueueTimes, taskRound, type TaskSample } from './support/task-round.js';
import { TaskRunnerProcess } from './support/task-runner-process.js';
import { BenchLlm } from './support/turn-fake-llm.js';

const LOADS = [1, 10, 50];
/** Seconds of rounds, shared by the six cells (Aside and raw per load): the default run takes about 70 s. */
const BENCH_SECONDS = Number(process.env['BENCH_SECONDS'] ?? 60);
const MIN_SAMPLES = 200;
const WARMUP_ROUNDS = 2;
const TARGET_RATIO = 1.5;
/** Room for the largest load, so every body of a round runs at once, in Aside's worker and the raw one. */
const RUNNER_CONCURRENCY = 64;
const RAW_QUEUE = 'raw-bench';

const searcher = agent({ name: 'searcher', instructions: 'You search.', tools: [firstUpdateTool] });

interface LoadResult {
  readonly aside: CellOutcome<TaskSample>;
  readonly raw: CellOutcome<RawSample>;
  /** The 1-minute load average once the load's two cells were done. */
  readonly loadAverage: string;
}

async function main(): Promise<void> {
  const loadBefore = loadAverage();
  const budget = cellBudget(BENCH_SECONDS, 2 * LOADS.length, MIN_SAMPLES, WARMUP_ROUNDS);
  const redis = await openBenchRedis('task');
  const results = new Map<number, LoadResult>();
  let runner: TaskRunnerProcess | undefined;
  let raw: RawBullMqBaseline | undefined;
  try {
    runner = await TaskRunnerProcess.start({ redisUrl: redis.url, prefix: redis.prefix, concurrency: RUNNER_CONCURRENCY, rawQueueName: RAW_QUEUE });
    raw = await RawBullMqBaseline.open({ redisUrl: redis.url, prefix: redis.prefix, queueName: RAW_QUEUE });
    for (const load of LOADS) {
      // Raw first, then Aside, load by load: both see the machine in the same state.
      const rawOutcome = await measureRounds(budget, (index) => raw!.round(load, `l${load}-r${index}`));
      const asideOutcome = await measureAside(load, redis, budget);
      results.set(load, { aside: asideOutcome, raw: rawOutcome, loadAverage: loadAverage() });
    }
  } finally {
    await raw?.close();
    await runner?.stop();
    await redis.close();
  }
  report(results, machineNote(redis.description, loadBefore));
}

/** One load on a fresh gateway, so no load inherits another's sessions. */
async function measureAside(load: number, redis: BenchRedis, budget: CellBudget): Promise<CellOutcome<TaskSample>> {
  const enqueues = new EnqueueTimes();
  const llm = new BenchLlm({ latencyMs: 0, callTool: FIRST_UPDATE_TOOL });
  const bench = await startBenchGateway({ mode: 'distributed', registry: createAgentRegistry([searcher]), llm, redisUrl: redis.url, prefix: redis.prefix, onEnqueue: enqueues.record });
  const { gateway } = bench;
  const commits = new CommitWatch(gateway.engine);
  const sessions = new RotatingSession(
    async () => Promise.all(Array.from({ length: load }, async () => (await gateway.createSession({ agent: searcher.name, playout: 'instant' })).sessionId)),
    async (ids: string[]) => void (await Promise.all(ids.map((id) => gateway.closeSession(id)))),
  );
  try {
    return await measureRounds(budget, async (index) => taskRound(gateway, commits, enqueues, await sessions.next(), `l${load}r${index}`));
  } finally {
    await sessions.close().catch(() => undefined); // a broken round may leave sessions that cannot close cleanly
    commits.close();
    await bench.close();
  }
}

/** One measured path of one load: the whole interval and its two halves around the body's start. */
interface Path {
  readonly name: string;
  readonly totalMs: readonly number[];
  readonly toBodyMs: readonly number[];
  readonly fromBodyMs: readonly number[];
}

function pathsOf(aside: readonly TaskSample[], raw: readonly RawSample[]): { readonly aside: readonly Path[]; readonly raw: Path } {
  const fromBodyMs = aside.map((s) => s.bodyToFoldedMs);
  return {
    aside: [
      { name: 'Aside: tool call committed → first update folded', totalMs: aside.map((s) => s.dispatchedToFoldedMs), toBodyMs: aside.map((s) => s.dispatchedToBodyMs), fromBodyMs },
      { name: 'Aside: job handed to task queue → first update folded', totalMs: aside.map((s) => s.enqueuedToFoldedMs), toBodyMs: aside.map((s) => s.enqueuedToBodyMs), fromBodyMs },
    ],
    raw: { name: 'raw BullMQ: Queue.add → progress event heard', totalMs: raw.map((s) => s.totalMs), toBodyMs: raw.map((s) => s.toBodyMs), fromBodyMs: raw.map((s) => s.fromBodyMs) },
  };
}

function report(results: ReadonlyMap<number, LoadResult>, machine: string): void {
  const rows: string[][] = [];
  const lines: string[] = [];
  const checks = new RunChecks();
  for (const [load, { aside, raw, loadAverage: loadAfter }] of results) {
    const paths = pathsOf(aside.samples, raw.samples);
    const baseline = percentiles(paths.raw.totalMs);
    const row = (path: Path, ratios: string) =>
      rows.push([String(load), path.name, String(path.totalMs.length), formatPercentiles(percentiles(path.totalMs)), formatPercentiles(percentiles(path.toBodyMs)), formatPercentiles(percentiles(path.fromBodyMs)), ratios, loadAfter]);
    for (const path of paths.aside) {
      const total = percentiles(path.totalMs);
      const [p50, p99] = [ratio(total.p50, baseline.p50), ratio(total.p99, baseline.p99)];
      row(path, `${p50} / ${p99}`);
      lines.push(`Load ${load}, ${path.name}: p50 ${p50}×, p99 ${p99}× raw (target ≤ ${TARGET_RATIO}×): ${verdict(Number(p50) <= TARGET_RATIO && Number(p99) <= TARGET_RATIO)}.`);
    }
    row(paths.raw, '—');
    checks.check(`Load ${load}, Aside`, aside, MIN_SAMPLES);
    checks.check(`Load ${load}, raw`, raw, MIN_SAMPLES);
  }
  printTable(['concurrent dispatches', 'path', 'samples', 'total p50 / p99 ms', '→ body started p50 / p99 ms', 'body started → end p50 / p99 ms', 'Aside ÷ raw p50 / p99', '1-min load'], rows);
  console.log(
    `\nGateway (Redis event store, lease, routing queue, BullMQ) in this process; runner (ToolRunnerWorker) and the raw Worker in one forked child, concurrency ${RUNNER_CONCURRENCY}. ` +
      `Fake model without latency. Clock: process.hrtime.bigint() in both processes; the body's start travels inside its update. ` +
      `${WARMUP_ROUNDS} warm-up rounds per cell discarded; sessions replaced every ${USES_PER_SESSION} rounds. BENCH_SECONDS=${BENCH_SECONDS}, ${machine}.`,
  );
  for (const line of lines) console.log(line);
  checks.conclude('Every sampled task was dispatched, ran on the runner, had its first update folded and ended succeeded.');
}

await main();
