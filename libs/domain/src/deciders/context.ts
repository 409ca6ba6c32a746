import type { TemplateOverrides } from '../templates/templates.js';
import type { AgentRegistry } from '../tools/descriptors.js';

/** Configuration the deciders consult (not state: it is never folded from events). */
export interface DeciderContext {
  readonly registry: AgentRegistry;
  /** Session-level template overrides (agent and toolset layers come from the registry). */
  readonly templates?: TemplateOverrides;
}
