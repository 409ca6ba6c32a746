import type { LlmFinishReason, LlmStreamEvent, LlmToolCall, LlmUsage } from './llm-port.js';

/** A whole completion, for callers that do not need the text as it streams. */
export interface LlmCompletion {
  readonly text: string;
  readonly toolCalls: readonly LlmToolCall[];
  readonly finishReason: LlmFinishReason;
  readonly usage?: LlmUsage;
  readonly droppedMessages?: number;
}

/** Drains a stream into one completion. Errors from the stream propagate unchanged. */
export async function collect(stream: AsyncIterable<LlmStreamEvent>): Promise<LlmCompletion> {
  let text = '';
  const toolCalls: LlmToolCall[] = [];
  for await (const event of stream) {
    switch (event.type) {
      case 'text_delta':
        text += event.text;
        break;
      case 'tool_call':
        toolCalls.push({ callId: event.callId, name: event.name, arguments: event.arguments });
        break;
      case 'done':
        return {
          text,
          toolCalls,
          finishReason: event.finishReason,
          ...(event.usage === undefined ? {} : { usage: event.usage }),
          ...(event.droppedMessages === undefined ? {} : { droppedMessages: event.droppedMessages }),
        };
      default: {
        const unexpected: never = event;
        throw new Error(`collect: unexpected stream event ${JSON.stringify(unexpected)}`);
      }
    }
  }
  // The port promises a `done` event; a stream without one is a broken implementation.
  throw new Error('collect: the stream ended without a done event');
}
