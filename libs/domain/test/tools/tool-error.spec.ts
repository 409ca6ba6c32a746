import { describe, expect, it, jest } from '@jest/globals';
import { ToolError } from '../../src/index.js';

/** What another copy of the package (another version, a second install) constructs. */
class ToolErrorFromOtherCopy extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolError';
    Object.defineProperty(this, Symbol.for('aside.ToolError'), { value: true, enumerable: false });
  }
}

describe('ToolError', () => {
  it('is an Error carrying the message for the LLM', () => {
    const error = new ToolError('No flights on that day', { cause: new Error('upstream 404') });
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(ToolError);
    expect(error.message).toBe('No flights on that day');
    expect(error.name).toBe('ToolError');
    expect((error.cause as Error).message).toBe('upstream 404');
  });

  it('recognises a ToolError made by another copy of the package', () => {
    expect(new ToolErrorFromOtherCopy('nope') instanceof ToolError).toBe(true);
  });

  it('recognises a ToolError from a separately loaded copy of the module, both ways', async () => {
    let Copy: typeof ToolError | undefined;
    await jest.isolateModulesAsync(async () => {
      ({ ToolError: Copy } = await import('../../src/tools/tool-error.js'));
    });
    if (Copy === undefined) throw new Error('copy not loaded');
    expect(Copy).not.toBe(ToolError);
    expect(new Copy('from the copy') instanceof ToolError).toBe(true);
    expect(new ToolError('from here') instanceof Copy).toBe(true);
  });

  it('does not recognise other errors or look-alikes', () => {
    expect(new Error('plain') instanceof ToolError).toBe(false);
    expect(Object.assign(new Error('named'), { name: 'ToolError' }) instanceof ToolError).toBe(false);
    expect({ [Symbol.for('aside.ToolError')]: false } instanceof ToolError).toBe(false);
    for (const primitive of [null, undefined, 'ToolError', 42] as unknown[]) {
      expect((primitive as object) instanceof ToolError).toBe(false);
    }
  });

  it('keeps ordinary instanceof for subclasses', () => {
    class PaymentDeclined extends ToolError {}
    const declined = new PaymentDeclined('Card declined');
    expect(declined instanceof ToolError).toBe(true);
    expect(declined instanceof PaymentDeclined).toBe(true);
    expect(new ToolError('other') instanceof PaymentDeclined).toBe(false);
    expect(declined.name).toBe('PaymentDeclined');
  });
});
