import { describe, expect, it } from '@jest/globals';
import { readConfirmFlag } from '../../src/index.js';

describe('readConfirmFlag', () => {
  it('is true only for confirm_duplicate: true', () => {
    expect(readConfirmFlag('{"confirm_duplicate":true,"city":"Paris"}')).toBe(true);
    expect(readConfirmFlag({ confirm_duplicate: true })).toBe(true);
    expect(readConfirmFlag(JSON.stringify('{"confirm_duplicate":true}'))).toBe(true);
  });

  it.each([
    ['{"confirm_duplicate":false}'],
    ['{"confirm_duplicate":"true"}'],
    ['{"confirm_duplicate":1}'],
    ['{"confirm_duplicate":null}'],
    ['{"nested":{"confirm_duplicate":true}}'],
    ['{}'],
    [''],
    ['null'],
    ['[{"confirm_duplicate":true}]'],
    ['{"confirm_duplicate":true'],
    ['"confirm_duplicate"'],
  ])('is false for %s', (raw) => {
    expect(readConfirmFlag(raw)).toBe(false);
  });

  it('does not validate anything else', () => {
    expect(readConfirmFlag('{"confirm_duplicate":true,"count":"not a number","extra":[1,2]}')).toBe(true);
  });
});
