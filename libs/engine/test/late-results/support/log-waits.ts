import type { EventStore, StoredEvent } from '@aside/events/store';

/** Resolves with the first event of the session's log (past or to come) that matches. */
export async function eventInLog(store: EventStore, sessionId: string, matches: (event: StoredEvent) => boolean): Promise<StoredEvent> {
  const controller = new AbortController();
  try {
    for await (const event of store.subscribeToLog(sessionId, { signal: controller.signal })) {
      if (matches(event)) return event;
    }
    throw new Error(`The log of ${sessionId} ended without the expected event`);
  } finally {
    controller.abort();
  }
}

export async function wholeLog(store: EventStore, sessionId: string): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for (let after = 0; ; ) {
    const page = await store.readLog(sessionId, { after, limit: 1_000 });
    events.push(...page.events);
    if (page.next === null) return events;
    after = page.next;
  }
}

export const ofType = (type: string) => (event: StoredEvent) => event.type === type;
