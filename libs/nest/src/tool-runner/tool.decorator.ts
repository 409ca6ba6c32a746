import { SetMetadata } from '@nestjs/common';
import type { ToolContext, ToolOptions } from '@aside/domain';
import type { z } from 'zod';

/** Reflect metadata key under which `@Tool()` stores its options on the method. */
export const TOOL_METADATA = 'aside:tool';

/** Everything `tool()` takes except the body: the decorated method is the body. */
export type ToolMethodOptions<Params extends z.ZodObject = z.ZodObject> = Omit<ToolOptions<Params, unknown>, 'execute'>;

type ToolMethod<Params extends z.ZodObject> = (args: z.output<Params>, ctx: ToolContext) => unknown;

/**
 * Declares a provider's method as a runner tool (DESIGN.md §5), the way `@Processor()` marks a
 * BullMQ processor: `ToolRunnerModule` discovers it at boot, builds it with `tool()` (so it is
 * validated like any definition) and calls the method bound to its provider instance with
 * `(args, ctx)`.
 *
 *   @Injectable()
 *   class FlightTools {
 *     @Tool({ name: 'search_flights', description: '…', parameters: z.object({ to: z.string() }) })
 *     async search({ to }: { to: string }, ctx: ToolContext) { … }
 *   }
 */
export function Tool<Params extends z.ZodObject>(options: ToolMethodOptions<Params>) {
  const mark = SetMetadata(TOOL_METADATA, options);
  return <Method extends ToolMethod<Params>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<Method>): void => {
    mark(target, key, descriptor);
  };
}
