import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { idField, nameField, textField } from './fields.js';

/**
 * LLM requests and their outcomes, in the stream of the activity that asks. The shell reacts
 * to `GenerationRequested` by calling the LLM with the activity's chat context and answers
 * with a command (complete or fail). Deferred replies are requested by `ReplyDeliveryStarted`.
 */
export const GenerationRequested = defineEvent('GenerationRequested', {
  data: z.object({
    generationId: idField,
    purpose: z.enum(['user_turn', 'tool_reply', 'explicit', 'handoff', 'task_start']),
    toolChoice: z.enum(['auto', 'none']),
    /** Names of the tools offered: the agent's own, plus the management tools when visible. */
    tools: z.array(nameField),
    /** One-off instructions for this generation only (never saved in the chat context). */
    instructions: z.string().nullable(),
    /** Whether the user may interrupt the speech this generation produces. */
    allowInterruptions: z.boolean(),
    /** For a tool reply: the generation whose tool calls it answers. */
    parentGenerationId: idField.nullable(),
  }),
});

export const GenerationCompleted = defineEvent('GenerationCompleted', {
  data: z.object({
    generationId: idField,
    text: textField,
    /** The tool calls, with the call id the session uses (an id the LLM reused gets a suffix). */
    calls: z.array(z.object({ callId: idField, llmCallId: z.string().max(300), name: z.string().max(200) })),
  }),
});

export const GenerationFailed = defineEvent('GenerationFailed', {
  data: z.object({ generationId: idField, message: textField }),
});

/** The LLM answered after its activity closed: recorded, nothing else happens. */
export const GenerationDiscarded = defineEvent('GenerationDiscarded', {
  data: z.object({ generationId: idField, reason: z.literal('activity_closed'), text: textField, toolCalls: z.number().int() }),
});

/** A valid call became a task; the turn waits for its first update or its result. */
export const ToolCallDispatched = defineEvent('ToolCallDispatched', {
  data: z.object({ generationId: idField, callId: idField, toolName: nameField, taskId: idField }),
});

/** A call answered at once, without a task of its own (the output is in a ChatItemAdded). */
export const ToolCallAnswered = defineEvent('ToolCallAnswered', {
  data: z.object({
    generationId: idField,
    callId: idField,
    toolName: z.string().max(200),
    answer: z.enum([
      'get_running_tasks',
      'cancel_task',
      'duplicate_rejected',
      'duplicate_needs_confirmation',
      'replace_failed',
      'attached',
      'invalid_arguments',
      'unknown_tool',
    ]),
    /** The running calls a duplicate policy looked at, or the task a cancel/attach reached. */
    relatedCallIds: z.array(idField),
  }),
});

/** The original call got its output: the dispatch no longer holds the turn. */
export const ToolCallResolved = defineEvent('ToolCallResolved', {
  data: z.object({
    generationId: idField,
    callId: idField,
    via: z.enum(['result', 'first_update', 'error', 'cancelled']),
    /** False for a call cancelled before its first update: it asks for no tool reply. */
    wantsReply: z.boolean(),
  }),
});
