import { asideCatalogue } from '@aside/events';
import { InMemoryEventStore } from '@aside/events/store';
import { createAgentRegistry } from '@aside/domain';
import { Gateway, InProcessTaskQueue } from '@aside/engine';
import { configFromEnv, OpenAiLlm, type LlmPort } from '@aside/llm';
import { describeEvent } from './conversation-printer.js';
import { demoLlm } from './demo-llm.js';
import { demoAgents } from './travel-desk.js';

/** A real model when OPENAI_API_KEY is set, else the rule-based stand-in — and words saying which. */
export function chooseLlm(env: NodeJS.ProcessEnv = process.env): { readonly llm: LlmPort; readonly label: string } {
  if (!env['OPENAI_API_KEY']) return { llm: demoLlm(), label: 'a rule-based stand-in model (set OPENAI_API_KEY to use a real one)' };
  const config = configFromEnv(env);
  return { llm: new OpenAiLlm(config), label: `${config.model} at ${config.baseURL ?? 'api.openai.com'}` };
}

/** The demo agents on an embedded gateway: in-memory store, tool bodies in this process. */
export function startDemoGateway(llm: LlmPort): Promise<Gateway> {
  return Gateway.start({
    store: new InMemoryEventStore({ catalogue: asideCatalogue }),
    registry: createAgentRegistry(demoAgents),
    llm,
    taskQueue: ({ resolveTool, hooks }) => new InProcessTaskQueue({ resolveTool, hooks }),
  });
}

/** Prints a session's log as it is committed, in the words of `describeEvent`, until aborted. */
export async function followConversation(
  gateway: Gateway,
  sessionId: string,
  signal: AbortSignal,
  print: (line: string) => void,
  options: { readonly echoUser?: boolean } = {},
): Promise<void> {
  const agents = new Map<string, string>();
  const tools = new Map<string, string>();
  const names = { agentOf: (id: string) => agents.get(id) ?? id, toolOf: (id: string) => tools.get(id) ?? id };
  for await (const event of gateway.streamEvents(sessionId, { after: 0, signal })) {
    const data = event.data as { activityId?: string; agent?: string; taskId?: string; toolName?: string };
    if (event.type === 'ActivityStarted') agents.set(data.activityId!, data.agent!);
    if (event.type === 'TaskRequested') tools.set(data.taskId!, data.toolName!);
    if (event.type === 'ChatItemAdded' && options.echoUser === false) continue;
    const line = describeEvent(event, names);
    if (line !== null) print(line);
  }
}
