/**
 * One round of `npm run bench:task` on Aside: N sessions each take a user turn at once; the
 * model answers each with a call of `first_update`, whose body (on the forked runner) updates
 * once and returns. Per task, four moments on one clock (process.hrtime.bigint(), shared by
 * both processes):
 *
 * - dispatched: the commit holding `ToolCallDispatched` + `TaskRequested` (the gateway decided
 *   the call and recorded it — DESIGN.md §3 step 1), seen by the engine's commit listener;
 * - enqueued: the gateway hands the job to its task queue (the reactor read `TaskRequested`
 *   from the log);
 * - body started: taken by the runner, carried in the update's own message;
 * - folded: the commit holding the first `TaskProgressed` (the update is in the session log).
 *
 * Then the round waits for each task's result to be folded and its deferred reply spoken, so the
 * next round starts on quiet sessions, and checks that every task ended `succeeded`.
 */
import { findTask } from '@aside/domain';
import type { Gateway, TaskJob } from '@aside/engine';
import { elapsedMs, nowNs } from './cancel-runner-protocol.js';
import { within } from './settable.js';
import { eventIn, holds, type CommitWatch } from './task-bench-commits.js';
import { bodyStartOf } from './task-first-update-tool.js';

const QUIET_DEADLINE_MS = 20_000;

export interface TaskSample {
  readonly dispatchedToFoldedMs: number;
  readonly enqueuedToFoldedMs: number;
  readonly dispatchedToBodyMs: number;
  readonly enqueuedToBodyMs: number;
  readonly bodyToFoldedMs: number;
}

/** When the gateway handed each task to its task queue (fed by the queue's `onEnqueue`). */
export class EnqueueTimes {
  private readonly times = new Map<string, bigint>();

  readonly record = (job: TaskJob): void => void this.times.set(job.taskId, nowNs());

  take(taskId: string): bigint | undefined {
    const at = this.times.get(taskId);
    this.times.delete(taskId);
    return at;
  }
}

export async function taskRound(gateway: Gateway, commits: CommitWatch, enqueues: EnqueueTimes, sessions: readonly string[], roundId: string): Promise<TaskSample[]> {
  const watched = sessions.map((sessionId) => ({
    dispatched: commits.next(sessionId, holds('TaskRequested'), 'tool call dispatched'),
    folded: commits.next(sessionId, (committed) => eventIn(committed, 'TaskProgressed')?.update === 1, 'first update folded'),
  }));
  await Promise.all(sessions.map((sessionId) => gateway.submitTurn(sessionId, { text: `search ${roundId}` })));

  const samples: TaskSample[] = [];
  const taskIds: string[] = [];
  for (const [i, sessionId] of sessions.entries()) {
    const dispatched = await watched[i]!.dispatched;
    const folded = await watched[i]!.folded;
    const { taskId } = eventIn(dispatched.committed, 'TaskRequested')!;
    const progressed = eventIn(folded.committed, 'TaskProgressed')!;
    const bodyAtNs = bodyStartOf(progressed.message);
    const enqueuedAtNs = enqueues.take(taskId);
    if (progressed.taskId !== taskId || bodyAtNs === undefined || enqueuedAtNs === undefined) {
      throw new Error(`Session ${sessionId}: the first update folded does not belong to task ${taskId} (or was never enqueued)`);
    }
    taskIds.push(taskId);
    samples.push({
      dispatchedToFoldedMs: elapsedMs(dispatched.atNs, folded.atNs),
      enqueuedToFoldedMs: elapsedMs(enqueuedAtNs, folded.atNs),
      dispatchedToBodyMs: elapsedMs(dispatched.atNs, bodyAtNs),
      enqueuedToBodyMs: elapsedMs(enqueuedAtNs, bodyAtNs),
      bodyToFoldedMs: elapsedMs(bodyAtNs, folded.atNs),
    });
  }

  await within(Promise.all(sessions.map((sessionId) => gateway.whenQuiet(sessionId, { tasks: true }))), QUIET_DEADLINE_MS, `round ${roundId}: sessions quiet`);
  for (const [i, sessionId] of sessions.entries()) {
    const status = findTask(await gateway.engine.state(sessionId), taskIds[i]!)?.status;
    if (status !== 'succeeded') throw new Error(`Task ${taskIds[i]} ended ${status ?? 'unknown'}, not succeeded`);
  }
  return samples;
}
