// @aside/llm: the LLM port, its OpenAI adapter, the context-window cap and a scripted fake.
export type {
  JsonSchemaObject,
  LlmAssistantMessage,
  LlmDone,
  LlmFinishReason,
  LlmMessage,
  LlmPort,
  LlmRequest,
  LlmStreamEvent,
  LlmStreamOptions,
  LlmSystemMessage,
  LlmTextDelta,
  LlmToolCall,
  LlmToolCallEvent,
  LlmToolChoice,
  LlmToolMessage,
  LlmToolSpec,
  LlmUsage,
  LlmUserMessage,
} from './llm-port.js';
export { collect } from './collect.js';
export type { LlmCompletion } from './collect.js';
export { messagesForRequest } from './request-messages.js';
export { LlmAbortedError, LlmConfigError, LlmError, LlmRequestError, LlmUnavailableError } from './errors.js';
export type { LlmFailureKind } from './errors.js';
export {
  CHARS_PER_TOKEN,
  MESSAGE_OVERHEAD_TOKENS,
  estimateMessageTokens,
  estimateTextTokens,
  fitContextWindow,
} from './context-window.js';
export type { ContextWindowOptions, ContextWindowResult } from './context-window.js';
export { OpenAiLlm } from './openai/openai-llm.js';
export type { LlmRetryNotice, OpenAiLlmOptions } from './openai/openai-llm.js';
export type { TransientFailure } from './openai/classify-failure.js';
export {
  DEFAULT_OPENAI_LLM_TUNING,
  configFromEnv,
  openAiLlmConfigSchema,
  parseOpenAiLlmConfig,
} from './openai/openai-llm-config.js';
export type { OpenAiLlmConfig, OpenAiLlmTuning } from './openai/openai-llm-config.js';
export { ScriptExhaustedError, ScriptedLlm } from './fake/scripted-llm.js';
export type {
  ScriptResponder,
  ScriptStep,
  ScriptedLlmOptions,
  ScriptedResponse,
  ScriptedToolCall,
} from './fake/scripted-llm.js';
