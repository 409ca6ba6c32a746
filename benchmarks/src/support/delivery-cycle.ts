/**
 * One conversation of `npm run bench:delivery` (client playout): the user asks for news, the
 * `narrate` tool goes async and the agent acknowledges. The delivery decision is then timed for
 * each thing that makes the agent idle while a result waits (`letResultWait`, then `makeIdle`):
 *
 * - speech finished: an update arrives while the agent's speech plays (it waits in a batch);
 *   the client reports the speech played → `SpeechFinished` and `ReplyDeliveryStarted`;
 * - user stopped speaking: that reply plays out; the user starts talking; an update arrives
 *   (it waits); the user stops → `UserStateChanged` and `ReplyDeliveryStarted`.
 *
 * Each interval runs from the call of the gateway API a transport makes (`reportPlayout`,
 * `setUserState`) to the engine's commit listener seeing the commit that holds
 * `ReplyDeliveryStarted` — the atomic snapshot-and-clear of the batch, decided in the same
 * commit as the event that made the agent idle (checked). The reply's LLM call comes after it
 * and is outside; `makeIdle` resolves once the reply is spoken (playing: the next speech).
 */
import type { Gateway } from '@aside/engine';
import type { AsideEventType } from '@aside/events';
import { elapsedMs, nowNs } from './cancel-runner-protocol.js';
import type { NarrationGates } from './delivery-narrator-tool.js';
import { eventIn, holds, type CommitWatch } from './task-bench-commits.js';

export type Trigger = 'speech finished' | 'user stopped speaking';

export const TRIGGERS: readonly Trigger[] = ['speech finished', 'user stopped speaking'];

export interface DeliverySample {
  readonly trigger: Trigger;
  readonly ms: number;
}

export interface NarrationParts {
  readonly gateway: Gateway;
  readonly commits: CommitWatch;
  readonly gates: NarrationGates;
  readonly agent: string;
}

export class NarratedSession {
  private constructor(
    private readonly parts: NarrationParts,
    readonly sessionId: string,
    /** The agent speech playing now. */
    private speechId: string,
  ) {}

  /** A session whose agent has dispatched `narrate` and is speaking its acknowledgement. */
  static async open(parts: NarrationParts): Promise<NarratedSession> {
    const { sessionId } = await parts.gateway.createSession({ agent: parts.agent, playout: 'client' });
    const acknowledged = parts.commits.next(sessionId, holds('SpeechStarted'), 'acknowledgement spoken');
    await parts.gateway.submitTurn(sessionId, { text: 'Tell me the news as it comes.' });
    return new NarratedSession(parts, sessionId, eventIn((await acknowledged).committed, 'SpeechStarted')!.speechId);
  }

  /**
   * Leaves a result waiting while the agent is busy: for `speech finished`, an update arrives
   * while the agent's speech plays; for `user stopped speaking`, that speech plays out, the user
   * starts talking, and an update arrives.
   */
  async letResultWait(trigger: Trigger): Promise<void> {
    const { gateway } = this.parts;
    if (trigger === 'user stopped speaking') {
      await gateway.reportPlayout(this.sessionId, { speechId: this.speechId, status: 'played' });
      await gateway.setUserState(this.sessionId, { speaking: true });
    }
    await this.updateArrivesWhileBusy();
  }

  /** Makes the agent idle as `trigger` says and times the delivery decision; resolves once the reply is spoken. */
  makeIdle(trigger: Trigger): Promise<DeliverySample> {
    const { gateway } = this.parts;
    return trigger === 'speech finished'
      ? this.timeDecision(trigger, 'SpeechFinished', () => gateway.reportPlayout(this.sessionId, { speechId: this.speechId, status: 'played' }))
      : this.timeDecision(trigger, 'UserStateChanged', () => gateway.setUserState(this.sessionId, { speaking: false }));
  }

  close(): Promise<void> {
    return this.parts.gateway.closeSession(this.sessionId);
  }

  /** The body sends its next update; its fold must leave it waiting (the agent is not idle). */
  private async updateArrivesWhileBusy(): Promise<void> {
    const folded = this.parts.commits.next(this.sessionId, (committed) => (eventIn(committed, 'TaskProgressed')?.update ?? 0) > 1, 'update folded');
    this.parts.gates.open(this.sessionId);
    if (holds('ReplyDeliveryStarted')((await folded).committed)) throw new Error(`Session ${this.sessionId}: the update was delivered at once, the agent was idle`);
  }

  private async timeDecision(trigger: Trigger, triggerEvent: AsideEventType, act: () => Promise<void>): Promise<DeliverySample> {
    const { commits } = this.parts;
    const decided = commits.next(this.sessionId, holds('ReplyDeliveryStarted'), `delivery decided on ${trigger}`);
    const spoken = commits.next(this.sessionId, (committed) => holds('SpeechStarted')(committed) && eventIn(committed, 'SpeechQueued')?.deliveryId != null, 'deferred reply spoken');
    const actedAtNs = nowNs();
    await act();
    const { atNs, committed } = await decided;
    if (!holds(triggerEvent)(committed)) throw new Error(`Session ${this.sessionId}: the delivery was not decided in the commit of "${trigger}"`);
    const callIds = eventIn(committed, 'ReplyDeliveryStarted')!.callIds;
    if (callIds.length !== 1) throw new Error(`Session ${this.sessionId}: the delivery took ${callIds.length} results, expected the one waiting`);
    this.speechId = eventIn((await spoken).committed, 'SpeechStarted')!.speechId;
    return { trigger, ms: elapsedMs(actedAtNs, atNs) };
  }
}

/**
 * One round over N sessions, per trigger: each leaves a result waiting, then every agent is made
 * idle in the same tick (each clock starts right before its own call), so the N decisions
 * compete as N simultaneous idle moments would; the round ends once every reply is spoken.
 */
export async function deliveryRound(sessions: readonly NarratedSession[]): Promise<DeliverySample[]> {
  const samples: DeliverySample[] = [];
  for (const trigger of TRIGGERS) {
    await Promise.all(sessions.map((session) => session.letResultWait(trigger)));
    samples.push(...(await Promise.all(sessions.map((session) => session.makeIdle(trigger)))));
  }
  return samples;
}
