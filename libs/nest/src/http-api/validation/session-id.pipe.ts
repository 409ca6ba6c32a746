import type { PipeTransform } from '@nestjs/common';
import { isSessionId } from '@aside/events';
import { ApiError } from '../errors/api-error.js';

export function sessionNotFound(): ApiError {
  return new ApiError(404, 'SESSION_NOT_FOUND', 'No such session');
}

/**
 * A malformed session id is answered exactly like an unknown one (404 `SESSION_NOT_FOUND`):
 * no id the gateway could never have issued reaches it, and no client learns the id format by
 * probing.
 */
export class SessionIdPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    if (!isSessionId(value)) throw sessionNotFound();
    return value;
  }
}
