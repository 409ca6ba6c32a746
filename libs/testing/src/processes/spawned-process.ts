import type { ChildProcess } from 'node:child_process';
import { OutputLines } from './output-lines.js';

export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface WaitForLineOptions {
  /** Default 20 s: a process starting from TypeScript sources takes a second or two. */
  readonly timeoutMs?: number;
  /** Only lines from this index on count (e.g. `process.lineCount` taken before an action). */
  readonly from?: number;
}

const DEFAULT_LINE_TIMEOUT_MS = 20_000;

/**
 * A child process as a test drives it: its output as lines (kept whole, for waiting and for
 * failure messages), signals (a no-op once it is gone), and its exit. `exited` settles only
 * after its output streams closed, so everything it printed is in `lines` by then.
 */
export class SpawnedProcess {
  readonly exited: Promise<ProcessExit>;
  private readonly output = new OutputLines();
  private exit: ProcessExit | undefined;

  constructor(
    readonly name: string,
    private readonly child: ChildProcess,
    echo: boolean,
  ) {
    this.exited = new Promise((resolve) => {
      child.once('close', (code, signal) => {
        this.output.flush();
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
    for (const stream of ['stdout', 'stderr'] as const) {
      child[stream]!.on('data', (chunk: Buffer) => {
        const text = chunk.toString();
        this.output.append(stream, text);
        if (echo) process.stderr.write(`[${name}] ${text}`);
      });
    }
  }

  get pid(): number {
    return this.child.pid!;
  }

  get hasExited(): boolean {
    return this.exit !== undefined;
  }

  /** How it exited; undefined while it runs. */
  get exitStatus(): ProcessExit | undefined {
    return this.exit;
  }

  /** Every complete line printed so far, stdout and stderr interleaved. */
  get lines(): readonly string[] {
    return this.output.lines;
  }

  get lineCount(): number {
    return this.output.lines.length;
  }

  /** The last 20 kB exactly as printed. */
  get printed(): string {
    return this.output.raw;
  }

  /** Sends a signal; a no-op once the process is gone. */
  signal(signal: NodeJS.Signals): void {
    if (!this.hasExited) this.child.kill(signal);
  }

  /** SIGSTOP: frozen as by a long GC pause or a stalled VM; its sockets stay open. */
  pause(): void {
    this.signal('SIGSTOP');
  }

  resume(): void {
    this.signal('SIGCONT');
  }

  /** kill -9, and its exit. A stopped process dies of SIGKILL too. */
  kill(): Promise<ProcessExit> {
    this.signal('SIGKILL');
    return this.exited;
  }

  /** SIGTERM (continued first, should it be stopped), and its exit. */
  terminate(): Promise<ProcessExit> {
    this.signal('SIGCONT');
    this.signal('SIGTERM');
    return this.exited;
  }

  /**
   * Resolves with the first line (from `options.from` on) that matches — one already printed,
   * or the next to come; rejects if the process exits first or nothing matches in time.
   */
  waitForLine(pattern: RegExp, options: WaitForLineOptions = {}): Promise<RegExpExecArray> {
    const from = options.from ?? 0;
    const found = this.output.find(pattern, from);
    if (found) return Promise.resolve(found.match);
    const timeoutMs = options.timeoutMs ?? DEFAULT_LINE_TIMEOUT_MS;
    return new Promise((resolve, reject) => {
      const stop = (): void => {
        unsubscribe();
        clearTimeout(timer);
      };
      const unsubscribe = this.output.onLine((line, index) => {
        const match = index >= from ? pattern.exec(line) : null;
        if (!match) return;
        stop();
        resolve(match);
      });
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`${this.name} printed no line matching ${pattern} within ${timeoutMs} ms\n${this.describe()}`));
      }, timeoutMs);
      void this.exited.then(() => {
        // Its last lines were heard before `exited` settled; nothing more will come.
        if (!this.output.find(pattern, from)) {
          stop();
          reject(new Error(`${this.name} exited before printing a line matching ${pattern}\n${this.describe()}`));
        }
      });
    });
  }

  /** For failure messages: who it is, how it ended, and the tail of its output. */
  describe(tailChars = 4_000): string {
    return `--- ${this.name} (pid ${this.pid}${this.exit ? `, exited ${JSON.stringify(this.exit)}` : ''}) output:\n${this.printed.slice(-tailChars)}`;
  }
}
