import { z } from 'zod';

/**
 * The JSON data packets published on `aside.tasks` (docs/livekit.md documents them), one per
 * lifecycle step of a background task, addressed to the user whose session runs it. `v` is the
 * format version; front ends ignore types they do not know. `position` is the session log
 * position of the event behind the message: a front end that missed packets (a reload) sends
 * `{ "type": "tasks.sync" }` and gets a `tasks.snapshot`.
 */
const taskRef = {
  v: z.literal(1),
  sessionId: z.string(),
  taskId: z.string(),
  /** The LLM's call id (as `get_running_tasks` and `cancel_task` name it). */
  callId: z.string(),
  tool: z.string(),
  /** When the event happened (ISO 8601) and where it is in the session log. */
  at: z.string(),
  position: z.number().int().nonnegative(),
};

export const taskStartedMessage = z.object({ type: z.literal('task.started'), ...taskRef, attempt: z.number().int().positive() });
export const taskProgressMessage = z.object({
  type: z.literal('task.progress'),
  ...taskRef,
  message: z.string(),
  /** 1 for the first `ctx.update()`, counting up. */
  update: z.number().int().positive(),
});
export const taskFinishedMessage = z.object({
  type: z.literal('task.finished'),
  ...taskRef,
  outcome: z.enum(['succeeded', 'failed']),
  /** For a failure: its kind and a message fit to show (an internal error's detail stays in the audit log). */
  error: z.object({ kind: z.enum(['tool_error', 'internal', 'timeout']), message: z.string() }).nullable(),
});
export const taskCancelledMessage = z.object({
  type: z.literal('task.cancelled'),
  ...taskRef,
  reason: z.enum(['cancel_task', 'replaced', 'handoff', 'activity_closed', 'session_closed', 'client', 'cancelled']),
});

export const snapshotTask = z.object({
  taskId: z.string(),
  callId: z.string(),
  tool: z.string(),
  status: z.string(),
  attempt: z.number().int().nonnegative(),
  updates: z.number().int().nonnegative(),
  lastProgress: z.string().nullable(),
});
export const tasksSnapshotMessage = z.object({
  type: z.literal('tasks.snapshot'),
  v: z.literal(1),
  sessionId: z.string(),
  position: z.number().int().nonnegative(),
  tasks: z.array(snapshotTask),
});

export const taskMessageSchema = z.discriminatedUnion('type', [
  taskStartedMessage,
  taskProgressMessage,
  taskFinishedMessage,
  taskCancelledMessage,
  tasksSnapshotMessage,
]);
export type TaskMessage = z.output<typeof taskMessageSchema>;
export type TaskLifecycleMessage = Exclude<TaskMessage, { readonly type: 'tasks.snapshot' }>;

/** What a front end may send on the topic: a request for the running tasks (after a reload). */
export const tasksTopicRequestSchema = z.object({ type: z.literal('tasks.sync') });
