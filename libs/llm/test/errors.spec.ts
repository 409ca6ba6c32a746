import { describe, expect, it } from '@jest/globals';
import { AsideError } from '@aside/events';
import { LlmAbortedError, LlmError, LlmRequestError, LlmUnavailableError } from '../src/index.js';

describe('LLM errors', () => {
  const unavailable = new LlmUnavailableError({ attempts: 3, reason: 'rate_limited', lastStatus: 429, afterOutput: false });

  it('are coded AsideErrors', () => {
    expect(unavailable).toBeInstanceOf(AsideError);
    expect(unavailable).toBeInstanceOf(LlmError);
    expect(unavailable.code).toBe('LLM_UNAVAILABLE');
  });

  it('answer instanceof by their own code only', () => {
    expect(unavailable).toBeInstanceOf(LlmUnavailableError);
    expect(unavailable).not.toBeInstanceOf(LlmRequestError);
    expect(unavailable).not.toBeInstanceOf(LlmAbortedError);
    expect(new Error('plain')).not.toBeInstanceOf(LlmError);
  });
});
