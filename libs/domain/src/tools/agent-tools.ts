import { toolListProblems, isToolsetDefinition, type ToolsetDefinition } from './toolset.js';
import type { AnyToolDefinition } from './tool.js';

/**
 * An agent offers its bare tools and its toolsets' tools side by side to one LLM, so a name may
 * appear only once across all of them: the LLM could not tell two same-named tools apart.
 */
export function agentToolProblems(tools: unknown, toolsets: unknown): string[] {
  const problems = [...toolListProblems(tools ?? [])];
  if (toolsets !== undefined && !Array.isArray(toolsets)) return [...problems, 'toolsets must be an array of toolset() definitions'];
  const toolsetList = (toolsets ?? []) as unknown[];
  toolsetList.forEach((entry, index) => {
    if (!isToolsetDefinition(entry)) problems.push(`toolsets[${index}] is not a toolset() definition`);
  });
  if (problems.length > 0) return problems;

  const owners = new Map<string, string>();
  const place = (name: string, owner: string): void => {
    const first = owners.get(name);
    if (first === undefined) owners.set(name, owner);
    else problems.push(`tool name \`${name}\` is used by ${first} and by ${owner}`);
  };
  for (const entry of (tools ?? []) as AnyToolDefinition[]) place(entry.name, 'the agent itself');
  const toolsetIds = new Set<string>();
  for (const set of toolsetList as ToolsetDefinition[]) {
    if (toolsetIds.has(set.id)) {
      problems.push(`toolset \`${set.id}\` is listed twice`);
      continue;
    }
    toolsetIds.add(set.id);
    for (const entry of set.tools) place(entry.name, `toolset \`${set.id}\``);
  }
  return problems;
}
