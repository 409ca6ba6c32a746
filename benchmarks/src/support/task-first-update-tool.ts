/**
 * The tool of `npm run bench:task`: its body updates once and returns. The gateway needs its
 * definition (to offer it and validate calls); its body runs on the forked runner, which takes
 * the time its body started and sends it inside the update's message, so the timestamp reaches
 * the gateway on the measured path itself instead of over a side channel.
 */
import { tool } from '@aside/domain';
import { z } from 'zod';
import { nowNs } from './cancel-runner-protocol.js';

export const FIRST_UPDATE_TOOL = 'first_update';

const PREFIX = 'body started at ';

export const firstUpdateTool = tool({
  name: FIRST_UPDATE_TOOL,
  description: 'Reports progress once, then returns.',
  parameters: z.object({}),
  execute: async (_args, ctx) => {
    await ctx.update(`${PREFIX}${nowNs()}`); // from here on the call is async
    return 'done';
  },
});

/** The body's start (process.hrtime.bigint() in the runner) read back from its update. */
export function bodyStartOf(message: string): bigint | undefined {
  return message.startsWith(PREFIX) ? BigInt(message.slice(PREFIX.length)) : undefined;
}
