import type { Actor, ChatItem, TaskReport } from '@aside/events';
import {
  decideSession,
  evolveSession,
  initialSessionState,
  type DeciderContext,
  type DecidedEvent,
  type LlmToolCall,
  type SessionCommand,
  type SessionState,
} from '../../../src/deciders/index.js';
import * as cmd from './commands.js';
import { defaultContext, expectStorable } from './given-when-then.js';

/**
 * A session driven command by command, as the shell would: each decision is folded into the
 * state and appended to the log. Helpers find the ids the deciders minted (generations,
 * speeches, deliveries) so a scenario reads like the conversation it is.
 */
export interface Scenario {
  readonly state: () => SessionState;
  readonly log: () => readonly DecidedEvent[];
  send(command: SessionCommand): readonly DecidedEvent[];
  userSays(text: string, allowInterruptions?: boolean): readonly DecidedEvent[];
  /** Completes the oldest generation still requested (of any activity). */
  llm(text: string, calls?: LlmToolCall[]): readonly DecidedEvent[];
  report(callId: string, body: TaskReport, options?: { attempt?: number; seq?: number; actor?: Actor }): readonly DecidedEvent[];
  /** Reports every queued or playing speech as played, oldest first, until none is left. */
  playAll(): readonly DecidedEvent[];
  /** Records a reply for the oldest delivery still generating. */
  reply(text: string): readonly DecidedEvent[];
  pendingGenerationIds(): string[];
  chat(activityId?: string): readonly ChatItem[];
}

export function scenario(agent = 'Plain', playout: 'client' | 'instant' = 'client', context: DeciderContext = defaultContext, managementTools?: 'when_live' | 'always'): Scenario {
  let state = initialSessionState();
  let log: DecidedEvent[] = [];
  const seqs = new Map<string, number>();

  const send = (command: SessionCommand): readonly DecidedEvent[] => {
    const events = decideSession(command, state, context);
    expectStorable(events);
    state = events.reduce(evolveSession, state);
    log = [...log, ...events];
    return events;
  };

  const pendingGenerationIds = () =>
    Object.values(state.activities).flatMap((activity) =>
      Object.values(activity.generations)
        .filter((generation) => generation.status === 'requested')
        .map((generation) => generation.generationId),
    );

  const self: Scenario = {
    state: () => state,
    log: () => log,
    send,
    userSays: (text, allowInterruptions) => send(cmd.userTurn(text, allowInterruptions)),
    llm(text, calls = []) {
      const generationId = pendingGenerationIds()[0];
      if (!generationId) throw new Error('no generation is pending');
      return send(cmd.completeGeneration(generationId, text, calls));
    },
    report(callId, body, options = {}) {
      const taskId = Object.entries(state.taskLocations)
        .map(([id]) => id)
        .find((id) => id.endsWith(`-${callId}`));
      if (!taskId) throw new Error(`no task for call ${callId}`);
      const attempt = options.attempt ?? 1;
      const key = `${taskId}/${attempt}`;
      const seq = options.seq ?? (body.type === 'started' ? 0 : (seqs.get(key) ?? 0) + 1);
      seqs.set(key, Math.max(seq, seqs.get(key) ?? 0));
      const command = cmd.report(taskId, attempt, seq, body);
      return send(options.actor ? { ...command, metadata: { ...command.metadata, actor: options.actor } } : command);
    },
    playAll() {
      const all: DecidedEvent[] = [];
      for (let guard = 0; guard < 50; guard += 1) {
        const speech = state.playing ?? state.speechQueue[0];
        if (!speech) break;
        all.push(...send(cmd.played(speech.speechId)));
      }
      return all;
    },
    reply(text) {
      const delivery = Object.values(state.deliveries).find((candidate) => candidate.status === 'generating');
      if (!delivery) throw new Error('no delivery is generating');
      return send(cmd.recordReply(delivery.deliveryId, text));
    },
    pendingGenerationIds,
    chat: (activityId) => state.activities[activityId ?? state.currentActivityId ?? '']?.chat ?? [],
  };
  send(cmd.startSession(agent, playout, managementTools));
  return self;
}

export function ofType<Type extends DecidedEvent['type']>(events: readonly DecidedEvent[], type: Type): Extract<DecidedEvent, { type: Type }>[] {
  return events.filter((event): event is Extract<DecidedEvent, { type: Type }> => event.type === type);
}

export function types(events: readonly DecidedEvent[]): string[] {
  return events.map((event) => event.type);
}

export function outputsOf(items: readonly ChatItem[]): { callId: string; output: string; isError: boolean }[] {
  return items.flatMap((item) => (item.type === 'function_call_output' ? [{ callId: item.callId, output: item.output, isError: item.isError }] : []));
}
