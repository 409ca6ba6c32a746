import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { eventually } from './eventually.js';

const root = fileURLToPath(new URL('../../../../../', import.meta.url));
const registerTypeScript = pathToFileURL(`${root}tools/node/register-typescript.js`).href;
const cli = `${root}apps/tool-runner/src/cli.ts`;
const BOOT_TIMEOUT_MS = 20_000;

export interface RunnerExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/**
 * One real `aside-runner` process, started from the TypeScript sources exactly as a user starts
 * it (the CLI, `--tools <module>`, settings from the environment), with its output kept for
 * failure messages. Set ASIDE_TEST_RUNNER_OUTPUT=1 to see it live.
 */
export class RunnerProcess {
  readonly exited: Promise<RunnerExit>;
  private output = '';
  private exit: RunnerExit | undefined;
  private url: string | undefined;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
    const keep = (chunk: Buffer): void => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
      if (process.env['ASIDE_TEST_RUNNER_OUTPUT']) process.stderr.write(`[${name}] ${chunk.toString()}`);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
  }

  /** Spawns the runner; `ready()` then waits until it can take jobs. */
  static spawn(name: string, toolsModule: string, env: Readonly<Record<string, string>>): RunnerProcess {
    const child = spawn(process.execPath, ['--conditions=@aside/source', '--enable-source-maps', '--import', registerTypeScript, cli, '--tools', toolsModule], {
      cwd: root,
      env: { ...process.env, ...env, ASIDE_TEST_PARENT_PID: String(process.pid) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new RunnerProcess(name, child);
  }

  get pid(): number {
    return this.child.pid!;
  }

  get hasExited(): boolean {
    return this.exit !== undefined;
  }

  /** How it exited; undefined while it runs. */
  get exitStatus(): RunnerExit | undefined {
    return this.exit;
  }

  /** Sends a signal (SIGKILL, SIGSTOP, SIGCONT, SIGTERM); a no-op once the process is gone. */
  signal(signal: NodeJS.Signals): void {
    if (!this.hasExited) this.child.kill(signal);
  }

  /** The runner's `/readyz` status, or 0 when nothing answers (not listening, or gone). */
  async readiness(): Promise<number> {
    try {
      return (await fetch(`${this.url}/readyz`, { signal: AbortSignal.timeout(2_000) })).status;
    } catch {
      return 0;
    }
  }

  /** Everything it printed so far (the last 20 kB), stdout and stderr interleaved. */
  get printed(): string {
    return this.output;
  }

  describe(): string {
    return `--- ${this.name} (pid ${this.pid}${this.exit ? `, exited ${JSON.stringify(this.exit)}` : ''}) output:\n${this.output.slice(-4_000)}`;
  }

  /** Resolves once the runner listens and its `/readyz` says the worker runs; fails if it exits first. */
  async ready(): Promise<void> {
    const detail = () => this.describe();
    this.url = await eventually(`${this.name} listening`, () => this.exitedEarly() ?? /tool-runner listening on (\S+)/.exec(this.output)?.[1], { timeoutMs: BOOT_TIMEOUT_MS, detail });
    await eventually(`${this.name} ready (GET /readyz 200)`, async () => this.exitedEarly() ?? (await this.readiness()) === 200, { timeoutMs: BOOT_TIMEOUT_MS, detail });
  }

  private exitedEarly(): undefined {
    if (this.exit) throw new Error(`${this.name} exited while starting\n${this.describe()}`);
    return undefined;
  }
}
