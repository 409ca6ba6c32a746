import { activityEvent, eventOn } from '../decided-event.js';
import { emit, forEach, type Decision } from '../decision.js';
import { nextDeliveryId } from '../ids.js';
import { audibleSpeeches } from '../queries/idle.js';
import { findTask, ownerAggregate } from '../queries/ownership.js';
import { renderReplyInstructions } from '../../templates/templates.js';
import type { BatchState } from '../state/batch-state.js';
import { templatesFor } from '../templates-for.js';
import { foreignItemsWarning } from '../texts.js';

/**
 * The atomic snapshot-and-clear (SEMANTICS §7): this one event records the delivery, takes the
 * whole batch and asks the shell for the reply (`tool_choice: none`, one-off instructions
 * listing the call ids). Items another activity holds (written before a handoff) ride along as
 * context for this generation only, with a warning. An `interrupt` batch first cuts in on
 * the agent speech that is playing or queued.
 */
export function deliverBatch(decision: Decision, activityId: string, batch: BatchState): Decision {
  let next = decision;
  if (batch.mode === 'interrupt') {
    next = forEach(next, audibleSpeeches(next.state), (d, speech) => {
      const ref = [d.state.playing, ...d.state.speechQueue].find((candidate) => candidate?.speechId === speech.speechId);
      if (!ref) return d;
      return emit(d, activityEvent(ref.activityId, 'SpeechFinished', { speechId: speech.speechId, status: 'interrupted', cause: 'cut_in' }));
    });
  }
  const callIds = batch.entries.map((entry) => entry.callId);
  const foreign = batch.entries.filter((entry) => entry.activityId !== activityId);
  const firstTask = batch.entries[0] ? findTask(next.state, batch.entries[0].taskId) : undefined;
  const templates = templatesFor(next.context, firstTask?.agent ?? next.state.activities[activityId]?.agent ?? null, firstTask?.toolName ?? null);
  return emit(
    next,
    eventOn(ownerAggregate(batch.ownerKey), 'ReplyDeliveryStarted', {
      ownerKey: batch.ownerKey,
      batchOrder: batch.batchOrder,
      deliveryId: nextDeliveryId(next.state),
      activityId,
      mode: batch.mode,
      callIds,
      redeliveredCallIds: batch.entries.filter((entry) => entry.redelivered).map((entry) => entry.callId),
      entries: [...batch.entries],
      instructions: renderReplyInstructions(templates, callIds),
      toolChoice: 'none',
      foreignItems: foreign.flatMap((entry) => entry.items),
      warnings:
        foreign.length === 0
          ? []
          : [foreignItemsWarning(foreign.map((entry) => entry.callId), [...new Set(foreign.map((entry) => entry.activityId))], activityId)],
    }),
  );
}
