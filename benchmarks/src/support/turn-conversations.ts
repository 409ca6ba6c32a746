/**
 * The two kinds of conversation `npm run bench:turn` times, turn by turn, from the moment the
 * user's turn is handed over to the moment the agent's speech is:
 *
 * - through Aside: `Gateway.submitTurn` (what the HTTP/WebSocket transport calls) → the commit,
 *   the reactor reading it from the log, the LLM request built from the session state, the
 *   model, the commit of its answer (`SpeechQueued` + `SpeechStarted`) → the transport's log
 *   stream handing over `SpeechStarted`. The client then reports the speech played.
 * - the floor: no runtime at all — the same request (system message, the whole chat so far, the
 *   agent's tools) goes straight to the same fake model, and the speech counts as handed over
 *   when its whole reply is collected (as the gateway also waits for the whole reply).
 */
import type { Gateway } from '@aside/engine';
import { collect, type LlmMessage, type LlmPort, type LlmToolSpec } from '@aside/llm';
import { elapsedMs, nowNs } from './cancel-runner-protocol.js';
import { within } from './settable.js';
import { eventIn, holds, type CommitWatch } from './task-bench-commits.js';
import { replyTo } from './turn-fake-llm.js';
import { SpeechListener } from './turn-speech-listener.js';

const SPEECH_DEADLINE_MS = 10_000;

export interface TurnSample {
  /** User turn handed over → the agent's speech handed to the transport. */
  readonly toSpeechMs: number;
  /** User turn handed over → that speech committed (Aside only). */
  readonly toCommitMs?: number;
}

export interface Conversation {
  turn(text: string): Promise<TurnSample>;
  close(): Promise<void>;
}

export class GatewayConversation implements Conversation {
  private constructor(
    private readonly gateway: Gateway,
    private readonly commits: CommitWatch,
    private readonly sessionId: string,
    private readonly listener: SpeechListener,
  ) {}

  static async open(gateway: Gateway, commits: CommitWatch, agent: string): Promise<GatewayConversation> {
    const { sessionId } = await gateway.createSession({ agent, playout: 'client' });
    return new GatewayConversation(gateway, commits, sessionId, new SpeechListener(gateway, sessionId));
  }

  async turn(text: string): Promise<TurnSample> {
    const heard = this.listener.nextSpeech();
    const committed = this.commits.next(this.sessionId, holds('SpeechStarted'), 'agent speech committed', SPEECH_DEADLINE_MS);
    const submittedAtNs = nowNs();
    await this.gateway.submitTurn(this.sessionId, { text });
    const speech = await within(heard, SPEECH_DEADLINE_MS, `session ${this.sessionId}: agent speech handed to the transport`);
    const commit = await committed;
    if (speech.text !== replyTo(text) || eventIn(commit.committed, 'SpeechStarted')!.speechId !== speech.speechId || this.listener.unexpected > 0) {
      throw new Error(`Session ${this.sessionId}: the speech handed over (${JSON.stringify(speech.text)}) is not the answer to ${JSON.stringify(text)}`);
    }
    await this.gateway.reportPlayout(this.sessionId, { speechId: speech.speechId, status: 'played' });
    return { toSpeechMs: elapsedMs(submittedAtNs, speech.atNs), toCommitMs: elapsedMs(submittedAtNs, commit.atNs) };
  }

  async close(): Promise<void> {
    await this.listener.close();
    await this.gateway.closeSession(this.sessionId);
  }
}

export class FloorConversation implements Conversation {
  private readonly chat: LlmMessage[] = [];

  constructor(
    private readonly llm: LlmPort,
    private readonly instructions: string,
    private readonly tools: readonly LlmToolSpec[],
  ) {}

  async turn(text: string): Promise<TurnSample> {
    this.chat.push({ role: 'user', content: text });
    const request = { messages: [{ role: 'system' as const, content: this.instructions }, ...this.chat], tools: this.tools, toolChoice: 'auto' as const };
    const submittedAtNs = nowNs();
    const answer = await collect(this.llm.stream(request));
    const spokenAtNs = nowNs();
    if (answer.text !== replyTo(text)) throw new Error(`Floor: the answer ${JSON.stringify(answer.text)} does not answer ${JSON.stringify(text)}`);
    this.chat.push({ role: 'assistant', content: answer.text });
    return { toSpeechMs: elapsedMs(submittedAtNs, spokenAtNs) };
  }

  async close(): Promise<void> {
    // Nothing is held open.
  }
}
