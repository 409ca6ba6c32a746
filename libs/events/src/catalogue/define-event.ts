import type { z } from 'zod';

/** An older shape of an event, kept so that stored events can still be read. */
export interface PastVersion {
  readonly version: number;
  readonly data: z.ZodType;
  /** Turns data of this version into data of the next version. Pure. */
  readonly upcast: (data: never) => unknown;
}

export interface EventDefinition<Type extends string = string, Schema extends z.ZodType = z.ZodType> {
  readonly type: Type;
  /** The current schema version; new events are written at it unless told otherwise. */
  readonly version: number;
  readonly data: Schema;
  /** Older versions in ascending order, each with its upcaster to the next. */
  readonly history: readonly PastVersion[];
}

export function defineEvent<const Type extends string, Schema extends z.ZodType>(
  type: Type,
  spec: { readonly data: Schema; readonly version?: number; readonly history?: readonly PastVersion[] },
): EventDefinition<Type, Schema> {
  const history = [...(spec.history ?? [])].sort((a, b) => a.version - b.version);
  const version = spec.version ?? (history.length === 0 ? 1 : history[history.length - 1]!.version + 1);
  history.forEach((past, index) => {
    const next = index + 1 < history.length ? history[index + 1]!.version : version;
    if (past.version + 1 !== next) {
      throw new RangeError(`Event ${type}: version ${past.version} upcasts to ${past.version + 1}, but the next known version is ${next}`);
    }
  });
  return { type, version, data: spec.data, history };
}

/** The union of `{ type, data }` records a list of definitions describes. */
export type EventOf<Def> = Def extends EventDefinition<infer Type, infer Schema>
  ? { readonly type: Type; readonly data: z.output<Schema> }
  : never;
