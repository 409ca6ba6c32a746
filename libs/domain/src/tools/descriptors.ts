import type { TemplateOverrides } from '../templates/templates.js';

/**
 * Plain-data views of tools and agents: what the deciders reason about. The definitions made
 * with `tool()`, `toolset()`, `agent()` and `task()` (with their zod schemas and bodies) are
 * turned into these by the agent registry; state and events never hold a function or a schema.
 */

export type DuplicateMode = 'allow' | 'reject' | 'replace' | 'confirm' | 'attach';

export interface DuplicatePolicy {
  readonly mode: DuplicateMode;
  /** `name`: any running call of the same tool name; `name_and_args`: same canonical arguments too. */
  readonly scope: 'name' | 'name_and_args';
}

export type DeliveryMode = 'when_idle' | 'interrupt' | 'silent';

/** Who owns a tool's async tasks (SEMANTICS.md §2). */
export type ToolScope = 'bare' | 'agent' | 'session';

export interface ToolDescriptor {
  readonly name: string;
  readonly description: string;
  readonly scope: ToolScope;
  /** The toolset the tool belongs to, null for a bare tool. */
  readonly toolsetId: string | null;
  readonly duplicate: DuplicatePolicy;
  readonly cancellable: boolean;
  readonly delivery: DeliveryMode;
  /** Per attempt; null for no timeout. */
  readonly timeoutMs: number | null;
  readonly retries: number;
  /** JSON schema of the parameters as offered to the LLM (with `confirm_duplicate` under `confirm`). */
  readonly parameters: Readonly<Record<string, unknown>>;
  /** Template overrides of the tool's toolset. */
  readonly templates: TemplateOverrides;
}

export interface AgentDescriptor {
  readonly name: string;
  /** `task` for an agent task that returns a typed result to the activity that ran it. */
  readonly kind: 'agent' | 'task';
  readonly instructions: string;
  readonly tools: readonly ToolDescriptor[];
  /** Names of agents this agent may hand off to. */
  readonly handoffs: readonly string[];
  readonly templates: TemplateOverrides;
  /** For a task: JSON schema of its result. */
  readonly resultSchema: Readonly<Record<string, unknown>> | null;
}

/** The outcome of the one argument-validation function (SEMANTICS.md §6). */
export type ParsedArguments =
  | {
      readonly ok: true;
      /** Parsed by the tool's zod schema (defaults applied), without `confirm_duplicate`. */
      readonly args: Readonly<Record<string, unknown>>;
      /** `args` as JSON with keys sorted at every depth: equal arguments, equal text. */
      readonly canonical: string;
      /** The `confirm_duplicate` flag the LLM sent (false when absent); never reaches the body. */
      readonly confirmDuplicate: boolean;
    }
  | {
      readonly ok: false;
      /** Starts with ``Error parsing arguments for `<name>`:`` and names path and reason. */
      readonly message: string;
    };

/**
 * What the deciders may ask about the configured agents. Pure: built once from the
 * definitions, consulted inside `decide` (it is configuration, not state).
 */
export interface AgentRegistry {
  agent(name: string): AgentDescriptor | undefined;
  /** The one validation function every path uses (sync, async, mocked). */
  parseArguments(agentName: string, toolName: string, rawArguments: string): ParsedArguments;
  /**
   * Reads `confirm_duplicate` from raw arguments without validating anything else, because the
   * duplicate check of `confirm` runs before argument validation. False when unreadable.
   */
  readConfirmFlag(rawArguments: string): boolean;
}
