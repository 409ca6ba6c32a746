import { describe, expect, it } from '@jest/globals';
import { agent, handoff, isHandoff } from '../../src/index.js';

describe('handoff', () => {
  const billing = agent({ name: 'billing', instructions: 'Help with invoices.' });

  it('names the target agent, given a name or a definition', () => {
    expect(handoff('billing').agent).toBe('billing');
    expect(handoff(billing).agent).toBe('billing');
    expect(Object.isFrozen(handoff('billing'))).toBe(true);
  });

  it('is recognised by isHandoff, also when made by another copy of the package', () => {
    expect(isHandoff(handoff(billing))).toBe(true);
    expect(isHandoff({ [Symbol.for('aside.Handoff')]: true, agent: 'billing' })).toBe(true);
  });

  it('is not confused with ordinary results', () => {
    for (const value of [billing, { agent: 'billing' }, 'billing', null, undefined, 42]) {
      expect(isHandoff(value)).toBe(false);
    }
  });

  it('refuses an empty target', () => {
    expect(() => handoff('')).toThrow('handoff() needs an agent definition or a non-empty agent name');
  });
});
