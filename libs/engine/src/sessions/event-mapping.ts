import { parseStreamName, streamName, type NewEvent } from '@aside/events';
import type { StoredEvent } from '@aside/events/store';
import type { AggregateTag, CommandMetadata, DecidedEvent } from '@aside/domain';

export const SESSION_CATEGORY = 'session';
export const ACTIVITY_CATEGORY = 'activity';

export function streamOf(sessionId: string, aggregate: AggregateTag): string {
  return aggregate.kind === 'session' ? streamName(SESSION_CATEGORY, sessionId) : streamName(ACTIVITY_CATEGORY, sessionId, aggregate.activityId);
}

/**
 * Wraps the events of one decision in envelopes. Event ids derive from the command id, so a
 * retried command (same id, same idempotency key) describes the very same events.
 */
export function toNewEvents(sessionId: string, metadata: CommandMetadata, events: readonly DecidedEvent[]): NewEvent[] {
  return events.map((event, index) => ({
    id: `${metadata.commandId}.${index}`,
    type: event.type,
    stream: streamOf(sessionId, event.aggregate),
    occurredAt: metadata.now,
    actor: metadata.actor,
    causationId: metadata.commandId,
    correlationId: metadata.correlationId,
    data: event.data,
  }));
}

/** The decided event a stored one was, for folding the log back into state. */
export function toDecidedEvent(event: StoredEvent): DecidedEvent {
  const ref = parseStreamName(event.stream);
  const aggregate: AggregateTag =
    ref?.category === ACTIVITY_CATEGORY && ref.entityId !== undefined ? { kind: 'activity', activityId: ref.entityId } : { kind: 'session' };
  return { aggregate, type: event.type, data: event.data } as DecidedEvent;
}
