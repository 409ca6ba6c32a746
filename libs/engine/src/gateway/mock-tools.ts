import type { AnyToolDefinition, ToolContext } from '@aside/domain';

/** A stand-in body: it may ignore its arguments or take `(args, ctx)` like the real one. */
export type MockImplementation = (args: Record<string, unknown>, ctx: ToolContext) => unknown;

/**
 * Mocks for tests (SEMANTICS §9): a mock replaces only the body. It runs under the same owner,
 * with the same duplicate policy, `ctx.update`, cancellation and delivery, after the arguments
 * were validated against the real tool's schema — because dispatch never changes, only the
 * body the queue finds.
 */
export class ToolMocks {
  private readonly mocks = new Map<string, MockImplementation>();

  set(agent: string, implementations: Readonly<Record<string, MockImplementation>>): void {
    for (const [toolName, implementation] of Object.entries(implementations)) this.mocks.set(key(agent, toolName), implementation);
  }

  /** The real definition with its body swapped, or the definition itself when not mocked. */
  apply(agent: string, definition: AnyToolDefinition | undefined): AnyToolDefinition | undefined {
    const mock = definition && this.mocks.get(key(agent, definition.name));
    if (!definition || !mock) return definition;
    return { ...definition, execute: async (args: Record<string, unknown>, ctx: ToolContext) => mock(args, ctx) } as AnyToolDefinition;
  }
}

function key(agent: string, toolName: string): string {
  return `${agent}\u0000${toolName}`;
}
