import type { StoredEvent } from '@aside/events/store';
import { ActivityLane } from './lanes/activity-lane.js';
import type { FoldContext, LaneBuilder } from './lanes/lane-builder.js';
import { ReplyLane } from './lanes/reply-lane.js';
import { SpeechLane } from './lanes/speech-lane.js';
import { TaskLane } from './lanes/task-lane.js';
import { ToolCallLane } from './lanes/tool-call-lane.js';
import { UserLane } from './lanes/user-lane.js';
import { asLogEvent, pointOf } from './log-event.js';
import { SessionConditions } from './session-conditions.js';
import type { SessionTimeline } from './timeline-model.js';

/**
 * Folds a session's audit log (in log order) into its timeline. Pure: no clock, no IO — the
 * same events always give the same timeline. Event types it does not draw are skipped, so a
 * log written by a newer version still reads.
 */
export function buildTimeline(sessionId: string, events: readonly StoredEvent[], options: { readonly truncated?: boolean } = {}): SessionTimeline {
  const activities = new ActivityLane();
  const conditions = new SessionConditions();
  const lanes: readonly LaneBuilder[] = [activities, new UserLane(), new SpeechLane(), new ToolCallLane(), new TaskLane(), new ReplyLane()];
  const context: FoldContext = { conditions, agentOf: (activityId) => activities.agentOf(activityId) };
  let agent: string | null = null;
  let closed = false;
  for (const stored of events) {
    const event = asLogEvent(stored);
    if (event.type === 'SessionStarted') agent = event.data.agent;
    if (event.type === 'SessionClosed') closed = true;
    // The conditions first: a reply queued in this commit waits for what the events before it left.
    conditions.apply(event);
    for (const lane of lanes) lane.on(event, context);
  }
  const first = events[0];
  const last = events.at(-1);
  return {
    sessionId,
    status: closed ? 'closed' : 'active',
    agent,
    position: last?.position ?? 0,
    start: first ? pointOf(first) : null,
    end: last ? pointOf(last) : null,
    truncated: options.truncated ?? false,
    lanes: lanes.map((lane) => lane.build()),
  };
}
