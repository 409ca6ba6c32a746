import { describe, expect, it } from '@jest/globals';
import { LlmConfigError } from '../src/errors.js';
import { OpenAiLlm } from '../src/openai/openai-llm.js';
import { DEFAULT_OPENAI_LLM_TUNING, configFromEnv, parseOpenAiLlmConfig } from '../src/openai/openai-llm-config.js';

function errorOf(run: () => unknown): LlmConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof LlmConfigError) return error;
    throw error;
  }
  throw new Error('expected a config error');
}

describe('OpenAI LLM config', () => {
  const env = { OPENAI_API_KEY: 'sk-live', OPENAI_MODEL: 'gpt-4o-mini' };

  it('reads the key, model and optional base URL from the environment, with default tuning', () => {
    expect(configFromEnv({ ...env, OPENAI_BASE_URL: 'http://localhost:11434/v1' })).toEqual({
      ...DEFAULT_OPENAI_LLM_TUNING,
      apiKey: 'sk-live',
      model: 'gpt-4o-mini',
      baseURL: 'http://localhost:11434/v1',
    });
    expect(configFromEnv(env)).not.toHaveProperty('baseURL');
  });

  it('takes tuning from code', () => {
    expect(configFromEnv(env, { timeoutMs: 5_000, maxAttempts: 1 })).toMatchObject({ timeoutMs: 5_000, maxAttempts: 1 });
  });

  it.each([
    [{ OPENAI_MODEL: 'gpt-4o-mini' }, 'OPENAI_API_KEY', 'OPENAI_API_KEY is not set: set it to the API key of the OpenAI-compatible endpoint'],
    [{ ...env, OPENAI_API_KEY: '   ' }, 'OPENAI_API_KEY', 'OPENAI_API_KEY is not set: set it to the API key of the OpenAI-compatible endpoint'],
    [{ ...env, OPENAI_API_KEY: 'sk-a b' }, 'OPENAI_API_KEY', 'OPENAI_API_KEY is malformed: it contains whitespace'],
    [{ OPENAI_API_KEY: 'sk-live' }, 'OPENAI_MODEL', 'OPENAI_MODEL is not set: set it to the model name, e.g. gpt-4o-mini'],
    [{ ...env, OPENAI_BASE_URL: 'localhost:11434' }, 'OPENAI_BASE_URL', 'OPENAI_BASE_URL is malformed: expected an http(s) URL, got "localhost:11434"'],
    [{ ...env, OPENAI_BASE_URL: 'ftp://example.com/v1' }, 'OPENAI_BASE_URL', 'OPENAI_BASE_URL is malformed: expected an http(s) URL, got "ftp://example.com/v1"'],
  ])('fails with one line naming the variable (%#)', (input, setting, message) => {
    const error = errorOf(() => configFromEnv(input));

    expect(error.setting).toBe(setting);
    expect(error.message).toBe(message);
    expect(error.message).not.toContain('\n');
  });

  it('never echoes the API key', () => {
    expect(errorOf(() => configFromEnv({ ...env, OPENAI_API_KEY: 'sk-secret with-space' })).message).not.toContain('sk-secret');
  });

  it('validates a config built in code, naming the first bad setting on one line', () => {
    const config = configFromEnv(env);

    const error = errorOf(() => parseOpenAiLlmConfig({ ...config, backoff: { initialMs: 100, maxMs: 10 } }));
    expect(error.setting).toBe('backoff');
    expect(error.message).toBe('Invalid OpenAI LLM config: backoff: maxMs must be at least initialMs');

    expect(errorOf(() => new OpenAiLlm({ ...config, maxAttempts: 0 })).setting).toBe('maxAttempts');
  });
});
