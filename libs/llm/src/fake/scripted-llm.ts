/**
 * A fake LLM for tests of everything above the port: it answers requests from a script, in
 * order, and records every request so a test can assert what the model was shown (tool choice,
 * one-off instructions, offered tools, the chat context).
 *
 *   const llm = new ScriptedLlm([
 *     { toolCalls: [{ name: 'book_table', arguments: { size: 2 } }] },
 *     (request) => ({ text: request.toolChoice === 'none' ? 'Booked.' : 'Hmm?' }),
 *   ]);
 *
 * Text is streamed in a few deltas, like a real model. Latency is optional and goes through an
 * injectable `delay`, so tests control time instead of sleeping. When the script has no step
 * left, the stream fails and says which request and what the user last said — unless a
 * `whenUnmatched` fallback answers instead.
 */
import { abortableDelay } from '../abortable-delay.js';
import { LlmAbortedError } from '../errors.js';
import type { LlmFinishReason, LlmPort, LlmRequest, LlmStreamEvent, LlmStreamOptions, LlmToolCall } from '../llm-port.js';
import { splitIntoDeltas } from './split-into-deltas.js';

export interface ScriptedToolCall {
  /** Defaults to `call_<request number>_<position>`, unique within one ScriptedLlm. */
  readonly callId?: string;
  readonly name: string;
  /** JSON text, or a value to be JSON-encoded. Defaults to `{}`. */
  readonly arguments?: string | Readonly<Record<string, unknown>>;
}

export interface ScriptedResponse {
  readonly text?: string;
  readonly toolCalls?: readonly ScriptedToolCall[];
  /** Defaults to `tool_calls` when there are tool calls, `stop` otherwise. */
  readonly finishReason?: LlmFinishReason;
  /** Thrown after the text has streamed: an endpoint failing (mid-reply when there is text). */
  readonly error?: Error;
  /** Overrides the fake's `latencyMs` for this response. */
  readonly latencyMs?: number;
}

export type ScriptResponder = (request: LlmRequest, requestNumber: number) => ScriptedResponse | Promise<ScriptedResponse>;

export type ScriptStep = ScriptedResponse | ScriptResponder;

export interface ScriptedLlmOptions {
  /** Answers requests once the script has run out, instead of failing. */
  readonly whenUnmatched?: ScriptResponder;
  /** Wait before each response starts streaming. */
  readonly latencyMs?: number;
  /** How latency is waited; a real timer by default. Tests pass a controllable one. */
  readonly delay?: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
  /** Number of text deltas a reply is streamed in (at most). Default 3. */
  readonly textDeltas?: number;
}

export class ScriptExhaustedError extends Error {
  constructor(
    readonly requestNumber: number,
    lastUserMessage: string | undefined,
  ) {
    super(
      `ScriptedLlm: no step left for request #${requestNumber}; last user message: ${lastUserMessage === undefined ? '(none)' : JSON.stringify(lastUserMessage)}`,
    );
    this.name = 'ScriptExhaustedError';
  }
}

export class ScriptedLlm implements LlmPort {
  private readonly steps: ScriptStep[];
  private readonly received: LlmRequest[] = [];

  constructor(
    steps: readonly ScriptStep[] = [],
    private readonly options: ScriptedLlmOptions = {},
  ) {
    this.steps = [...steps];
  }

  /** Every request received so far, in order, as it was at the time of the call. */
  get requests(): readonly LlmRequest[] {
    return this.received;
  }

  get lastRequest(): LlmRequest | undefined {
    return this.received.at(-1);
  }

  get remainingSteps(): number {
    return this.steps.length;
  }

  /** Adds steps to the end of the script (a test may script the next turn as it goes). */
  enqueue(...steps: ScriptStep[]): void {
    this.steps.push(...steps);
  }

  /** Records the request and takes its step now, at call time, so order follows the calls. */
  stream(request: LlmRequest, options: LlmStreamOptions = {}): AsyncIterable<LlmStreamEvent> {
    // A snapshot: the caller may go on mutating its own arrays.
    this.received.push(structuredClone(request));
    const requestNumber = this.received.length;
    const step = this.steps.shift();
    return this.play(step, request, requestNumber, options.signal);
  }

  private async *play(
    step: ScriptStep | undefined,
    request: LlmRequest,
    requestNumber: number,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<LlmStreamEvent, void, undefined> {
    const abortIfAsked = () => {
      if (signal?.aborted) throw new LlmAbortedError(signal.reason);
    };
    abortIfAsked();
    const response = await this.respond(step, request, requestNumber);
    const latencyMs = response.latencyMs ?? this.options.latencyMs ?? 0;
    if (latencyMs > 0) {
      await (this.options.delay ?? abortableDelay)(latencyMs, signal);
    }

    for (const text of splitIntoDeltas(response.text ?? '', this.options.textDeltas ?? 3)) {
      abortIfAsked();
      yield { type: 'text_delta', text };
    }
    abortIfAsked();
    if (response.error) throw response.error;

    const toolCalls = (response.toolCalls ?? []).map((call, position) => toToolCall(call, requestNumber, position));
    for (const call of toolCalls) yield { type: 'tool_call', ...call };
    yield { type: 'done', finishReason: response.finishReason ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop') };
  }

  private async respond(step: ScriptStep | undefined, request: LlmRequest, requestNumber: number): Promise<ScriptedResponse> {
    const chosen = step ?? this.options.whenUnmatched;
    if (chosen === undefined) {
      const lastUser = request.messages.findLast((message) => message.role === 'user');
      throw new ScriptExhaustedError(requestNumber, lastUser?.content);
    }
    return typeof chosen === 'function' ? chosen(request, requestNumber) : chosen;
  }
}

function toToolCall(call: ScriptedToolCall, requestNumber: number, position: number): LlmToolCall {
  const args = call.arguments ?? {};
  return {
    callId: call.callId ?? `call_${requestNumber}_${position}`,
    name: call.name,
    arguments: typeof args === 'string' ? args : JSON.stringify(args),
  };
}
