import { ScriptedLlm, type LlmMessage, type LlmRequest, type ScriptedResponse } from '@aside/llm';

/**
 * A rule-based stand-in for a model, so the demo runs with no API key: it reads the request the
 * way a model would (the last message, the tools offered, the tool choice) and answers in kind.
 * Set OPENAI_API_KEY (and OPENAI_BASE_URL / OPENAI_MODEL) to talk to a real model instead.
 */
export function demoLlm(): ScriptedLlm {
  return new ScriptedLlm([], { whenUnmatched: (request) => answer(request), textDeltas: 4 });
}

function answer(request: LlmRequest): ScriptedResponse {
  const last = request.messages.at(-1);
  if (request.toolChoice === 'none') return { text: deferredReply(request) };
  if (last?.role === 'tool') return { text: toolReply(outputsSinceUser(request.messages)) };
  if (last?.role !== 'user') return { text: greeting(request.messages[0]?.role === 'system' ? request.messages[0].content : '') };
  return userTurn(last.content, request);
}

function userTurn(text: string, request: LlmRequest): ScriptedResponse {
  const offered = new Set((request.tools ?? []).map((tool) => tool.name));
  const email = /[\w.+-]+@[\w-]+(\.[\w-]+)+/.exec(text)?.[0];
  if (email && offered.has('complete_task')) return { toolCalls: [{ name: 'complete_task', arguments: { email } }] };
  if (/flight/i.test(text) && offered.has('search_flights')) {
    const destination = /to ([A-Z][a-z]+)/.exec(text)?.[1] ?? 'Lisbon';
    return { toolCalls: [{ name: 'search_flights', arguments: { destination, date: '2026-12-05' } }] };
  }
  if (/itinerary|email me/i.test(text) && offered.has('send_itinerary')) return { toolCalls: [{ name: 'send_itinerary', arguments: {} }] };
  if (/invoice|billing|refund/i.test(text) && offered.has('transfer_to_billing')) return { toolCalls: [{ name: 'transfer_to_billing', arguments: {} }] };
  const invoice = /invoice (\w+)/i.exec(text)?.[1];
  if (invoice && offered.has('invoice_status')) return { toolCalls: [{ name: 'invoice_status', arguments: { invoice } }] };
  return { text: 'Happy to help. What else can I do for you?' };
}

function greeting(instructions: string): string {
  if (instructions.includes('email address')) return 'What email address should I send the itinerary to?';
  if (instructions.includes('billing')) return 'Billing desk here. How can I help?';
  return 'Hello! How can I help?';
}

/** The tool outputs the model is answering: everything after the user's last message. */
function outputsSinceUser(messages: readonly LlmMessage[]): string[] {
  const lastUser = messages.map((message) => message.role).lastIndexOf('user');
  return messages.slice(lastUser + 1).flatMap((message) => (message.role === 'tool' ? [message.output] : []));
}

function toolReply(outputs: readonly string[]): string {
  const sent = outputs.find((output) => output.startsWith('Itinerary sent'));
  if (sent) return `Done: ${sent}`;
  const output = outputs.at(-1) ?? '';
  if (output.startsWith('Tool `search_flights` reports an update')) return "Sure, I'm searching flights for you now. It takes a moment; we can keep talking meanwhile.";
  if (output === '' || output === 'null') return 'Alright.';
  return output;
}

function deferredReply(request: LlmRequest): string {
  const finished = [...request.messages].reverse().find((message): message is Extract<LlmMessage, { role: 'tool' }> => message.role === 'tool');
  if (!finished) return '';
  if (finished.output.startsWith('Best option')) return `By the way, your flight search is done. ${finished.output}`;
  if (finished.output.startsWith('Tool `search_flights` reports an update')) return 'Quick update: I am comparing prices now.';
  return `By the way: ${finished.output}`;
}
