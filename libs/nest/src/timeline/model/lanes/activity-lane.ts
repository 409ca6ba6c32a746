import { activityOf, pointOf, type LogEvent } from '../log-event.js';
import type { ActivityItem, TimelineLane } from '../timeline-model.js';
import type { Draft, LaneBuilder } from './lane-builder.js';

/** Agents and agent tasks, from start to close, with the stretches they were paused for an agent task. */
export class ActivityLane implements LaneBuilder {
  private readonly items = new Map<string, Draft<ActivityItem>>();

  agentOf(activityId: string): string {
    return this.items.get(activityId)?.agent ?? '';
  }

  on(event: LogEvent): void {
    const item = this.items.get(activityOf(event));
    switch (event.type) {
      case 'ActivityStarted': {
        const { activityId, agent, kind, reason } = event.data;
        this.items.set(activityId, {
          kind: 'activity',
          id: activityId,
          label: kind === 'task' ? `${agent} (agent task)` : agent,
          from: pointOf(event),
          to: null,
          activityId,
          agent,
          activityKind: kind,
          startReason: reason,
          closeReason: null,
          paused: [],
        });
        break;
      }
      case 'ActivityPaused':
        item?.paused.push({ from: pointOf(event), to: null, taskActivityId: event.data.taskActivityId });
        break;
      case 'ActivityResumed': {
        const open = item?.paused.findIndex((stretch) => stretch.to === null) ?? -1;
        if (item && open >= 0) item.paused[open] = { ...item.paused[open]!, to: pointOf(event) };
        break;
      }
      case 'ActivityClosed':
        if (item) {
          item.to = pointOf(event);
          item.closeReason = event.data.reason;
        }
        break;
      default:
        break;
    }
  }

  build(): TimelineLane {
    return { id: 'agents', label: 'Agents', items: [...this.items.values()] };
  }
}
