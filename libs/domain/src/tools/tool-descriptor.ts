import type { ToolDescriptor } from './descriptors.js';
import { BARE_TOOL_DUPLICATE_POLICY, TOOLSET_DUPLICATE_POLICY } from './duplicate-option.js';
import { parametersJsonSchema } from './parameters-json-schema.js';
import type { AnyToolDefinition } from './tool.js';
import type { ToolsetDefinition } from './toolset.js';

/**
 * The plain-data view of a tool as placed on an agent: directly (bare) or through a toolset.
 * The tool's own duplicate policy wins over its toolset's, which wins over the default of its
 * placement (SEMANTICS.md §4).
 */
export function toolDescriptor(definition: AnyToolDefinition, toolset: ToolsetDefinition | undefined): ToolDescriptor {
  const duplicate =
    definition.onDuplicate ?? toolset?.onDuplicate ?? (toolset === undefined ? BARE_TOOL_DUPLICATE_POLICY : TOOLSET_DUPLICATE_POLICY);
  return Object.freeze({
    name: definition.name,
    description: definition.description,
    scope: toolset?.scope ?? 'bare',
    toolsetId: toolset?.id ?? null,
    duplicate,
    cancellable: definition.cancellable,
    delivery: definition.delivery,
    timeoutMs: definition.timeoutMs,
    retries: definition.retries,
    parameters: parametersJsonSchema(definition.parameters, { confirmDuplicate: duplicate.mode === 'confirm' }),
    templates: toolset?.templates ?? {},
  });
}
