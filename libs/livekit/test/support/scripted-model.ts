import type { GatewayOptions } from '@aside/engine';

type LlmPort = GatewayOptions['llm'];
type LlmRequest = Parameters<LlmPort['stream']>[0];
type LlmStreamEvent = LlmPort['stream'] extends (...args: never[]) => AsyncIterable<infer E> ? E : never;

export interface ModelStep {
  readonly text?: string;
  readonly toolCalls?: readonly { readonly callId: string; readonly name: string; readonly arguments: Readonly<Record<string, unknown>> }[];
}

/**
 * A model that answers each request with the next step of its script, and records the
 * requests. (The workspace's `ScriptedLlm` lives in an adapter library, which this adapter may
 * not import; this is the little of it these tests need.)
 */
export class ScriptedModel implements LlmPort {
  readonly requests: LlmRequest[] = [];

  constructor(private readonly steps: ModelStep[]) {}

  async *stream(request: LlmRequest): AsyncIterable<LlmStreamEvent> {
    this.requests.push(structuredClone(request));
    const step = this.steps.shift();
    if (step === undefined) throw new Error(`no step left for request #${this.requests.length}`);
    if (step.text) yield { type: 'text_delta', text: step.text };
    for (const call of step.toolCalls ?? []) yield { type: 'tool_call', callId: call.callId, name: call.name, arguments: JSON.stringify(call.arguments) };
    yield { type: 'done', finishReason: (step.toolCalls ?? []).length > 0 ? 'tool_calls' : 'stop' };
  }
}
