import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { ApiError, ZodValidationPipe } from '../../src/index.js';

function refusal(schema: z.ZodType, value: unknown): ApiError {
  try {
    new ZodValidationPipe(schema, 'body').transform(value);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('ZodValidationPipe', () => {
  it('lists at most 20 issues and counts the others', () => {
    const schema = z.strictObject(Object.fromEntries(Array.from({ length: 30 }, (_, index) => [`f${index}`, z.string()])));
    const { status, code, details } = refusal(schema, {});
    expect({ status, code }).toEqual({ status: 400, code: 'INVALID_REQUEST' });
    expect(details['issues']).toHaveLength(20);
    expect(details['omittedIssues']).toBe(10);
  });

  it('clips unknown keys it names and long messages', () => {
    const { details } = refusal(z.strictObject({}), { ['k'.repeat(1_000)]: 1, other: 2 });
    expect(details['issues']).toEqual([{ path: ['body'], message: `Unrecognized keys: "${'k'.repeat(63)}…", "other"` }]);
    const single = refusal(z.strictObject({}), { ['k'.repeat(1_000)]: 1 }).details['issues'] as { message: string }[];
    expect(single[0]?.message.length).toBeLessThanOrEqual(500);
  });
});
