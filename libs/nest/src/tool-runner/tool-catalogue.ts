import type { AnyToolDefinition, DeliveryMode, DuplicatePolicy } from '@aside/domain';
import { jsonSchemaOf } from '@aside/domain';
import type { Redis } from 'ioredis';

/**
 * The tool catalogue (DESIGN.md §3): a Redis hash at `<prefix>:tool-catalogue` whose fields are
 * tool names and whose values are `ToolCatalogueEntry` as JSON. Every runner writes its tools
 * at boot (HSET, so runners serving different tools share the hash and the last runner to boot
 * wins for a name); entries are never deleted by a runner, since another may still serve the
 * tool. The gateway reads it to offer runner tools to agents by name.
 */
export interface ToolCatalogueEntry {
  readonly name: string;
  readonly description: string;
  /** The parameters as a draft-07 JSON schema, in input form (what the LLM fills in). */
  readonly parameters: Record<string, unknown>;
  readonly cancellable: boolean;
  readonly timeoutMs: number | null;
  readonly retries: number;
  readonly delivery: DeliveryMode;
  /** The tool's own duplicate policy; null lets its toolset (or the bare default) decide. */
  readonly onDuplicate: DuplicatePolicy | null;
}

export function toolCatalogueKey(prefix: string): string {
  return `${prefix}:tool-catalogue`;
}

export function catalogueEntryOf(definition: AnyToolDefinition): ToolCatalogueEntry {
  return {
    name: definition.name,
    description: definition.description,
    parameters: jsonSchemaOf(definition.parameters),
    cancellable: definition.cancellable,
    timeoutMs: definition.timeoutMs,
    retries: definition.retries,
    delivery: definition.delivery,
    onDuplicate: definition.onDuplicate ?? null,
  };
}

/** Writes the runner's tools into the catalogue in one HSET (idempotent: same tools, same hash). */
export async function publishToolCatalogue(redis: Redis, prefix: string, tools: readonly AnyToolDefinition[]): Promise<void> {
  if (tools.length === 0) return;
  const fields = Object.fromEntries(tools.map((definition) => [definition.name, JSON.stringify(catalogueEntryOf(definition))]));
  await redis.hset(toolCatalogueKey(prefix), fields);
}
