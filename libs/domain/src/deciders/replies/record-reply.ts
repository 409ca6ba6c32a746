import type { FailReply, RecordReply } from '../commands.js';
import { activityEvent } from '../decided-event.js';
import { emit, type Decision } from '../decision.js';
import { reject } from '../domain-error.js';
import { say } from '../activity/say.js';
import type { DeliveryState } from '../state/session-state.js';

function generatingDelivery(decision: Decision, deliveryId: string): DeliveryState {
  const delivery = decision.state.deliveries[deliveryId];
  if (!delivery) reject('UNKNOWN_DELIVERY', `No delivery ${deliveryId} in this session`);
  if (delivery.status !== 'generating') reject('DELIVERY_NOT_PENDING', `Delivery ${deliveryId} already has its reply (${delivery.status})`);
  return delivery;
}

/**
 * The deferred reply's text is recorded before it is spoken (a gateway that takes over re-sends
 * it with the same delivery id). An empty reply — the LLM found the results already conveyed —
 * speaks nothing and is recorded all the same.
 */
export function recordReply(decision: Decision, command: RecordReply): Decision {
  const { deliveryId, text } = command.data;
  const delivery = generatingDelivery(decision, deliveryId);
  const recorded = emit(decision, activityEvent(delivery.activityId, 'ReplyGenerated', { deliveryId, text }));
  const speaker = recorded.state.activities[delivery.activityId];
  if (text.trim() === '' || !speaker || speaker.status === 'closed') return recorded;
  return say(recorded, delivery.activityId, text, { generationId: null, deliveryId, allowInterruptions: true });
}

/** The LLM failed to produce the reply. Its items stay in the chat context; nothing is re-queued. */
export function failReply(decision: Decision, command: FailReply): Decision {
  const delivery = generatingDelivery(decision, command.data.deliveryId);
  return emit(decision, activityEvent(delivery.activityId, 'ReplyFailed', { deliveryId: delivery.deliveryId, message: command.data.message }));
}
