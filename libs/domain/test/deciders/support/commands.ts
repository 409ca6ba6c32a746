import type { TaskReport } from '@aside/events';
import type { CommandMetadata, CommandOf, LlmToolCall, SessionCommand, SessionCommandType } from '../../../src/deciders/index.js';

export const SESSION_ID = 'sess-3-abcdef123';
export const NOW = '2026-11-24T10:00:00.000Z';

let counter = 0;

export function metadata(overrides: Partial<CommandMetadata> = {}): CommandMetadata {
  counter += 1;
  return { commandId: `cmd-${counter}`, now: NOW, actor: { kind: 'gateway', id: 'gw-1' }, correlationId: 'corr-1', ...overrides };
}

export function command<Type extends SessionCommandType>(type: Type, data: CommandOf<Type>['data']): SessionCommand {
  return { type, data, metadata: metadata() } as SessionCommand;
}

export const startSession = (agent = 'Plain', playout: 'client' | 'instant' = 'client', managementTools?: 'when_live' | 'always') =>
  command('StartSession', { sessionId: SESSION_ID, agent, playout, partition: 3, ...(managementTools ? { managementTools } : {}) });
export const userTurn = (text: string, allowInterruptions?: boolean) =>
  command('SubmitUserTurn', allowInterruptions === undefined ? { text } : { text, allowInterruptions });
export const userState = (speaking: boolean, endOfTurnPending = false) => command('ChangeUserState', { speaking, endOfTurnPending });
export const completeGeneration = (generationId: string, text: string, toolCalls: LlmToolCall[] = []) =>
  command('CompleteGeneration', { generationId, text, toolCalls });
export const call = (callId: string, name: string, args: unknown = {}): LlmToolCall => ({
  callId,
  name,
  arguments: typeof args === 'string' ? args : JSON.stringify(args),
});
export const report = (taskId: string, attempt: number, seq: number, body: TaskReport) => command('FoldReport', { taskId, attempt, seq, report: body });
export const started = (): TaskReport => ({ type: 'started' });
export const progress = (message: string): TaskReport => ({ type: 'progress', message });
export const succeeded = (result: string | null, handoff: string | null = null): TaskReport => ({ type: 'succeeded', result, handoff });
export const failed = (kind: 'tool_error' | 'internal' | 'cancelled' | 'timeout', message: string): TaskReport => ({ type: 'failed', kind, message });
export const played = (speechId: string) => command('ReportPlayout', { speechId, status: 'played' });
export const interrupted = (speechId: string) => command('ReportPlayout', { speechId, status: 'interrupted' });
export const timedOut = (speechId: string) => command('ReportPlayout', { speechId, status: 'timed_out' });
export const recordReply = (deliveryId: string, text: string) => command('RecordReply', { deliveryId, text });
export const taskIdOf = (callId: string) => `${SESSION_ID}-${callId}`;
