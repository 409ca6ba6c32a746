/**
 * `npm run bench:delivery` — how long the gateway takes to decide a deferred reply once the
 * agent becomes idle (issue 7 item 3), LLM excluded.
 *
 * A real `Gateway` here, on the in-memory store (embedded mode) and on the Redis store
 * (distributed mode: Redis event store, partition lease, routing queue); the tool body runs in
 * the gateway in both (support/delivery-narrator-tool.ts), since the decision involves no runner.
 * Per load N (1, 10, 50), each round leaves a result waiting in N sessions — it arrived while
 * the agent spoke, or while the user talked — then makes the N agents idle in one tick: the
 * speech is reported played, or the user stops speaking (support/delivery-cycle.ts). Measured,
 * per session: from that gateway call to the commit holding `ReplyDeliveryStarted`, decided
 * together with the event that made the agent idle (checked). Between rounds every reply is
 * generated and spoken: what competes inside the interval is the round's own work only (the
 * other N−1 decisions, and the replies of those decided first).
 *
 * Target (issue 7): p99 < 2 ms, per row.
 */
import { agent, createAgentRegistry } from '@aside/domain';
import { deliveryRound, NarratedSession, TRIGGERS, type DeliverySample } from './support/delivery-cycle.js';
import { NARRATE_TOOL, NarrationGates, narratorTool } from './support/delivery-narrator-tool.js';
import { formatPercentiles, percentiles, printTable } from './support/latency-table.js';
import { CommitWatch } from './support/task-bench-commits.js';
import { startBenchGateway, type GatewayMode } from './support/task-bench-gateway.js';
import { cellBudget, measureRounds, type CellBudget, type CellOutcome } from './support/task-bench-rounds.js';
import { openBenchRedis, type BenchRedis } from './support/task-bench-redis.js';
import { loadAverage, machineNote, RunChecks, verdict } from './support/task-bench-report.js';
import { RotatingSession, USES_PER_SESSION } from './support/task-bench-sessions.js';
import { BenchLlm } from './support/turn-fake-llm.js';

const LOADS = [1, 10, 50];
const STORES: readonly { readonly name: string; readonly mode: GatewayMode }[] = [
  { name: 'in-memory', mode: 'embedded' },
  { name: 'Redis', mode: 'distributed' },
];
/** Seconds of rounds, shared by the six cells (store × load): the default run takes about 50 s. */
const BENCH_SECONDS = Number(process.env['BENCH_SECONDS'] ?? 45);
/** Per trigger; a round yields N samples of each. */
const MIN_SAMPLES = 200;
const WARMUP_ROUNDS = 2;
const TARGET_P99_MS = 2;

interface Cell {
  readonly store: string;
  readonly load: number;
  readonly outcome: CellOutcome<DeliverySample>;
  readonly loadAverage: string;
}

async function main(): Promise<void> {
  const loadBefore = loadAverage();
  const budget = cellBudget(BENCH_SECONDS, STORES.length * LOADS.length, TRIGGERS.length * MIN_SAMPLES, WARMUP_ROUNDS);
  const redis = await openBenchRedis('delivery');
  const cells: Cell[] = [];
  try {
    for (const store of STORES) {
      for (const load of LOADS) {
        const outcome = await measureCell(store.mode, load, budget, redis);
        cells.push({ store: store.name, load, outcome, loadAverage: loadAverage() });
      }
    }
  } finally {
    await redis.close();
  }
  report(cells, machineNote(redis.description, loadBefore));
}

/** One store × load on a fresh gateway, so no cell inherits another's sessions (or in-memory log). */
async function measureCell(mode: GatewayMode, load: number, budget: CellBudget, redis: BenchRedis): Promise<CellOutcome<DeliverySample>> {
  const gates = new NarrationGates();
  const narrator = agent({ name: 'narrator', instructions: 'You pass the news on.', tools: [narratorTool(gates)] });
  const bench = await startBenchGateway({ mode, registry: createAgentRegistry([narrator]), llm: new BenchLlm({ latencyMs: 0, callTool: NARRATE_TOOL }), redisUrl: redis.url, prefix: redis.prefix });
  const commits = new CommitWatch(bench.gateway.engine);
  const parts = { gateway: bench.gateway, commits, gates, agent: narrator.name };
  const sessions = new RotatingSession(
    () => Promise.all(Array.from({ length: load }, () => NarratedSession.open(parts))),
    async (opened: NarratedSession[]) => void (await Promise.all(opened.map((session) => session.close()))),
  );
  try {
    return await measureRounds(budget, async () => deliveryRound(await sessions.next()));
  } finally {
    await sessions.close().catch(() => undefined); // a broken round may leave sessions that cannot close cleanly
    commits.close();
    await bench.close();
  }
}

function report(cells: readonly Cell[], machine: string): void {
  const rows: string[][] = [];
  const checks = new RunChecks();
  for (const { store, load, outcome, loadAverage: loadAfter } of cells) {
    for (const trigger of TRIGGERS) {
      const latencies = outcome.samples.filter((sample) => sample.trigger === trigger).map((sample) => sample.ms);
      const latency = percentiles(latencies);
      rows.push([store, String(load), trigger, String(latencies.length), formatPercentiles(latency), verdict(latency.p99 < TARGET_P99_MS), loadAfter]);
    }
    checks.check(`${store}, ${load} at once`, outcome, TRIGGERS.length * MIN_SAMPLES);
  }
  printTable(['store', 'agents made idle at once', 'idle because', 'samples', 'idle → delivery committed p50 / p99 ms', `p99 < ${TARGET_P99_MS} ms`, '1-min load'], rows);
  const missed = rows.filter((row) => row[5] === 'MISSED').length;
  console.log(
    `\nReal Gateway in this process; tool body in the gateway; fake model without latency (the reply is generated after the measured commit, and before the next round). ` +
      `From the gateway call (reportPlayout / setUserState) to the engine's commit listener seeing ReplyDeliveryStarted. ` +
      `${WARMUP_ROUNDS} warm-up rounds per cell discarded; sessions replaced every ${USES_PER_SESSION} rounds. BENCH_SECONDS=${BENCH_SECONDS}, ${machine}.`,
  );
  console.log(`Target p99 < ${TARGET_P99_MS} ms: ${missed === 0 ? 'met in every row' : `MISSED in ${missed} of ${rows.length} rows`}.`);
  checks.conclude('Every sample: the result waited, and the delivery was decided in the very commit that made the agent idle.');
}

await main();
