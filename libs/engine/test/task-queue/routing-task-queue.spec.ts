import { describe, expect, it } from '@jest/globals';
import { InProcessTaskQueue } from '../../src/task-queue/in-process/in-process-task-queue.js';
import { InMemoryTaskPlacements, RoutingTaskQueue, type TaskPlace } from '../../src/task-queue/routing-task-queue.js';
import type { TaskJob, TaskQueue } from '../../src/task-queue/task-queue.js';
import { ReportLog } from './contract/report-log.js';
import { jobFor, testTool } from './contract/test-tools.js';

/** Stands in for the runners' queue: records what reaches it (the port, not Redis). */
class RecordingQueue implements TaskQueue {
  readonly enqueued: string[] = [];
  readonly cancelled: string[] = [];
  readonly attached: number[] = [];
  async start(): Promise<void> {}
  async enqueue(job: TaskJob): Promise<void> {
    this.enqueued.push(job.taskId);
  }
  async cancel(taskId: string): Promise<void> {
    this.cancelled.push(taskId);
  }
  async attachPartition(partition: number): Promise<void> {
    this.attached.push(partition);
  }
  async close(): Promise<void> {}
}

const echo = testTool('echo', () => 'ran in the gateway');

async function routing(propose: (job: TaskJob) => TaskPlace) {
  const log = new ReportLog();
  const runners = new RecordingQueue();
  const queue = new RoutingTaskQueue({
    gateway: new InProcessTaskQueue({ resolveTool: () => echo }),
    runners,
    propose: async (job) => propose(job),
    placements: new InMemoryTaskPlacements(),
  });
  await queue.start(log.handler);
  return { queue, runners, log };
}

describe('RoutingTaskQueue: a tool runs where it is registered', () => {
  it('sends a task the runners serve to the runners, and runs any other in the gateway', async () => {
    const { queue, runners, log } = await routing((job) => (job.toolName === 'served' ? 'runners' : 'gateway'));
    const remote = jobFor(echo, { taskId: 'sess-0-taskqueuetest-r1', toolName: 'served' });
    const local = jobFor(echo, { taskId: 'sess-0-taskqueuetest-l1' });

    await queue.enqueue(remote);
    await queue.enqueue(local);
    await log.terminal(local.taskId);

    expect(runners.enqueued).toEqual([remote.taskId]);
    expect(log.lines(local.taskId)).toEqual(['1/0 started', '1/1 succeeded ran in the gateway']);
    expect(log.lines(remote.taskId)).toEqual([]);
    await queue.close(0);
  });

  it('keeps a task where it was first placed, even if a later proposal differs (a re-enqueue after a takeover)', async () => {
    let place: TaskPlace = 'runners';
    const { queue, runners } = await routing(() => place);
    const job = jobFor(echo, { taskId: 'sess-0-taskqueuetest-r2' });

    await queue.enqueue(job);
    place = 'gateway'; // say the runner serving it left the catalogue
    await queue.enqueue(job);

    expect(runners.enqueued).toEqual([job.taskId, job.taskId]); // idempotent there, never run twice in two places
    await queue.close(0);
  });

  it('cancels in both places and lets the runners\' side attach partitions', async () => {
    const { queue, runners } = await routing(() => 'gateway');

    await queue.cancel('sess-0-taskqueuetest-x');
    await queue.attachPartition(3);

    expect(runners.cancelled).toEqual(['sess-0-taskqueuetest-x']);
    expect(runners.attached).toEqual([3]);
    await queue.close(0);
  });
});

describe('InProcessTaskQueue after a takeover', () => {
  it('numbers a re-run task\'s attempts after those a former gateway started, with its retries intact', async () => {
    let calls = 0;
    const flaky = testTool('flaky', () => {
      calls += 1;
      if (calls === 1) throw new Error('once');
      return 'ok';
    }, { retries: 1 });
    const log = new ReportLog();
    const queue = new InProcessTaskQueue({ resolveTool: () => flaky, retryBackoff: { initialMs: 1, maxMs: 1 } });
    await queue.start(log.handler);
    const job = jobFor(flaky, { attemptsBefore: 2 });

    await queue.enqueue(job);
    await log.terminal(job.taskId);

    expect(log.lines(job.taskId)).toEqual(['3/0 started', '4/0 started', '4/1 succeeded ok']);
    await queue.close(0);
  });
});
