/**
 * The LLM port: a provider-neutral chat-completion request with tools, answered as a stream of
 * events. The gateway talks to this and nothing else; `OpenAiLlm` speaks it to any
 * OpenAI-compatible endpoint and `ScriptedLlm` plays it back in tests.
 *
 * Contract every implementation keeps:
 * - text arrives as `text_delta` events in order; their concatenation is the reply text;
 * - a `tool_call` event is emitted once, when that call's arguments are complete;
 * - a successful stream ends with exactly one `done` event and nothing after it;
 * - failures are thrown from the iteration as `LlmUnavailableError`, `LlmRequestError` or
 *   `LlmAbortedError` (see errors.ts); an implementation never retries after it has handed any
 *   event to the caller, so a reply is never duplicated;
 * - breaking out of the iteration releases the underlying request.
 */

/** A tool call as the model made it. `arguments` is the raw JSON text, validated by the caller. */
export interface LlmToolCall {
  readonly callId: string;
  readonly name: string;
  readonly arguments: string;
}

export interface LlmSystemMessage {
  readonly role: 'system';
  readonly content: string;
}

export interface LlmUserMessage {
  readonly role: 'user';
  readonly content: string;
}

/** What the agent said: text, tool calls, or both. */
export interface LlmAssistantMessage {
  readonly role: 'assistant';
  readonly content?: string;
  readonly toolCalls?: readonly LlmToolCall[];
}

/** The output of one tool call, answering the assistant message that made it. */
export interface LlmToolMessage {
  readonly role: 'tool';
  readonly callId: string;
  readonly output: string;
}

export type LlmMessage = LlmSystemMessage | LlmUserMessage | LlmAssistantMessage | LlmToolMessage;

/** A JSON Schema object describing a tool's arguments (as produced from its zod schema). */
export type JsonSchemaObject = { readonly [key: string]: unknown };

/** A tool offered to the model for this request. */
export interface LlmToolSpec {
  readonly name: string;
  readonly description: string;
  readonly parameters: JsonSchemaObject;
}

export type LlmToolChoice = 'auto' | 'none' | 'required';

export interface LlmRequest {
  readonly messages: readonly LlmMessage[];
  readonly tools?: readonly LlmToolSpec[];
  /** Ignored when no tools are offered (providers reject a tool choice without tools). */
  readonly toolChoice?: LlmToolChoice;
  /**
   * One-off instructions for this request only, sent as a final system message after
   * `messages` (deferred replies use this; the chat context itself is not changed).
   */
  readonly instructions?: string;
}

/**
 * Why generation stopped. `other` covers values an OpenAI-compatible endpoint may invent;
 * callers should look at the tool calls they received rather than rely on `tool_calls` alone.
 */
export type LlmFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'other';

export interface LlmUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly totalTokens: number;
}

export interface LlmTextDelta {
  readonly type: 'text_delta';
  readonly text: string;
}

export interface LlmToolCallEvent extends LlmToolCall {
  readonly type: 'tool_call';
}

export interface LlmDone {
  readonly type: 'done';
  readonly finishReason: LlmFinishReason;
  /** Present when the endpoint reported it. */
  readonly usage?: LlmUsage;
  /**
   * How many messages the adapter dropped to fit its context window (see context-window.ts),
   * present only when it dropped some, so the caller can record it.
   */
  readonly droppedMessages?: number;
}

export type LlmStreamEvent = LlmTextDelta | LlmToolCallEvent | LlmDone;

export interface LlmStreamOptions {
  /** Aborting it ends the stream with `LlmAbortedError` and releases the request. */
  readonly signal?: AbortSignal;
}

export interface LlmPort {
  stream(request: LlmRequest, options?: LlmStreamOptions): AsyncIterable<LlmStreamEvent>;
}
