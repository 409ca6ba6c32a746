import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { ScaleChildProcess } from './scale-child-process.js';
import { inboxBacklog, untilBacklogAtMost } from './scale-inbox-backlog.js';
import type { Endings, FoldWindow, GatewayRequest, MemoryReading, RunnerRequest, ScaleGatewaySettings, ScaleRunnerSettings, WriteWindow } from './scale-protocol.js';

export interface SizeSettings {
  readonly redisUrl: string;
  readonly prefix: string;
  readonly sessions: number;
  readonly tasksPerSession: number;
  readonly runners: number;
  readonly partitions: number;
  readonly updateIntervalMs: number;
  /** After every task's first update, before sampling: long enough for every body to be past its random phase. */
  readonly warmupMs: number;
  /** Then how long the gateway may take to fold the ramp's backlog before the window opens anyway. */
  readonly catchUpCapMs: number;
  readonly windowMs: number;
  /** The time caps of the two phases that depend on the size. */
  readonly openDeadlineMs: number;
  readonly endingsDeadlineMs: number;
}

export interface SizeResult {
  readonly openedMs: number;
  /** After the warm-up: whether (and how much later) the ramp's backlog was folded when the window opened. */
  readonly catchUp: { readonly drained: boolean; readonly waitedMs: number };
  /** Reports in the inboxes not folded yet, as the window opened and as it closed. */
  readonly backlogAtStart: number;
  readonly backlogAtEnd: number;
  /** The gateway booted, owning its partitions, no session yet. */
  readonly idle: MemoryReading;
  /** Every session live, right after the sampling window. */
  readonly live: MemoryReading;
  readonly fold: FoldWindow;
  /** The runners' share: stamp → update in the inbox, over the same window. */
  readonly writeMs: readonly number[];
  /** CPU time over the window of every runner process together, and of the Redis server (INFO cpu). */
  readonly runnersCpuMs: number;
  readonly redisCpuMs: number;
  /** Connections Redis counted while every session was live (gateway, runners, bench). */
  readonly redisClients: number;
  readonly endings: Endings;
  /** Per task, the updates its body wrote (from both runners). */
  readonly written: Readonly<Record<string, number>>;
}

type Gateway = ScaleChildProcess<GatewayRequest>;
type Runner = ScaleChildProcess<RunnerRequest>;

const MEMORY_DEADLINE_MS = 10_000;
const RELEASE_DEADLINE_MS = 10_000;
/** How much longer the endings may take when the gateway lags behind its inboxes (it must fold its backlog first). */
const MAX_DRAIN_MS = 60_000;
/** What the endings get when the backlog would take longer than MAX_DRAIN_MS to fold. */
const HOPELESS_WAIT_MS = 5_000;

/**
 * One size of the scale bench, in fresh processes (so each size's RSS starts from a booted
 * gateway): the bench gateway, then the runners; the sessions are opened and warm up, the
 * gateway folds the ramp's backlog, the live sessions are sampled for the window, then the
 * bodies are released and the run's endings and counts are collected. Every child is stopped
 * whatever happens.
 */
export async function runSize(settings: SizeSettings, redis: Redis): Promise<SizeResult> {
  const children: ScaleChildProcess<{ readonly type: string }>[] = [];
  try {
    const gateway = await startGateway(settings);
    children.push(gateway);
    const idle = await gateway.request<MemoryReading>({ type: 'memory' }, MEMORY_DEADLINE_MS);
    const runners = await startRunners(settings);
    children.push(...runners);

    const { openedMs } = await gateway.request<{ openedMs: number }>({ type: 'open', sessions: settings.sessions }, settings.openDeadlineMs);
    await sleep(settings.warmupMs);
    // Steady state is measured, not the ramp's backlog: at most 100 ms of reports may wait. A
    // gateway that never gets there is sampled all the same, lagging, once the cap has passed.
    const { prefix, partitions } = settings;
    const catchUp = await untilBacklogAtMost(redis, prefix, partitions, Math.ceil(reportsPerSecond(settings) / 10), settings.catchUpCapMs);
    const backlogAtStart = await inboxBacklog(redis, prefix, partitions);
    const live = await sampleLive(settings, gateway, runners, redis);
    const backlogAtEnd = await inboxBacklog(redis, prefix, partitions);
    const ended = await releaseAndCollect(settings, gateway, runners, backlogAtEnd, live.fold);
    return { openedMs, catchUp, backlogAtStart, backlogAtEnd, idle, ...live, ...ended };
  } finally {
    // Runners first: their bodies have returned (or the run failed and nothing is waited for).
    for (const child of children.reverse()) await child.stop();
  }
}

