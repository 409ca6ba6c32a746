import { findTask, ownerActivityId, type DecidedEvent, type SessionState } from '@aside/domain';
import type { AsideEventData, ReplyEntry } from '@aside/events';
import type { Committed } from '../sessions/session-engine.js';

/**
 * The ids an operator greps for, named the same on every line of the gateway and the runners:
 * `sessionId` always, then whichever of `activityId`, `toolCallId`, `taskId`, `attempt`, `tool`
 * the event concerns.
 */
export interface NotableFields {
  readonly sessionId: string;
  /** The event type, for filtering (`jq 'select(.event == "TaskFailed")'`). */
  readonly event: DecidedEvent['type'];
  /** The session's log position after the commit that decided it: where to look in the audit log. */
  readonly position: number;
  readonly activityId?: string;
  readonly toolCallId?: string;
  readonly taskId?: string;
  readonly attempt?: number;
  readonly tool?: string;
  readonly [detail: string]: unknown;
}

export interface NotableLogRecord {
  /** `warn` for what an operator should look at (internal failures, timeouts, failed replies). */
  readonly level: 'info' | 'warn';
  readonly msg: string;
  readonly fields: NotableFields;
}

/**
 * One log record per notable event of a commit (the rest — chat items of the agent, generation
 * requests, speech — stays in the audit log only). Pure: the ids that an event does not carry
 * itself (a report's tool call, a task's activity) come from the state the commit left.
 * Free text the user or a tool produced is never logged, only its length.
 */
export function notableLogRecords(committed: Committed): NotableLogRecord[] {
  const records: NotableLogRecord[] = [];
  for (const event of committed.events) {
    const base = { sessionId: committed.sessionId, event: event.type, position: committed.position };
    const aggregateActivity = event.aggregate.kind === 'activity' ? { activityId: event.aggregate.activityId } : {};
    const record = describe(event, committed.state, { ...base, ...aggregateActivity });
    if (record !== undefined) records.push(record);
  }
  return records;
}

type Base = Pick<NotableFields, 'sessionId' | 'event' | 'position' | 'activityId'>;

