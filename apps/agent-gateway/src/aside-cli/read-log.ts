import type { EventStore, StoredEvent } from '@aside/events/store';

const PAGE = 1_000;

/** The session log after `after`, page by page, up to its end as it is now (or to `upTo`, inclusive). */
export async function* readLog(store: Pick<EventStore, 'readLog'>, sessionId: string, options: { readonly after?: number; readonly upTo?: number } = {}): AsyncIterable<StoredEvent> {
  const upTo = options.upTo ?? Number.POSITIVE_INFINITY;
  let after = options.after ?? 0;
  while (after < upTo) {
    const page = await store.readLog(sessionId, { after, limit: PAGE });
    for (const event of page.events) {
      if (event.position > upTo) return;
      yield event;
      after = event.position;
    }
    if (page.next === null) return;
  }
}
