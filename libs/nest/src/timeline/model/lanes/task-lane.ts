import { pointOf, shorten, type LogEvent } from '../log-event.js';
import type { TaskItem, TimelineLane } from '../timeline-model.js';
import type { Draft, LaneBuilder } from './lane-builder.js';

/**
 * Tasks as bars from requested to their terminal state, with every progress update folded in
 * (a mark on the bar) and every report the domain discarded (stale attempt, after the end).
 * A cancel request ends the bar: the domain treats the task as finished from then on.
 */
export class TaskLane implements LaneBuilder {
  private readonly items = new Map<string, Draft<TaskItem>>();

  on(event: LogEvent): void {
    if (event.type === 'TaskRequested') {
      const { taskId, callId, toolName, agent, activityId, delivery } = event.data;
      this.items.set(taskId, {
        kind: 'task',
        id: taskId,
        label: toolName,
        from: pointOf(event),
        to: null,
        taskId,
        callId,
        toolName,
        agent,
        activityId,
        delivery,
        started: null,
        status: 'requested',
        attempt: 0,
        progress: [],
        outcome: null,
        discarded: [],
      });
      return;
    }
    const item = 'taskId' in event.data ? this.items.get(event.data.taskId) : undefined;
    if (!item) return;
    switch (event.type) {
      case 'TaskStarted':
        item.started ??= pointOf(event);
        item.attempt = event.data.attempt;
        if (item.status === 'requested') item.status = 'running';
        break;
      case 'TaskProgressed': {
        const { message, update, attempt } = event.data;
        item.progress.push({ at: pointOf(event), message, update, attempt });
        item.attempt = attempt;
        break;
      }
      case 'TaskSucceeded':
        this.end(item, event, 'succeeded', event.data.handoff ? `handoff to ${event.data.handoff}` : (event.data.result ?? 'no result'));
        break;
      case 'TaskFailed':
        this.end(item, event, event.data.kind === 'cancelled' ? 'cancelled' : 'failed', `${event.data.kind}: ${event.data.message}`);
        break;
      case 'TaskCancelRequested':
        this.end(item, event, 'cancelled', `cancelled (${event.data.reason})`);
        break;
      case 'ReportDiscarded':
        item.discarded.push({ at: pointOf(event), reason: event.data.reason, report: event.data.report.type });
        break;
      default:
        break;
    }
  }

  build(): TimelineLane {
    return { id: 'tasks', label: 'Tasks', items: [...this.items.values()] };
  }

  private end(item: Draft<TaskItem>, event: LogEvent, status: TaskItem['status'], outcome: string): void {
    if (item.to !== null) return;
    item.to = pointOf(event);
    item.status = status;
    item.outcome = shorten(outcome, 300);
    if ('attempt' in event.data) item.attempt = event.data.attempt;
  }
}
