import { fork, type ChildProcess } from 'node:child_process';
import { stopChild } from './stop-child.js';
import type { CancelRunnerArguments, FromRunner, ToRunner } from './cancel-runner-protocol.js';

const READY_DEADLINE_MS = 15_000;

/** The forked tool runner (support/cancel-runner.js, next to this file in dist). */
export class CancelRunnerProcess {
  private constructor(private readonly child: ChildProcess) {}

  /** Forks the runner and resolves once its worker and floor subscriber are listening. */
  static async start(settings: CancelRunnerArguments, onMessage: (message: FromRunner) => void): Promise<CancelRunnerProcess> {
    const child = fork(new URL('./cancel-runner.js', import.meta.url), [JSON.stringify(settings)]);
    const runner = new CancelRunnerProcess(child);
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`The cancel runner was not ready within ${READY_DEADLINE_MS} ms`)), READY_DEADLINE_MS);
      child.once('exit', (code) => reject(new Error(`The cancel runner exited (code ${code}) before it was ready`)));
      child.on('message', (message: FromRunner) => {
        if (message.type === 'ready') {
          clearTimeout(timer);
          resolve();
        }
        onMessage(message);
      });
    });
    try {
      await ready;
    } catch (error) {
      child.kill();
      throw error;
    }
    return runner;
  }

  /** Asks the runner to close its worker (no grace: every body was cancelled) and exit; kills it if it does not. */
  async stop(): Promise<void> {
    await stopChild(this.child, { type: 'stop' } satisfies ToRunner, 'the cancel runner');
  }

}
