import { activityOf, pointOf, type LogEvent } from '../log-event.js';
import type { TimelineLane, ToolCallItem } from '../timeline-model.js';
import type { Draft, FoldContext, LaneBuilder } from './lane-builder.js';

/**
 * The LLM's tool calls: a dispatched call spans until its first output resolves it (the time it
 * held the turn); a call answered at once (bad arguments, a duplicate, a management tool) is a mark.
 */
export class ToolCallLane implements LaneBuilder {
  private readonly items = new Map<string, Draft<ToolCallItem>>();

  on(event: LogEvent, context: FoldContext): void {
    const activityId = activityOf(event);
    switch (event.type) {
      case 'ToolCallDispatched': {
        const { callId, toolName, taskId } = event.data;
        this.items.set(keyOf(activityId, callId), {
          ...this.call(event, context, callId, toolName),
          taskId,
          to: null,
          outcome: 'dispatched',
        });
        break;
      }
      case 'ToolCallAnswered': {
        const { callId, toolName, answer } = event.data;
        this.items.set(keyOf(activityId, callId), { ...this.call(event, context, callId, toolName), label: `${toolName || '?'}: ${answer}`, outcome: answer });
        break;
      }
      case 'ActivityClosed':
        // A call still holding the turn of a closed activity never gets its output: its span ends here.
        for (const item of this.items.values()) {
          if (item.activityId !== activityId || item.to !== null) continue;
          item.to = pointOf(event);
          item.outcome = 'activity_closed';
        }
        break;
      case 'ToolCallResolved': {
        const item = this.items.get(keyOf(activityId, event.data.callId));
        if (item && item.outcome === 'dispatched') {
          item.to = pointOf(event);
          item.resolvedVia = event.data.via;
        }
        break;
      }
      default:
        break;
    }
  }

  build(): TimelineLane {
    return { id: 'tool_calls', label: 'Tool calls', items: [...this.items.values()] };
  }

  private call(event: LogEvent, context: FoldContext, callId: string, toolName: string): Draft<ToolCallItem> {
    const activityId = activityOf(event);
    const at = pointOf(event);
    return {
      kind: 'tool_call',
      id: keyOf(activityId, callId),
      label: toolName,
      from: at,
      to: at,
      callId,
      activityId,
      agent: context.agentOf(activityId),
      toolName,
      taskId: null,
      outcome: 'dispatched',
      resolvedVia: null,
    };
  }
}

/** Call ids come from the LLM: unique within an activity only. */
function keyOf(activityId: string, callId: string): string {
  return `${activityId}/${callId}`;
}
