import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { idField, nameField } from './fields.js';

/**
 * An activity is one running agent or agent task: started → paused ⇄ resumed → closed.
 * Lifecycle events live in the activity's stream; the moves of the session's current pointer
 * (handoff, entering and returning from an agent task) live in the session's stream.
 */
export const ActivityStarted = defineEvent('ActivityStarted', {
  data: z.object({
    activityId: idField,
    agent: nameField,
    kind: z.enum(['agent', 'task']),
    reason: z.enum(['session_start', 'handoff', 'agent_task']),
    /** For an agent task: the activity it returns to. */
    parentActivityId: idField.nullable(),
    /** For an agent task: the task (tool call) of the parent that awaits its result. */
    awaitedByTaskId: idField.nullable(),
  }),
});

export const ActivityPaused = defineEvent('ActivityPaused', {
  data: z.object({ reason: z.literal('agent_task'), taskActivityId: idField }),
});

export const ActivityResumed = defineEvent('ActivityResumed', {
  data: z.object({ taskActivityId: idField }),
});

export const ActivityClosed = defineEvent('ActivityClosed', {
  data: z.object({
    reason: z.enum(['handoff', 'task_completed', 'task_aborted', 'session_closed']),
  }),
});

/** Session stream: A closed, B started, and the pointer moves to B (one decision). */
export const HandoffPerformed = defineEvent('HandoffPerformed', {
  data: z.object({ fromActivityId: idField, toActivityId: idField, agent: nameField, callId: idField }),
});

/** Activity stream: an async tool asked for a handoff; it applies once its result was delivered. */
export const HandoffDeferred = defineEvent('HandoffDeferred', {
  data: z.object({ callId: idField, agent: nameField }),
});

export const HandoffRejected = defineEvent('HandoffRejected', {
  data: z.object({
    callId: idField,
    agent: z.string().max(200),
    reason: z.enum(['unknown_agent', 'not_a_handoff_target', 'from_agent_task', 'not_an_agent']),
  }),
});

/** Session stream: the parent is pushed on the stack and the task's activity becomes current. */
export const AgentTaskEntered = defineEvent('AgentTaskEntered', {
  data: z.object({ parentActivityId: idField, taskActivityId: idField, agent: nameField, taskId: idField }),
});

/** Session stream: the task's activity closed, the parent is popped and current again. */
export const AgentTaskReturned = defineEvent('AgentTaskReturned', {
  data: z.object({
    parentActivityId: idField,
    taskActivityId: idField,
    taskId: idField,
    outcome: z.enum(['completed', 'aborted']),
    /** The task's typed result (validated by the shell against the task's schema); null when aborted. */
    result: z.json().nullable(),
  }),
});
