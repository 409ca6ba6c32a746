import { AsideError } from '@aside/events';

/** A waiter's activity (or its whole session) closed: it will never be current and idle again. */
export class ActivityClosedError extends AsideError {
  static readonly CODE = 'ACTIVITY_CLOSED';
  readonly code = ActivityClosedError.CODE;

  constructor(
    readonly sessionId: string,
    readonly activityId: string | null,
  ) {
    super(activityId === null ? `Session ${sessionId} closed` : `Activity ${activityId} of session ${sessionId} closed`);
    this.brand(ActivityClosedError.CODE);
  }
}
