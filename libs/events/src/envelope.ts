import { z } from 'zod';
import { sessionIdSchema } from './ids/session-id.js';

/** Who caused an event: the user, an agent, a tool runner, a gateway process, or the system. */
export const actorSchema = z.object({
  kind: z.enum(['user', 'agent', 'runner', 'gateway', 'system']),
  id: z.string().min(1).max(200),
});
export type Actor = z.infer<typeof actorSchema>;

const idSchema = z.string().min(1).max(200);

/**
 * What a writer hands to the store: everything but what the store assigns (version, log
 * position, recordedAt). `occurredAt` comes from command metadata, never from a clock inside
 * the domain; `schemaVersion` defaults to the catalogue's current version of `type`.
 */
export const newEventSchema = z.object({
  id: idSchema,
  type: z.string().min(1).max(100),
  schemaVersion: z.number().int().positive().optional(),
  stream: z.string().min(1).max(300),
  occurredAt: z.iso.datetime({ offset: true }),
  actor: actorSchema,
  causationId: idSchema,
  correlationId: idSchema,
  data: z.unknown(),
});
export type NewEvent<Type extends string = string, Data = unknown> = Omit<z.infer<typeof newEventSchema>, 'type' | 'data'> & {
  readonly type: Type;
  readonly data: Data;
};

/** The stored event: the envelope every process and the audit log see. */
export const eventEnvelopeSchema = newEventSchema.extend({
  schemaVersion: z.number().int().positive(),
  sessionId: sessionIdSchema,
  /** 1-based, gap-free version of the event in its stream. */
  version: z.number().int().positive(),
  /** 1-based, gap-free position of the event in its session's log (commit order). */
  position: z.number().int().positive(),
  recordedAt: z.iso.datetime({ offset: true }),
});
export type EventEnvelope<Type extends string = string, Data = unknown> = Omit<
  z.infer<typeof eventEnvelopeSchema>,
  'type' | 'data'
> & {
  readonly type: Type;
  readonly data: Data;
};
