/**
 * The model of the latency benches: `ScriptedLlm` from @aside/llm (the fake the tests use),
 * answering every request after a fixed latency:
 *
 * - to a user message, with a call of `callTool` when one is given (the turn dispatches a task);
 * - otherwise with `replyTo(<the last user message>)`, so a bench can check that the speech it
 *   timed answers the turn it sent (acknowledgements and deferred replies get the same text).
 *
 * A ScriptedLlm keeps a structured clone of every request it receives, for tests to inspect.
 * Over the thousands of requests of a bench that record would grow the heap, and the garbage
 * collector's pauses would land in the measured tails for the fake's sake; so each request gets
 * a ScriptedLlm of its own, and its record goes with it. (The clone itself is still made per
 * request, for the floor of bench:turn as much as for the gateway.)
 */
import { ScriptedLlm, type LlmPort, type LlmRequest, type LlmStreamEvent, type LlmStreamOptions, type ScriptedResponse } from '@aside/llm';

export function replyTo(userText: string): string {
  return `Sure, about "${userText}": here it is.`;
}

export class BenchLlm implements LlmPort {
  /** Tool call ids must be unique in a session; a ScriptedLlm numbers its own requests only. */
  private calls = 0;

  constructor(private readonly options: { readonly latencyMs: number; readonly callTool?: string }) {}

  stream(request: LlmRequest, options?: LlmStreamOptions): AsyncIterable<LlmStreamEvent> {
    return new ScriptedLlm([], { latencyMs: this.options.latencyMs, whenUnmatched: (received) => this.answer(received) }).stream(request, options);
  }

  private answer(request: LlmRequest): ScriptedResponse {
    const last = request.messages.at(-1);
    if (this.options.callTool !== undefined && last?.role === 'user') {
      this.calls += 1;
      return { toolCalls: [{ callId: `bench_call_${this.calls}`, name: this.options.callTool, arguments: {} }] };
    }
    const lastUser = request.messages.findLast((message) => message.role === 'user');
    return { text: replyTo(lastUser?.content ?? '') };
  }
}
