/**
 * Assembles streamed tool-call deltas into whole calls. Deltas are keyed by `index`: the first
 * delta of a call carries its id and name, later ones append pieces of the arguments. Calls are
 * handed out only when the choice has finished, so a call is never emitted with half its
 * arguments and a stream that breaks mid-call has emitted nothing that would need undoing.
 */
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { LlmToolCall } from '../llm-port.js';

type ToolCallDelta = ChatCompletionChunk.Choice.Delta.ToolCall;

interface PartialCall {
  id: string;
  name: string;
  arguments: string;
}

export class MalformedToolCallError extends Error {}

export class ToolCallAssembler {
  private readonly calls = new Map<number, PartialCall>();

  add(delta: ToolCallDelta): void {
    const call = this.calls.get(delta.index) ?? { id: '', name: '', arguments: '' };
    this.calls.set(delta.index, call);
    // Some OpenAI-compatible servers repeat the id and name on every delta: take the first.
    if (call.id === '' && delta.id) call.id = delta.id;
    if (call.name === '' && delta.function?.name) call.name = delta.function.name;
    if (delta.function?.arguments) call.arguments += delta.function.arguments;
  }

  /** The finished calls in index order. Throws `MalformedToolCallError` for a call without id or name. */
  complete(): LlmToolCall[] {
    return [...this.calls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, call]) => {
        if (call.id === '' || call.name === '') {
          throw new MalformedToolCallError(`tool call #${index} arrived without ${call.id === '' ? 'an id' : 'a name'}`);
        }
        // A function without parameters may stream no argument text at all; `{}` is what it means.
        return { callId: call.id, name: call.name, arguments: call.arguments === '' ? '{}' : call.arguments };
      });
  }
}
