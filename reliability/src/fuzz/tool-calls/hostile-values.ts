import fc from 'fast-check';
import { INVALID_JSON, refusedAt, runs, type PayloadRecipe } from './payload.js';
import { toolModel } from './tool-models.js';
import { throughJson } from './wire-forms.js';

/**
 * Hostile values: lone surrogates (valid JSON, kept exactly), numbers JSON can write but a double
 * cannot hold (`1e999` overflows to Infinity: refused by place, as not a finite number),
 * NaN/Infinity-like text (not JSON, or a string where a number belongs), and huge or tiny
 * numbers (refused by a bound, or kept in a free-form record).
 */

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

const loneSurrogates: fc.Arbitrary<PayloadRecipe> = fc
  .tuple(fc.array(fc.oneof(loneSurrogate, fc.constantFrom('a', '😀', 'é')), { minLength: 1, maxLength: 12 }), fc.boolean(), fc.boolean())
  .map(([parts, escaped, asKey]) => ({
    class: 'hostile',
    kind: asKey ? 'lone-surrogate-key' : escaped ? 'lone-surrogate-escaped' : 'lone-surrogate-literal',
    tool: 'save_note',
    build: () => {
      const odd = parts.join('');
      const args = asKey ? { title: 'surrogates', body: '', meta: { [odd]: odd } } : { title: odd, body: odd, tags: [odd.slice(0, 30)] };
      // JSON.stringify escapes lone surrogates; the literal form puts the raw code units in the text.
      const escapedText = JSON.stringify(args);
      const rawArguments = escaped ? escapedText : escapedText.replace(/\\u(d[89a-f][0-9a-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      return { tool: 'save_note', rawArguments, expected: runs(toolModel('save_note').received(args)) };
    },
  }));

/** Number literals that overflow a double: each is read as ±Infinity, which no schema may see. */
const overflowing = fc.constantFrom('1e999', '-1e999', '1e400', '2e308', `1${'0'.repeat(400)}`, '-1.8e308');

const NOT_FINITE = /^number out of range \(read as -?Infinity\)$/;

const nonFiniteNumber: fc.Arbitrary<PayloadRecipe> = fc
  .tuple(overflowing, fc.constantFrom('celsius', 'amount', 'meta', 'meta-nested'))
  .map(([literal, where]) => {
    const placed = {
      celsius: { tool: 'set_thermostat', text: `{"room":"office","celsius":${literal}}`, path: 'celsius' },
      amount: { tool: 'plan_trip', text: `{"traveller":{"name":"Ada"},"stops":[{"city":"Oslo","nights":1}],"budget":{"amount":${literal},"currency":"EUR"}}`, path: 'budget.amount' },
      meta: { tool: 'save_note', text: `{"title":"n","body":"","meta":{"n":${literal}}}`, path: 'meta.n' },
      'meta-nested': { tool: 'save_note', text: `{"title":"n","body":"","meta":{"n":[1,{"m":${literal}}]}}`, path: 'meta.n[1].m' },
    }[where];
    return {
      class: 'hostile',
      kind: 'non-finite-number',
      tool: placed.tool,
      build: () => ({ tool: placed.tool, rawArguments: placed.text, expected: refusedAt(placed.path, NOT_FINITE) }),
    };
  });

/** NaN and Infinity are not JSON; quoted, they are strings where a number belongs. */
const nanLike: fc.Arbitrary<PayloadRecipe> = fc
  .tuple(fc.constantFrom('NaN', 'Infinity', '-Infinity', '+1', '1e', '0x1F', '1_000'), fc.boolean())
  .map(([literal, quoted]) => ({
    class: 'hostile',
    kind: quoted ? 'nan-like-string' : 'nan-like-literal',
    tool: 'set_thermostat',
    build: () => ({
      tool: 'set_thermostat',
      rawArguments: `{"room":"office","celsius":${quoted ? JSON.stringify(literal) : literal}}`,
      expected: quoted ? refusedAt('celsius', /^expected number, received string$/) : refusedAt('arguments', INVALID_JSON),
    }),
  }));

/** Extreme but finite numbers: a bound refuses them; a free-form record keeps them as JSON reads them. */
const extremeNumber: fc.Arbitrary<PayloadRecipe> = fc
  .tuple(fc.constantFrom('1e308', '-1e308', '1.7976931348623157e308', '123456789012345678901234567890', '5e-324', '-0', '1e-400', '0.1e1'), fc.boolean())
  .map(([literal, bounded]) => ({
    class: 'hostile',
    kind: bounded ? 'extreme-number-bounded' : 'extreme-number-free',
    tool: bounded ? 'book_flight' : 'save_note',
    build: () => {
      const value = Number(literal);
      if (!bounded) {
        const rawArguments = `{"title":"n","body":"","meta":{"n":${literal}}}`;
        // What JSON can say: -0 and underflows arrive as 0.
        return { tool: 'save_note', rawArguments, expected: runs(toolModel('save_note').received(throughJson(JSON.parse(rawArguments) as Record<string, unknown>))) };
      }
      const rawArguments = `{"from":"OSL","to":"LIS","passengers":${literal}}`;
      if (Number.isInteger(value) && value >= 1 && value <= 9) {
        return { tool: 'book_flight', rawArguments, expected: runs(toolModel('book_flight').received({ from: 'OSL', to: 'LIS', passengers: value })) };
      }
      const reason = !Number.isInteger(value) ? /^expected int(eger)?, received/ : value > 9 ? /^Too big: / : /^Too small: /;
      return { tool: 'book_flight', rawArguments, expected: refusedAt('passengers', reason) };
    },
  }));

export const hostileValues = [
  { weight: 3, arbitrary: loneSurrogates },
  { weight: 2, arbitrary: nonFiniteNumber },
  { weight: 1, arbitrary: nanLike },
  { weight: 2, arbitrary: extremeNumber },
];
