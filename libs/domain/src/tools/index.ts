export type {
  AgentDescriptor,
  AgentRegistry,
  ParsedArguments,
  DeliveryMode,
  DuplicateMode,
  DuplicatePolicy,
  ToolDescriptor,
  ToolScope,
} from './descriptors.js';
export { tool, isToolDefinition } from './tool.js';
export type { AnyToolDefinition, ToolDefinition, ToolOptions } from './tool.js';
export { toolset, isToolsetDefinition } from './toolset.js';
export type { ToolsetDefinition, ToolsetLifecycleContext, ToolsetOptions } from './toolset.js';
export { agent, isAgentDefinition } from './agent.js';
export type { AgentDefinition, AgentOptions } from './agent.js';
export { task, isTaskDefinition } from './task.js';
export type { TaskDefinition, TaskOptions } from './task.js';
export type { LogFields, ToolContext, ToolLogger } from './tool-context.js';
export { ToolError } from './tool-error.js';
export { handoff, isHandoff } from './handoff.js';
export type { Handoff } from './handoff.js';
export { BARE_TOOL_DUPLICATE_POLICY, TOOLSET_DUPLICATE_POLICY } from './duplicate-option.js';
export type { DuplicateOption } from './duplicate-option.js';
export { CONFIRM_DUPLICATE_DESCRIPTION, jsonSchemaOf, parametersJsonSchema } from './parameters-json-schema.js';
export { COMPLETE_TASK_TOOL, CONFIRM_DUPLICATE_PARAMETER, RESERVED_TOOL_NAMES, TOOL_NAME_PATTERN } from './names.js';
export { completeTaskTool } from './complete-task-tool.js';
export { createAgentRegistry } from './agent-registry.js';
export type { AgentOrTaskDefinition, LiveAgentRegistry } from './agent-registry.js';
