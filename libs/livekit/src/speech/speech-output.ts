/** One speech of the agent, as the session's log asked for it. */
export interface Speech {
  readonly sessionId: string;
  readonly speechId: string;
  readonly text: string;
  /** The user it is for (transcriptions go to them). */
  readonly identity: string;
}

/**
 * Where the agent's speech goes in the room: its text as a transcription stream, and audio when
 * a TTS is configured. Resolves when the speech has been played out (`played`), or `interrupted`
 * when `bargeIn` aborts first (the user started speaking over an interruptible speech).
 */
export interface SpeechOutput {
  speak(speech: Speech, bargeIn: AbortSignal): Promise<'played' | 'interrupted'>;
  close(): Promise<void>;
}
