import fc from 'fast-check';
import type { TaskReport } from '@aside/events';
import {
  allTasks,
  decideSession,
  DomainError,
  evolveSession,
  initialSessionState,
  isTerminal,
  type DecidedEvent,
  type SessionCommand,
  type SessionState,
} from '../../../src/deciders/index.js';
import { call, command, completeGeneration, report, startSession } from '../../deciders/support/commands.js';
import { defaultContext } from '../../deciders/support/given-when-then.js';

/**
 * Random conversations for property tests: a list of abstract actions, each interpreted against
 * the state reached so far (e.g. "report on the n-th live task"), so any interleaving of user
 * turns, LLM answers, tool reports, playout, user speech, agent tasks, handoffs, cancels,
 * deliveries and stale reports can be generated. Refused commands (DomainError) are skipped;
 * any other exception fails the property.
 */
const TOOLS = ['search', 'book', 'track', 'collect_email', 'transfer_to_billing', 'transfer_to_concierge', 'refund', 'cancel_task', 'get_running_tasks', 'submit_email'] as const;
const OUTCOMES = ['started', 'progress', 'progress', 'progress', 'progress', 'progress', 'succeeded', 'succeeded', 'tool_error', 'internal', 'cancelled', 'nothing', 'handoff', 'retry'] as const;

export type Action =
  | { readonly kind: 'user'; readonly allowInterruptions: boolean }
  | { readonly kind: 'llm'; readonly pick: number; readonly text: boolean; readonly calls: readonly { tool: number; arg: number; confirm: boolean }[] }
  | { readonly kind: 'report'; readonly pick: number; readonly outcome: (typeof OUTCOMES)[number] }
  | { readonly kind: 'playout'; readonly status: 'played' | 'interrupted' | 'timed_out' }
  | { readonly kind: 'user_state'; readonly speaking: boolean; readonly endOfTurnPending: boolean }
  | { readonly kind: 'reply'; readonly empty: boolean; readonly fail: boolean }
  | { readonly kind: 'fail_generation'; readonly pick: number }
  | { readonly kind: 'agent_task' }
  | { readonly kind: 'complete_agent_task' }
  | { readonly kind: 'cancel'; readonly pick: number }
  | { readonly kind: 'stale'; readonly pick: number; readonly variant: 'repeat' | 'older_attempt' | 'after_terminal' }
  | { readonly kind: 'quiesce'; readonly interruptReplies: boolean }
  | { readonly kind: 'close' };

const pick = fc.nat({ max: 20 });

export const actionArbitrary: fc.Arbitrary<Action> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('user' as const), allowInterruptions: fc.constantFrom(true, true, true, false) }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('llm' as const),
      pick,
      text: fc.boolean(),
      calls: fc.array(fc.record({ tool: fc.nat({ max: TOOLS.length - 1 }), arg: fc.nat({ max: 2 }), confirm: fc.boolean() }), { minLength: 0, maxLength: 3, size: 'max' }),
    }),
  },
  { weight: 14, arbitrary: fc.record({ kind: fc.constant('report' as const), pick, outcome: fc.constantFrom(...OUTCOMES) }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('playout' as const), status: fc.constantFrom('played' as const, 'played' as const, 'interrupted' as const, 'timed_out' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('user_state' as const), speaking: fc.boolean(), endOfTurnPending: fc.constantFrom(false, false, true) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('quiesce' as const), interruptReplies: fc.constantFrom(false, false, true) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('reply' as const), empty: fc.boolean(), fail: fc.constantFrom(false, false, false, true) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('fail_generation' as const), pick }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'agent_task' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'complete_agent_task' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('stale' as const), pick, variant: fc.constantFrom('repeat' as const, 'older_attempt' as const, 'after_terminal' as const) }) },
);

/** Long conversations (the interesting interleavings need many steps), closed at the end or not. */
export const conversationArbitrary: fc.Arbitrary<readonly Action[]> = fc
  .tuple(fc.array(actionArbitrary, { minLength: 10, maxLength: 80, size: 'max' }), fc.boolean())
  .map(([actions, close]) => (close ? [...actions, { kind: 'close' as const }] : actions));

export interface Decided {
  readonly command: SessionCommand;
  readonly before: SessionState;
  readonly events: readonly DecidedEvent[];
  readonly after: SessionState;
  /** True for a report the interpreter knew to be stale or repeated when it sent it. */
  readonly stale: boolean;
}

export interface Run {
  readonly decisions: readonly Decided[];
  readonly log: readonly DecidedEvent[];
  readonly state: SessionState;
}

