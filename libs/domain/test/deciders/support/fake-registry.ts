import { z } from 'zod';
import type { AgentDescriptor, AgentRegistry, ParsedArguments, ToolDescriptor } from '../../../src/tools/descriptors.js';

/**
 * A hand-written registry for the decider specs: plain descriptors plus a tiny argument parser
 * with the SEMANTICS §6 behaviours the deciders rely on (the real one lives in src/arguments).
 */
type ToolSpec = Partial<Omit<ToolDescriptor, 'name' | 'parameters'>> & { readonly schema?: z.ZodObject };

function tool(name: string, spec: ToolSpec = {}): { descriptor: ToolDescriptor; schema: z.ZodObject } {
  const scope = spec.scope ?? 'bare';
  const descriptor: ToolDescriptor = {
    name,
    description: `${name} tool`,
    scope,
    toolsetId: spec.toolsetId ?? null,
    duplicate: spec.duplicate ?? { mode: scope === 'bare' ? 'reject' : 'confirm', scope: 'name' },
    cancellable: spec.cancellable ?? true,
    delivery: spec.delivery ?? 'when_idle',
    timeoutMs: spec.timeoutMs ?? null,
    retries: spec.retries ?? 0,
    parameters: { type: 'object' },
    templates: spec.templates ?? {},
  };
  return { descriptor, schema: spec.schema ?? z.object({}) };
}

const query = z.object({ query: z.string() });

const plainTools = [
  tool('search', { schema: query }),
  tool('lookup', { schema: z.object({ city: z.string(), days: z.number().int().default(1) }) }),
  tool('collect_email'),
  tool('transfer_to_billing'),
  tool('watch', { schema: z.object({ topic: z.string() }), duplicate: { mode: 'replace', scope: 'name' } }),
  tool('fetch', { schema: z.object({ url: z.string() }), duplicate: { mode: 'attach', scope: 'name_and_args' } }),
  tool('poll', { schema: z.object({ url: z.string() }), duplicate: { mode: 'reject', scope: 'name_and_args' } }),
  tool('ping', { duplicate: { mode: 'allow', scope: 'name' } }),
  tool('notify', { delivery: 'silent', duplicate: { mode: 'allow', scope: 'name' } }),
  tool('alert', { delivery: 'interrupt', duplicate: { mode: 'allow', scope: 'name' } }),
  tool('pinned', { cancellable: false }),
];

const conciergeTools = [
  tool('search', { schema: query }),
  tool('book', { scope: 'agent', toolsetId: 'travel', schema: z.object({ destination: z.string() }) }),
  tool('track', { scope: 'session', toolsetId: 'tracker', schema: z.object({ parcel: z.string() }) }),
  tool('transfer_to_billing'),
  tool('collect_email'),
];

const agents: Record<string, { descriptor: AgentDescriptor; schemas: Record<string, z.ZodObject> }> = {};

function agent(name: string, kind: 'agent' | 'task', tools: ReturnType<typeof tool>[], handoffs: string[] = []): void {
  agents[name] = {
    descriptor: {
      name,
      kind,
      instructions: `You are ${name}.`,
      tools: tools.map((t) => t.descriptor),
      handoffs,
      templates: {},
      resultSchema: kind === 'task' ? { type: 'object' } : null,
    },
    schemas: Object.fromEntries(tools.map((t) => [t.descriptor.name, t.schema])),
  };
}

agent('Plain', 'agent', plainTools, ['Billing', 'Concierge']);
agent('Concierge', 'agent', conciergeTools, ['Billing']);
agent('Billing', 'agent', [tool('refund'), tool('transfer_to_concierge')], ['Concierge']);
agent('GetEmailTask', 'task', [tool('submit_email', { schema: z.object({ email: z.string() }) })]);

export const fakeRegistry: AgentRegistry = {
  agent: (name) => agents[name]?.descriptor,
  parseArguments,
  readConfirmFlag: (raw) => {
    const value = readJson(raw);
    return value.ok && isRecord(value.value) && value.value['confirm_duplicate'] === true;
  },
};

function parseArguments(agentName: string, toolName: string, raw: string): ParsedArguments {
  const prefix = `Error parsing arguments for \`${toolName}\`:`;
  const schema = agents[agentName]?.schemas[toolName];
  if (!schema) return { ok: false, message: `${prefix} unknown tool` };
  const json = readJson(raw);
  if (!json.ok) return { ok: false, message: `${prefix} invalid JSON` };
  const value = json.value === null ? {} : json.value;
  if (!isRecord(value)) return { ok: false, message: `${prefix} expected a JSON object` };
  const { confirm_duplicate: confirm, ...rest } = value;
  const result = schema.safeParse(rest);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const path = issue.path.join('.') || '(root)';
      const missing = issue.code === 'invalid_type' && !(String(issue.path[0]) in rest);
      return `${path}: ${missing ? 'required' : issue.message}`;
    });
    return { ok: false, message: `${prefix} ${problems.join('; ')}` };
  }
  const args = result.data as Record<string, unknown>;
  return { ok: true, args, canonical: canonicalJson(args), confirmDuplicate: confirm === true };
}

function readJson(raw: string): { ok: true; value: unknown } | { ok: false } {
  try {
    let value: unknown = raw.trim() === '' ? {} : JSON.parse(raw);
    if (typeof value === 'string') value = JSON.parse(value);
    return { ok: true, value };
  } catch {
    return { ok: false };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isRecord(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
