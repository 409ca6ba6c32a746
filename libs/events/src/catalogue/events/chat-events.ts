import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { idField, nameField, textField } from './fields.js';

/** The items an activity's chat context holds, as the LLM sees them (SEMANTICS §3). */
export const chatItemSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('message'), role: z.enum(['user', 'assistant']), text: textField }),
  z.object({ type: z.literal('function_call'), callId: idField, name: nameField, arguments: textField }),
  z.object({
    type: z.literal('function_call_output'),
    callId: idField,
    name: nameField,
    output: textField,
    isError: z.boolean(),
  }),
]);
export type ChatItem = z.output<typeof chatItemSchema>;

/** One item appended to the chat context of the activity whose stream holds the event. */
export const ChatItemAdded = defineEvent('ChatItemAdded', {
  data: z.object({ item: chatItemSchema }),
});
