import { Inject, Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { tool, type AnyToolDefinition, type ToolContext } from '@aside/domain';
import { TOOL_METADATA, type ToolMethodOptions } from './tool.decorator.js';

/** A tool and where it came from, so a refusal can name both registrations. */
export interface FoundTool {
  readonly definition: AnyToolDefinition;
  readonly source: string;
}

/**
 * Finds the `@Tool()` methods on every provider at boot (DiscoveryService + MetadataScanner, as
 * `@nestjs/bullmq` finds processors). Each becomes a `tool()` whose body is the method bound
 * to its provider instance. Request-scoped and not-yet-built providers are skipped: a runner
 * tool needs one long-lived instance.
 */
@Injectable()
export class ToolExplorer {
  constructor(
    @Inject(DiscoveryService) private readonly discovery: DiscoveryService,
    @Inject(MetadataScanner) private readonly scanner: MetadataScanner,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  explore(): FoundTool[] {
    const found: FoundTool[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!wrapper.isDependencyTreeStatic() || typeof instance !== 'object' || instance === null) continue;
      const prototype = Object.getPrototypeOf(instance) as object | null;
      if (prototype === null) continue;
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        const method = (instance as Record<string, unknown>)[methodName];
        if (typeof method !== 'function') continue;
        const options = this.reflector.get<ToolMethodOptions | undefined>(TOOL_METADATA, method as (...args: unknown[]) => unknown);
        if (options === undefined) continue;
        const source = `${instance.constructor.name}.${methodName}`;
        const body = (args: Record<string, unknown>, ctx: ToolContext): unknown => (method as (a: unknown, c: ToolContext) => unknown).call(instance, args, ctx);
        found.push({ definition: tool({ ...options, execute: body }), source: `@Tool() ${source}` });
      }
    }
    return found;
  }
}

/** Every tool the runner serves, by name; two registrations of one name fail the boot, naming both. */
export function toolsByName(found: readonly FoundTool[]): ReadonlyMap<string, AnyToolDefinition> {
  const byName = new Map<string, FoundTool>();
  const clashes: string[] = [];
  for (const entry of found) {
    const earlier = byName.get(entry.definition.name);
    if (earlier === undefined) byName.set(entry.definition.name, entry);
    else if (earlier.definition !== entry.definition) clashes.push(`\`${entry.definition.name}\` (${earlier.source} and ${entry.source})`);
  }
  if (clashes.length > 0) throw new Error(`ToolRunnerModule: two tools share a name: ${clashes.join('; ')}`);
  return new Map([...byName].map(([name, entry]) => [name, entry.definition]));
}
