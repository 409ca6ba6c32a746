import { ABORTED, raceAbort } from './abort-race.js';

/**
 * The agent has one voice (one audio track) in the room: speeches to different users are played
 * one after the other, in the order they asked. A speech barged in on while it waits leaves
 * the line without holding up the ones behind it.
 */
export class VoiceTurns {
  private tail: Promise<void> = Promise.resolve();

  /** Waits for the previous speeches; answers the release of this turn, or undefined if `signal` aborted first. */
  async take(signal: AbortSignal): Promise<(() => void) | undefined> {
    const previous = this.tail;
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    // The next speech waits for both: ours, and the one before ours even if we left early.
    this.tail = Promise.all([previous, mine]).then(() => undefined);
    if ((await raceAbort(previous, signal)) === ABORTED) {
      release();
      return undefined;
    }
    return release;
  }
}
