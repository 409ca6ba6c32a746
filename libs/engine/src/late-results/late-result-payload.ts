import type { LateDeliveryState } from '@aside/domain';

/**
 * The JSON body POSTed for a late result: `{ sessionId, taskId, callId, toolName, result | error,
 * occurredAt, deliveryId }`. Built from the log alone, so every attempt — by whichever gateway —
 * sends the very same bytes (and the same signature).
 */
export function lateResultPayload(sessionId: string, delivery: LateDeliveryState): string {
  const { deliveryId, taskId, callId, toolName, outcome, occurredAt } = delivery;
  const value = outcome.type === 'result' ? { result: outcome.result } : { error: { kind: outcome.kind, message: outcome.message } };
  return JSON.stringify({ sessionId, taskId, callId, toolName, ...value, occurredAt, deliveryId });
}
