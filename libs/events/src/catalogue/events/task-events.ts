import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { deliveryModeField, idField, isoTimeField, nameField, ownerKeyField, textField, toolScopeField } from './fields.js';

/**
 * What a runner (or the gateway, for a gateway-local tool body) reports about one attempt of a
 * task, keyed `taskId/attempt/seq`: `started` (seq 0), `progress` (seq 1..n), then one terminal
 * report. `attempt` is BullMQ's attemptsStarted; a newer attempt fences out older ones.
 */
export const taskReportSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('started') }),
  z.object({ type: z.literal('progress'), message: textField }),
  z.object({
    type: z.literal('succeeded'),
    /** The value as text; null when the tool returned nothing. */
    result: textField.nullable(),
    /** An agent to hand off to (a tool that returns an agent). */
    handoff: nameField.nullable(),
  }),
  z.object({
    type: z.literal('failed'),
    kind: z.enum(['tool_error', 'internal', 'cancelled', 'timeout']),
    /** For `internal` the detail stays here (audit); the LLM only sees a fixed text. */
    message: textField,
  }),
]);
export type TaskReport = z.output<typeof taskReportSchema>;

/** Stream of the task's owner: the activity (bare, agent-scoped toolset) or the session. */
export const TaskRequested = defineEvent('TaskRequested', {
  data: z.object({
    taskId: idField,
    callId: idField,
    toolName: nameField,
    toolsetId: nameField.nullable(),
    scope: toolScopeField,
    ownerKey: ownerKeyField,
    /** The activity whose LLM call dispatched it (and whose turn waits for the first output). */
    activityId: idField,
    agent: nameField,
    generationId: idField,
    /** Parsed arguments (defaults applied, `confirm_duplicate` removed): what the body receives. */
    arguments: z.record(z.string(), z.json()),
    /** The arguments as the LLM sent them, repeated on `_update_n`/`_finished` calls. */
    rawArguments: textField,
    canonicalArguments: textField,
    cancellable: z.boolean(),
    delivery: deliveryModeField,
    timeoutMs: z.number().int().positive().nullable(),
    retries: z.number().int().nonnegative(),
    /** False when the speech that dispatched it disallowed interruptions (then not cancellable). */
    allowInterruptions: z.boolean(),
    requestedAt: isoTimeField,
  }),
});

const foldedKey = { taskId: idField, attempt: z.number().int().positive(), seq: z.number().int().nonnegative() };

export const TaskStarted = defineEvent('TaskStarted', { data: z.object({ ...foldedKey }) });

export const TaskProgressed = defineEvent('TaskProgressed', {
  data: z.object({
    ...foldedKey,
    message: textField,
    /** 1 for the first update (it resolves the original call), n+1 for `<callId>_update_<n>`. */
    update: z.number().int().positive(),
  }),
});

export const TaskSucceeded = defineEvent('TaskSucceeded', {
  data: z.object({ ...foldedKey, result: textField.nullable(), handoff: nameField.nullable() }),
});

export const TaskFailed = defineEvent('TaskFailed', {
  data: z.object({
    ...foldedKey,
    kind: z.enum(['tool_error', 'internal', 'cancelled', 'timeout']),
    message: textField,
  }),
});

/** The shell turns this into an aborted `ctx.signal`; the domain treats the task as finished. */
export const TaskCancelRequested = defineEvent('TaskCancelRequested', {
  data: z.object({
    taskId: idField,
    reason: z.enum(['cancel_task', 'replaced', 'handoff', 'activity_closed', 'session_closed', 'client']),
    /** The call (cancel_task or the replacing call) that asked for it, when there was one. */
    byCallId: idField.nullable(),
  }),
});

/** A stale or repeated report: recorded for audit, nothing else changes. */
export const ReportDiscarded = defineEvent('ReportDiscarded', {
  data: z.object({
    ...foldedKey,
    reason: z.enum(['task_finished', 'superseded_attempt', 'already_folded', 'session_closed']),
    report: taskReportSchema,
  }),
});
