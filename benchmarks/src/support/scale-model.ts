import type { LlmPort, LlmRequest, LlmStreamEvent } from '@aside/llm';
import { SLOW_JOB_TOOL } from './scale-agent.js';

/**
 * The gateway's scripted model: a user turn is answered with `jobs` calls of the slow tool, any
 * other request (the reply once the calls went async, each deferred reply) with one short
 * sentence. Instant, like `ScriptedLlm` without latency — but it keeps nothing: `ScriptedLlm`
 * records a structured clone of every request, chat context included, which at thousands of
 * deferred replies would be most of the gateway's RSS and hide the per-session figure measured.
 */
export class SlowJobsModel implements LlmPort {
  private calls = 0;

  constructor(private readonly jobs: number) {}

  async *stream(request: LlmRequest): AsyncIterable<LlmStreamEvent> {
    const asksForTools = request.toolChoice !== 'none' && request.messages.at(-1)?.role === 'user';
    if (!asksForTools) {
      yield { type: 'text_delta', text: 'The jobs are still running.' };
      yield { type: 'done', finishReason: 'stop' };
      return;
    }
    this.calls += 1;
    for (let job = 0; job < this.jobs; job += 1) {
      yield { type: 'tool_call', callId: `call_${this.calls}_${job}`, name: SLOW_JOB_TOOL, arguments: JSON.stringify({ job }) };
    }
    yield { type: 'done', finishReason: 'tool_calls' };
  }
}
