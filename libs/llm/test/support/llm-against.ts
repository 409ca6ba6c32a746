import { OpenAiLlm, type OpenAiLlmOptions } from '../../src/openai/openai-llm.js';
import type { OpenAiLlmConfig } from '../../src/openai/openai-llm-config.js';
import type { FakeOpenAiServer } from './fake-openai-server.js';

/** An adapter pointed at the fake server, with test-sized timings and pinned jitter. */
export function llmAgainst(
  server: FakeOpenAiServer,
  overrides: Partial<OpenAiLlmConfig> = {},
  options: OpenAiLlmOptions = {},
): OpenAiLlm {
  return new OpenAiLlm(
    {
      apiKey: 'sk-test',
      baseURL: server.baseURL,
      model: 'fake-model',
      timeoutMs: 2_000,
      maxAttempts: 3,
      backoff: { initialMs: 1, maxMs: 5 },
      maxContextTokens: 100_000,
      ...overrides,
    },
    { random: () => 0.5, ...options },
  );
}
