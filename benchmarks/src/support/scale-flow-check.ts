import type { SizeResult } from './scale-size-run.js';

export interface FlowCheck {
  /** The flow went wrong: reports lost, folded twice or discarded, tasks failed or missing. */
  readonly broken: readonly string[];
  /** The flow did not finish within the time cap: tasks still had reports waiting to be folded. */
  readonly unfinished: string | undefined;
}

/**
 * Whether the run's flow really happened, end to end: every task the sessions asked for was
 * created and ended `succeeded` after its release, having folded exactly the updates its body
 * wrote (none lost, none folded twice, none discarded as stale); every sampled update carried
 * its stamp. A task the gateway had not ended by the cap is "unfinished", not broken, as long as
 * it folded no more than its body wrote: a lagging gateway is still folding its backlog.
 */
export function checkFlow(result: SizeResult, expectedTasks: number): FlowCheck {
  const broken: string[] = [];
  const tasks = Object.entries(result.endings.tasks);
  if (tasks.length !== expectedTasks) broken.push(`${tasks.length} tasks created, ${expectedTasks} expected`);
  const failed = tasks.filter(([, folds]) => folds.ending !== null && folds.ending !== 'succeeded');
  if (failed.length > 0) broken.push(`${failed.length} tasks did not end succeeded (${[...new Set(failed.map(([, folds]) => folds.ending))].join(', ')})`);
  const written = (taskId: string) => result.written[taskId] ?? 0;
  const miscounted = tasks.filter(([taskId, folds]) => (folds.ending === null ? folds.updates > written(taskId) : folds.updates !== written(taskId)));
  if (miscounted.length > 0) {
    const [taskId, folds] = miscounted[0]!;
    broken.push(`${miscounted.length} tasks folded another number of updates than their body wrote (e.g. ${taskId}: ${folds.updates} folded, ${written(taskId)} written)`);
  }
  const unknown = Object.keys(result.written).filter((taskId) => result.endings.tasks[taskId] === undefined);
  if (unknown.length > 0) broken.push(`${unknown.length} bodies ran for tasks the gateway never requested`);
  if (result.endings.discarded > 0) broken.push(`${result.endings.discarded} reports discarded as stale or repeated`);
  if (result.fold.unstamped > 0) broken.push(`${result.fold.unstamped} folded updates without a stamp`);
  if (result.fold.foldMs.length === 0) broken.push('no update folded in the sampling window');

  const open = tasks.filter(([, folds]) => folds.ending === null).length;
  const unfinished = open === 0 ? undefined : `${open} of ${expectedTasks} tasks not ended at the time cap (their reports still waited in the inboxes)`;
  return { broken, unfinished };
}
