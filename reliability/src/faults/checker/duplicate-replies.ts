import type { StoredEvent } from '@aside/events/store';
import { deliveriesIn } from '@aside/testing-deployment';
import { dataOf, FOLDED_TYPES, TERMINAL_TYPES } from './session-log.js';

/** One thing done twice, and what. */
export interface Duplicate {
  readonly what: string;
}

/**
 * Everything the log holds more often than exactly-once allows, one entry per extra copy: a
 * report key (task/attempt/seq) folded twice, a task ended twice, a result item written into a
 * chat or queued for a reply twice, a generation answered or its answer spoken twice, a delivery
 * started, generated or spoken twice, a call id delivered by two deliveries (unless the second
 * is the one allowed redelivery after an interrupted reply).
 */
export function duplicateReplies(events: readonly StoredEvent[]): Duplicate[] {
  const found: Duplicate[] = [];
  const count = (keys: readonly string[], what: (key: string) => string): void => {
    const seen = new Map<string, number>();
    for (const key of keys) seen.set(key, (seen.get(key) ?? 0) + 1);
    for (const [key, times] of seen) for (let extra = 1; extra < times; extra += 1) found.push({ what: what(key) });
  };
  const folds = events.filter((event) => FOLDED_TYPES.has(event.type)).map(dataOf);
  count(
    folds.map((data) => `${String(data['taskId'])}/${String(data['attempt'])}/${String(data['seq'])}`),
    (key) => `report ${key} folded twice`,
  );
  count(
    events.filter((event) => TERMINAL_TYPES.has(event.type)).map((event) => String(dataOf(event)['taskId'])),
    (taskId) => `task ${taskId} ended twice`,
  );
  count(resultOutputs(events), (callId) => `output ${callId} written twice`);
  count(
    events.filter((event) => event.type === 'ReplyQueued').map((event) => (dataOf(event)['entry'] as { callId: string }).callId),
    (callId) => `${callId} queued for a reply twice`,
  );
  // The agent's ordinary answers are replies too: one completion per generation, spoken once.
  count(
    events.filter((event) => event.type === 'GenerationCompleted' || event.type === 'GenerationFailed').map((event) => String(dataOf(event)['generationId'])),
    (generationId) => `generation ${generationId} answered twice`,
  );
  count(
    events.flatMap((event) => (event.type === 'SpeechQueued' && dataOf(event)['generationId'] !== null ? [String(dataOf(event)['generationId'])] : [])),
    (generationId) => `the answer of generation ${generationId} spoken twice`,
  );
  const deliveries = deliveriesIn(events);
  for (const delivery of deliveries) {
    for (let extra = 1; extra < delivery.starts; extra += 1) found.push({ what: `delivery ${delivery.deliveryId} started twice` });
    for (let extra = 1; extra < delivery.replies.length; extra += 1) found.push({ what: `delivery ${delivery.deliveryId} generated twice` });
    for (let extra = 1; extra < delivery.spoken.length; extra += 1) found.push({ what: `delivery ${delivery.deliveryId} spoken twice` });
  }
  count(
    deliveredCallIds(events).filter((entry) => !entry.redelivery).map((entry) => entry.callId),
    (callId) => `${callId} delivered twice`,
  );
  return found;
}

/** The call ids of tool outputs written after the original call (`_update_n`, `_finished`): each is written once. */
function resultOutputs(events: readonly StoredEvent[]): string[] {
  return events.flatMap((event) => {
    if (event.type !== 'ChatItemAdded') return [];
    const item = dataOf(event)['item'] as { type: string; callId?: string };
    return item.type === 'function_call_output' && item.callId !== undefined && /_(finished|update_\d+)$/.test(item.callId) ? [item.callId] : [];
  });
}

/** Every call id each delivery covers (once per delivery, however often it restarted), marking the allowed redeliveries. */
function deliveredCallIds(events: readonly StoredEvent[]): { readonly callId: string; readonly redelivery: boolean }[] {
  const byDelivery = new Map<string, { readonly callIds: readonly string[]; readonly redelivered: readonly string[] }>();
  for (const event of events) {
    if (event.type !== 'ReplyDeliveryStarted') continue;
    const data = dataOf(event);
    if (!byDelivery.has(String(data['deliveryId']))) byDelivery.set(String(data['deliveryId']), { callIds: data['callIds'] as string[], redelivered: data['redeliveredCallIds'] as string[] });
  }
  return [...byDelivery.values()].flatMap(({ callIds, redelivered }) => callIds.map((callId) => ({ callId, redelivery: redelivered.includes(callId) })));
}
