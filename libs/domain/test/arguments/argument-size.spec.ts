import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { z } from 'zod';
import { DEFAULT_ARGUMENT_LIMITS, parseToolArguments, recordedArguments, storedSize } from '../../src/index.js';

// Found by the input fuzz (reliability/): the limit was 1 MiB of characters, but a dispatched
// call's event carries its arguments three times and an event holds at most 512 KiB, so any call
// over ~170 KB (or 512 KB of refused text, recorded in the call's chat item) made the commit of
// the whole generation fail: the call was never answered and the user heard "model unavailable".
// The limit is now in bytes as stored, and small enough for three copies.

const PREFIX = 'Error parsing arguments for `note`:';
const utf8InJson = (text: string) => new TextEncoder().encode(JSON.stringify(text)).length - 2;

describe('storedSize', () => {
  it('is the UTF-8 length of the text inside a JSON string, whatever it holds', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(fc.string({ unit: 'binary', maxLength: 1 }), fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit))) }), (text) => {
        expect(storedSize(text)).toBe(utf8InJson(text));
      }),
    );
  });
});

describe('the argument size limit', () => {
  const { maxBytes } = DEFAULT_ARGUMENT_LIMITS;
  /** `{"body":"…"}` whose stored size is exactly `bytes`: `fill` as often as it fits, then `x`. */
  const textOfStoredSize = (bytes: number, fill = '😀') => {
    const overhead = storedSize('{"body":""}');
    const count = Math.floor((bytes - overhead) / storedSize(fill));
    return `{"body":"${fill.repeat(count)}${'x'.repeat(bytes - overhead - count * storedSize(fill))}"}`;
  };

  it('keeps three copies of the largest call inside one 512 KiB event', () => {
    expect(3 * maxBytes + 16 * 1024).toBeLessThan(512 * 1024);
  });

  it('admits a text of exactly the limit as stored and refuses one byte more, counting bytes, not characters', () => {
    const atLimit = textOfStoredSize(maxBytes);
    expect(atLimit.length).toBeLessThan(maxBytes / 1.9);
    expect(parseToolArguments('note', z.object({ body: z.string() }), atLimit).ok).toBe(true);
    expect(parseToolArguments('note', z.object({ body: z.string() }), textOfStoredSize(maxBytes + 1))).toEqual({
      ok: false,
      message: `${PREFIX} arguments: too large (${maxBytes + 1} bytes, at most ${maxBytes})`,
    });
  });

  it('holds the validated arguments to the limit too: lone surrogates written raw grow when re-encoded', () => {
    // A raw lone surrogate is stored as \udXXX (6 bytes); the canonical text holds that escape, stored as \\udXXX (7).
    const result = parseToolArguments('note', z.object({ body: z.string() }), textOfStoredSize(maxBytes, '\ud800'));
    expect(!result.ok && result.message).toMatch(/^Error parsing arguments for `note`: arguments: too large once validated \(15\d{4} bytes, at most 131072\)$/);
  });

  it('holds the validated arguments to the limit too, as defaults can grow them', () => {
    const padded = z.object({ body: z.string(), padding: z.string().default('p'.repeat(maxBytes)) });
    expect(parseToolArguments('note', padded, '{"body":"short"}')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Error parsing arguments for `note`: arguments: too large once validated \(\d+ bytes, at most 131072\)$/),
    });
  });

  it('records an oversized text by its beginning only, and any other whole', () => {
    const huge = JSON.stringify({ body: '"'.repeat(3_000_000) });
    const recorded = recordedArguments(huge);
    expect(recorded.startsWith(huge.slice(0, 1_000))).toBe(true);
    expect(recorded.endsWith(`… (cut: ${huge.length} characters in all)`)).toBe(true);
    expect(storedSize(recorded)).toBeLessThan(8 * 1024);
    const fits = textOfStoredSize(maxBytes);
    expect(recordedArguments(fits)).toBe(fits);
  });
});
