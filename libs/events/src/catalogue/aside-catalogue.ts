import { createCatalogue, type CatalogueEvent } from './catalogue.js';
import { SessionClosed, SessionStarted } from './events/session-lifecycle.js';

/** Every event Aside writes. A type missing here cannot reach a store. */
export const asideCatalogue = createCatalogue([SessionStarted, SessionClosed]);

export type AsideEvent = CatalogueEvent<typeof asideCatalogue>;
