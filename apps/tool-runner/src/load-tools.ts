import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isToolDefinition, isToolsetDefinition, type AnyToolDefinition } from '@aside/domain';

/**
 * `--tools <module>`: a user's JS (or, on Node 22, plain-TypeScript) module exporting tools —
 * as named exports, a default export, arrays of them, or toolsets (their tools are served).
 */
export async function loadToolDefinitions(modulePath: string): Promise<AnyToolDefinition[]> {
  const exported = (await import(pathToFileURL(resolve(modulePath)).href)) as Record<string, unknown>;
  const found = Object.values(exported)
    .flatMap((value) => (Array.isArray(value) ? value : [value]))
    .flatMap((value) => (isToolsetDefinition(value) ? [...value.tools] : [value]));
  const tools = [...new Set(found.filter(isToolDefinition))];
  if (tools.length === 0) throw new Error(`${modulePath} exports no tool (export the values made with tool())`);
  return tools;
}
