import type { EventStore, StoredEvent } from '@aside/events/store';
import { HttpStatusError, type SessionsClient } from '@aside/testing-deployment';
import { setTimeout as sleep } from 'node:timers/promises';
import { readSessionLog } from '../checker/read-session-log.js';

/** How often the front end looks for speech that started: about the length of a very short utterance. */
const LISTEN_EVERY_MS = 20;

/**
 * The soak's voice front end for sessions with `client` playout: every speech that started is
 * "played" and reported as such shortly after, to whichever gateway owns the session then. A
 * scenario can hold the reports back — to kill the owner while a reply is playing — and let them
 * go again.
 */
export class ClientPlayout {
  private readonly sessions = new Set<string>();
  /** `<sessionId>/<speechId>`: speech ids are numbered per session. */
  private readonly reported = new Set<string>();
  private held = false;
  private stopped = false;
  private readonly loop: Promise<void>;

  constructor(
    private readonly store: EventStore,
    private readonly client: SessionsClient,
  ) {
    this.loop = this.listen();
  }

  follow(sessionId: string): void {
    this.sessions.add(sessionId);
  }

  unfollow(sessionId: string): void {
    this.sessions.delete(sessionId);
  }

  /** Speech keeps playing (no report) until `resume`. */
  hold(): void {
    this.held = true;
  }

  resume(): void {
    this.held = false;
  }

  async close(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }

  private async listen(): Promise<void> {
    while (!this.stopped) {
      if (!this.held) for (const sessionId of [...this.sessions]) await this.playStartedSpeech(sessionId);
      await sleep(LISTEN_EVERY_MS);
    }
  }

  private async playStartedSpeech(sessionId: string): Promise<void> {
    let events: readonly StoredEvent[];
    try {
      events = (await readSessionLog(this.store, sessionId)).events;
    } catch {
      return; // Redis restarting: listen again next time
    }
    for (const speechId of playing(events)) {
      const key = `${sessionId}/${speechId}`;
      if (this.held || this.reported.has(key)) continue;
      try {
        await this.client.reportPlayout(sessionId, speechId);
        this.reported.add(key);
      } catch (error) {
        // Refused because it already finished (its playout timed out, the session closed): nothing to report.
        if (error instanceof HttpStatusError && error.response.status === 409) this.reported.add(key);
      }
    }
  }
}

/** The speeches that started and did not finish, by id. */
export function playing(events: readonly StoredEvent[]): string[] {
  const finished = new Set(events.filter((event) => event.type === 'SpeechFinished').map((event) => (event.data as { speechId: string }).speechId));
  return events.filter((event) => event.type === 'SpeechStarted').map((event) => (event.data as { speechId: string }).speechId).filter((speechId) => !finished.has(speechId));
}
