/**
 * `npm run bench:turn` — turn latency (issue 7 item 6): from a user turn handed to the gateway
 * to the agent's speech handed to the transport, with a fake model of fixed latency
 * (`LLM_LATENCY_MS`, default 20), in three set-ups:
 *
 * - embedded: a real `Gateway` on the in-memory store, tool bodies in this process;
 * - distributed: a real `Gateway` on the Redis store (partition lease, routing queue, BullMQ),
 *   with a tool runner (`ToolRunnerWorker`) forked and serving the agent's tool;
 * - floor: no runtime — the same request straight to the same fake model.
 *
 * Per load N (1, 10, 50), each round hands N conversations a user turn in one tick (each clock
 * starts right before its own call) and waits until every answer was spoken and reported played
 * (support/turn-conversations.ts has what each interval holds). The table gives each set-up and
 * its overhead over the floor at the same load.
 */
import { agent, createAgentRegistry } from '@aside/domain';
import { formatPercentiles, percentiles, printTable, type Percentiles } from './support/latency-table.js';
import { CommitWatch } from './support/task-bench-commits.js';
import { startBenchGateway, type GatewayMode } from './support/task-bench-gateway.js';
import { cellBudget, measureRounds, type CellBudget, type CellOutcome } from './support/task-bench-rounds.js';
import { openBenchRedis, type BenchRedis } from './support/task-bench-redis.js';
import { loadAverage, machineNote, RunChecks } from './support/task-bench-report.js';
import { RotatingSession, USES_PER_SESSION } from './support/task-bench-sessions.js';
import { firstUpdateTool } from './support/task-first-update-tool.js';
import { TaskRunnerProcess } from './support/task-runner-process.js';
import { FloorConversation, GatewayConversation, type Conversation, type TurnSample } from './support/turn-conversations.js';
import { BenchLlm } from './support/turn-fake-llm.js';

const LOADS = [1, 10, 50];
type SetUp = GatewayMode | 'floor';
const SET_UPS: readonly SetUp[] = ['floor', 'embedded', 'distributed'];
const LLM_LATENCY_MS = Number(process.env['LLM_LATENCY_MS'] ?? 20);
/** Seconds of rounds, shared by the nine cells (set-up × load): the default run takes about 60 s. */
const BENCH_SECONDS = Number(process.env['BENCH_SECONDS'] ?? 54);
const MIN_SAMPLES = 200;
const WARMUP_ROUNDS = 2;
const RUNNER_CONCURRENCY = 10;

const assistant = agent({ name: 'assistant', instructions: 'You answer the user.', tools: [firstUpdateTool] });
const registry = createAgentRegistry([assistant]);

interface Cell {
  readonly setUp: SetUp;
  readonly load: number;
  readonly outcome: CellOutcome<TurnSample>;
  readonly loadAverage: string;
}

async function main(): Promise<void> {
  const loadBefore = loadAverage();
  const budget = cellBudget(BENCH_SECONDS, SET_UPS.length * LOADS.length, MIN_SAMPLES, WARMUP_ROUNDS);
  const redis = await openBenchRedis('turn');
  const cells: Cell[] = [];
  let runner: TaskRunnerProcess | undefined;
  try {
    runner = await TaskRunnerProcess.start({ redisUrl: redis.url, prefix: redis.prefix, concurrency: RUNNER_CONCURRENCY });
    for (const load of LOADS) {
      for (const setUp of SET_UPS) {
        const outcome = await measureCell(setUp, load, budget, redis);
        cells.push({ setUp, load, outcome, loadAverage: loadAverage() });
      }
    }
  } finally {
    await runner?.stop();
    await redis.close();
  }
  report(cells, machineNote(redis.description, loadBefore));
}

/** One set-up × load; for Aside on a fresh gateway, so no cell inherits another's sessions (or in-memory log). */
async function measureCell(setUp: SetUp, load: number, budget: CellBudget, redis: BenchRedis): Promise<CellOutcome<TurnSample>> {
  const llm = new BenchLlm({ latencyMs: LLM_LATENCY_MS });
  const bench = setUp === 'floor' ? undefined : await startBenchGateway({ mode: setUp, registry, llm, redisUrl: redis.url, prefix: redis.prefix });
  const commits = bench ? new CommitWatch(bench.gateway.engine) : undefined;
  const tools = (registry.agent(assistant.name)?.tools ?? []).map(({ name, description, parameters }) => ({ name, description, parameters: parameters as Record<string, unknown> }));
  const open = (): Promise<Conversation> =>
    bench && commits ? GatewayConversation.open(bench.gateway, commits, assistant.name) : Promise.resolve(new FloorConversation(llm, assistant.instructions, tools));
  const conversations = new RotatingSession(
    () => Promise.all(Array.from({ length: load }, open)),
    async (opened: Conversation[]) => void (await Promise.all(opened.map((conversation) => conversation.close()))),
  );
  try {
    return await measureRounds(budget, async (round) => {
      const opened = await conversations.next();
      return Promise.all(opened.map((conversation, i) => conversation.turn(`question ${round}.${i}`)));
    });
  } finally {
    await conversations.close().catch(() => undefined); // a broken round may leave sessions that cannot close cleanly
    commits?.close();
    await bench?.close();
  }
}

function report(cells: readonly Cell[], machine: string): void {
  const rows: string[][] = [];
  const checks = new RunChecks();
  for (const { setUp, load, outcome, loadAverage: loadAfter } of cells) {
    const toSpeech = percentiles(outcome.samples.map((sample) => sample.toSpeechMs));
    const toCommit = percentiles(outcome.samples.flatMap((sample) => (sample.toCommitMs === undefined ? [] : [sample.toCommitMs])));
    const floor = percentiles(cells.find((cell) => cell.setUp === 'floor' && cell.load === load)!.outcome.samples.map((sample) => sample.toSpeechMs));
    rows.push([
      String(load),
      setUp,
      String(outcome.samples.length),
      formatPercentiles(toSpeech),
      setUp === 'floor' ? '—' : formatPercentiles(toCommit),
      setUp === 'floor' ? '—' : overhead(toSpeech, floor),
      loadAfter,
    ]);
    checks.check(`${setUp}, ${load} at once`, outcome, MIN_SAMPLES);
  }
  printTable(['turns at once', 'set-up', 'turns timed', 'turn → speech handed over p50 / p99 ms', 'turn → speech committed p50 / p99 ms', 'over the floor p50 / p99 ms', '1-min load'], rows);
  console.log(
    `\nFake model (ScriptedLlm) answering after ${LLM_LATENCY_MS} ms (LLM_LATENCY_MS). Aside: a real Gateway in this process, client playout, ` +
      `speech "handed over" when the transport's log stream (Gateway.streamEvents) yields SpeechStarted; distributed with one forked ToolRunnerWorker. ` +
      `Floor: the same request straight to the same model, speech handed over when its reply is collected. ` +
      `${WARMUP_ROUNDS} warm-up rounds per cell discarded; conversations replaced every ${USES_PER_SESSION} rounds. BENCH_SECONDS=${BENCH_SECONDS}, ${machine}.`,
  );
  checks.conclude('Every turn was answered by the speech that belongs to it, handed over once.');
}

/** How much later than the floor, at p50 and at p99, in ms. */
function overhead(measured: Percentiles, floor: Percentiles): string {
  const gap = (a: number, b: number): string => (Number.isNaN(a - b) ? 'n/a' : (a - b).toFixed(2));
  return `${gap(measured.p50, floor.p50)} / ${gap(measured.p99, floor.p99)}`;
}

await main();
