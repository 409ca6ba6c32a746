import type { GatewayApi } from '@aside/engine';
import type { StoredEvent } from '@aside/events/store';

/** A timeline draws at most this many events: a larger log is cut (and says so). */
export const MAX_TIMELINE_EVENTS = 20_000;
const PAGE = 1_000;

/** The session's log from the start, page by page through the same call as `GET /v1/sessions/:id/events`. */
export async function readSessionLog(api: GatewayApi, sessionId: string, max = MAX_TIMELINE_EVENTS): Promise<{ readonly events: StoredEvent[]; readonly truncated: boolean }> {
  const events: StoredEvent[] = [];
  let after = 0;
  for (;;) {
    const page = await api.readEvents(sessionId, { after, limit: Math.min(PAGE, max - events.length + 1) });
    events.push(...page.events);
    if (events.length > max) return { events: events.slice(0, max), truncated: true };
    if (page.next === null || page.events.length === 0) return { events, truncated: false };
    after = page.next;
  }
}