export function runConversation(actions: readonly Action[], agent = 'Concierge'): Run {
  let state = initialSessionState();
  const decisions: Decided[] = [];
  const folded: SessionCommand[] = [];
  const runner = new Map<string, { attempt: number; seq: number }>();
  let calls = 0;

  const send = (cmd: SessionCommand | undefined, stale = false): void => {
    if (!cmd) return;
    let events: DecidedEvent[];
    try {
      events = decideSession(cmd, state, defaultContext);
    } catch (error) {
      if (error instanceof DomainError) return;
      throw error;
    }
    const before = state;
    state = events.reduce(evolveSession, state);
    decisions.push({ command: cmd, before, events, after: state, stale });
    if (cmd.type === 'FoldReport' && events[0]?.type !== 'ReportDiscarded') folded.push(cmd);
  };

  const nth = <T>(items: readonly T[], n: number): T | undefined => (items.length === 0 ? undefined : items[n % items.length]);
  const liveTasks = () => allTasks(state).filter((task) => !isTerminal(task));

  send(startSession(agent, 'client'));
  for (const action of actions) {
    switch (action.kind) {
      case 'user':
        send(command('SubmitUserTurn', { text: 'hello', allowInterruptions: action.allowInterruptions }));
        break;
      case 'llm': {
        const pending = Object.values(state.activities).flatMap((a) => Object.values(a.generations).filter((g) => g.status === 'requested'));
        const generation = nth(pending, action.pick);
        if (!generation) {
          send(command('SubmitUserTurn', { text: 'hello' }));
          break;
        }
        const llmCalls = action.calls.map((spec) => {
          calls += 1;
          const tool = TOOLS[spec.tool]!;
          const live = liveTasks();
          const args =
            tool === 'cancel_task'
              ? { call_id: nth(live, spec.arg)?.callId ?? 'nope' }
              : { query: `q${spec.arg}`, destination: `d${spec.arg}`, parcel: `p${spec.arg}`, email: 'a@b.c', ...(spec.confirm ? { confirm_duplicate: true } : {}) };
          return call(`c${calls}`, tool, args);
        });
        send(completeGeneration(generation.generationId, action.text ? 'Some words.' : '', llmCalls));
        break;
      }
      case 'report': {
        const transfers = liveTasks().filter((candidate) => candidate.toolName.startsWith('transfer_to_'));
        const task = action.outcome === 'handoff' && transfers.length > 0 ? nth(transfers, action.pick) : nth(liveTasks(), action.pick);
        if (!task) {
          // Nothing runs: start some work instead, so reports have something to report on.
          const generation = Object.values(state.activities).flatMap((a) => Object.values(a.generations).filter((g) => g.status === 'requested'))[0];
          calls += 1;
          const tool = (['search', 'book', 'track'] as const)[action.pick % 3]!;
          if (generation) send(completeGeneration(generation.generationId, '', [call(`c${calls}`, tool, { query: 'q', destination: 'd', parcel: 'p' })]));
          else send(command('SubmitUserTurn', { text: 'do something' }));
          break;
        }
        const at = runner.get(task.taskId) ?? { attempt: 1, seq: -1 };
        const { next, body } = runnerReport(at, action.outcome, task.toolName);
        runner.set(task.taskId, next);
        send(report(task.taskId, next.attempt, next.seq, body));
        break;
      }
      case 'playout': {
        const speech = state.playing ?? state.speechQueue[0];
        if (speech) send(command('ReportPlayout', { speechId: speech.speechId, status: action.status }));
        break;
      }
      case 'user_state':
        send(command('ChangeUserState', { speaking: action.speaking, endOfTurnPending: action.endOfTurnPending }));
        break;
      case 'reply': {
        const delivery = Object.values(state.deliveries).find((d) => d.status === 'generating');
        if (!delivery) break;
        send(
          action.fail
            ? command('FailReply', { deliveryId: delivery.deliveryId, message: 'llm down' })
            : command('RecordReply', { deliveryId: delivery.deliveryId, text: action.empty ? '' : 'By the way…' }),
        );
        break;
      }
      case 'fail_generation': {
        const pending = Object.values(state.activities).flatMap((a) => Object.values(a.generations).filter((g) => g.status === 'requested'));
        const generation = nth(pending, action.pick);
        if (generation) send(command('FailGeneration', { generationId: generation.generationId, message: 'llm down' }));
        break;
      }
      case 'agent_task': {
        const task = liveTasks().find((candidate) => candidate.toolName === 'collect_email' && candidate.updates === 0);
        if (task) send(command('StartAgentTask', { taskId: task.taskId, agent: 'GetEmailTask' }));
        break;
      }
      case 'complete_agent_task': {
        const current = state.currentActivityId;
        if (current && state.activities[current]?.kind === 'task') send(command('CompleteAgentTask', { activityId: current, result: { email: 'a@b.c' } }));
        break;
      }
      case 'cancel': {
        const task = nth(liveTasks(), action.pick);
        if (task) send(command('CancelTask', { callId: task.callId }));
        break;
      }
      case 'stale': {
        if (action.variant === 'repeat') {
          const previous = nth(folded, action.pick);
          if (previous) send({ ...previous, metadata: { ...previous.metadata, commandId: `${previous.metadata.commandId}-again` } }, true);
        } else if (action.variant === 'older_attempt') {
          const task = nth(
            allTasks(state).filter((candidate) => candidate.attempt >= 2),
            action.pick,
          );
          if (task) send(report(task.taskId, task.attempt - 1, 10_000, { type: 'progress', message: 'zombie' }), true);
        } else {
          const task = nth(allTasks(state).filter(isTerminal), action.pick);
          if (task) send(report(task.taskId, Math.max(1, task.attempt), task.lastSeq + 1, { type: 'succeeded', result: 'late', handoff: null }), true);
        }
        break;
      }
      case 'quiesce':
        // Drive towards idle, the moment deliveries happen: the user falls silent, the LLM
        // answers without tool calls, replies are recorded, speech plays (or the user cuts a
        // deferred reply short).
        for (let round = 0; round < 8; round += 1) {
          if (state.status !== 'active') break;
          if (state.user.speaking || state.user.endOfTurnPending) send(command('ChangeUserState', { speaking: false, endOfTurnPending: false }));
          const generation = Object.values(state.activities).flatMap((a) => Object.values(a.generations).filter((g) => g.status === 'requested'))[0];
          if (generation) send(completeGeneration(generation.generationId, 'Okay.', []));
          const delivery = Object.values(state.deliveries).find((d) => d.status === 'generating');
          if (delivery) send(command('RecordReply', { deliveryId: delivery.deliveryId, text: 'By the way…' }));
          const speech = state.playing ?? state.speechQueue[0];
          if (speech) {
            const isReply = Object.values(state.deliveries).some((d) => d.speechId === speech.speechId);
            send(command('ReportPlayout', { speechId: speech.speechId, status: isReply && action.interruptReplies ? 'interrupted' : 'played' }));
          }
          if (!generation && !delivery && !speech) break;
        }
        break;
      case 'close':
        send(command('CloseSession', { reason: 'client' }));
        break;
    }
  }
  return { decisions, log: decisions.flatMap((decision) => decision.events), state };
}

