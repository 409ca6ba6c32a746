import type { ReportHandler, TaskJob, TaskQueue, TaskQueueReadiness } from './task-queue.js';

export type TaskPlace = 'gateway' | 'runners';

/**
 * Where each task runs, decided once: the first decision for a task id is kept (durably, in
 * distributed mode), so a task re-enqueued after a takeover runs where it ran before, even if
 * the runners' catalogue changed meanwhile.
 */
export interface TaskPlacements {
  /** Records `proposed` unless the task already has a place; answers the place that holds. */
  settle(job: TaskJob, proposed: TaskPlace): Promise<TaskPlace>;
}

export interface RoutingTaskQueueOptions {
  /** Runs bodies in this process (the gateway's own tools: handoffs, agent tasks, quick lookups). */
  readonly gateway: TaskQueue;
  /** Sends jobs to the tool runners. */
  readonly runners: TaskQueue;
  /** Where a new task should run, e.g. "on the runners when one serves the tool". */
  readonly propose: (job: TaskJob) => Promise<TaskPlace>;
  readonly placements: TaskPlacements;
}

/**
 * DESIGN.md §3: "a tool runs where it is registered". Tools the runners serve run on the
 * runners; the others — registered with the gateway's agents only — run in the gateway. Both
 * queues report through the same fold path.
 */
export class RoutingTaskQueue implements TaskQueue {
  constructor(private readonly options: RoutingTaskQueueOptions) {}

  async start(handler: ReportHandler): Promise<void> {
    await this.options.gateway.start(handler);
    await this.options.runners.start(handler);
  }

  async enqueue(job: TaskJob): Promise<void> {
    const place = await this.options.placements.settle(job, await this.options.propose(job));
    await (place === 'gateway' ? this.options.gateway : this.options.runners).enqueue(job);
  }

  /** Both: a task unknown to a queue is ignored there. */
  async cancel(taskId: string): Promise<void> {
    await Promise.all([this.options.gateway.cancel(taskId), this.options.runners.cancel(taskId)]);
  }

  async attachPartition(partition: number): Promise<void> {
    await this.options.runners.attachPartition?.(partition);
  }

  async detachPartition(partition: number): Promise<void> {
    await this.options.runners.detachPartition?.(partition);
  }

  /** The runners' queue is the one with connections; bodies in this process need none. */
  async readiness(): Promise<TaskQueueReadiness> {
    return (await this.options.runners.readiness?.()) ?? { ready: true, detail: 'ok' };
  }

  async close(graceMs?: number): Promise<void> {
    await Promise.all([this.options.gateway.close(graceMs), this.options.runners.close(graceMs)]);
  }
}

/** Placements that live as long as the process: embedded mode and tests. */
export class InMemoryTaskPlacements implements TaskPlacements {
  private readonly places = new Map<string, TaskPlace>();

  async settle(job: TaskJob, proposed: TaskPlace): Promise<TaskPlace> {
    const held = this.places.get(job.taskId) ?? proposed;
    this.places.set(job.taskId, held);
    return held;
  }
}
