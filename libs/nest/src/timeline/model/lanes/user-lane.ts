import { activityOf, pointOf, shorten, type LogEvent } from '../log-event.js';
import type { TimelineLane, UserSpeakingItem, UserTurnItem } from '../timeline-model.js';
import type { Draft, LaneBuilder } from './lane-builder.js';

/** The user's turns (marks) and the stretches the front end reported them speaking. */
export class UserLane implements LaneBuilder {
  private readonly items: (UserTurnItem | Draft<UserSpeakingItem>)[] = [];
  private speaking: Draft<UserSpeakingItem> | undefined;

  on(event: LogEvent): void {
    if (event.type === 'ChatItemAdded') {
      const { item } = event.data;
      if (item.type !== 'message' || item.role !== 'user') return;
      const at = pointOf(event);
      this.items.push({
        kind: 'user_turn',
        id: event.id,
        label: shorten(item.text),
        from: at,
        to: at,
        turnId: event.causationId,
        activityId: activityOf(event),
        text: item.text,
      });
      return;
    }
    if (event.type !== 'UserStateChanged') return;
    const busy = event.data.speaking || event.data.endOfTurnPending;
    if (busy && !this.speaking) {
      this.speaking = { kind: 'user_speaking', id: event.id, label: 'user speaking', from: pointOf(event), to: null };
      this.items.push(this.speaking);
    } else if (!busy && this.speaking) {
      this.speaking.to = pointOf(event);
      this.speaking = undefined;
    }
  }

  build(): TimelineLane {
    return { id: 'user', label: 'User', items: [...this.items] };
  }
}
