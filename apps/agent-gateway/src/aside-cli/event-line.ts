import type { AsideEvent, ChatItem, ReplyEntry } from '@aside/events';
import type { StoredEvent } from '@aside/events/store';
import { LogNames } from './log-names.js';

/** Free text (speech, tool output) is cut here: a tail line should fit a wide terminal. */
const MAX_TEXT = 160;

/**
 * One event as one line for `aside tail`: log position, time recorded (UTC), stream (without
 * the session id), type, and what matters about it — the words said, the tool and call id, the
 * progress message, the reason.
 */
export function eventLine(event: StoredEvent, names: LogNames): string {
  const stream = event.stream.replace(`/${event.sessionId}`, '');
  const time = `${event.recordedAt.slice(11, 23)}Z`;
  return `${String(event.position).padStart(5)}  ${time}  ${stream.padEnd(14)}  ${event.type.padEnd(22)}  ${describeEvent(event, names)}`.trimEnd();
}

/** The salient fields of one event, in words. */
export function describeEvent(stored: StoredEvent, names: LogNames): string {
  // The store validated the data against the catalogue when it read the event.
  const event = { type: stored.type, data: stored.data } as AsideEvent;
  switch (event.type) {
    case 'SessionStarted': {
      const { agent, playout, partition, activityId } = event.data;
      return `agent ${agent} in ${activityId}, playout ${playout}, partition ${partition}${event.data.lateResults ? `, late results to ${event.data.lateResults.webhook}` : ''}`;
    }
    case 'SessionClosed':
      return `reason ${event.data.reason}`;
    case 'UserStateChanged':
      return `user ${event.data.speaking ? 'speaking' : 'silent'}${event.data.endOfTurnPending ? ', end of turn pending' : ''}`;
    case 'ActivityStarted': {
      const { agent, kind, reason, parentActivityId } = event.data;
      return `${kind} ${agent} (${reason})${parentActivityId ? `, returns to ${names.activity(parentActivityId)}` : ''}`;
    }
    case 'ActivityPaused':
      return `paused for agent task ${names.activity(event.data.taskActivityId)}`;
    case 'ActivityResumed':
      return `resumed after agent task ${names.activity(event.data.taskActivityId)}`;
    case 'ActivityClosed':
      return `reason ${event.data.reason}`;
    case 'HandoffPerformed':
      return `${names.activity(event.data.fromActivityId)} → ${event.data.toActivityId} (${event.data.agent}), call ${event.data.callId}`;
    case 'HandoffDeferred':
      return `to ${event.data.agent} once call ${event.data.callId} is delivered`;
    case 'HandoffRejected':
      return `to ${event.data.agent}, call ${event.data.callId}: ${event.data.reason}`;
    case 'AgentTaskEntered':
      return `${event.data.agent} in ${event.data.taskActivityId}, ${names.activity(event.data.parentActivityId)} waits`;
    case 'AgentTaskReturned':
      return `${names.activity(event.data.taskActivityId)} ${event.data.outcome} → ${names.activity(event.data.parentActivityId)}${event.data.result === null ? '' : ` ${quote(JSON.stringify(event.data.result))}`}`;
    case 'ChatItemAdded':
      return chatItem(event.data.item);
    case 'GenerationRequested':
      return `${event.data.generationId} for ${event.data.purpose}, tool choice ${event.data.toolChoice}`;
    case 'GenerationCompleted': {
      const calls = event.data.calls.map((call) => `${call.name} ${call.callId}`).join(', ');
      return `${event.data.generationId} ${quote(event.data.text)}${calls ? `, calls ${calls}` : ''}`;
    }
    case 'GenerationFailed':
      return `${event.data.generationId}: ${quote(event.data.message)}`;
    case 'GenerationDiscarded':
      return `${event.data.generationId} (${event.data.reason}) ${quote(event.data.text)}`;
    case 'ToolCallDispatched':
      return `${event.data.toolName} call ${event.data.callId} → task`;
    case 'ToolCallAnswered':
      return `${event.data.toolName} call ${event.data.callId}: ${event.data.answer}`;
    case 'ToolCallResolved':
      return `call ${event.data.callId} via ${event.data.via}${event.data.wantsReply ? '' : ', no tool reply'}`;
    case 'SpeechQueued':
      return `${event.data.speechId} ${quote(event.data.text)}${event.data.deliveryId ? ` (delivery ${event.data.deliveryId})` : ''}`;
    case 'SpeechStarted':
      return event.data.speechId;
    case 'SpeechFinished':
      return `${event.data.speechId} ${event.data.status} (${event.data.cause})`;
    case 'TaskRequested':
      return `${event.data.toolName} call ${event.data.callId} ${quote(event.data.rawArguments)}, delivery ${event.data.delivery}`;
    case 'TaskStarted':
      return `${names.task(event.data.taskId)}, attempt ${event.data.attempt}`;
    case 'TaskProgressed':
      return `${names.task(event.data.taskId)}, update ${event.data.update}: ${quote(event.data.message)}`;
    case 'TaskSucceeded':
      return `${names.task(event.data.taskId)}, attempt ${event.data.attempt}: ${event.data.result === null ? 'no result' : quote(event.data.result)}${event.data.handoff ? `, hands off to ${event.data.handoff}` : ''}`;
    case 'TaskFailed':
      return `${names.task(event.data.taskId)}, attempt ${event.data.attempt}: ${event.data.kind} ${quote(event.data.message)}`;
    case 'TaskCancelRequested':
      return `${names.task(event.data.taskId)}: ${event.data.reason}${event.data.byCallId ? ` by call ${event.data.byCallId}` : ''}`;
    case 'ReportDiscarded':
      return `${names.task(event.data.taskId)} ${event.data.report.type} report of attempt ${event.data.attempt} seq ${event.data.seq}: ${event.data.reason}`;
    case 'ReplyQueued':
      return `${callsOf([event.data.entry])} for ${event.data.ownerKey} (${event.data.mode}, batch ${event.data.batchOrder})`;
    case 'ReplyRequeued':
      return `${callsOf(event.data.entries)} put back after ${event.data.deliveryId} was interrupted`;
    case 'ReplyDeliveryStarted':
      return `${event.data.deliveryId} ${callsOf(event.data.entries)} spoken by ${names.activity(event.data.activityId)} (${event.data.mode})`;
    case 'ReplyGenerated':
      return `${event.data.deliveryId} ${quote(event.data.text)}`;
    case 'ReplyFailed':
      return `${event.data.deliveryId}: ${quote(event.data.message)}`;
    case 'ReplyDropped':
      return `${callsOf(event.data.entries)} of ${event.data.ownerKey}: ${event.data.reason}`;
    case 'LateResultQueued':
      return `${event.data.toolName} call ${event.data.callId} (${event.data.reason}), delivery ${event.data.deliveryId}`;
    case 'LateResultAttemptFailed':
      return `${event.data.deliveryId} attempt ${event.data.attempt}: ${event.data.failure.kind}${event.data.failure.status === null ? '' : ` ${event.data.failure.status}`}${event.data.retryAt ? `, retry at ${event.data.retryAt}` : ''}`;
    case 'LateResultDelivered':
      return `${event.data.deliveryId} attempt ${event.data.attempt}: ${event.data.status}`;
    case 'LateResultAbandoned':
      return `${event.data.deliveryId} after ${event.data.attempts} attempts: ${event.data.reason}`;
    default:
      return unknownEvent(event);
  }
}

function chatItem(item: ChatItem): string {
  switch (item.type) {
    case 'message':
      return `${item.role}: ${quote(item.text)}`;
    case 'function_call':
      return `call ${item.callId} ${item.name}(${truncate(item.arguments)})`;
    case 'function_call_output':
      return `${item.isError ? 'error' : 'output'} of ${item.callId} ${item.name}: ${quote(item.output)}`;
    default:
      return unknownEvent(item);
  }
}

function callsOf(entries: readonly ReplyEntry[]): string {
  return `[${entries.map((entry) => entry.callId).join(', ')}]`;
}

/** A type the catalogue gained after this switch was written still gets a line. */
function unknownEvent(value: never): string {
  return truncate(JSON.stringify((value as { data?: unknown }).data ?? value));
}

function quote(text: string): string {
  return JSON.stringify(truncate(text));
}

function truncate(text: string): string {
  return text.length <= MAX_TEXT ? text : `${text.slice(0, MAX_TEXT - 1)}…`;
}