/** What a well-behaved runner sends next for this task: `started` first, then progress, then one terminal report. */
function runnerReport(
  at: { readonly attempt: number; readonly seq: number },
  outcome: (typeof OUTCOMES)[number],
  toolName: string,
): { next: { attempt: number; seq: number }; body: TaskReport } {
  const following = { attempt: at.attempt, seq: at.seq + 1 };
  switch (outcome) {
    case 'started':
      return at.seq === -1 ? { next: { attempt: at.attempt, seq: 0 }, body: { type: 'started' } } : runnerReport(at, 'progress', toolName);
    case 'retry':
      return { next: { attempt: at.attempt + 1, seq: 0 }, body: { type: 'started' } };
    case 'progress':
      return { next: following, body: { type: 'progress', message: `step ${following.seq}` } };
    case 'succeeded':
      return { next: following, body: { type: 'succeeded', result: 'result', handoff: null } };
    case 'nothing':
      return { next: following, body: { type: 'succeeded', result: null, handoff: null } };
    case 'handoff': {
      const handoff = toolName === 'transfer_to_billing' ? 'Billing' : toolName === 'transfer_to_concierge' ? 'Concierge' : null;
      return { next: following, body: { type: 'succeeded', result: 'handing off', handoff } };
    }
    case 'tool_error':
      return { next: following, body: { type: 'failed', kind: 'tool_error', message: 'nope' } };
    case 'internal':
      return { next: following, body: { type: 'failed', kind: 'internal', message: 'boom' } };
    case 'cancelled':
      return { next: following, body: { type: 'failed', kind: 'cancelled', message: 'aborted' } };
  }
}
