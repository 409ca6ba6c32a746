import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { parseToolArguments } from '../../src/index.js';

const PREFIX = 'Error parsing arguments for `get_weather`:';

const weather = z.object({
  city: z.string().min(2),
  count: z.number().int().max(10).default(3),
  unit: z.enum(['c', 'f']).optional(),
  when: z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), hour: z.number().default(12) }).optional(),
  stops: z.array(z.string()).optional(),
  note: z.string().nullable().default('none'),
});

const parse = (raw: unknown, options?: Parameters<typeof parseToolArguments>[3]) =>
  parseToolArguments('get_weather', weather, raw, options);

function failure(raw: unknown, options?: Parameters<typeof parseToolArguments>[3]): string {
  const result = parse(raw, options);
  if (result.ok) throw new Error(`expected a parse failure, got ${JSON.stringify(result.args)}`);
  return result.message;
}

describe('parseToolArguments: valid calls', () => {
  it('parses JSON text, applies defaults and returns canonical text', () => {
    expect(parse('{"unit":"c","city":"Paris"}')).toEqual({
      ok: true,
      args: { city: 'Paris', count: 3, unit: 'c', note: 'none' },
      canonical: '{"city":"Paris","count":3,"note":"none","unit":"c"}',
      confirmDuplicate: false,
    });
  });

  it('accepts an already parsed value without mutating it', () => {
    const raw = { city: 'Oslo', count: null };
    const result = parse(raw);
    expect(result).toMatchObject({ ok: true, args: { city: 'Oslo', count: 3 } });
    expect(raw).toEqual({ city: 'Oslo', count: null });
  });

  it('unwraps a JSON string that itself encodes an object', () => {
    expect(parse(JSON.stringify(JSON.stringify({ city: 'Rome' })))).toMatchObject({ ok: true, args: { city: 'Rome', count: 3 } });
    expect(parse(JSON.stringify({ city: 'Rome' }) as unknown)).toMatchObject({ ok: true });
  });

  it.each([['null'], [''], ['   \n'], [null], [undefined]])('reads %j as an empty object', (raw) => {
    const empty = parseToolArguments('noop', z.object({ verbose: z.boolean().default(false) }), raw);
    expect(empty).toEqual({ ok: true, args: { verbose: false }, canonical: '{"verbose":false}', confirmDuplicate: false });
  });

  it('reads null for a parameter with a default as the default, also one level down', () => {
    expect(parse('{"city":"Paris","count":null,"when":{"day":"2025-01-02","hour":null}}')).toMatchObject({
      ok: true,
      args: { city: 'Paris', count: 3, when: { day: '2025-01-02', hour: 12 } },
    });
  });

  it('reads null for an optional parameter as absent, but keeps null where null is valid', () => {
    const result = parse('{"city":"Paris","unit":null,"note":null}');
    expect(result.ok && result.args).toEqual({ city: 'Paris', count: 3, note: null });
  });

  it('ignores and drops unknown keys of a non-strict schema', () => {
    const result = parse('{"city":"Paris","mood":"sunny"}');
    expect(result.ok && result.args).toEqual({ city: 'Paris', count: 3, note: 'none' });
  });

  it('gives equal canonical text for equal arguments in any key order, at every depth', () => {
    const schema = z.object({ b: z.object({ y: z.number(), x: z.number() }), a: z.string() });
    const one = parseToolArguments('t', schema, '{"b":{"y":1,"x":2},"a":"s"}');
    const two = parseToolArguments('t', schema, '{"a":"s","b":{"x":2,"y":1}}');
    expect(one.ok && one.canonical).toBe('{"a":"s","b":{"x":2,"y":1}}');
    expect(two.ok && two.canonical).toBe(one.ok && one.canonical);
  });
});