function startGateway(settings: SizeSettings): Promise<Gateway> {
  const { redisUrl, prefix, partitions, tasksPerSession } = settings;
  const gatewaySettings: ScaleGatewaySettings = { redisUrl, prefix, partitions, tasksPerSession };
  return ScaleChildProcess.start('bench gateway', new URL('./scale-gateway.js', import.meta.url), gatewaySettings, ['--expose-gc']);
}

function startRunners(settings: SizeSettings): Promise<Runner[]> {
  // Each runner has room for every task: however BullMQ spreads the jobs, none waits for a slot.
  const { redisUrl, prefix, sessions, tasksPerSession, updateIntervalMs } = settings;
  const runnerSettings: ScaleRunnerSettings = { redisUrl, prefix, concurrency: sessions * tasksPerSession, updateIntervalMs };
  const script = new URL('./scale-runner.js', import.meta.url);
  return Promise.all(Array.from({ length: settings.runners }, (_, i) => ScaleChildProcess.start<RunnerRequest>(`bench runner ${i + 1}`, script, runnerSettings)));
}

/** The window, sampled in the gateway and the runners at once, then Redis's connections and the gateway's memory, still live. */
async function sampleLive(settings: SizeSettings, gateway: Gateway, runners: readonly Runner[], redis: Redis) {
  const deadlineMs = settings.windowMs + 10_000;
  const sample = { type: 'sample', windowMs: settings.windowMs } as const;
  const redisCpuBefore = await redisCpuMs(redis);
  const [fold, writes] = await Promise.all([
    gateway.request<FoldWindow>(sample, deadlineMs),
    Promise.all(runners.map((runner) => runner.request<WriteWindow>(sample, deadlineMs))),
  ]);
  const redisCpu = (await redisCpuMs(redis)) - redisCpuBefore;
  const redisClients = Number(/connected_clients:(\d+)/.exec(await redis.info('clients'))?.[1] ?? Number.NaN);
  const live = await gateway.request<MemoryReading>({ type: 'memory' }, MEMORY_DEADLINE_MS);
  return {
    fold,
    writeMs: writes.flatMap((write) => write.writeMs),
    runnersCpuMs: writes.reduce((sum, write) => sum + write.cpuMs, 0),
    redisCpuMs: redisCpu,
    redisClients,
    live,
  };
}

/** Every body returns; then what each wrote, and what the gateway folded once every task ended. */
async function releaseAndCollect(settings: SizeSettings, gateway: Gateway, runners: readonly Runner[], backlog: number, fold: FoldWindow) {
  await Promise.all(runners.map((runner) => runner.request({ type: 'release' }, RELEASE_DEADLINE_MS)));
  const writtenPerRunner = await Promise.all(runners.map((runner) => runner.request<Record<string, number>>({ type: 'written' }, RELEASE_DEADLINE_MS)));
  // A lagging gateway folds the endings after its backlog: it gets the time that takes at the
  // rate it folded in the window (and half again), so a slow fold shows as latency, not as a
  // broken run. Past MAX_DRAIN_MS it is not waited for: the run is reported unfinished.
  const foldsPerMs = fold.foldMs.length / fold.elapsedMs;
  const drainMs = foldsPerMs > 0 ? (1.5 * backlog) / foldsPerMs : Number.POSITIVE_INFINITY;
  const deadlineMs = drainMs <= MAX_DRAIN_MS ? settings.endingsDeadlineMs + drainMs : HOPELESS_WAIT_MS;
  const endings = await gateway.request<Endings>({ type: 'endings', tasks: settings.sessions * settings.tasksPerSession, deadlineMs }, deadlineMs + 5_000);
  return { endings, written: Object.assign({}, ...writtenPerRunner) as Record<string, number> };
}

/** The reports per second the runners' bodies write once every task is past its first update. */
export function reportsPerSecond(settings: Pick<SizeSettings, 'sessions' | 'tasksPerSession' | 'updateIntervalMs'>): number {
  return (settings.sessions * settings.tasksPerSession * 1_000) / settings.updateIntervalMs;
}

/** The Redis server's CPU time so far (user + system), from INFO cpu. */
async function redisCpuMs(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const seconds = (field: string) => Number(new RegExp(`${field}:([\\d.]+)`).exec(info)?.[1] ?? Number.NaN);
  return (seconds('used_cpu_user') + seconds('used_cpu_sys')) * 1_000;
}
