/**
 * Configuration of the OpenAI adapter, validated with zod. `configFromEnv` reads the three
 * settings that belong to the deployment (DESIGN.md §5) and fails with one line naming the
 * variable; the tuning knobs come from code, with production defaults below.
 */
import { z } from 'zod';
import { LlmConfigError } from '../errors.js';

const httpUrl = z.url({ protocol: /^https?$/ });

export const openAiLlmConfigSchema = z
  .object({
    apiKey: z.string().trim().min(1),
    /** Any OpenAI-compatible endpoint, e.g. `http://localhost:11434/v1`; the SDK default otherwise. */
    baseURL: httpUrl.optional(),
    model: z.string().trim().min(1),
    /** Longest silence allowed per attempt: before the first chunk and between two chunks. */
    timeoutMs: z.number().int().positive(),
    /** Attempts in total, including the first (1 = never retry). */
    maxAttempts: z.number().int().min(1),
    backoff: z
      .object({ initialMs: z.number().int().nonnegative(), maxMs: z.number().int().nonnegative() })
      .refine((backoff) => backoff.maxMs >= backoff.initialMs, { message: 'maxMs must be at least initialMs' }),
    /** The cap applied by context-window.ts before each request. */
    maxContextTokens: z.number().int().positive(),
  })
  .strict();

export type OpenAiLlmConfig = z.infer<typeof openAiLlmConfigSchema>;

/** Settings not read from the environment. Voice wants a fast failure more than a long wait. */
export const DEFAULT_OPENAI_LLM_TUNING = {
  timeoutMs: 15_000,
  maxAttempts: 3,
  backoff: { initialMs: 250, maxMs: 4_000 },
  maxContextTokens: 100_000,
} as const satisfies Pick<OpenAiLlmConfig, 'timeoutMs' | 'maxAttempts' | 'backoff' | 'maxContextTokens'>;

export type OpenAiLlmTuning = Partial<Pick<OpenAiLlmConfig, 'timeoutMs' | 'maxAttempts' | 'backoff' | 'maxContextTokens'>>;

/** Validates a config built in code; the error is one line naming the first bad setting. */
export function parseOpenAiLlmConfig(input: unknown): OpenAiLlmConfig {
  const parsed = openAiLlmConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const setting = issue?.path.join('.') || '(config)';
  // Never echo values: the key is a secret.
  throw new LlmConfigError(setting, `Invalid OpenAI LLM config: ${setting}: ${issue?.message ?? 'invalid'}`);
}

/**
 * Reads `OPENAI_API_KEY` (required), `OPENAI_MODEL` (required: a default model name would go
 * stale silently) and `OPENAI_BASE_URL` (optional, http(s) URL). Blank counts as missing.
 */
export function configFromEnv(env: Readonly<Record<string, string | undefined>>, tuning: OpenAiLlmTuning = {}): OpenAiLlmConfig {
  const apiKey = present(env['OPENAI_API_KEY']);
  if (apiKey === undefined) {
    throw new LlmConfigError('OPENAI_API_KEY', 'OPENAI_API_KEY is not set: set it to the API key of the OpenAI-compatible endpoint');
  }
  if (/\s/.test(apiKey)) {
    throw new LlmConfigError('OPENAI_API_KEY', 'OPENAI_API_KEY is malformed: it contains whitespace');
  }
  const model = present(env['OPENAI_MODEL']);
  if (model === undefined) {
    throw new LlmConfigError('OPENAI_MODEL', 'OPENAI_MODEL is not set: set it to the model name, e.g. gpt-4o-mini');
  }
  const baseURL = present(env['OPENAI_BASE_URL']);
  if (baseURL !== undefined && !httpUrl.safeParse(baseURL).success) {
    throw new LlmConfigError('OPENAI_BASE_URL', `OPENAI_BASE_URL is malformed: expected an http(s) URL, got ${JSON.stringify(baseURL)}`);
  }
  return parseOpenAiLlmConfig({
    ...DEFAULT_OPENAI_LLM_TUNING,
    ...tuning,
    apiKey,
    model,
    ...(baseURL === undefined ? {} : { baseURL }),
  });
}

function present(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
