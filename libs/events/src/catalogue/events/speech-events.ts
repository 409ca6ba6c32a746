import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { idField, textField } from './fields.js';

/**
 * Agent speech: queued → playing → played / interrupted. The session has one audio output, so
 * speeches play one at a time in the order they were queued, whichever activity queued them.
 */
export const SpeechQueued = defineEvent('SpeechQueued', {
  data: z.object({
    speechId: idField,
    text: textField,
    /** The generation or the deferred-reply delivery that produced the text (one of them). */
    generationId: idField.nullable(),
    deliveryId: idField.nullable(),
    allowInterruptions: z.boolean(),
  }),
});

/** The shell sends the speech to the client (TTS, text frame) when it sees this. */
export const SpeechStarted = defineEvent('SpeechStarted', {
  data: z.object({ speechId: idField }),
});

export const SpeechFinished = defineEvent('SpeechFinished', {
  data: z.object({
    speechId: idField,
    status: z.enum(['played', 'interrupted']),
    /**
     * `playout`: reported by the client; `timeout`: the client never reported and the playout
     * timeout ran out (counts as played); `instant`: instant playout; `user`: the user cut in;
     * `cut_in`: an `interrupt`-delivery reply cut in; `activity_closed`: dropped before playing.
     */
    cause: z.enum(['playout', 'timeout', 'instant', 'user', 'cut_in', 'activity_closed']),
  }),
});
