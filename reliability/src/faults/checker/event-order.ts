import type { StoredEvent } from '@aside/events/store';
import { dataOf, FOLDED_TYPES, TERMINAL_TYPES } from './session-log.js';

interface TaskProgress {
  readonly callId: string;
  ended: boolean;
  attempt: number;
  seq: number;
  updates: number;
}

/** After a session closed, only what a late report leaves behind may still be written. */
const AFTER_CLOSE = new Set(['ReportDiscarded', 'LateResultQueued', 'LateResultAttemptFailed', 'LateResultDelivered', 'LateResultAbandoned']);

/** `c1_finished` → `c1`, `c1_update_2` → `c1`; anything else as it is. */
export const baseCallId = (callId: string): string => callId.replace(/_(finished|update_\d+)$/, '');

/**
 * The places where a session's log tells an impossible story: a task's reports folded before it
 * was requested, after it ended, with attempts going back or seqs not increasing, updates not
 * numbered 1..n; a result written or queued before its task ended; a delivery of something never
 * queued; a reply before its delivery started; speech of a reply before the reply; anything but a
 * late report's traces after the session closed.
 */
export function orderProblems(events: readonly StoredEvent[]): string[] {
  const problems: string[] = [];
  const at = (event: StoredEvent, what: string) => problems.push(`position ${event.position} (${event.type}): ${what}`);
  const tasks = new Map<string, TaskProgress>();
  const taskOfCall = new Map<string, string>();
  const queued = new Set<string>();
  const started = new Set<string>();
  const generated = new Set<string>();
  const speeches = new Set<string>();
  let closed = false;

  /** The task a `<callId>_finished` / `_update_n` item belongs to, and whether it may exist yet. */
  const checkResultItem = (event: StoredEvent, callId: string): void => {
    const task = tasks.get(taskOfCall.get(baseCallId(callId)) ?? '');
    if (callId.endsWith('_finished') && !task?.ended) at(event, `${callId} before its task ended`);
    const update = /_update_(\d+)$/.exec(callId);
    if (update && (task?.updates ?? 0) < Number(update[1]) + 1) at(event, `${callId} before that update was folded`);
  };

  for (const [index, event] of events.entries()) {
    const data = dataOf(event);
    if (index === 0 && event.type !== 'SessionStarted') at(event, 'the log does not begin with SessionStarted');
    if (closed && !AFTER_CLOSE.has(event.type)) at(event, 'written after the session closed');
    switch (event.type) {
      case 'SessionClosed':
        closed = true;
        break;
      case 'TaskRequested':
        tasks.set(String(data['taskId']), { callId: String(data['callId']), ended: false, attempt: 0, seq: -1, updates: 0 });
        taskOfCall.set(String(data['callId']), String(data['taskId']));
        break;
      case 'TaskCancelRequested': {
        const task = tasks.get(String(data['taskId']));
        if (task) task.ended = true; // the domain treats a task as finished from its cancel on
        break;
      }
      case 'ReplyQueued':
        checkResultItem(event, String((data['entry'] as EventDataEntry).callId));
        queued.add(String((data['entry'] as EventDataEntry).callId));
        break;
      case 'ReplyRequeued':
        for (const entry of data['entries'] as EventDataEntry[]) queued.add(entry.callId);
        break;
      case 'ChatItemAdded': {
        const item = data['item'] as { type: string; callId?: string };
        if (item.type === 'function_call_output' && item.callId !== undefined) checkResultItem(event, item.callId);
        break;
      }
      case 'ReplyDeliveryStarted':
        for (const callId of data['callIds'] as string[]) if (!queued.has(callId)) at(event, `delivers ${callId}, never queued`);
        started.add(String(data['deliveryId']));
        break;
      case 'ReplyGenerated':
      case 'ReplyFailed':
        if (!started.has(String(data['deliveryId']))) at(event, `delivery ${String(data['deliveryId'])} never started`);
        if (event.type === 'ReplyGenerated') generated.add(String(data['deliveryId']));
        break;
      case 'SpeechQueued':
        if (data['deliveryId'] !== null && !generated.has(String(data['deliveryId']))) at(event, `speaks delivery ${String(data['deliveryId'])} before its reply`);
        speeches.add(String(data['speechId']));
        break;
      case 'SpeechStarted':
      case 'SpeechFinished':
        if (!speeches.has(String(data['speechId']))) at(event, `speech ${String(data['speechId'])} never queued`);
        break;
      default:
        break;
    }
    if (FOLDED_TYPES.has(event.type) || event.type === 'ReportDiscarded') checkFold(event, tasks.get(String(data['taskId'])), at);
  }
  return problems;
}

interface EventDataEntry {
  readonly callId: string;
}

function checkFold(event: StoredEvent, task: TaskProgress | undefined, at: (event: StoredEvent, what: string) => void): void {
  const data = dataOf(event);
  if (task === undefined) return void at(event, `report of task ${String(data['taskId'])} before its TaskRequested`);
  if (event.type === 'ReportDiscarded') return;
  const attempt = Number(data['attempt']);
  const seq = Number(data['seq']);
  if (task.ended) at(event, `folded after task ${String(data['taskId'])} ended`);
  if (attempt < task.attempt) at(event, `attempt ${attempt} folded after attempt ${task.attempt}`);
  if (attempt === task.attempt && seq <= task.seq) at(event, `seq ${seq} folded after seq ${task.seq} of attempt ${attempt}`);
  if (event.type === 'TaskProgressed' && Number(data['update']) !== task.updates + 1) at(event, `update ${Number(data['update'])} after ${task.updates} update(s)`);
  task.attempt = attempt;
  task.seq = seq;
  if (event.type === 'TaskProgressed') task.updates += 1;
  if (TERMINAL_TYPES.has(event.type)) task.ended = true;
}
