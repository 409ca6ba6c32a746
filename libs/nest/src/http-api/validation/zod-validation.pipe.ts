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
 * A failure is a 400 `INVALID_REQUEST` listing every issue as `{ path, message }`, the path
 * starting with the part (`['body', 'lateResults', 'webhook']`).
 */
export class ZodValidationPipe<Schema extends z.ZodType> implements PipeTransform<unknown, z.output<Schema>> {
  constructor(
    private readonly schema: Schema,
    private readonly part: RequestPart,
  ) {}

  transform(value: unknown): z.output<Schema> {
    const result = this.schema.safeParse(value);
    if (result.success) return result.data;
    const issues: ValidationIssue[] = result.error.issues.map((issue) => ({
      path: [this.part, ...issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key))],
      message: issue.message,
    }));
    throw new ApiError(400, 'INVALID_REQUEST', `The request ${this.part} is invalid`, { issues });
  }
}
