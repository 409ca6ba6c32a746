import { describe, expect, it } from '@jest/globals';
import { handoff } from '@aside/domain';
import { resultReport } from '../../src/index.js';

describe('resultReport: a returned value as a report', () => {
  it.each([
    ['a string', 'hello', 'hello'],
    ['an empty string', '', ''],
    ['a boolean', false, 'false'],
    ['a bigint', 10n, '10'],
    ['NaN, as it prints rather than JSON null', Number.NaN, 'NaN'],
    ['an array', [1, 'two'], '[1,"two"]'],
    ['an object with a toJSON', { toJSON: () => 'custom' }, '"custom"'],
  ])('writes %s as text', (_case, value, text) => {
    expect(resultReport(value)).toEqual({ type: 'succeeded', result: text, handoff: null });
  });

  it('reports nothing as a null result', () => {
    expect(resultReport(undefined)).toEqual({ type: 'succeeded', result: null, handoff: null });
    expect(resultReport(null)).toEqual({ type: 'succeeded', result: null, handoff: null });
  });

  it('reports a handoff by the agent name, with no result', () => {
    expect(resultReport(handoff('billing'))).toEqual({ type: 'succeeded', result: null, handoff: 'billing' });
  });

  it.each([
    ['a function', () => 1, 'a function'],
    ['a symbol', Symbol('x'), 'a symbol'],
    ['a cyclic object', (() => {
      const cyclic: Record<string, unknown> = {};
      cyclic['self'] = cyclic;
      return cyclic;
    })(), 'not JSON-serialisable'],
  ])('fails as internal for %s, which has no text form', (_case, value, reason) => {
    expect(resultReport(value)).toEqual({ type: 'failed', kind: 'internal', message: expect.stringContaining(reason) });
  });
});
