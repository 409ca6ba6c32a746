import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { tool, type ToolContext } from '../../src/index.js';

const parameters = z.object({ city: z.string() });
const execute = async ({ city }: { city: string }) => `sunny in ${city}`;

describe('tool()', () => {
  it('fills the documented defaults', () => {
    const weather = tool({ name: 'get_weather', description: 'Weather for a city', parameters, execute });
    expect(weather).toEqual({
      kind: 'tool',
      name: 'get_weather',
      description: 'Weather for a city',
      parameters,
      execute,
      onDuplicate: undefined,
      cancellable: true,
      timeoutMs: null,
      retries: 0,
      delivery: 'when_idle',
    });
    expect(Object.isFrozen(weather)).toBe(true);
  });

  it('keeps explicit options and normalises onDuplicate', () => {
    const base = { name: 'book', description: 'Books a table', parameters, execute };
    expect(tool({ ...base, cancellable: false, timeoutMs: 5_000, retries: 2, delivery: 'silent' })).toMatchObject({
      cancellable: false,
      timeoutMs: 5_000,
      retries: 2,
      delivery: 'silent',
    });
    expect(tool({ ...base, onDuplicate: 'replace' }).onDuplicate).toEqual({ mode: 'replace', scope: 'name' });
    expect(tool({ ...base, onDuplicate: { mode: 'confirm', scope: 'name_and_args' } }).onDuplicate).toEqual({
      mode: 'confirm',
      scope: 'name_and_args',
    });
    expect(tool({ ...base, onDuplicate: { mode: 'allow' } }).onDuplicate).toEqual({ mode: 'allow', scope: 'name' });
    expect(tool({ ...base, onDuplicate: 'attach' }).onDuplicate).toEqual({ mode: 'attach', scope: 'name_and_args' });
  });

  it('types the body by the parameters (defaults applied)', async () => {
    const typed = tool({
      name: 'count',
      description: 'Counts',
      parameters: z.object({ n: z.number().default(1), label: z.string().optional() }),
      execute: async (args, ctx: ToolContext) => {
        const n: number = args.n;
        const label: string | undefined = args.label;
        // @ts-expect-error: not a parameter
        void args.other;
        return { n, label, attempt: ctx.attempt };
      },
    });
    const result: { n: number; label: string | undefined; attempt: number } = await typed.execute({ n: 2 }, { attempt: 1 } as ToolContext);
    expect(result).toEqual({ n: 2, label: undefined, attempt: 1 });
  });
});

describe('tool() refuses a bad definition', () => {
  const valid = { name: 'ok_tool', description: 'A tool', parameters, execute };
  const refuse = (overrides: Record<string, unknown>): (() => unknown) => () => tool({ ...valid, ...overrides } as never);

  it.each([['1starts_with_digit'], ['has space'], ['dot.name'], [''], ['x'.repeat(65)], [42]])('name %j', (name) => {
    expect(refuse({ name })).toThrow(/^Invalid tool .*: name must match/);
  });

  it('accepts names of up to 64 characters with _ and -', () => {
    expect(tool({ ...valid, name: `_a-b${'x'.repeat(60)}` }).name).toHaveLength(64);
  });

  it.each([['get_running_tasks'], ['cancel_task']])('the reserved name %s', (name) => {
    expect(refuse({ name })).toThrow(`Invalid tool \`${name}\`: name \`${name}\` is reserved for the management tools`);
  });

  it('parameters that are not a zod object', () => {
    for (const bad of [z.string(), { city: z.string() }, undefined, z.array(z.object({}))]) {
      expect(refuse({ parameters: bad })).toThrow(
        'Invalid tool `ok_tool`: parameters must be a zod object schema (z.object({...}))',
      );
    }
  });

  it('a parameter named confirm_duplicate', () => {
    expect(refuse({ parameters: z.object({ confirm_duplicate: z.boolean() }) })).toThrow(
      'Invalid tool `ok_tool`: parameter `confirm_duplicate` is reserved for the duplicate policy',
    );
  });

  it('parameters without a JSON schema form', () => {
    expect(refuse({ parameters: z.object({ when: z.date() }) })).toThrow(
      /^Invalid tool `ok_tool`: parameters have no JSON schema form for the LLM \(.*Date.*\)$/,
    );
  });

  it.each([
    [{ description: '' }, 'description must be a non-empty string'],
    [{ execute: 'nope' }, 'execute must be a function'],
    [{ onDuplicate: 'twice' }, "onDuplicate mode must be one of allow, reject, replace, confirm, attach, got 'twice'"],
    [{ onDuplicate: { mode: 'reject', scope: 'args' } }, "onDuplicate scope must be one of name, name_and_args, got 'args'"],
    [{ onDuplicate: { mode: 'attach', scope: 'name' } }, "onDuplicate mode 'attach' needs scope 'name_and_args'"],
    [{ cancellable: 'yes' }, 'cancellable must be a boolean'],
    [{ timeoutMs: 0 }, 'timeoutMs must be a positive integer'],
    [{ timeoutMs: 1.5 }, 'timeoutMs must be a positive integer'],
    [{ retries: -1 }, 'retries must be a non-negative integer'],
    [{ delivery: 'loud' }, 'delivery must be one of when_idle, interrupt, silent'],
  ])('%j', (overrides, problem) => {
    expect(refuse(overrides)).toThrow(`Invalid tool \`ok_tool\`: ${problem}`);
  });

  it('lists every problem at once', () => {
    expect(refuse({ name: 'cancel_task', retries: -1, delivery: 'loud' })).toThrow(
      'Invalid tool `cancel_task`: name `cancel_task` is reserved for the management tools; ' +
        'retries must be a non-negative integer; delivery must be one of when_idle, interrupt, silent',
    );
  });
});
