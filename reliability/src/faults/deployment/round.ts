import { eventually } from '@aside/testing';
import { delivered, startConversation, untilRunning, type StartedTask } from '@aside/testing-deployment';
import { readSessionLog } from '../checker/read-session-log.js';
import type { FaultDeployment } from './fault-deployment.js';

/** However faults came in the way, a round's results arrive within this (normally within seconds). */
const DELIVERY_TIMEOUT_MS = 45_000;

/** One conversation whose tasks a fault is injected into. */
export interface Round {
  readonly sessionId: string;
  readonly callIds: readonly string[];
  readonly tasks: readonly StartedTask[];
  /** The pid of the runner each task's first attempt runs on, by call id. */
  readonly runnerPids: ReadonlyMap<string, number>;
  /** `client`: the deployment's front end reports each playout (`deployment.playout`). */
  readonly playout: 'instant' | 'client';
}

/**
 * Opens a session (on whichever gateway owns the partition) whose first turn starts one fixture
 * task per call id (`<label>c1`, `<label>c2`, …), and resolves once every task runs its first
 * attempt and the agent is idle again (its acknowledgement played): from here on the session
 * waits for nothing but the results.
 */
export async function startRound(deployment: FaultDeployment, label: string, tasks: number, playout: Round['playout'] = 'instant'): Promise<Round> {
  const callIds = Array.from({ length: tasks }, (_, index) => `${label}c${index + 1}`);
  const detail = () => deployment.describe();
  const conversation = await startConversation(deployment.client, callIds, detail, playout);
  if (playout === 'client') deployment.playout.follow(conversation.sessionId);
  const runnerPids = await untilRunning(deployment.client, conversation, 1, detail);
  return { sessionId: conversation.sessionId, callIds, tasks: conversation.tasks, runnerPids, playout };
}

export const taskIdsOf = (round: Round): string[] => round.tasks.map((task) => task.taskId);

/**
 * Resolves once every result of the round was spoken to the end, read from the store (not from a
 * gateway: which one owns the session may be changing). Rejects after the timeout; the audit then
 * counts what is missing.
 */
export async function untilDelivered(deployment: FaultDeployment, round: Round): Promise<void> {
  const finished = round.callIds.map((callId) => `${callId}_finished`);
  let lastError: unknown;
  const isDelivered = async (): Promise<boolean> => {
    try {
      return delivered((await readSessionLog(deployment.store, round.sessionId)).events, finished);
    } catch (error) {
      lastError = error; // Redis restarting under the reader: look again
      return false;
    }
  };
  await eventually(`every result of ${round.sessionId} delivered`, isDelivered, {
    timeoutMs: DELIVERY_TIMEOUT_MS,
    detail: () => `${lastError === undefined ? '' : `last read error: ${String(lastError)}\n`}${deployment.describe()}`,
  });
}
