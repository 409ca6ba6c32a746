import { activityEvent } from '../decided-event.js';
import { emit, type Decision } from '../decision.js';
import { batchesTargeting } from '../queries/batches.js';
import { canCutIn, isIdle } from '../queries/idle.js';
import { deliverBatch } from '../replies/deliver.js';
import { performHandoff } from './handoff.js';

/** Far above anything a real decision needs; a guard against a rule that would loop. */
const MAX_STEPS = 200;

/**
 * What follows from the state a decision reached, decided in that same decision — no timers,
 * no polling: the next queued speech starts when none plays (at once played, with instant
 * playout); the current activity, once idle, delivers its oldest pending batch (an
 * `interrupt` batch as soon as it may cut in); once idle with nothing left to deliver, it
 * applies a handoff its async tool asked for.
 */
export function settle(decision: Decision): Decision {
  let next = decision;
  for (let step = 0; step < MAX_STEPS; step += 1) {
    const after = settleOnce(next);
    if (after === next) return next;
    next = after;
  }
  return next;
}

function settleOnce(decision: Decision): Decision {
  const { state } = decision;
  if (state.status !== 'active') return decision;

  const head = state.speechQueue[0];
  if (state.playing === null && head) {
    const started = emit(decision, activityEvent(head.activityId, 'SpeechStarted', { speechId: head.speechId }));
    if (state.playout !== 'instant') return started;
    return emit(started, activityEvent(head.activityId, 'SpeechFinished', { speechId: head.speechId, status: 'played', cause: 'instant' }));
  }

  const current = state.currentActivityId;
  if (current === null) return decision;
  const batches = batchesTargeting(state, current);
  const idle = isIdle(state, current);
  const deliverable = batches.find((batch) => (batch.mode === 'when_idle' ? idle : canCutIn(state, current)));
  if (deliverable) return deliverBatch(decision, current, deliverable);

  const handoff = state.activities[current]?.pendingHandoff;
  if (handoff && idle && batches.length === 0) return performHandoff(decision, current, handoff.agent, handoff.callId);
  return decision;
}
