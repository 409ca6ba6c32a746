import { agent, createAgentRegistry, tool, type DeciderContext } from '@aside/domain';
import type { Committed, EngineCommand, SessionEngine } from '@aside/engine';
import type { TaskReport } from '@aside/events';
import { z } from 'zod';

const AGENT = 'parcel_desk';
const TRACK_PARCEL = 'track_parcel';
/** Updates per tracked parcel after the first: each writes chat items and queues a deferred reply. */
const LATER_UPDATES = 5;
const actor = { kind: 'gateway', id: 'bench-rehydration' } as const;

type Step = readonly [commandId: string, command: Omit<EngineCommand, 'metadata'>];

/**
 * The agent whose conversations the bench writes. Its tool's body never runs here: the driver
 * plays the runner's reports itself, so only the definition (name, schema, policies) matters.
 */
export function rehydrationContext(): DeciderContext {
  const trackParcel = tool({
    name: TRACK_PARCEL,
    description: 'Tracks a parcel and reports where it is.',
    parameters: z.object({ parcel: z.number().int() }),
    execute: () => 'delivered',
  });
  return { registry: createAgentRegistry([agent({ name: AGENT, instructions: 'You track parcels.', tools: [trackParcel] })]) };
}

/**
 * Grows one session's log through the real engine with the commands a gateway and a runner
 * send in a long voice call where the caller keeps asking to track parcels. Each round: a user
 * turn → the LLM calls `track_parcel` → the task starts → its first update makes it async (the
 * LLM acknowledges) → five later updates and the result, each spoken as a deferred reply. About
 * 40 log events a round, and the chat context grows all along as in a real call, so the state a
 * cold gateway rebuilds is not a toy.
 *
 * It plays the reactor's part itself — answers each GenerationRequested and ReplyDeliveryStarted
 * with the command the reactor would send, at once, playout `instant` — so no LLM, queue or
 * subscription is involved and writing stays quick. Commands run one at a time, so the log can
 * be stopped at any event count (a takeover may happen mid-turn).
 */
export class ParcelConversation {
  private position = 0;
  private round = 0;
  private taskId: string | undefined;
  /** What the shell must answer before the script goes on. */
  private readonly reactions: Step[] = [];
  private readonly script: Iterator<Step>;

  constructor(
    private engine: SessionEngine,
    readonly sessionId: string,
  ) {
    this.script = this.rounds();
  }

  /** Goes on writing through another engine (e.g. one that does not snapshot). */
  continueWith(engine: SessionEngine): void {
    this.engine = engine;
  }

  /** Executes commands until the log holds at least `events` events; returns its position. */
  async growTo(events: number): Promise<number> {
    while (this.position < events) await this.step();
    return this.position;
  }

  private async step(): Promise<void> {
    const [commandId, command] = this.reactions.shift() ?? this.script.next().value!;
    const committed = await this.engine.execute(this.sessionId, { ...command, metadata: { commandId, actor, correlationId: commandId } } as EngineCommand);
    if (committed.events.length === 0) throw new Error(`${command.type} ${commandId} decided nothing: the conversation script went off the rails`);
    this.position = committed.position;
    for (const event of committed.events) this.react(event);
  }

  private *rounds(): Generator<Step, never> {
    yield [`${this.sessionId}.start`, { type: 'StartSession', data: { sessionId: this.sessionId, agent: AGENT, playout: 'instant', partition: 0 } }];
    for (;;) {
      this.round += 1;
      this.taskId = undefined;
      yield [`turn-${this.round}`, { type: 'SubmitUserTurn', data: { text: `Where is parcel ${this.round}?` } }];
      // Pulled only once the turn's reactions ran, so the LLM's tool call made the task.
      const taskId = this.taskId;
      if (taskId === undefined) throw new Error(`Turn ${this.round} requested no task: the scripted LLM did not call the tool`);
      const report = (seq: number, body: TaskReport): Step => [`${taskId}.1.${seq}`, { type: 'FoldReport', data: { taskId, attempt: 1, seq, report: body } }];
      yield report(0, { type: 'started' });
      for (let update = 1; update <= 1 + LATER_UPDATES; update += 1) {
        yield report(update, { type: 'progress', message: `parcel ${this.round} passed sorting centre ${update}` });
      }
      yield report(2 + LATER_UPDATES, { type: 'succeeded', result: `parcel ${this.round} delivered to the front door`, handoff: null });
    }
  }

  /** The reactor's answers, with its command ids; the LLM's part is scripted. */
  private react(event: Committed['events'][number]): void {
    if (event.type === 'TaskRequested') this.taskId = event.data.taskId;
    if (event.type === 'GenerationRequested') {
      const { generationId, purpose } = event.data;
      // A user turn asks for the tool; the reply after its first update just acknowledges.
      const toolCalls = purpose === 'user_turn' ? [{ callId: `call-${this.round}`, name: TRACK_PARCEL, arguments: JSON.stringify({ parcel: this.round }) }] : [];
      const text = purpose === 'user_turn' ? '' : `I am tracking parcel ${this.round} now.`;
      this.reactions.push([`${generationId}.completed`, { type: 'CompleteGeneration', data: { generationId, text, toolCalls } }]);
    }
    if (event.type === 'ReplyDeliveryStarted') {
      const { deliveryId } = event.data;
      this.reactions.push([`${deliveryId}.reply`, { type: 'RecordReply', data: { deliveryId, text: `By the way, parcel ${this.round} has moved on.` } }]);
    }
  }
}
