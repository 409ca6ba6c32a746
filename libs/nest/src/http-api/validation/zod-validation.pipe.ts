import type { PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { ApiError } from '../errors/api-error.js';

/** Where a validated value came from; the first element of every issue's path. */
export type RequestPart = 'body' | 'query' | 'params';

export interface ValidationIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/**
 * Validates one part of the request with a zod schema and hands the handler the parsed value.
 * A failure is a 400 `INVALID_REQUEST` listing the issues as `{ path, message }`, the path
 * starting with the part (`['body', 'lateResults', 'webhook']`) — at most `MAX_ISSUES` of them
 * (`omittedIssues` counts the rest), unknown keys named at most `MAX_KEYS_NAMED` at a time: a
 * body of 50,000 unknown keys gets a short answer, not one that repeats every key.
 */
export class ZodValidationPipe<Schema extends z.ZodType> implements PipeTransform<unknown, z.output<Schema>> {
  constructor(
    private readonly schema: Schema,
    private readonly part: RequestPart,
  ) {}

  transform(value: unknown): z.output<Schema> {
    const result = this.schema.safeParse(value);
    if (result.success) return result.data;
    const issues: ValidationIssue[] = result.error.issues.slice(0, MAX_ISSUES).map((issue) => ({
      path: [this.part, ...issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key))],
      message: messageOf(issue),
    }));
    const omitted = result.error.issues.length - issues.length;
    throw new ApiError(400, 'INVALID_REQUEST', `The request ${this.part} is invalid`, { issues, ...(omitted > 0 ? { omittedIssues: omitted } : {}) });
  }
}

const MAX_ISSUES = 20;
const MAX_KEYS_NAMED = 10;
const MAX_KEY_LENGTH = 64;
const MAX_MESSAGE_LENGTH = 500;

/** zod's message, with unknown keys named a few at a time and every message bounded. */
function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys' && issue.keys.length > 1) {
    const named = issue.keys.slice(0, MAX_KEYS_NAMED).map((key) => `"${clip(key, MAX_KEY_LENGTH)}"`);
    const more = issue.keys.length - named.length;
    return `Unrecognized keys: ${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
  }
  return clip(issue.message, MAX_MESSAGE_LENGTH);
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
