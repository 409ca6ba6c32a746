import type { LogEvent } from '../log-event.js';
import type { SessionConditions } from '../session-conditions.js';
import type { TimelineLane } from '../timeline-model.js';

/** What every lane may ask while the log is folded. */
export interface FoldContext {
  readonly conditions: SessionConditions;
  /** The agent an activity runs ('' before its start was seen). */
  agentOf(activityId: string): string;
}

/** One lane of the timeline, folded from the log event by event. */
export interface LaneBuilder {
  on(event: LogEvent, context: FoldContext): void;
  build(): TimelineLane;
}

/** An item while the log is folded: writable, with arrays it can push to. */
export type Draft<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer E)[] ? E[] : T[K] };
