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
