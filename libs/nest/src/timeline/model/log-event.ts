import { parseStreamName, type AsideEventData, type AsideEventType } from '@aside/events';
import type { StoredEvent } from '@aside/events/store';
import type { LogPoint } from './timeline-model.js';

/**
 * A stored event narrowed by its type. The store validated (and upcast) its data against the
 * catalogue when it read it back, so the data has the catalogue's current shape.
 */
export type LogEvent = { [Type in AsideEventType]: StoredEvent & { readonly type: Type; readonly data: AsideEventData<Type> } }[AsideEventType];

export function asLogEvent(event: StoredEvent): LogEvent {
  return event as LogEvent;
}

export function pointOf(event: StoredEvent): LogPoint {
  return { position: event.position, at: event.recordedAt };
}

/** The activity whose stream holds the event (`activity/<sessionId>/<activityId>`), or '' for the session's own stream. */
export function activityOf(event: StoredEvent): string {
  const ref = parseStreamName(event.stream);
  return ref?.category === 'activity' ? (ref.entityId ?? '') : '';
}

/** Text shortened for a label, on a word boundary where one is near. */
export function shorten(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}
