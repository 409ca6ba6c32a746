import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { parseToolArguments, readConfirmFlag } from '../../src/index.js';

const PREFIX = 'Error parsing arguments for `store`:';
const free = z.object({ data: z.record(z.string(), z.unknown()).optional(), label: z.string().optional() });
const loose = z.looseObject({});

function nested(depth: number): string {
  return `{"data":{"x":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
}

function expectPrototypesUntouched(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
}

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

describe('hostile arguments', () => {
  it('refuses a __proto__ key anywhere and pollutes nothing', () => {
    expect(parseToolArguments('store', loose, '{"__proto__":{"polluted":true}}')).toEqual({
      ok: false,
      message: `${PREFIX} __proto__: forbidden key`,
    });
    expect(parseToolArguments('store', free, '{"data":{"a":[{"__proto__":{"polluted":true}}]}}')).toEqual({
      ok: false,
      message: `${PREFIX} data.a[0].__proto__: forbidden key`,
    });
    expect(readConfirmFlag('{"__proto__":{"confirm_duplicate":true}}')).toBe(false);
    expectPrototypesUntouched();
  });

  it('keeps constructor and prototype keys as plain data without reaching any prototype', () => {
    const raw = '{"data":{"constructor":{"prototype":{"polluted":true}},"prototype":{"polluted":true}},"constructor":1}';
    const result = parseToolArguments('store', free, raw, { duplicateFlag: true });
    expect(result.ok).toBe(true);
    const args = result.ok ? result.args : {};
    expect(Object.getPrototypeOf(args)).toBe(Object.prototype);
    expect(args).toEqual({ data: { constructor: { prototype: { polluted: true } }, prototype: { polluted: true } } });
    expect(result.ok && result.canonical).toBe(
      '{"data":{"constructor":{"prototype":{"polluted":true}},"prototype":{"polluted":true}}}',
    );
    expectPrototypesUntouched();
  });

  it('names a missing parameter called constructor as required instead of finding the inherited one', () => {
    const schema = z.object({ constructor: z.string() });
    expect(parseToolArguments('store', schema, '{}')).toEqual({ ok: false, message: `${PREFIX} constructor: required` });
  });

  it('refuses 10,000 levels of nesting without overflowing the stack', () => {
    expect(parseToolArguments('store', free, nested(10_000))).toEqual({
      ok: false,
      message: `${PREFIX} arguments: nested deeper than 64 levels`,
    });
    expect(readConfirmFlag(nested(10_000))).toBe(false);
  });

  it('refuses deep nesting hidden in a double-encoded string and in a value', () => {
    expect(parseToolArguments('store', free, JSON.stringify(nested(10_000)))).toMatchObject({ ok: false });
    let value: unknown = 'leaf';
    for (let level = 0; level < 10_000; level += 1) value = { data: value };
    expect(parseToolArguments('store', z.object({ data: z.unknown() }), value)).toEqual({
      ok: false,
      message: `${PREFIX} arguments: nested deeper than 64 levels`,
    });
  });

  it('refuses a cyclic value instead of looping', () => {
    const cyclic: Record<string, unknown> = { label: 'x' };
    cyclic['data'] = cyclic;
    expect(parseToolArguments('store', free, cyclic)).toEqual({
      ok: false,
      message: `${PREFIX} arguments: nested deeper than 64 levels`,
    });
  });

  it('accepts nesting up to the limit', () => {
    expect(parseToolArguments('store', free, nested(62)).ok).toBe(true);
    expect(parseToolArguments('store', free, nested(63)).ok).toBe(false);
  });

  it('refuses a 5 MB argument text with a short message', () => {
    const huge = JSON.stringify({ label: 'x'.repeat(5 * 1024 * 1024) });
    const result = parseToolArguments('store', free, huge);
    expect(result).toEqual({
      ok: false,
      message: `${PREFIX} arguments: too large (${huge.length + 4} bytes, at most 131072)`,
    });
    expect(readConfirmFlag(huge)).toBe(false);
  });

  it('handles a 5 MB string when the limit allows it', () => {
    const label = 'x'.repeat(5 * 1024 * 1024);
    const result = parseToolArguments('store', free, JSON.stringify({ label }), { limits: { maxBytes: 12 * 1024 * 1024 } });
    expect(result.ok && result.args['label']).toBe(label);
  });

  it('clips what it echoes: long invalid JSON and long unknown keys', () => {
    const invalid = parseToolArguments('store', free, `{${'x'.repeat(500_000)}`);
    expect(invalid.ok).toBe(false);
    expect(!invalid.ok && invalid.message.length).toBeLessThan(400);

    const longKey = 'k'.repeat(100_000);
    const strict = parseToolArguments('store', z.strictObject({}), JSON.stringify({ [longKey]: 1 }));
    expect(!strict.ok && strict.message).toBe(`${PREFIX} ${'k'.repeat(63)}…: unknown key`);
  });

  it('caps thousands of problems', () => {
    const keys = Object.fromEntries(Array.from({ length: 5_000 }, (_, index) => [`k${index}`, index]));
    const result = parseToolArguments('store', z.strictObject({}), JSON.stringify(keys));
    expect(!result.ok && result.message).toMatch(/; and 4990 more problems$/);
  });

  it('never throws, even for a value whose every trap throws', () => {
    const trap = new Proxy(
      {},
      {
        getPrototypeOf() {
          throw new Error('trap');
        },
        ownKeys() {
          throw new Error('trap');
        },
      },
    );
    expect(parseToolArguments('store', free, trap)).toEqual({
      ok: false,
      message: `${PREFIX} arguments: could not be validated (trap)`,
    });
    expect(readConfirmFlag(trap)).toBe(false);
  });
});

// Found by the input fuzz (reliability/): `1e999` is valid JSON that JSON.parse reads as
// Infinity, which zod refused as "expected number, received number" (or, inside z.json(), as a
// bare "Invalid input" one level up).
describe('numbers a double cannot hold', () => {
  const thermostat = z.object({ celsius: z.number().max(30), meta: z.record(z.string(), z.json()).optional() });

  it.each([
    ['{"celsius":1e999}', 'celsius: number out of range (read as Infinity)'],
    ['{"celsius":-1e999}', 'celsius: number out of range (read as -Infinity)'],
    [`{"celsius":1${'0'.repeat(400)}}`, 'celsius: number out of range (read as Infinity)'],
    ['{"celsius":20,"meta":{"a":[1,{"b":2e308}]}}', 'meta.a[1].b: number out of range (read as Infinity)'],
  ])('%s is refused by its place', (raw, problem) => {
    expect(parseToolArguments('store', thermostat, raw)).toEqual({ ok: false, message: `${PREFIX} ${problem}` });
  });

  it('refuses NaN handed over as a value (a mock path), and keeps huge finite numbers', () => {
    expect(parseToolArguments('store', thermostat, { celsius: Number.NaN })).toEqual({ ok: false, message: `${PREFIX} celsius: not a number (NaN)` });
    const kept = parseToolArguments('store', thermostat, '{"celsius":-1e308,"meta":{"n":1.7976931348623157e308}}');
    expect(kept.ok && kept.args).toEqual({ celsius: -1e308, meta: { n: 1.7976931348623157e308 } });
  });
});
