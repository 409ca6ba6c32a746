import { createInterface } from 'node:readline/promises';
import { chooseLlm, followConversation, startDemoGateway } from '../demo/demo-gateway.js';

/**
 * `npm run chat`: talk to the demo agents in the terminal. Background tools keep running while
 * you type; their progress and the deferred replies appear as they happen.
 */
async function chat(): Promise<void> {
  const { llm, label } = chooseLlm();
  const gateway = await startDemoGateway(llm);
  const { sessionId } = await gateway.createSession({ agent: 'travel_desk', playout: 'instant' });
  console.log(`Aside terminal chat (session ${sessionId}; LLM: ${label}). Type /quit to leave.`);
  console.log('Try: "I need a flight to Lisbon", then "email me the itinerary", then "a question about invoice 4711".');

  const stop = new AbortController();
  const printing = followConversation(gateway, sessionId, stop.signal, (line) => console.log(line), { echoUser: false });

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
