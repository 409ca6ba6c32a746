import { isAgentDefinition, isHandoff } from '@aside/domain';
import type { TaskReport } from '@aside/events';

/**
 * What a returned value reports (SEMANTICS.md §3: "the value as text"): a string as it is,
 * nothing as a null result, an agent to hand off to by name, primitives as they print, anything
 * else as JSON. A value with no text form (a function, a cyclic object) is the tool's bug: it
 * fails as `internal`, with the reason kept for the log and the audit.
 */
export function resultReport(value: unknown): TaskReport {
  if (isHandoff(value)) return succeeded(null, value.agent);
  // A tool may return the agent itself, as with @livekit/agents; it means the same handoff.
  if (isAgentDefinition(value)) return succeeded(null, value.name);
  if (value === undefined || value === null) return succeeded(null, null);
  if (typeof value === 'string') return succeeded(value, null);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return succeeded(String(value), null);
  const text = jsonText(value);
  if (text !== undefined) return succeeded(text, null);
  return {
    type: 'failed',
    kind: 'internal',
    message: `The tool returned a value that cannot be written as text (${describe(value)})`,
  };
}

function succeeded(result: string | null, handoff: string | null): TaskReport {
  return { type: 'succeeded', result, handoff };
}

function jsonText(value: unknown): string | undefined {
  try {
    // `JSON.stringify` answers undefined for functions and symbols.
    return JSON.stringify(value) as string | undefined;
  } catch {
    return undefined;
  }
}

function describe(value: unknown): string {
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return 'a symbol';
  return 'an object that is not JSON-serialisable';
}
