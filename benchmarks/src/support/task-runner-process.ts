import { fork, type ChildProcess } from 'node:child_process';
import { stopChild } from './stop-child.js';
import type { FromRunner, TaskRunnerArguments, ToRunner } from './task-runner-protocol.js';

const READY_DEADLINE_MS = 15_000;

/** The forked tool runner of the latency benches (support/task-runner.js, next to this file in dist). */
export class TaskRunnerProcess {
  private constructor(private readonly child: ChildProcess) {}

  /** Forks the runner and resolves once its workers take jobs and its tool is in the catalogue. */
  static async start(settings: TaskRunnerArguments): Promise<TaskRunnerProcess> {
    const child = fork(new URL('./task-runner.js', import.meta.url), [JSON.stringify(settings)]);
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`The task runner was not ready within ${READY_DEADLINE_MS} ms`)), READY_DEADLINE_MS);
      child.once('exit', (code) => reject(new Error(`The task runner exited (code ${code}) before it was ready`)));
      child.on('message', (message: FromRunner) => {
        if (message.type !== 'ready') return;
        clearTimeout(timer);
        resolve();
      });
    });
    try {
      await ready;
    } catch (error) {
      child.kill();
      throw error;
    }
    return new TaskRunnerProcess(child);
  }

  /** Asks the runner to close its workers and exit; kills this child (by its handle) if it does not. */
  async stop(): Promise<void> {
    await stopChild(this.child, { type: 'stop' } satisfies ToRunner, 'the task runner');
  }

}
