import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { AsideError, createCatalogue, defineEvent, InvalidEventError } from '../src/index.js';
import { ItemAdded, testCatalogue } from './fixtures/test-catalogue.js';

describe('event catalogue', () => {
  it('validates new data at the current version and returns its canonical parsed form', () => {
    expect(testCatalogue.validate('ItemAdded', undefined, { sku: 'a', quantity: 2, extra: 'dropped' })).toEqual({
      schemaVersion: 2,
      data: { sku: 'a', quantity: 2, note: '' },
    });
  });

  it('validates data written at an older version against that version', () => {
    expect(testCatalogue.validate('ItemAdded', 1, { sku: 'a', qty: 2 })).toEqual({ schemaVersion: 1, data: { sku: 'a', qty: 2 } });
    expect(() => testCatalogue.validate('ItemAdded', 1, { sku: 'a', quantity: 2 })).toThrow('data.qty');
  });

  it('upcasts stored data step by step to the current version', () => {
    expect(testCatalogue.upcast('ItemAdded', 1, { sku: 'a', qty: 3 })).toEqual({ schemaVersion: 2, data: { sku: 'a', quantity: 3, note: '' } });
    expect(testCatalogue.upcast('ItemAdded', 2, { sku: 'a', quantity: 3, note: 'n' })).toEqual({
      schemaVersion: 2,
      data: { sku: 'a', quantity: 3, note: 'n' },
    });
  });

  it('chains upcasters across several versions', () => {
    const Renamed = defineEvent('Renamed', {
      data: z.object({ fullName: z.string() }),
      history: [
        { version: 1, data: z.object({ name: z.string() }), upcast: (v1: { name: string }) => ({ first: v1.name, last: '' }) },
        { version: 2, data: z.object({ first: z.string(), last: z.string() }), upcast: (v2: { first: string; last: string }) => ({ fullName: `${v2.first} ${v2.last}`.trim() }) },
      ],
    });
    const catalogue = createCatalogue([Renamed]);

    expect(Renamed.version).toBe(3);
    expect(catalogue.upcast('Renamed', 1, { name: 'Ada' })).toEqual({ schemaVersion: 3, data: { fullName: 'Ada' } });
  });

  it('names the path and reason of every problem', () => {
    try {
      testCatalogue.validate('ItemAdded', undefined, { sku: '', quantity: 'many' });
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidEventError);
      expect(error).toBeInstanceOf(AsideError);
      expect((error as InvalidEventError).problems.map((p) => p.path)).toEqual(['data.sku', 'data.quantity']);
      expect((error as InvalidEventError).message).toMatch(/^Event ItemAdded v2 is invalid: data\.sku: .+; data\.quantity: .+/);
    }
  });

  it('refuses unknown types and versions', () => {
    expect(() => testCatalogue.validate('Nope', undefined, {})).toThrow('unknown event type "Nope"');
    expect(() => testCatalogue.upcast('ItemAdded', 3, {})).toThrow('unknown schema version 3 (current is 2)');
  });

  it('refuses a catalogue with a type twice or a history with a hole', () => {
    expect(() => createCatalogue([ItemAdded, ItemAdded])).toThrow('defined twice');
    expect(() =>
      defineEvent('Holey', { data: z.object({}), version: 3, history: [{ version: 1, data: z.object({}), upcast: () => ({}) }] }),
    ).toThrow('version 1 upcasts to 2, but the next known version is 3');
  });
});

describe('AsideError instanceof', () => {
  it('holds for an error made by another copy of the package (same code brand)', () => {
    const foreign = Object.create(Error.prototype) as Error;
    Object.defineProperty(foreign, Symbol.for('aside.error.code'), { value: InvalidEventError.CODE });

    expect(foreign).toBeInstanceOf(InvalidEventError);
    expect(foreign).toBeInstanceOf(AsideError);
    expect(new Error('plain')).not.toBeInstanceOf(AsideError);
  });
});
