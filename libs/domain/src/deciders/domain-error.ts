import { AsideError } from '@aside/events';

/**
 * Why a command was refused. A refused command changes nothing: the decider throws before any
 * event exists. Stale runner input is not refused (it becomes `ReportDiscarded`).
 */
export type DomainErrorCode =
  | 'SESSION_NOT_STARTED'
  | 'SESSION_ALREADY_STARTED'
  | 'SESSION_CLOSED'
  | 'UNKNOWN_AGENT'
  | 'NOT_AN_AGENT'
  | 'NOT_AN_AGENT_TASK'
  | 'ACTIVITY_NOT_FOUND'
  | 'ACTIVITY_CLOSED'
  | 'ACTIVITY_NOT_CURRENT'
  | 'UNKNOWN_GENERATION'
  | 'GENERATION_NOT_PENDING'
  | 'UNKNOWN_TASK'
  | 'TASK_NOT_RUNNING'
  | 'TASK_ALREADY_ASYNC'
  | 'TASK_NOT_CANCELLABLE'
  | 'UNKNOWN_DELIVERY'
  | 'DELIVERY_NOT_PENDING'
  | 'NOTHING_TO_DELIVER'
  | 'NOT_IDLE'
  | 'UNKNOWN_SPEECH'
  | 'INVALID_COMMAND';

/** The one error the deciders throw. `instanceof` survives duplicate package copies (see AsideError). */
export class DomainError extends AsideError {
  static readonly CODE = 'DOMAIN_ERROR';
  readonly code: DomainErrorCode;

  constructor(code: DomainErrorCode, message: string) {
    super(message);
    this.code = code;
    this.brand(DomainError.CODE);
  }
}

export function reject(code: DomainErrorCode, message: string): never {
  throw new DomainError(code, message);
}
