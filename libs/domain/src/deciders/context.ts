import type { TemplateOverrides } from '../templates/templates.js';
import type { AgentRegistry } from '../tools/descriptors.js';
import type { LateResultPolicy } from './late-results/late-result-policy.js';

/** Configuration the deciders consult (not state: it is never folded from events). */
export interface DeciderContext {
  readonly registry: AgentRegistry;
  /** Session-level template overrides (agent and toolset layers come from the registry). */
  readonly templates?: TemplateOverrides;
  /** How late-result webhooks are retried; DEFAULT_LATE_RESULT_POLICY when left out. */
  readonly lateResultPolicy?: LateResultPolicy;
}
