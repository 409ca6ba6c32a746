import { z } from 'zod';

/** A chat message as older LiveKit front ends publish it on `lk-chat-topic` (`ChatMessage` of `@livekit/rtc-node`). */
export const legacyChatMessageSchema = z.object({
  id: z.string(),
  timestamp: z.number(),
  message: z.string(),
});
