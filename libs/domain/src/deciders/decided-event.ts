import type { AsideEvent, AsideEventData, AsideEventType } from '@aside/events';

/**
 * Which aggregate an event belongs to. The shell appends it to `session/<sessionId>` or to
 * `activity/<sessionId>/<activityId>` and wraps it in the envelope; the domain never sees streams.
 */
export type AggregateTag = { readonly kind: 'session' } | { readonly kind: 'activity'; readonly activityId: string };

export type DecidedEvent = AsideEvent & { readonly aggregate: AggregateTag };

export const SESSION_AGGREGATE: AggregateTag = { kind: 'session' };

export function sessionEvent<Type extends AsideEventType>(type: Type, data: AsideEventData<Type>): DecidedEvent {
  return { aggregate: SESSION_AGGREGATE, type, data } as DecidedEvent;
}

export function activityEvent<Type extends AsideEventType>(
  activityId: string,
  type: Type,
  data: AsideEventData<Type>,
): DecidedEvent {
  return { aggregate: { kind: 'activity', activityId }, type, data } as DecidedEvent;
}

export function eventOn<Type extends AsideEventType>(
  aggregate: AggregateTag,
  type: Type,
  data: AsideEventData<Type>,
): DecidedEvent {
  return { aggregate, type, data } as DecidedEvent;
}
