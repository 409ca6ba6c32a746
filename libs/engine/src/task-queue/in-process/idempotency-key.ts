/**
 * `ctx.idempotencyKey`: derived from the task id, so every attempt of a task (on any runner,
 * after any crash) hands the tool's own side effects the same key — never random at retry time.
 */
export function idempotencyKeyOf(taskId: string): string {
  return `aside-task-${taskId}`;
}
