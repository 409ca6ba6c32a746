import { setTimeout as sleep } from 'node:timers/promises';
import type { ToolContext } from '@aside/domain';
import { elapsedMs, nowNs, updateText, type WriteWindow } from './scale-protocol.js';
import type { SlowJobBody } from './scale-agent.js';

/**
 * The runner's side of the slow tool: every body updates at a steady pace until the bench
 * releases them all, and the runner keeps count of what each one wrote.
 *
 * The first update comes at once (it makes the call async and releases the turn); the next
 * after a random phase within the interval, then one per interval, so the runner's reports
 * arrive spread evenly over time, not in bursts of every task at once.
 */
export class SlowJobs {
  private readonly release = new AbortController();
  private readonly written = new Map<string, number>();
  private readonly running = new Set<Promise<string>>();
  private window: number[] | undefined;

  constructor(private readonly updateIntervalMs: number) {}

  readonly body: SlowJobBody = (args, ctx) => {
    const run = this.run(args.job, ctx);
    this.running.add(run);
    return run.finally(() => this.running.delete(run));
  };

  /** Collects, for `windowMs`, each update's time from its stamp to `ctx.update()` resolved, and the process's CPU time. */
  async sample(windowMs: number): Promise<WriteWindow> {
    const window: number[] = [];
    this.window = window;
    const cpuBefore = process.cpuUsage();
    await sleep(windowMs);
    this.window = undefined;
    const cpu = process.cpuUsage(cpuBefore);
    return { writeMs: window, cpuMs: (cpu.user + cpu.system) / 1_000 };
  }

  /** Every body stops updating and returns. */
  releaseAll(): void {
    this.release.abort();
  }

  /** Once every body running now has returned: the updates each task's body wrote. */
  async writtenOnceDone(): Promise<Record<string, number>> {
    await Promise.allSettled([...this.running]);
    return Object.fromEntries(this.written);
  }

  private async run(job: number, ctx: ToolContext): Promise<string> {
    const { signal } = this.release;
    let ticks = 0;
    const update = async (): Promise<void> => {
      ticks += 1;
      const stamp = nowNs();
      await ctx.update(updateText(job, ticks, stamp));
      this.window?.push(elapsedMs(stamp, nowNs()));
      this.written.set(ctx.taskId, ticks);
    };
    await update();
    await this.pause(Math.random() * this.updateIntervalMs, signal);
    while (!signal.aborted && !ctx.signal.aborted) {
      await update();
      await this.pause(this.updateIntervalMs, signal);
    }
    return `job ${job} done after ${ticks} updates`;
  }

  /** Sleeps, or less if the bench releases the bodies meanwhile. */
  private pause(ms: number, release: AbortSignal): Promise<void> {
    return sleep(ms, undefined, { signal: release }).catch(() => undefined);
  }
}
