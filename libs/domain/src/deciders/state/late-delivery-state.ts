import type { AsideEvent, AsideEventData } from '@aside/events';
import { created, withEntry, withFields } from './copy-on-write.js';

/** One late result on its way to the session's webhook (DESIGN §4, SEMANTICS §10). */
export interface LateDeliveryState extends Readonly<AsideEventData<'LateResultQueued'>> {
  readonly status: 'pending' | 'delivered' | 'abandoned';
  /** POSTs whose outcome was recorded. */
  readonly attempts: number;
  /** When the next POST is due: at once when queued, then each failure's `retryAt`; null once settled. */
  readonly dueAt: string | null;
}

export type LateDeliveryTable = Readonly<Record<string, LateDeliveryState>>;

export function evolveLateDeliveries(deliveries: LateDeliveryTable, event: AsideEvent): LateDeliveryTable {
  switch (event.type) {
    case 'LateResultQueued':
      return withEntry(deliveries, event.data.deliveryId, created({ ...event.data, status: 'pending', attempts: 0, dueAt: event.data.occurredAt }));
    case 'LateResultAttemptFailed':
      return patch(deliveries, event.data.deliveryId, { attempts: event.data.attempt, dueAt: event.data.retryAt });
    case 'LateResultDelivered':
      return patch(deliveries, event.data.deliveryId, { status: 'delivered', attempts: event.data.attempt, dueAt: null });
    case 'LateResultAbandoned':
      return patch(deliveries, event.data.deliveryId, { status: 'abandoned', attempts: event.data.attempts, dueAt: null });
    default:
      return deliveries;
  }
}

function patch(deliveries: LateDeliveryTable, deliveryId: string, change: Partial<LateDeliveryState>): LateDeliveryTable {
  const delivery = deliveries[deliveryId];
  return delivery ? withEntry(deliveries, deliveryId, withFields(delivery, change)) : deliveries;
}
