import type { StoredEvent } from '@aside/events/store';
import { isTerminal, runningTasks } from '@aside/domain';
import type { Gateway } from '@aside/engine';
import type { LlmPort } from '@aside/llm';
import { auditTable } from './conversation-printer.js';
import { followConversation, startDemoGateway } from './demo-gateway.js';

export interface DemoResult {
  readonly sessionId: string;
  readonly audit: readonly StoredEvent[];
}

/**
 * The embedded demo: one process, in-memory store, tool bodies in-process. A caller books a
 * flight (a slow tool that narrates its progress), asks for the itinerary by email meanwhile
 * (the agent pauses for an agent task that collects the address; the flight result waits), gets
 * the flight as a "by the way" reply once the agent is idle again, and is handed to billing.
 */
export async function runDemo(llm: LlmPort, print: (line: string) => void): Promise<DemoResult> {
  const gateway = await startDemoGateway(llm);
  const { sessionId } = await gateway.createSession({ agent: 'travel_desk', playout: 'instant' });
  const stop = new AbortController();
  const printing = followConversation(gateway, sessionId, stop.signal, print);
  try {
    await playDemoConversation(gateway, sessionId);
    await gateway.closeSession(sessionId);
    await gateway.whenQuiet(sessionId, { tasks: true });
  } finally {
    stop.abort();
    await printing;
  }
  const audit = (await gateway.readEvents(sessionId, { after: 0, limit: 10_000 })).events;
  print(`\nAudit log of ${sessionId} (${audit.length} events; GET /v1/sessions/:id/events serves the same):\n`);
  print(auditTable(audit));
  await gateway.close({ graceMs: 0 });
  return { sessionId, audit };
}

/**
 * The caller's side of the demo, each turn once the session is quiet, leaving the session open
 * (the session timeline's browser test draws a session produced this way, then adds a turn).
 */
export async function playDemoConversation(gateway: Gateway, sessionId: string): Promise<void> {
  await say(gateway, sessionId, 'Hi! I need a flight to Lisbon on December 5th.');
  await say(gateway, sessionId, 'Meanwhile, can you email me the itinerary?');
  await untilToolFinished(gateway, sessionId, 'search_flights');
  await say(gateway, sessionId, 'Sure, it is ada@example.com.');
  await say(gateway, sessionId, 'One more thing: I have a question about invoice 4711.');
  await say(gateway, sessionId, 'What is the status of invoice 4711?');
}

async function say(gateway: Gateway, sessionId: string, text: string): Promise<void> {
  await gateway.submitTurn(sessionId, { text });
  await gateway.whenQuiet(sessionId);
}

/** Waits until the named tool's task has finished: the moment the demo wants to show. */
async function untilToolFinished(gateway: Gateway, sessionId: string, toolName: string): Promise<void> {
  for (;;) {
    const state = await gateway.whenQuiet(sessionId);
    const tasks = Object.values(state.activities).flatMap((activity) => Object.values(activity.tasks)).filter((task) => task.toolName === toolName);
    if (tasks.length > 0 && tasks.every(isTerminal)) return;
    if (runningTasks(state).length === 0) return;
    await new Promise<void>((resolve) => {
      const stop = gateway.engine.onCommitted((committed) => {
        if (committed.sessionId !== sessionId) return;
        stop();
        resolve();
      });
    });
  }
}
