import { agent, tool, type AgentDefinition, type ToolContext, type ToolDefinition } from '@aside/domain';
import { z } from 'zod';

export const SCALE_AGENT = 'batch_desk';
export const SLOW_JOB_TOOL = 'run_slow_job';

const parameters = z.object({ job: z.number().int() });
export type SlowJobBody = (args: z.output<typeof parameters>, ctx: ToolContext) => Promise<string>;

/**
 * The slow tool every session calls five times at once. `onDuplicate: 'allow'`: five calls of
 * one name under one owner are five tasks, not duplicates (SEMANTICS §4). Its deferred replies
 * are spoken when idle, the default, so every update costs the gateway what it costs in
 * production: the fold, the chat items, and a deferred reply (an LLM call) per batch.
 */
export function slowJobTool(body: SlowJobBody): ToolDefinition<typeof parameters, string> {
  return tool({
    name: SLOW_JOB_TOOL,
    description: 'Runs a slow batch job and narrates its progress.',
    parameters,
    onDuplicate: 'allow',
    execute: body,
  });
}

/**
 * The gateway's agent. Its tool's body runs on the runners only (every tool call is a BullMQ
 * job there): the gateway needs the definition, never the body.
 */
export function scaleAgent(): AgentDefinition {
  const runsOnRunners: SlowJobBody = () => Promise.reject(new Error(`${SLOW_JOB_TOOL} runs on the tool runners, not in the gateway`));
  return agent({ name: SCALE_AGENT, instructions: 'You run slow batch jobs.', tools: [slowJobTool(runsOnRunners)] });
}
