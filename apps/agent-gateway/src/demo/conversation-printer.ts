import type { StoredEvent } from '@aside/events/store';

/**
 * Turns the session log into the lines a person wants to read while the demo runs: who said
 * what, what the background tools report, and the moments the runtime makes decisions.
 */
export interface Names {
  agentOf(activityId: string): string;
  toolOf(taskId: string): string;
}

export function describeEvent(event: StoredEvent, names: Names): string | null {
  const data = event.data as Record<string, unknown>;
  const activityId = event.stream.split('/')[2] ?? '';
  switch (event.type) {
    case 'ChatItemAdded': {
      const item = data['item'] as { type: string; role?: string; text?: string };
      return item.type === 'message' && item.role === 'user' ? `\n  user       > ${item.text}` : null;
    }
    case 'SpeechQueued':
      return data['text'] ? `  ${names.agentOf(activityId).padEnd(10)} < ${String(data['text'])}` : null;
    case 'ToolCallDispatched':
      return `               · calls ${String(data['toolName'])} (${String(data['callId'])})`;
    case 'TaskProgressed':
      return `               · ${names.toolOf(String(data['taskId']))} progress: ${String(data['message'])}`;
    case 'TaskSucceeded':
      return `               · ${names.toolOf(String(data['taskId']))} finished`;
    case 'TaskFailed':
      return `               · ${names.toolOf(String(data['taskId']))} failed (${String(data['kind'])})`;
    case 'TaskCancelRequested':
      return `               · ${names.toolOf(String(data['taskId']))} cancelled (${String(data['reason'])})`;
    case 'ActivityPaused':
      return `               · ${names.agentOf(activityId)} paused while an agent task runs`;
    case 'ActivityStarted':
      return data['kind'] === 'task' ? `               · agent task ${String(data['agent'])} started` : null;
    case 'ActivityResumed':
      return `               · ${names.agentOf(activityId)} resumed`;
    case 'HandoffPerformed':
      return `               · handoff to ${String(data['agent'])}`;
    case 'ReplyQueued':
      return `               · result held for a deferred reply (${String((data['entry'] as { callId: string }).callId)})`;
    case 'ReplyDeliveryStarted':
      return `               · idle and current: delivering deferred reply for [${(data['callIds'] as string[]).join(', ')}]`;
    default:
      return null;
  }
}

/** The audit log as a table: position, stream, type. */
export function auditTable(events: readonly StoredEvent[]): string {
  return events
    .map((event) => `${String(event.position).padStart(4)}  ${event.stream.replace(/\/sess-[^/]+/, '').padEnd(12)}  ${event.type}`)
    .join('\n');
}
