import { fileURLToPath } from 'node:url';
import { killAll } from '@aside/testing';
import { RunnerProcess } from './runner-process.js';

const fixtureTools = fileURLToPath(new URL('../fixtures/process-tools.ts', import.meta.url));

/** Short timings, so a lost lock, a stall check and a shutdown take about a second, not minutes. */
const SHORT_TIMINGS = {
  ASIDE_LOCK_DURATION_MS: '1000',
  ASIDE_STALLED_INTERVAL_MS: '500',
  ASIDE_MAX_STALLED_COUNT: '1',
  ASIDE_GRACE_MS: '300',
  ASIDE_RUNNER_CONCURRENCY: '10',
} as const;

/**
 * The runner processes of one test: all on the test's Redis and prefix, serving the fixture
 * tools. `stopAll` (afterEach) leaves none behind whatever state they are in: a stopped one is
 * continued first, then every one still alive is killed and awaited.
 */
export class RunnerFleet {
  private readonly runners: RunnerProcess[] = [];

  constructor(private readonly env: Readonly<Record<string, string>>) {}

  /** Starts runners side by side; resolves when every one is ready. Tracked from the spawn on, so none escapes `stopAll`. */
  async start(count: number, overrides: Readonly<Record<string, string>> = {}): Promise<RunnerProcess[]> {
    const started = Array.from({ length: count }, () => this.spawn(overrides));
    await Promise.all(started.map((runner) => runner.ready()));
    return started;
  }

  /** Spawns one runner without waiting for it (a test of how it starts, or fails to). */
  spawn(overrides: Readonly<Record<string, string>> = {}): RunnerProcess {
    const runner = RunnerProcess.spawn(`runner-${this.runners.length + 1}`, fixtureTools, { ...this.baseEnv(), ...overrides });
    this.runners.push(runner);
    return runner;
  }

  /** The runner with this pid (bodies report `process.pid`). */
  byPid(pid: number): RunnerProcess {
    const runner = this.runners.find((candidate) => candidate.pid === pid);
    if (!runner) throw new Error(`No runner of this test has pid ${pid} (runners: ${this.runners.map((r) => r.pid).join(', ')})`);
    return runner;
  }

  others(runner: RunnerProcess): RunnerProcess[] {
    return this.runners.filter((candidate) => candidate !== runner);
  }

  private baseEnv(): Record<string, string> {
    return { LOG_LEVEL: 'info', PORT: '0', HOST: '127.0.0.1', ...SHORT_TIMINGS, ...this.env };
  }

  describe(): string {
    return this.runners.map((runner) => runner.describe()).join('\n');
  }

  async stopAll(): Promise<void> {
    await killAll(this.runners.splice(0).map((runner) => runner.process));
  }
}
