import { parseToolArguments } from '../arguments/parse-tool-arguments.js';
import { readConfirmFlag } from '../arguments/read-confirm-flag.js';
import { argumentErrorMessage, formatPath } from '../arguments/argument-problems.js';
import { isAgentDefinition, type AgentDefinition } from './agent.js';
import type { AgentDescriptor, AgentRegistry, ParsedArguments, ToolDescriptor } from './descriptors.js';
import { throwIfProblems } from './definition-problems.js';
import { completeTaskTool } from './complete-task-tool.js';
import { jsonSchemaOf } from './parameters-json-schema.js';
import { isTaskDefinition, type TaskDefinition } from './task.js';
import { toolDescriptor } from './tool-descriptor.js';
import type { AnyToolDefinition } from './tool.js';
import type { ToolsetDefinition } from './toolset.js';

export type AgentOrTaskDefinition = AgentDefinition | TaskDefinition;

/**
 * The registry the deciders consult (plain descriptors) plus the live definitions, with bodies
 * and zod schemas, for the shell that runs tools and toolset hooks.
 */
export interface LiveAgentRegistry extends AgentRegistry {
  agentNames(): readonly string[];
  definition(name: string): AgentOrTaskDefinition | undefined;
  toolDefinition(agentName: string, toolName: string): AnyToolDefinition | undefined;
  /** Every toolset of every agent, once each (session-scoped ones are set up with the session). */
  toolsets(): readonly ToolsetDefinition[];
}

interface PlacedTool {
  readonly definition: AnyToolDefinition;
  readonly descriptor: ToolDescriptor;
}

/**
 * Built once at boot from the user's definitions. Agent definitions given as handoff targets are
 * registered too. Refuses (throws) two different definitions under one agent name or toolset id,
 * and a handoff to an unknown agent or to a task.
 */
export function createAgentRegistry(definitions: readonly AgentOrTaskDefinition[]): LiveAgentRegistry {
  const byName = collectDefinitions(definitions);
  const toolsetsById = collectToolsets([...byName.values()]);
  throwIfProblems('agent registry', handoffProblems(byName));

  const descriptors = new Map<string, AgentDescriptor>();
  const placed = new Map<string, Map<string, PlacedTool>>();
  for (const definition of byName.values()) {
    const tools = placeTools(definition);
    placed.set(definition.name, new Map(tools.map((entry) => [entry.descriptor.name, entry])));
    descriptors.set(definition.name, agentDescriptor(definition, tools));
  }

  return {
    agent: (name) => descriptors.get(name),
    agentNames: () => [...byName.keys()],
    definition: (name) => byName.get(name),
    toolDefinition: (agentName, toolName) => placed.get(agentName)?.get(toolName)?.definition,
    toolsets: () => [...toolsetsById.values()],
    readConfirmFlag: (rawArguments) => readConfirmFlag(rawArguments),
    parseArguments(agentName, toolName, rawArguments): ParsedArguments {
      const entry = placed.get(agentName)?.get(toolName);
      if (entry === undefined) {
        // Names from the LLM: a hallucinated tool gets an answer it can act on, never a throw.
        return { ok: false, message: argumentErrorMessage(toolName, [{ path: formatPath([toolName]), reason: `no such tool on agent \`${agentName}\`` }]) };
      }
      return parseToolArguments(toolName, entry.definition.parameters, rawArguments, {
        duplicateFlag: entry.descriptor.duplicate.mode === 'confirm',
      });
    },
  };
}

function collectDefinitions(definitions: readonly AgentOrTaskDefinition[]): Map<string, AgentOrTaskDefinition> {
  const byName = new Map<string, AgentOrTaskDefinition>();
  const problems: string[] = [];
  const pending: unknown[] = [...definitions];
  while (pending.length > 0) {
    const candidate = pending.shift();
    if (!isAgentDefinition(candidate) && !isTaskDefinition(candidate)) {
      problems.push('every entry must be an agent() or task() definition');
      continue;
    }
    const known = byName.get(candidate.name);
    if (known === candidate) continue;
    if (known !== undefined) {
      problems.push(`two different definitions are named \`${candidate.name}\``);
      continue;
    }
    byName.set(candidate.name, candidate);
    if (isAgentDefinition(candidate)) pending.push(...candidate.handoffs.filter(isAgentDefinition));
  }
  throwIfProblems('agent registry', problems);
  return byName;
}

/** A toolset id names the owner of its tasks, so it must mean one toolset. */
function collectToolsets(definitions: readonly AgentOrTaskDefinition[]): Map<string, ToolsetDefinition> {
  const byId = new Map<string, ToolsetDefinition>();
  const problems: string[] = [];
  for (const set of definitions.flatMap((definition) => definition.toolsets)) {
    const known = byId.get(set.id);
    if (known === undefined) byId.set(set.id, set);
    else if (known !== set) problems.push(`two different toolsets have the id \`${set.id}\``);
  }
  throwIfProblems('agent registry', [...new Set(problems)]);
  return byId;
}

function handoffProblems(byName: ReadonlyMap<string, AgentOrTaskDefinition>): string[] {
  return [...byName.values()].flatMap((definition) =>
    isAgentDefinition(definition)
      ? handoffNames(definition).flatMap((target) => {
          const found = byName.get(target);
          if (found === undefined) return [`agent \`${definition.name}\` hands off to unknown agent \`${target}\``];
          if (isTaskDefinition(found)) {
            return [`agent \`${definition.name}\` hands off to \`${target}\`, which is a task (run it with ctx.runTask instead)`];
          }
          return [];
        })
      : [],
  );
}

function placeTools(definition: AgentOrTaskDefinition): PlacedTool[] {
  const own = isTaskDefinition(definition) ? [...definition.tools, completeTaskTool(definition)] : definition.tools;
  const bare = own.map((entry) => ({ definition: entry, descriptor: toolDescriptor(entry, undefined) }));
  const grouped = definition.toolsets.flatMap((set) =>
    set.tools.map((entry) => ({ definition: entry, descriptor: toolDescriptor(entry, set) })),
  );
  return [...bare, ...grouped];
}

function agentDescriptor(definition: AgentOrTaskDefinition, tools: readonly PlacedTool[]): AgentDescriptor {
  return Object.freeze({
    name: definition.name,
    kind: definition.kind,
    instructions: definition.instructions,
    tools: Object.freeze(tools.map((entry) => entry.descriptor)),
    handoffs: Object.freeze(isAgentDefinition(definition) ? handoffNames(definition) : []),
    templates: definition.templates,
    resultSchema: isTaskDefinition(definition) ? jsonSchemaOf(definition.result) : null,
  });
}

function handoffNames(definition: AgentDefinition): string[] {
  return [...new Set(definition.handoffs.map((target) => (typeof target === 'string' ? target : target.name)))];
}
