import { z } from 'zod';
import { chatItemSchema } from './chat-events.js';
import { idField, ownerKeyField, textField } from './fields.js';
import { defineEvent } from '../define-event.js';

/** One `_update_n` / `_finished` result waiting to be spoken about. */
export const replyEntrySchema = z.object({
  callId: idField,
  taskId: idField,
  /** The activity whose chat context the items were written into. */
  activityId: idField,
  /** The call + output pair, as written (so a drop or a foreign delivery can show them). */
  items: z.array(chatItemSchema),
  /** Already put back once after the user interrupted its reply: never put back again. */
  redelivered: z.boolean(),
});
export type ReplyEntry = z.output<typeof replyEntrySchema>;

const batchRef = {
  ownerKey: ownerKeyField,
  /** Session-wide order of batches: deliveries go oldest first. */
  batchOrder: z.number().int().positive(),
};

/**
 * Stream of the owner. A `when_idle` entry joins the owner's open batch (or opens it with
 * `batchOrder`); an `interrupt` entry always forms a batch of its own.
 */
export const ReplyQueued = defineEvent('ReplyQueued', {
  data: z.object({ ...batchRef, mode: z.enum(['when_idle', 'interrupt']), entry: replyEntrySchema }),
});

/** The user interrupted a deferred reply before it finished: its entries go back, once. */
export const ReplyRequeued = defineEvent('ReplyRequeued', {
  data: z.object({ ...batchRef, deliveryId: idField, entries: z.array(replyEntrySchema) }),
});

/**
 * Stream of the owner. The atomic snapshot-and-clear of one batch, and the request for the
 * reply: the shell generates it with these instructions and `tool_choice: none`, then records it.
 */
export const ReplyDeliveryStarted = defineEvent('ReplyDeliveryStarted', {
  data: z.object({
    ...batchRef,
    deliveryId: idField,
    /** The activity that speaks the reply (current and idle at this moment). */
    activityId: idField,
    mode: z.enum(['when_idle', 'interrupt']),
    callIds: z.array(idField),
    /** Subset of `callIds` delivered a second time after an interrupted reply. */
    redeliveredCallIds: z.array(idField),
    entries: z.array(replyEntrySchema),
    instructions: textField,
    toolChoice: z.literal('none'),
    /** Items written into another activity's chat (before a handoff): context for this reply only. */
    foreignItems: z.array(chatItemSchema),
    warnings: z.array(textField),
  }),
});

/** Stream of the speaking activity: the reply text, recorded before it is spoken. */
export const ReplyGenerated = defineEvent('ReplyGenerated', {
  data: z.object({ deliveryId: idField, text: textField }),
});

export const ReplyFailed = defineEvent('ReplyFailed', {
  data: z.object({ deliveryId: idField, message: textField }),
});

/** Stream of the owner: entries that will never be spoken about, with why and what. */
export const ReplyDropped = defineEvent('ReplyDropped', {
  data: z.object({
    ownerKey: ownerKeyField,
    reason: z.enum(['handoff', 'activity_closed', 'session_closed', 'task_cancelled']),
    entries: z.array(replyEntrySchema),
  }),
});
