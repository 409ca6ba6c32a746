import { describe, expect, it } from '@jest/globals';
import { readHttpSettings } from '../src/index.js';

const defaults = { port: 3000, host: '127.0.0.1' };

describe('readHttpSettings', () => {
  it('uses the defaults when PORT and HOST are unset', () => {
    expect(readHttpSettings({}, defaults)).toEqual(defaults);
  });

  it('reads PORT and HOST', () => {
    expect(readHttpSettings({ PORT: '8080', HOST: '0.0.0.0' }, defaults)).toEqual({ port: 8080, host: '0.0.0.0' });
  });

  it.each(['abc', '-1', '70000', '80.5'])('fails with one clear line for PORT=%s', (port) => {
    expect(() => readHttpSettings({ PORT: port }, defaults)).toThrow(`PORT must be an integer from 0 to 65535, got "${port}"`);
  });
});
