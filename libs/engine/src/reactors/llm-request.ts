import type { ChatItem } from '@aside/events';
import { managementToolSchemas, type AgentRegistry, type SessionState } from '@aside/domain';
import type { LlmMessage, LlmRequest, LlmToolSpec } from '@aside/llm';

/**
 * Builds the LLM request of an activity: the agent's instructions as the system message, its
 * chat context (plus, for a deferred reply delivered by another activity, the foreign items of
 * that one generation), the tools offered, the tool choice and one-off instructions.
 */
export function llmRequestFor(
  state: SessionState,
  registry: AgentRegistry,
  activityId: string,
  options: {
    readonly tools: readonly string[];
    readonly toolChoice: 'auto' | 'none';
    readonly instructions: string | null;
    readonly extraItems?: readonly ChatItem[];
  },
): LlmRequest {
  const activity = state.activities[activityId];
  const agent = activity ? registry.agent(activity.agent) : undefined;
  const chat = [...(activity?.chat ?? []), ...(options.extraItems ?? [])];
  return {
    messages: [{ role: 'system', content: agent?.instructions ?? '' }, ...toLlmMessages(chat)],
    tools: toolSpecs(registry, activity?.agent, options.tools),
    toolChoice: options.toolChoice,
    ...(options.instructions ? { instructions: options.instructions } : {}),
  };
}

function toolSpecs(registry: AgentRegistry, agentName: string | undefined, names: readonly string[]): LlmToolSpec[] {
  const descriptors = (agentName && registry.agent(agentName)?.tools) || [];
  return names.flatMap((name) => {
    const spec = descriptors.find((tool) => tool.name === name) ?? managementToolSchemas.find((tool) => tool.name === name);
    return spec ? [{ name: spec.name, description: spec.description, parameters: spec.parameters as LlmToolSpec['parameters'] }] : [];
  });
}

/**
 * Chat items as provider messages. Providers insist that an assistant message with tool calls
 * is followed by exactly their outputs, while our chat context records outputs when they
 * happen (a user may speak while a call is in flight). So: consecutive function calls become
 * one assistant message (joined to the assistant text right before them), their outputs are
 * placed right after it, and a call without an output yet is left out until it has one.
 */
export function toLlmMessages(items: readonly ChatItem[]): LlmMessage[] {
  const outputs = new Map<string, string>();
  for (const item of items) if (item.type === 'function_call_output') outputs.set(item.callId, item.output);

  const messages: LlmMessage[] = [];
  let pendingOutputs: LlmMessage[] = [];
  const flushOutputs = () => {
    messages.push(...pendingOutputs);
    pendingOutputs = [];
  };
  for (const item of items) {
    if (item.type === 'function_call_output') continue;
    if (item.type === 'message') {
      flushOutputs();
      messages.push(item.role === 'user' ? { role: 'user', content: item.text } : { role: 'assistant', content: item.text });
      continue;
    }
    const output = outputs.get(item.callId);
    if (output === undefined) continue;
    const call = { callId: item.callId, name: item.name, arguments: item.arguments };
    const last = messages[messages.length - 1];
    if (pendingOutputs.length === 0 && last?.role === 'assistant' && !last.toolCalls?.length) {
      messages[messages.length - 1] = { ...last, toolCalls: [call] };
    } else if (pendingOutputs.length > 0 && last?.role === 'assistant') {
      messages[messages.length - 1] = { ...last, toolCalls: [...(last.toolCalls ?? []), call] };
    } else {
      flushOutputs();
      messages.push({ role: 'assistant', toolCalls: [call] });
    }
    pendingOutputs.push({ role: 'tool', callId: item.callId, output });
  }
  flushOutputs();
  return messages;
}
