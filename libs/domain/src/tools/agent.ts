import type { TemplateOverrides } from '../templates/templates.js';
import { agentToolProblems } from './agent-tools.js';
import { describeName, throwIfProblems } from './definition-problems.js';
import { DEFINITION_ID_PATTERN } from './names.js';
import type { AnyToolDefinition } from './tool.js';
import type { ToolsetDefinition } from './toolset.js';

export interface AgentOptions {
  readonly name: string;
  readonly instructions: string;
  /** Bare tools: owned by the agent's activity, cancelled when it closes (SEMANTICS.md §2). */
  readonly tools?: readonly AnyToolDefinition[];
  readonly toolsets?: readonly ToolsetDefinition[];
  /**
   * Agents a tool of this one may hand off to. A name allows agents that refer to each other;
   * a definition is registered along with this agent.
   */
  readonly handoffs?: readonly (string | AgentDefinition)[];
  readonly templates?: TemplateOverrides;
}

export interface AgentDefinition {
  readonly kind: 'agent';
  readonly name: string;
  readonly instructions: string;
  readonly tools: readonly AnyToolDefinition[];
  readonly toolsets: readonly ToolsetDefinition[];
  readonly handoffs: readonly (string | AgentDefinition)[];
  readonly templates: TemplateOverrides;
}

export function agent(options: AgentOptions): AgentDefinition {
  throwIfProblems(`agent ${describeName(options?.name)}`, [
    ...agentHeaderProblems(options),
    ...agentToolProblems(options?.tools, options?.toolsets),
    ...handoffProblems(options?.handoffs),
  ]);
  return Object.freeze({
    kind: 'agent',
    name: options.name,
    instructions: options.instructions,
    tools: Object.freeze([...(options.tools ?? [])]),
    toolsets: Object.freeze([...(options.toolsets ?? [])]),
    handoffs: Object.freeze([...(options.handoffs ?? [])]),
    templates: options.templates ?? {},
  });
}

export function isAgentDefinition(value: unknown): value is AgentDefinition {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'agent';
}

/** Name and instructions, shared with `task()`. */
export function agentHeaderProblems(options: { readonly name?: unknown; readonly instructions?: unknown } | undefined): string[] {
  return [
    ...(typeof options?.name === 'string' && DEFINITION_ID_PATTERN.test(options.name)
      ? []
      : [`name must match ${DEFINITION_ID_PATTERN}`]),
    ...(typeof options?.instructions === 'string' ? [] : ['instructions must be a string']),
  ];
}

function handoffProblems(handoffs: unknown): string[] {
  if (handoffs === undefined) return [];
  if (!Array.isArray(handoffs)) return ['handoffs must be an array of agent names or agent() definitions'];
  return handoffs.flatMap((entry: unknown, index) =>
    (typeof entry === 'string' && DEFINITION_ID_PATTERN.test(entry)) || isAgentDefinition(entry)
      ? []
      : [`handoffs[${index}] must be an agent name or an agent() definition`],
  );
}
