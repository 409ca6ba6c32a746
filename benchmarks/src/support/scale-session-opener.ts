import type { Gateway } from '@aside/engine';
import { SCALE_AGENT } from './scale-agent.js';
import type { FoldProbe } from './scale-fold-probe.js';

/** Sessions being created at once: enough to open a thousand quickly, few enough not to swamp the gateway's own reports. */
const OPENING_CONCURRENCY = 20;

/**
 * Opens `sessions` sessions the way a client does (create, then one user turn that makes the
 * model call the slow tool `tasksPerSession` times) and resolves once every task's first update
 * is folded: all calls are async and every body runs on a runner. Returns how long it took.
 */
export async function openSessions(gateway: Gateway, probe: FoldProbe, sessions: number, tasksPerSession: number): Promise<number> {
  const started = performance.now();
  let opened = 0;
  const openNext = async (): Promise<void> => {
    while (opened < sessions) {
      opened += 1;
      const { sessionId } = await gateway.createSession({ agent: SCALE_AGENT, playout: 'instant' });
      await gateway.submitTurn(sessionId, { text: `Run the ${tasksPerSession} batch jobs.` });
    }
  };
  await Promise.all(Array.from({ length: Math.min(OPENING_CONCURRENCY, sessions) }, openNext));
  await probe.tasksUpdated(sessions * tasksPerSession);
  return performance.now() - started;
}
