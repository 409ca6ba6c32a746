import { mergeTemplates, type Templates } from '../templates/templates.js';
import type { ToolDescriptor } from '../tools/descriptors.js';
import type { DeciderContext } from './context.js';

/** Template layers, most specific last: session < agent < toolset (SEMANTICS §3). */
export function templatesFor(context: DeciderContext, agentName: string | null, toolName: string | null): Templates {
  const agent = agentName === null ? undefined : context.registry.agent(agentName);
  const tool = toolName === null ? undefined : agent?.tools.find((candidate) => candidate.name === toolName);
  return mergeTemplates(context.templates, agent?.templates, tool?.templates);
}

export function toolOf(context: DeciderContext, agentName: string, toolName: string): ToolDescriptor | undefined {
  return context.registry.agent(agentName)?.tools.find((tool) => tool.name === toolName);
}