describe('parseToolArguments: failures name path and reason', () => {
  it('refuses invalid JSON', () => {
    expect(failure('{"city": "Paris"')).toMatch(/^Error parsing arguments for `get_weather`: arguments: invalid JSON \(.+\)$/);
  });

  it.each([
    ['[1,2]', 'array'],
    ['42', 'number'],
    ['true', 'boolean'],
    ['"hello"', 'string'],
    [JSON.stringify(JSON.stringify([1])), 'string'],
  ])('refuses %s, which is not an object', (raw, kind) => {
    expect(failure(raw)).toBe(`${PREFIX} arguments: expected a JSON object, received ${kind}`);
  });

  it('names a missing required parameter', () => {
    expect(failure('{}')).toBe(`${PREFIX} city: required`);
    expect(failure('{"city":"Paris","when":{}}')).toBe(`${PREFIX} when.day: required`);
  });

  // Found by the input fuzz: zod reports a missing enum as an invalid option, a missing union as
  // invalid input — which told the LLM to fix a value it never sent.
  it('names a missing enum, literal or union parameter as required, and a wrong one by its options', () => {
    const schema = z.object({ room: z.enum(['kitchen', 'office']), mode: z.literal('auto'), level: z.union([z.number(), z.string()]) });
    expect(parseToolArguments('t', schema, '{}')).toEqual({ ok: false, message: 'Error parsing arguments for `t`: room: required; mode: required; level: required' });
    expect(parseToolArguments('t', schema, '{"room":"hall","mode":"auto","level":1}')).toEqual({
      ok: false,
      message: 'Error parsing arguments for `t`: room: Invalid option: expected one of "kitchen"|"office"',
    });
  });

  it('names a wrong type with what was expected and received', () => {
    expect(failure('{"city":"Paris","count":"3"}')).toBe(`${PREFIX} count: expected number, received string`);
    expect(failure('{"city":["Paris"]}')).toBe(`${PREFIX} city: expected string, received array`);
    expect(failure('{"city":null}')).toBe(`${PREFIX} city: expected string, received null`);
    expect(failure('{"city":"Paris","stops":["a",2]}')).toBe(`${PREFIX} stops[1]: expected string, received number`);
  });

  it("keeps zod's message for schema violations, with the path", () => {
    expect(failure('{"city":"P"}')).toBe(`${PREFIX} city: Too small: expected string to have >=2 characters`);
    expect(failure('{"city":"Paris","count":11}')).toBe(`${PREFIX} count: Too big: expected number to be <=10`);
    expect(failure('{"city":"Paris","unit":"k"}')).toBe(`${PREFIX} unit: Invalid option: expected one of "c"|"f"`);
    expect(failure('{"city":"Paris","when":{"day":"monday"}}')).toBe(
      `${PREFIX} when.day: Invalid string: must match pattern /^\\d{4}-\\d{2}-\\d{2}$/`,
    );
  });

  it('lists every problem, separated by "; "', () => {
    expect(failure('{"count":"x","unit":"k"}')).toBe(
      `${PREFIX} city: required; count: expected number, received string; unit: Invalid option: expected one of "c"|"f"`,
    );
  });

  it('refuses unknown keys when the schema is strict', () => {
    const strict = z.strictObject({ city: z.string() });
    expect(parseToolArguments('get_weather', strict, '{"city":"Paris","extra":1}')).toEqual({
      ok: false,
      message: `${PREFIX} extra: unknown key`,
    });
    const viaMethod = z.object({ city: z.string() }).strict();
    expect(parseToolArguments('get_weather', viaMethod, '{"city":"Paris","a":1,"b":2}')).toEqual({
      ok: false,
      message: `${PREFIX} a: unknown key; b: unknown key`,
    });
  });

  it('refuses unknown keys of a non-strict schema when asked to be strict', () => {
    expect(failure('{"city":"Paris","mood":"sunny"}', { strict: true })).toBe(`${PREFIX} mood: unknown key`);
  });

  it('caps a long list of problems', () => {
    const schema = z.object({ list: z.array(z.number()) });
    const result = parseToolArguments('get_weather', schema, JSON.stringify({ list: Array.from({ length: 25 }, () => 'x') }));
    expect(result.ok).toBe(false);
    const message = result.ok ? '' : result.message;
    expect(message.split('; ')).toHaveLength(11);
    expect(message.endsWith('; and 15 more problems')).toBe(true);
  });

  it('turns a throwing refinement into a failure instead of throwing', () => {
    const schema = z.object({ city: z.string() }).refine(() => {
      throw new Error('boom');
    });
    expect(parseToolArguments('get_weather', schema as unknown as z.ZodObject, '{"city":"x"}')).toEqual({
      ok: false,
      message: `${PREFIX} arguments: could not be validated (boom)`,
    });
  });
});

describe('parseToolArguments: confirm_duplicate', () => {
  it('removes the flag before validation and reports it', () => {
    const strict = z.strictObject({ city: z.string() });
    expect(parseToolArguments('t', strict, '{"city":"Paris","confirm_duplicate":true}', { duplicateFlag: true })).toEqual({
      ok: true,
      args: { city: 'Paris' },
      canonical: '{"city":"Paris"}',
      confirmDuplicate: true,
    });
  });

  it('reads an absent, false or null flag as false', () => {
    for (const flag of ['', ',"confirm_duplicate":false', ',"confirm_duplicate":null']) {
      const result = parse(`{"city":"Paris"${flag}}`, { duplicateFlag: true });
      expect(result.ok && result.confirmDuplicate).toBe(false);
      expect(result.ok && Object.keys(result.args)).not.toContain('confirm_duplicate');
    }
  });

  it('refuses a flag that is not a boolean', () => {
    expect(failure('{"city":"Paris","confirm_duplicate":"yes"}', { duplicateFlag: true })).toBe(
      `${PREFIX} confirm_duplicate: expected boolean, received string`,
    );
  });

  it('treats the flag as an ordinary unknown key when the tool is not under confirm', () => {
    const ignored = parse('{"city":"Paris","confirm_duplicate":true}');
    expect(ignored.ok && ignored.confirmDuplicate).toBe(false);
    expect(ignored.ok && ignored.args).toEqual({ city: 'Paris', count: 3, note: 'none' });
    const strict = parseToolArguments('get_weather', z.strictObject({ city: z.string() }), '{"city":"P","confirm_duplicate":true}');
    expect(strict).toEqual({ ok: false, message: `${PREFIX} confirm_duplicate: unknown key` });
  });
});
