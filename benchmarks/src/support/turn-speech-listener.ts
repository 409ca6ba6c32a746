/**
 * What a transport sees of a session's speech, for `npm run bench:turn`: it follows the
 * session's log through `Gateway.streamEvents` — exactly as the WebSocket stream does — and
 * notes the moment each `SpeechStarted` is handed to it ("the shell sends the speech to the
 * client when it sees this"), with the text its `SpeechQueued` carried.
 */
import type { Gateway } from '@aside/engine';
import type { AsideEventData } from '@aside/events';
import { nowNs } from './cancel-runner-protocol.js';
import { settable, type Settable } from './settable.js';

export interface HeardSpeech {
  readonly atNs: bigint;
  readonly speechId: string;
  readonly text: string;
}

export class SpeechListener {
  private readonly texts = new Map<string, string>();
  private readonly controller = new AbortController();
  private readonly following: Promise<void>;
  private waiter: Settable<HeardSpeech> | undefined;
  /** A speech started while nobody waited for one: the flow was not the one timed. */
  unexpected = 0;

  constructor(gateway: Gateway, sessionId: string) {
    this.following = this.follow(gateway, sessionId);
  }

  /** The next speech handed to the transport; ask before the turn that causes it. */
  nextSpeech(): Promise<HeardSpeech> {
    this.waiter = settable<HeardSpeech>();
    return this.waiter.promise;
  }

  async close(): Promise<void> {
    this.controller.abort();
    await this.following;
  }

  private async follow(gateway: Gateway, sessionId: string): Promise<void> {
    try {
      for await (const event of gateway.streamEvents(sessionId, { after: 0, signal: this.controller.signal })) {
        if (event.type === 'SpeechQueued') {
          const { speechId, text } = event.data as AsideEventData<'SpeechQueued'>;
          this.texts.set(speechId, text);
        } else if (event.type === 'SpeechStarted') {
          const atNs = nowNs();
          const { speechId } = event.data as AsideEventData<'SpeechStarted'>;
          if (this.waiter === undefined) this.unexpected += 1;
          this.waiter?.resolve({ atNs, speechId, text: this.texts.get(speechId) ?? '' });
          this.waiter = undefined;
          this.texts.delete(speechId);
        }
      }
    } catch (error) {
      // The turn waiting for a speech then runs into its deadline and says so.
      if (!this.controller.signal.aborted) console.error(`[turn] the log stream of ${sessionId} failed:`, error);
    }
  }
}
