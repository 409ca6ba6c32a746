import type { TemplateOverrides } from '../templates/templates.js';
import type { DuplicatePolicy } from './descriptors.js';
import { describeName, throwIfProblems } from './definition-problems.js';
import { normaliseDuplicateOption, type DuplicateOption } from './duplicate-option.js';
import { DEFINITION_ID_PATTERN } from './names.js';
import type { ToolLogger } from './tool-context.js';
import { isToolDefinition, type AnyToolDefinition } from './tool.js';

/** What a toolset's lifecycle hooks receive. */
export interface ToolsetLifecycleContext {
  readonly sessionId: string;
  readonly logger: ToolLogger;
}

export interface ToolsetOptions {
  /** Identifies the toolset as the owner of its tasks; unique among the configured toolsets. */
  readonly id: string;
  readonly tools: readonly AnyToolDefinition[];
  /** `agent`: tasks end with the agent's activity; `session`: they survive handoffs (SEMANTICS.md §2). */
  readonly scope: 'agent' | 'session';
  /** For tools without their own policy. Default `confirm`. */
  readonly onDuplicate?: DuplicateOption;
  readonly templates?: TemplateOverrides;
  /** Runs once when the owning activity (or the session) starts, never on resume. */
  readonly setup?: (ctx: ToolsetLifecycleContext) => Promise<void> | void;
  /** Runs once when the owning activity (or the session) closes, never on pause. */
  readonly close?: (ctx: ToolsetLifecycleContext) => Promise<void> | void;
}

export interface ToolsetDefinition {
  readonly kind: 'toolset';
  readonly id: string;
  readonly tools: readonly AnyToolDefinition[];
  readonly scope: 'agent' | 'session';
  /** The toolset's own policy; undefined means the toolset default (`confirm`). */
  readonly onDuplicate: DuplicatePolicy | undefined;
  readonly templates: TemplateOverrides;
  readonly setup: ToolsetOptions['setup'] | undefined;
  readonly close: ToolsetOptions['close'] | undefined;
}

export function toolset(options: ToolsetOptions): ToolsetDefinition {
  const onDuplicate = options?.onDuplicate === undefined ? undefined : normaliseDuplicateOption(options.onDuplicate);
  throwIfProblems(`toolset ${describeName(options?.id)}`, [
    ...(typeof options?.id === 'string' && DEFINITION_ID_PATTERN.test(options.id)
      ? []
      : [`id must match ${DEFINITION_ID_PATTERN}`]),
    ...(options?.scope === 'agent' || options?.scope === 'session' ? [] : ["scope must be 'agent' or 'session'"]),
    ...toolListProblems(options?.tools),
    ...(typeof onDuplicate === 'string' ? [onDuplicate] : []),
    ...hookProblems(options ?? ({} as ToolsetOptions)),
  ]);
  return Object.freeze({
    kind: 'toolset',
    id: options.id,
    tools: Object.freeze([...options.tools]),
    scope: options.scope,
    onDuplicate: onDuplicate as DuplicatePolicy | undefined,
    templates: options.templates ?? {},
    setup: options.setup,
    close: options.close,
  });
}

export function isToolsetDefinition(value: unknown): value is ToolsetDefinition {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'toolset';
}

/** Shared by toolsets, agents and tasks: every entry is a tool and no name appears twice. */
export function toolListProblems(tools: unknown, label = 'tools'): string[] {
  if (!Array.isArray(tools)) return [`${label} must be an array of tool() definitions`];
  const problems: string[] = [];
  const seen = new Set<string>();
  tools.forEach((entry: unknown, index) => {
    if (!isToolDefinition(entry)) {
      problems.push(`${label}[${index}] is not a tool() definition`);
    } else if (seen.has(entry.name)) {
      problems.push(`tool name \`${entry.name}\` appears twice`);
    } else {
      seen.add(entry.name);
    }
  });
  return problems;
}

function hookProblems(options: ToolsetOptions): string[] {
  return (['setup', 'close'] as const)
    .filter((hook) => options[hook] !== undefined && typeof options[hook] !== 'function')
    .map((hook) => `${hook} must be a function`);
}
