/**
 * The LLM port over the official `openai` SDK, for any OpenAI-compatible Chat Completions
 * endpoint (`baseURL`).
 *
 * Retries are ours, not the SDK's (`maxRetries: 0`): an attempt that fails with a transient
 * failure (network, silence longer than `timeoutMs`, 408, 429, 5xx, a stream cut short) is
 * retried with backoff (retry-delay.ts) up to `maxAttempts` in total — but only while nothing
 * has reached the caller. Once a text delta has been yielded, a failure ends the stream with
 * `LlmUnavailableError { afterOutput: true }`, so text is never duplicated. Tool calls are
 * yielded only when the response has finished (tool-call-assembler.ts), so a stream cut
 * mid-call is still retried. Other 4xx answers throw `LlmRequestError` at once.
 *
 * Before each request the messages are capped with context-window.ts; the `done` event says how
 * many were dropped.
 */
import OpenAI from 'openai';
import type { ChatCompletionChunk, ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import { abortableDelay } from '../abortable-delay.js';
import { estimateTextTokens, fitContextWindow } from '../context-window.js';
import { LlmAbortedError, LlmUnavailableError } from '../errors.js';
import type { LlmFinishReason, LlmPort, LlmRequest, LlmStreamEvent, LlmStreamOptions, LlmUsage } from '../llm-port.js';
import { messagesForRequest } from '../request-messages.js';
import { AttemptDeadline } from './attempt-deadline.js';
import { classifyFailure, type TransientFailure } from './classify-failure.js';
import { parseOpenAiLlmConfig, type OpenAiLlmConfig } from './openai-llm-config.js';
import { retryDelayMs } from './retry-delay.js';
import { toChatCompletionParams } from './to-chat-completion-params.js';
import { ToolCallAssembler } from './tool-call-assembler.js';

export interface LlmRetryNotice {
  /** The attempt that failed (1-based); the next one is `attempt + 1`. */
  readonly attempt: number;
  readonly delayMs: number;
  readonly failure: TransientFailure;
}

export interface OpenAiLlmOptions {
  /** Told before each retry, for logs and metrics. */
  readonly onRetry?: (notice: LlmRetryNotice) => void;
  /** Jitter source in [0, 1); `Math.random` unless a test pins it. */
  readonly random?: () => number;
  /** Clock for `retry-after` dates; `Date.now` by default. */
  readonly now?: () => number;
}

type AttemptOutcome = { readonly ok: true } | { readonly ok: false; readonly failure: TransientFailure; readonly afterOutput: boolean };

export class OpenAiLlm implements LlmPort {
  readonly config: OpenAiLlmConfig;
  private readonly client: OpenAI;
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(
    config: OpenAiLlmConfig,
    private readonly options: OpenAiLlmOptions = {},
  ) {
    this.config = parseOpenAiLlmConfig(config);
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.client = new OpenAI({
      apiKey: this.config.apiKey,
      // null, not undefined: the SDK would otherwise fall back to process.env.OPENAI_BASE_URL.
      baseURL: this.config.baseURL ?? null,
      maxRetries: 0,
    });
  }

  async *stream(request: LlmRequest, options: LlmStreamOptions = {}): AsyncGenerator<LlmStreamEvent, void, undefined> {
    const { signal } = options;
    if (signal?.aborted) throw new LlmAbortedError(signal.reason);

    const window = fitContextWindow(messagesForRequest(request), this.config.maxContextTokens, {
      reservedTokens: estimateTextTokens(JSON.stringify(request.tools ?? [])),
    });
    const params = toChatCompletionParams(this.config.model, window.messages, request);

    for (let attempt = 1; ; attempt += 1) {
      const outcome: AttemptOutcome = yield* this.attempt(params, window.dropped, signal);
      if (outcome.ok) return;
      const { failure } = outcome;
      if (outcome.afterOutput || attempt >= this.config.maxAttempts) {
        throw new LlmUnavailableError({
          attempts: attempt,
          reason: failure.kind,
          lastStatus: failure.status,
          afterOutput: outcome.afterOutput,
          detail: failure.detail,
          cause: failure.cause,
        });
      }
      const delayMs = retryDelayMs({
        failedAttempts: attempt,
        backoff: this.config.backoff,
        retryAfterMs: failure.retryAfterMs,
        random: this.random,
      });
      this.options.onRetry?.({ attempt, delayMs, failure });
      await abortableDelay(delayMs, signal);
    }
  }

  private async *attempt(
    params: ChatCompletionCreateParamsStreaming,
    droppedMessages: number,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<LlmStreamEvent, AttemptOutcome, undefined> {
    const deadline = new AttemptDeadline(this.config.timeoutMs, signal);
    let afterOutput = false;
    // The SDK ends iteration quietly when its request is aborted, so every way out of the
    // loop below is checked against the caller's signal and the deadline.
    const interrupted = (): AttemptOutcome => {
      if (signal?.aborted) throw new LlmAbortedError(signal.reason);
      if (deadline.timedOut) {
        return { ok: false, afterOutput, failure: { kind: 'timeout', detail: `no data within ${this.config.timeoutMs} ms`, cause: undefined } };
      }
      return { ok: false, afterOutput, failure: { kind: 'incomplete', detail: 'the stream ended without a finish reason', cause: undefined } };
    };

    try {
      deadline.arm();
      const chunks = await this.client.chat.completions.create(params, { signal: deadline.signal });
      const iterator = chunks[Symbol.asyncIterator]();
      const toolCalls = new ToolCallAssembler();
      let finishReason: ChatCompletionChunk.Choice['finish_reason'] = null;
      let usage: LlmUsage | undefined;

      for (;;) {
        deadline.arm();
        const next = await iterator.next();
        deadline.disarm();
        if (next.done) break;
        const chunk = next.value;
        if (chunk.usage) usage = toUsage(chunk.usage);
        // We never ask for n > 1, so the first choice is the only one. Some compatible servers
        // send the usage chunk with no `choices` at all.
        const choice = chunk.choices?.[0];
        if (!choice) continue;
        for (const delta of choice.delta.tool_calls ?? []) toolCalls.add(delta);
        if (choice.finish_reason) finishReason = choice.finish_reason;
        const text = choice.delta.content;
        if (text) {
          afterOutput = true;
          yield { type: 'text_delta', text };
        }
      }

      if (finishReason === null) return interrupted();
      const calls = toolCalls.complete();
      for (const call of calls) {
        afterOutput = true;
        yield { type: 'tool_call', ...call };
      }
      yield {
        type: 'done',
        finishReason: toFinishReason(finishReason),
        ...(usage === undefined ? {} : { usage }),
        ...(droppedMessages === 0 ? {} : { droppedMessages }),
      };
      return { ok: true };
    } catch (error) {
      if (error instanceof LlmAbortedError) throw error;
      if (signal?.aborted || deadline.timedOut) return interrupted();
      const classified = classifyFailure(error, this.now());
      if (!classified.retryable) throw classified.error;
      return { ok: false, afterOutput, failure: classified.failure };
    } finally {
      deadline.dispose();
    }
  }
}

function toUsage(usage: NonNullable<ChatCompletionChunk['usage']>): LlmUsage {
  return { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens, totalTokens: usage.total_tokens };
}

function toFinishReason(reason: string): LlmFinishReason {
  switch (reason) {
    case 'stop':
    case 'length':
    case 'tool_calls':
    case 'content_filter':
      return reason;
    case 'function_call':
      return 'tool_calls';
    default:
      return 'other';
  }
}
