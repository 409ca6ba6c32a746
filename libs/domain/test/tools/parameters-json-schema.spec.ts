import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { CONFIRM_DUPLICATE_DESCRIPTION, parametersJsonSchema } from '../../src/index.js';

const parameters = z.object({
  city: z.string().min(2).describe('City name'),
  days: z.number().int().max(7).default(1),
  unit: z.enum(['c', 'f']).optional(),
});

const expected = {
  type: 'object',
  properties: {
    city: { type: 'string', minLength: 2, description: 'City name' },
    days: { type: 'integer', minimum: -9007199254740991, maximum: 7, default: 1 },
    unit: { type: 'string', enum: ['c', 'f'] },
  },
  required: ['city'],
};

describe('parametersJsonSchema', () => {
  it('exports draft-07 in input form (defaulted parameters not required) without $schema', () => {
    const schema = parametersJsonSchema(parameters, { confirmDuplicate: false });
    expect(schema).toEqual(expected);
    expect(schema).not.toHaveProperty('$schema');
  });

  it('adds an optional confirm_duplicate flag under confirm', () => {
    expect(parametersJsonSchema(parameters, { confirmDuplicate: true })).toEqual({
      ...expected,
      properties: { ...expected.properties, confirm_duplicate: { type: 'boolean', description: CONFIRM_DUPLICATE_DESCRIPTION } },
      required: ['city'],
    });
    expect(CONFIRM_DUPLICATE_DESCRIPTION).toMatch(/true only to start another run .* while one is already running/);
  });

  it('adds the flag to a tool without parameters, and says so for strict schemas', () => {
    expect(parametersJsonSchema(z.object({}), { confirmDuplicate: true })).toEqual({
      type: 'object',
      properties: { confirm_duplicate: { type: 'boolean', description: CONFIRM_DUPLICATE_DESCRIPTION } },
    });
    expect(parametersJsonSchema(z.strictObject({ a: z.string() }), { confirmDuplicate: false })).toEqual({
      type: 'object',
      properties: { a: { type: 'string' } },
      required: ['a'],
      additionalProperties: false,
    });
  });
});
