import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { Reply, Request } from './scale-protocol.js';

const READY_DEADLINE_MS = 20_000;
const STOP_DEADLINE_MS = 10_000;

/**
 * A forked child of the scale bench (the bench gateway or a tool runner, next to this file in
 * dist), driven by numbered requests over IPC. Every request has a deadline, and an exited
 * child fails whatever was waiting on it: a wedged child ends the bench, it never hangs it.
 */
export class ScaleChildProcess<Body extends { readonly type: string }> {
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private exitError: Error | undefined;

  private constructor(
    private readonly name: string,
    private readonly child: ChildProcess,
  ) {
    child.on('message', (reply: Reply) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if ('error' in reply) waiter?.reject(new Error(`${name}: ${reply.error}`));
      else waiter?.resolve(reply.value);
    });
    child.once('exit', (code, signal) => {
      this.exitError = new Error(`${name} exited (code ${code}, signal ${signal})`);
      for (const waiter of this.waiting.values()) waiter.reject(this.exitError);
      this.waiting.clear();
    });
  }

  /** Forks `script` with its settings as argv and resolves once it says it is ready (its first reply, id 0). */
  static async start<Body extends { readonly type: string }>(
    name: string,
    script: URL,
    settings: object,
    execArgv: readonly string[] = [],
  ): Promise<ScaleChildProcess<Body>> {
    const child = fork(script, [JSON.stringify(settings)], { execArgv: [...execArgv] });
    const started = new ScaleChildProcess<Body>(name, child);
    try {
      await started.waitFor(0, READY_DEADLINE_MS, 'ready');
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
    started.nextId = 1;
    return started;
  }

  get pid(): number {
    return this.child.pid!;
  }

  request<Value>(body: Body, deadlineMs: number): Promise<Value> {
    if (this.exitError) return Promise.reject(this.exitError);
    const id = this.nextId;
    this.nextId += 1;
    const answer = this.waitFor(id, deadlineMs, body.type);
    this.child.send({ id, body } satisfies Request<Body>);
    return answer as Promise<Value>;
  }

  /** Asks the child to stop (its `stop` request) and kills it if it has not exited by the deadline. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    await this.request({ type: 'stop' } as Body, STOP_DEADLINE_MS).catch((error: unknown) => console.error(`[bench] ${(error as Error).message}`));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const overdue = new Promise<'overdue'>((resolve) => (timer = setTimeout(() => resolve('overdue'), STOP_DEADLINE_MS)));
    const outcome = await Promise.race([exited, overdue]);
    clearTimeout(timer);
    if (outcome === 'overdue') {
      console.error(`[bench] ${this.name} did not exit within ${STOP_DEADLINE_MS} ms; killing it`);
      this.child.kill('SIGKILL');
      await exited;
    }
  }

  private waitFor(id: number, deadlineMs: number, what: string): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`${this.name}: no answer to "${what}" within ${deadlineMs} ms`));
      }, deadlineMs);
      const settle = <T>(done: (value: T) => void) => (value: T) => {
        clearTimeout(timer);
        done(value);
      };
      this.waiting.set(id, { resolve: settle(resolve), reject: settle(reject) });
    });
  }
}
