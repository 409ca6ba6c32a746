import { CorruptEventError, type EventStore, type StoredEvent } from '@aside/events/store';
import type { SessionLog } from './session-log.js';

const PAGE = 500;

/**
 * Reads a session's whole log back from the store, the way every reader gets it (decoded,
 * upcast, envelope-checked), between two reads of its counter. An entry that does not decode is kept aside with the reason and
 * reading goes on after it, so one bad entry neither hides the rest nor stops the soak.
 */
export async function readSessionLog(store: EventStore, sessionId: string): Promise<SessionLog> {
  const counterBefore = await store.logPosition(sessionId);
  const events: StoredEvent[] = [];
  const unreadable: { position: number; reason: string }[] = [];
  let after = 0;
  for (;;) {
    let page;
    try {
      page = await store.readLog(sessionId, { after, limit: PAGE });
    } catch (error) {
      if (!(error instanceof CorruptEventError) || error.position <= after) throw error;
      // The entries before the bad one are fine: take them, note it, and go on past it.
      if (error.position > after + 1) events.push(...(await store.readLog(sessionId, { after, limit: error.position - after - 1 })).events);
      unreadable.push({ position: error.position, reason: error.message });
      after = error.position;
      continue;
    }
    events.push(...page.events);
    if (page.next === null) break;
    after = page.next;
  }
  return { sessionId, events, unreadable, counter: { before: counterBefore, after: await store.logPosition(sessionId) } };
}