function describe(event: DecidedEvent, state: SessionState, base: Base): NotableLogRecord | undefined {
  const info = (msg: string, fields: object = {}): NotableLogRecord => ({ level: 'info', msg, fields: { ...base, ...fields } });
  const warn = (msg: string, fields: object = {}): NotableLogRecord => ({ level: 'warn', msg, fields: { ...base, ...fields } });
  const task = (taskId: string) => taskFields(state, taskId);
  switch (event.type) {
    case 'SessionStarted':
      return info('session started', { activityId: event.data.activityId, agent: event.data.agent, partition: event.data.partition, playout: event.data.playout });
    case 'SessionClosed':
      return info('session closed', { reason: event.data.reason });
    case 'ChatItemAdded':
      return event.data.item.type === 'message' && event.data.item.role === 'user' ? info('user turn', { chars: event.data.item.text.length }) : undefined;
    case 'ToolCallDispatched':
      return info('tool call dispatched', { toolCallId: event.data.callId, taskId: event.data.taskId, tool: event.data.toolName, generationId: event.data.generationId });
    case 'TaskRequested':
      return info('task requested', {
        ...task(event.data.taskId),
        delivery: event.data.delivery,
        retries: event.data.retries,
        timeoutMs: event.data.timeoutMs,
      });
    case 'TaskStarted':
      return info('task started', { ...task(event.data.taskId), attempt: event.data.attempt });
    case 'TaskProgressed':
      return info('task progress', { ...task(event.data.taskId), attempt: event.data.attempt, update: event.data.update, chars: event.data.message.length });
    case 'TaskSucceeded':
      return info('task succeeded', { ...task(event.data.taskId), attempt: event.data.attempt, ...(event.data.handoff ? { handoff: event.data.handoff } : {}) });
    case 'TaskFailed':
      return failed(event.data, task(event.data.taskId), info, warn);
    case 'TaskCancelRequested':
      return info('task cancelled', { ...task(event.data.taskId), reason: event.data.reason, ...(event.data.byCallId ? { byCallId: event.data.byCallId } : {}) });
    case 'ReportDiscarded':
      return info('task report discarded', { ...task(event.data.taskId), attempt: event.data.attempt, seq: event.data.seq, reason: event.data.reason, report: event.data.report.type });
    case 'ReplyQueued':
      return info('reply queued', { ...entryFields(state, event.data.entry), mode: event.data.mode, batchOrder: event.data.batchOrder });
    case 'ReplyRequeued':
      return info('reply requeued', { deliveryId: event.data.deliveryId, ...entriesFields(state, event.data.entries) });
    case 'ReplyDeliveryStarted':
      return info('reply delivery started', {
        activityId: event.data.activityId,
        deliveryId: event.data.deliveryId,
        mode: event.data.mode,
        ...entriesFields(state, event.data.entries),
        ...(event.data.redeliveredCallIds.length > 0 ? { redeliveredCallIds: event.data.redeliveredCallIds } : {}),
      });
    case 'ReplyFailed':
      return warn('reply failed', { deliveryId: event.data.deliveryId });
    case 'ReplyDropped':
      return info('reply dropped', { ...ownerActivity(event.data.ownerKey), reason: event.data.reason, ...entriesFields(state, event.data.entries) });
    case 'HandoffPerformed':
      return info('handoff', { activityId: event.data.fromActivityId, toActivityId: event.data.toActivityId, agent: event.data.agent, toolCallId: event.data.callId });
    case 'HandoffDeferred':
      return info('handoff deferred', { toolCallId: event.data.callId, agent: event.data.agent });
    case 'HandoffRejected':
      return info('handoff rejected', { toolCallId: event.data.callId, agent: event.data.agent, reason: event.data.reason });
    case 'ActivityPaused':
      return info('activity paused', { reason: event.data.reason, taskActivityId: event.data.taskActivityId });
    case 'ActivityResumed':
      return info('activity resumed', { taskActivityId: event.data.taskActivityId });
    case 'AgentTaskEntered':
      return info('agent task entered', { activityId: event.data.parentActivityId, taskActivityId: event.data.taskActivityId, agent: event.data.agent, ...task(event.data.taskId) });
    case 'AgentTaskReturned':
      return info('agent task returned', { activityId: event.data.parentActivityId, taskActivityId: event.data.taskActivityId, outcome: event.data.outcome, taskId: event.data.taskId });
    case 'GenerationFailed':
      return warn('generation failed', { generationId: event.data.generationId });
    default:
      return undefined;
  }
}

/** A tool's own error is the conversation going on; an internal failure or a timeout is the operator's business. */
function failed(
  data: AsideEventData<'TaskFailed'>,
  task: object,
  info: (msg: string, fields: object) => NotableLogRecord,
  warn: (msg: string, fields: object) => NotableLogRecord,
): NotableLogRecord {
  const fields = { ...task, attempt: data.attempt, kind: data.kind };
  return data.kind === 'internal' || data.kind === 'timeout' ? warn('task failed', { ...fields, error: data.message }) : info('task failed', fields);
}

/** The dispatching activity, the call and the tool of a task, from the state (reports carry only the task id). */
function taskFields(state: SessionState, taskId: string): Pick<NotableFields, 'activityId' | 'toolCallId' | 'taskId' | 'tool'> {
  const task = findTask(state, taskId);
  return task === undefined ? { taskId } : { activityId: task.activityId, toolCallId: task.callId, taskId, tool: task.toolName };
}

/** A reply entry, named by its task's original call (the entry's own call id is the `_finished`/`_update_n` one). */
function entryFields(state: SessionState, entry: ReplyEntry): object {
  const task = findTask(state, entry.taskId);
  return { activityId: entry.activityId, toolCallId: task?.callId ?? entry.callId, replyCallId: entry.callId, taskId: entry.taskId, ...(task ? { tool: task.toolName } : {}) };
}

/** A batch of replies: one tool call is named as `toolCallId`, several as `toolCallIds`. */
function entriesFields(state: SessionState, entries: readonly ReplyEntry[]): object {
  const callOf = (entry: ReplyEntry) => findTask(state, entry.taskId)?.callId ?? entry.callId;
  if (entries.length === 1) return { toolCallId: callOf(entries[0]!), taskId: entries[0]!.taskId };
  return { toolCallIds: entries.map(callOf), taskIds: entries.map((entry) => entry.taskId) };
}

function ownerActivity(ownerKey: string): object {
  const activityId = ownerActivityId(ownerKey);
  return activityId === null ? { ownerKey } : { activityId, ownerKey };
}
