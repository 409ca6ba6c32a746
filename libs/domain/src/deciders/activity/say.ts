import { activityEvent } from '../decided-event.js';
import { emit, type Decision } from '../decision.js';
import { nextSpeechId } from '../ids.js';

export interface SpeechSource {
  /** The generation or the deferred-reply delivery whose text this is (one of them). */
  readonly generationId: string | null;
  readonly deliveryId: string | null;
  readonly allowInterruptions: boolean;
}

/**
 * The agent says `text`: it joins the activity's chat context as an assistant message (so the
 * model later knows what the user heard) and is queued as speech.
 */
export function say(decision: Decision, activityId: string, text: string, source: SpeechSource): Decision {
  const speaker = decision.state.activities[activityId]!;
  return emit(
    decision,
    activityEvent(activityId, 'ChatItemAdded', { item: { type: 'message', role: 'assistant', text } }),
    activityEvent(activityId, 'SpeechQueued', { speechId: nextSpeechId(speaker), text, ...source }),
  );
}
