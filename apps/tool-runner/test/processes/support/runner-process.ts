import { readiness, spawnTypeScript, waitUntilServing, type ProcessExit, type SpawnedProcess } from '@aside/testing';

const CLI = 'apps/tool-runner/src/cli.ts';

export type RunnerExit = ProcessExit;

/**
 * One real `aside-runner` process, started from the TypeScript sources exactly as a user starts
 * it (the CLI, `--tools <module>`, settings from the environment), with its output kept for
 * failure messages. Set ASIDE_TEST_PROCESS_OUTPUT=1 to see it live.
 */
export class RunnerProcess {
  private url: string | undefined;

  private constructor(readonly process: SpawnedProcess) {}

  /** Spawns the runner; `ready()` then waits until it can take jobs. */
  static spawn(name: string, toolsModule: string, env: Readonly<Record<string, string>>): RunnerProcess {
    return new RunnerProcess(spawnTypeScript({ name, entry: CLI, args: ['--tools', toolsModule], env }));
  }

  get name(): string {
    return this.process.name;
  }

  get pid(): number {
    return this.process.pid;
  }

  get exited(): Promise<RunnerExit> {
    return this.process.exited;
  }

  get hasExited(): boolean {
    return this.process.hasExited;
  }

  /** How it exited; undefined while it runs. */
  get exitStatus(): RunnerExit | undefined {
    return this.process.exitStatus;
  }

  /** Sends a signal (SIGKILL, SIGSTOP, SIGCONT, SIGTERM); a no-op once the process is gone. */
  signal(signal: NodeJS.Signals): void {
    this.process.signal(signal);
  }

  /** The runner's `/readyz` status, or 0 when nothing answers (not listening, or gone). */
  readiness(): Promise<number> {
    return this.url === undefined ? Promise.resolve(0) : readiness(this.url);
  }

  /** Everything it printed so far (the last 20 kB), stdout and stderr interleaved. */
  get printed(): string {
    return this.process.printed;
  }

  describe(): string {
    return this.process.describe();
  }

  /** Resolves once the runner listens and its `/readyz` says the worker runs; fails if it exits first. */
  async ready(): Promise<void> {
    this.url = await waitUntilServing(this.process, 'tool-runner');
  }
}
