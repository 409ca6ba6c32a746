import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isAgentDefinition, isTaskDefinition, type AgentDefinition, type TaskDefinition } from '@aside/domain';

/**
 * `--agents <module>`: a user's JS (or, on Node 22, plain-TypeScript) module exporting agents
 * and agent tasks — as named exports, a default export, or arrays of them.
 */
export async function loadAgentDefinitions(modulePath: string): Promise<(AgentDefinition | TaskDefinition)[]> {
  const exported = (await import(pathToFileURL(resolve(modulePath)).href)) as Record<string, unknown>;
  const found = Object.values(exported).flatMap((value) => (Array.isArray(value) ? value : [value]));
  const definitions = [...new Set(found.filter((value) => isAgentDefinition(value) || isTaskDefinition(value)))] as (AgentDefinition | TaskDefinition)[];
  if (!definitions.some(isAgentDefinition)) throw new Error(`${modulePath} exports no agent (export the values made with agent() and task())`);
  return definitions;
}
