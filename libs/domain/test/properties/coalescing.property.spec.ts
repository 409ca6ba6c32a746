import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { batchesTargeting, evolveSession, isIdle, pendingBatches, type DecidedEvent } from '../../src/deciders/index.js';
import { conversationArbitrary, runConversation, type Run } from './support/random-conversation.js';

const LATER_ITEM = /_(update_\d+|finished)$/;

function laterResultCallIds(run: Run): string[] {
  return run.log.flatMap((event) =>
    event.type === 'ChatItemAdded' && event.data.item.type === 'function_call_output' && LATER_ITEM.test(event.data.item.callId) ? [event.data.item.callId] : [],
  );
}

/** How many times `callId` (first copy, or the copy put back after an interrupted reply) met each fate. */
function fates(run: Run, callId: string, redelivered: boolean): number {
  let count = 0;
  for (const event of run.log) {
    if (event.type === 'ReplyDeliveryStarted' && event.data.callIds.includes(callId) && event.data.redeliveredCallIds.includes(callId) === redelivered) count += 1;
    if (event.type === 'ReplyDropped') count += event.data.entries.filter((entry) => entry.callId === callId && entry.redelivered === redelivered).length;
  }
  for (const batch of pendingBatches(run.state)) count += batch.entries.filter((entry) => entry.callId === callId && entry.redelivered === redelivered).length;
  return count;
}

function requeued(run: Run, callId: string): number {
  return run.log.filter((event) => event.type === 'ReplyRequeued' && event.data.entries.some((entry) => entry.callId === callId)).length;
}

describe('property (a): coalescing never loses or duplicates an update', () => {
  it('every _update_n / _finished result ends in exactly one delivery or one drop, or is still pending (and a put-back copy likewise, at most once)', () => {
    fc.assert(
      fc.property(conversationArbitrary, (actions) => {
        const run = runConversation(actions);
        const callIds = laterResultCallIds(run);
        expect(new Set(callIds).size).toBe(callIds.length);
        for (const callId of callIds) {
          expect(fates(run, callId, false)).toBe(1);
          const putBack = requeued(run, callId);
          expect(putBack).toBeLessThanOrEqual(1);
          expect(fates(run, callId, true)).toBe(putBack);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('a when_idle delivery starts only when its activity is current and idle, and no decision ends idle with a batch waiting', () => {
    fc.assert(
      fc.property(conversationArbitrary, (actions) => {
        const run = runConversation(actions);
        for (const decision of run.decisions) {
          let state = decision.before;
          for (const event of decision.events as DecidedEvent[]) {
            if (event.type === 'ReplyDeliveryStarted' && event.data.mode === 'when_idle') expect(isIdle(state, event.data.activityId)).toBe(true);
            state = evolveSession(state, event);
          }
          const current = decision.after.currentActivityId;
          if (current !== null && isIdle(decision.after, current)) {
            expect(batchesTargeting(decision.after, current).filter((batch) => batch.mode === 'when_idle')).toEqual([]);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });
});
