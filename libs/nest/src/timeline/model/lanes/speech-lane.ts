import { activityOf, pointOf, shorten, type LogEvent } from '../log-event.js';
import type { SpeechItem, TimelineLane } from '../timeline-model.js';
import type { Draft, FoldContext, LaneBuilder } from './lane-builder.js';

/** What the agents said: each speech from queued, through playing, to played or interrupted. */
export class SpeechLane implements LaneBuilder {
  private readonly items = new Map<string, Draft<SpeechItem>>();

  on(event: LogEvent, context: FoldContext): void {
    switch (event.type) {
      case 'SpeechQueued': {
        const { speechId, text, deliveryId } = event.data;
        const activityId = activityOf(event);
        this.items.set(speechId, {
          kind: 'speech',
          id: speechId,
          label: shorten(text),
          from: pointOf(event),
          to: null,
          speechId,
          activityId,
          agent: context.agentOf(activityId),
          text,
          deliveryId,
          started: null,
          status: 'queued',
          cause: null,
        });
        break;
      }
      case 'SpeechStarted': {
        const item = this.items.get(event.data.speechId);
        if (item) {
          item.started = pointOf(event);
          item.status = 'playing';
        }
        break;
      }
      case 'SpeechFinished': {
        const item = this.items.get(event.data.speechId);
        if (item) {
          item.to = pointOf(event);
          item.status = event.data.status;
          item.cause = event.data.cause;
        }
        break;
      }
      default:
        break;
    }
  }

  build(): TimelineLane {
    return { id: 'speech', label: 'Agent speech', items: [...this.items.values()] };
  }
}
