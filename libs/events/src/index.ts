// Pure entry point of @aside/events: the vocabulary every process shares. zod only, no IO.
export { actorSchema, eventEnvelopeSchema, newEventSchema } from './envelope.js';
export type { Actor, EventEnvelope, NewEvent } from './envelope.js';
export { AsideError, InvalidEventError } from './errors.js';
export type { SchemaProblem } from './errors.js';
export { defineEvent } from './catalogue/define-event.js';
export type { EventDefinition, EventOf, PastVersion } from './catalogue/define-event.js';
export { createCatalogue } from './catalogue/catalogue.js';
export type { Catalogue, CatalogueEvent, ValidatedData } from './catalogue/catalogue.js';
export { asideCatalogue } from './catalogue/aside-catalogue.js';
export type { AsideEvent } from './catalogue/aside-catalogue.js';
export { SessionClosed, SessionStarted } from './catalogue/events/session-lifecycle.js';
export { formatSessionId, isSessionId, MAX_PARTITIONS, parseSessionId, sessionIdSchema } from './ids/session-id.js';
export type { ParsedSessionId } from './ids/session-id.js';
export { parseStreamName, streamName } from './ids/stream-name.js';
export type { StreamRef } from './ids/stream-name.js';
