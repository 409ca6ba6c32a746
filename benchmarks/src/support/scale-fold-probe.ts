import type { Committed, TaskReportMessage } from '@aside/engine';
import { elapsedMs, nowNs, stampOf, type Endings, type FoldWindow, type TaskFolds } from './scale-protocol.js';

interface TaskRecord {
  updates: number;
  ending: string | null;
}

/**
 * Watches every commit of the gateway's engine (`onCommitted`, called as the append returns,
 * in commit order): per task, how many updates were folded and how it ended; while a window is
 * open, each folded update's latency from the stamp its runner wrote into the text, split at
 * the moment the task queue handed it to the fold.
 */
export class FoldProbe {
  private readonly tasks = new Map<string, TaskRecord>();
  private discarded = 0;
  private tasksWithUpdate = 0;
  private tasksEnded = 0;
  private window: { foldMs: number[]; handoverMs: number[]; commitMs: number[]; unstamped: number } | undefined;
  /** While a window is open: when each update (`taskId/attempt/seq`) was handed to the fold. */
  private readonly handedOverAt = new Map<string, bigint>();
  private readonly waiters = new Set<() => void>();

  readonly onCommitted = (committed: Committed): void => {
    for (const event of committed.events) {
      switch (event.type) {
        case 'TaskRequested':
          this.tasks.set(event.data.taskId, { updates: 0, ending: null });
          break;
        case 'TaskProgressed':
          this.onUpdate(event.data.taskId, `${event.data.taskId}/${event.data.attempt}/${event.data.seq}`, event.data.message);
          break;
        case 'TaskSucceeded':
          this.onEnded(event.data.taskId, 'succeeded');
          break;
        case 'TaskFailed':
          this.onEnded(event.data.taskId, `failed/${event.data.kind}`);
          break;
        case 'ReportDiscarded':
          this.discarded += 1;
          break;
        default:
          break;
      }
    }
    if (this.waiters.size > 0) for (const wake of [...this.waiters]) wake();
  };

  /** The task queue handed a report to the gateway's fold (see HandoverStampingQueue). */
  readonly onHandover = (message: TaskReportMessage): void => {
    if (this.window !== undefined && message.report.type === 'progress') this.handedOverAt.set(`${message.taskId}/${message.attempt}/${message.seq}`, nowNs());
  };

  /** Resolves once `count` tasks have had a first update folded (their call went async). */
  tasksUpdated(count: number): Promise<void> {
    return this.until(() => this.tasksWithUpdate >= count);
  }

  /** Resolves once `count` tasks have ended. */
  tasksEndedCount(count: number): Promise<void> {
    return this.until(() => this.tasksEnded >= count);
  }

  /** Records fold latencies for `windowMs`, with the gateway's CPU time over the same span. */
  async sample(windowMs: number): Promise<FoldWindow> {
    const window = { foldMs: [] as number[], handoverMs: [] as number[], commitMs: [] as number[], unstamped: 0 };
    this.window = window;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    this.window = undefined;
    this.handedOverAt.clear();
    const cpu = process.cpuUsage(cpuBefore);
    return { ...window, elapsedMs: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1_000 };
  }

  endings(): Endings {
    const tasks: Record<string, TaskFolds> = {};
    for (const [taskId, record] of this.tasks) tasks[taskId] = { ...record };
    return { tasks, discarded: this.discarded };
  }

  private onUpdate(taskId: string, reportKey: string, message: string): void {
    const record = this.tasks.get(taskId);
    if (record === undefined) return;
    record.updates += 1;
    if (record.updates === 1) this.tasksWithUpdate += 1;
    if (this.window === undefined) return;
    const committedAt = nowNs();
    const stamp = stampOf(message);
    if (stamp === undefined) {
      this.window.unstamped += 1;
      return;
    }
    this.window.foldMs.push(elapsedMs(stamp, committedAt));
    // Handed over before the window opened: counted whole, not split.
    const handedOver = this.handedOverAt.get(reportKey);
    if (handedOver === undefined) return;
    this.handedOverAt.delete(reportKey);
    this.window.handoverMs.push(elapsedMs(stamp, handedOver));
    this.window.commitMs.push(elapsedMs(handedOver, committedAt));
  }

  private onEnded(taskId: string, ending: string): void {
    const record = this.tasks.get(taskId);
    if (record === undefined || record.ending !== null) return;
    record.ending = ending;
    this.tasksEnded += 1;
  }

  private until(done: () => boolean): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        if (!done()) return;
        this.waiters.delete(wake);
        resolve();
      };
      this.waiters.add(wake);
    });
  }
}
