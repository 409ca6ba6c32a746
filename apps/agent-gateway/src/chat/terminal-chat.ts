import { createInterface } from 'node:readline/promises';
import { asideCatalogue } from '@aside/events';
import { InMemoryEventStore } from '@aside/events/store';
import { createAgentRegistry } from '@aside/domain';
import { Gateway, InProcessTaskQueue } from '@aside/engine';
import { configFromEnv, OpenAiLlm, type LlmPort } from '@aside/llm';
import { describeEvent } from '../demo/conversation-printer.js';
import { demoLlm } from '../demo/demo-llm.js';
import { demoAgents } from '../demo/travel-desk.js';

/**
 * `npm run chat`: talk to the demo agents in the terminal. Background tools keep running while
 * you type; their progress and the deferred replies appear as they happen.
 */
async function chat(): Promise<void> {
  const llm: LlmPort = process.env['OPENAI_API_KEY'] ? new OpenAiLlm(configFromEnv(process.env)) : demoLlm();
  const gateway = await Gateway.start({
    store: new InMemoryEventStore({ catalogue: asideCatalogue }),
    registry: createAgentRegistry(demoAgents),
    llm,
    taskQueue: ({ resolveTool, hooks }) => new InProcessTaskQueue({ resolveTool, hooks }),
  });
  const { sessionId } = await gateway.createSession({ agent: 'travel_desk', playout: 'instant' });
  console.log(`Aside terminal chat (session ${sessionId}). ${process.env['OPENAI_API_KEY'] ? '' : 'No OPENAI_API_KEY: the rule-based demo model answers. '}Type /quit to leave.`);
  console.log('Try: "I need a flight to Lisbon", then "email me the itinerary", then "a question about invoice 4711".');

  const stop = new AbortController();
  const agents = new Map<string, string>();
  const tools = new Map<string, string>();
  const names = { agentOf: (id: string) => agents.get(id) ?? id, toolOf: (id: string) => tools.get(id) ?? id };
  const printing = (async () => {
    for await (const event of gateway.streamEvents(sessionId, { after: 0, signal: stop.signal })) {
      const data = event.data as { activityId?: string; agent?: string; taskId?: string; toolName?: string };
      if (event.type === 'ActivityStarted') agents.set(data.activityId!, data.agent!);
      if (event.type === 'TaskRequested') tools.set(data.taskId!, data.toolName!);
      if (event.type === 'ChatItemAdded') continue;
      const line = describeEvent(event, names);
      if (line !== null) console.log(line);
    }
  })();

  const input = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY === true });
  try {
    for await (const line of input) {
      const text = line.trim();
      if (text === '/quit') break;
      if (text !== '') await gateway.submitTurn(sessionId, { text });
    }
  } finally {
    input.close();
    await gateway.closeSession(sessionId);
    stop.abort();
    await printing;
    await gateway.close({ graceMs: 0 });
  }
}

chat().catch((error: unknown) => {
  console.error(`chat failed: ${(error as Error).message}`);
  process.exit(1);
});
