import type { StoredEvent } from '@aside/events/store';
import { deliveriesIn } from '@aside/testing-deployment';
import { dataOf } from './session-log.js';

/**
 * Why each of these calls' results did not reach the user, one line per lost result: the task was
 * never requested, no terminal report was folded, it ended failed (every soak task succeeds
 * unless something was lost on the way), or its `<callId>_finished` was never in a deferred reply
 * that was generated, spoken and played to the end.
 */
export function lostResults(events: readonly StoredEvent[], callIds: readonly string[]): string[] {
  const deliveredOnce = deliveriesIn(events).filter((delivery) => delivery.replies.length > 0 && delivery.spoken.length > 0 && delivery.played >= delivery.spoken.length);
  return callIds.flatMap((callId) => {
    const requested = events.find((event) => event.type === 'TaskRequested' && dataOf(event)['callId'] === callId);
    if (requested === undefined) return [`${callId}: never requested`];
    const taskId = dataOf(requested)['taskId'];
    const ending = events.find((event) => (event.type === 'TaskSucceeded' || event.type === 'TaskFailed') && dataOf(event)['taskId'] === taskId);
    if (ending === undefined) return [`${callId}: no result folded`];
    if (ending.type === 'TaskFailed') return [`${callId}: ended failed (${String(dataOf(ending)['kind'])}: ${String(dataOf(ending)['message'])})`];
    if (!deliveredOnce.some((delivery) => delivery.callIds.includes(`${callId}_finished`))) return [`${callId}: result folded, never spoken to the end`];
    return [];
  });
}
