/**
 * The part of `GET /v1/sessions/:id` (the engine's `SessionProjection`) that the process
 * harness reads, as a black-box client sees the JSON. Declared here rather than imported because
 * test support (scope:testing) may not depend on @aside/engine (the architecture's module boundaries); the
 * agent-gateway's process tests assert at compile time that `SessionProjection` still fits it.
 */
export interface SessionView {
  readonly status: string;
  readonly tasks: readonly TaskView[];
  readonly activities: readonly ActivityView[];
}

export interface TaskView {
  readonly taskId: string;
  readonly callId: string;
  readonly status: string;
  readonly attempt: number;
  readonly lastProgress: string | null;
}

export interface ActivityView {
  readonly activityId: string;
  readonly idle: boolean;
  /** Chat items as the projection shows them (function calls and outputs among them). */
  readonly chat: readonly unknown[];
}
