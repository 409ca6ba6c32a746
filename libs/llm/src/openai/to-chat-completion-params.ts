/** Maps the port's request onto the Chat Completions wire format. Pure. */
import type {
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from 'openai/resources/chat/completions';
import type { LlmMessage, LlmRequest, LlmToolSpec } from '../llm-port.js';

export function toChatCompletionParams(
  model: string,
  messages: readonly LlmMessage[],
  request: Pick<LlmRequest, 'tools' | 'toolChoice'>,
): ChatCompletionCreateParamsStreaming {
  const tools = request.tools ?? [];
  return {
    model,
    stream: true,
    // Usage arrives in one extra chunk after the finish reason; callers record it.
    stream_options: { include_usage: true },
    messages: messages.map(toMessageParam),
    // Providers reject `tools: []` and a `tool_choice` without tools, so both go together.
    ...(tools.length === 0
      ? {}
      : { tools: tools.map(toToolParam), ...(request.toolChoice === undefined ? {} : { tool_choice: request.toolChoice }) }),
  };
}

function toMessageParam(message: LlmMessage): ChatCompletionMessageParam {
  switch (message.role) {
    case 'system':
      return { role: 'system', content: message.content };
    case 'user':
      return { role: 'user', content: message.content };
    case 'assistant': {
      const toolCalls = message.toolCalls ?? [];
      return {
        role: 'assistant',
        // The API wants null, not '', for an assistant message that only calls tools.
        content: message.content === undefined || message.content === '' ? null : message.content,
        ...(toolCalls.length === 0
          ? {}
          : {
              tool_calls: toolCalls.map((call) => ({
                id: call.callId,
                type: 'function' as const,
                function: { name: call.name, arguments: call.arguments },
              })),
            }),
      };
    }
    case 'tool':
      return { role: 'tool', tool_call_id: message.callId, content: message.output };
    default: {
      const unexpected: never = message;
      throw new Error(`Unknown message role in ${JSON.stringify(unexpected)}`);
    }
  }
}

function toToolParam(tool: LlmToolSpec): ChatCompletionTool {
  return { type: 'function', function: { name: tool.name, description: tool.description, parameters: { ...tool.parameters } } };
}
