import fc from 'fast-check';
import { refusedAt, runs, UNKNOWN_KEY, type PayloadRecipe } from './payload.js';
import { bySize, MAX_ARGUMENT_BYTES, tooLargeReason } from './size-oracle.js';
import { toolModel, TOOL_MODELS } from './tool-models.js';

/**
 * Hostile sizes: argument texts of 1–8 MB (refused as too large, with a short message, and
 * recorded cut), and big ones around the limit — a long text, thousands of keys, a wide array —
 * which must run whole when they fit and be refused as too large when they do not, without the
 * gateway choking on them anywhere downstream (the event log, the model's context).
 */
const MB = 1024 * 1024;

/** What a big string is made of: each weighs differently once stored (1, 2, 4 or 6 bytes a character). */
const filler = fc.constantFrom('x', 'é', '😀', '"', '\\', '\u0000', '\ud800', ' ');

/** An arguments text of 1 to 8 MB (UTF-16 code units), one string of it a key or a value. */
const hugeString: fc.Arbitrary<PayloadRecipe> = fc
  .tuple(fc.constantFrom(...TOOL_MODELS), fc.integer({ min: 1 * MB, max: 8 * MB }), filler, fc.boolean())
  .map(([model, size, fill, asKey]) => ({
    class: 'hostile',
    kind: asKey ? 'huge-key' : 'huge-string',
    tool: model.name,
    build: () => {
      const encoded = JSON.stringify(fill).length - 2;
      const huge = fill.repeat(Math.ceil(size / encoded));
      const rawArguments = JSON.stringify(asKey ? { [huge]: 1 } : { [firstStringField(model.name)]: huge });
      return { tool: model.name, rawArguments, expected: refusedAt('arguments', tooLargeReason(rawArguments)) };
    },
  }));

/** A long note body, from well under the limit to a few times over it. */
const longText: fc.Arbitrary<PayloadRecipe> = fc
  .tuple(fc.integer({ min: 16 * 1024, max: 4 * MAX_ARGUMENT_BYTES }), filler)
  .map(([size, fill]) => ({
    class: 'hostile',
    kind: 'long-text',
    tool: 'save_note',
    build: () => {
      const rawArguments = JSON.stringify({ title: 'long', body: fill.repeat(Math.floor(size / fill.length)) });
      return runsIfItFits('save_note', rawArguments);
    },
  }));

const keyed = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, index) => [`k${index}`, index]));

/** Thousands of keys: kept in a free-form record, dropped from a lenient object, refused by a strict one. */
const manyKeys: fc.Arbitrary<PayloadRecipe> = fc
  .tuple(fc.integer({ min: 1_000, max: 20_000 }), fc.constantFrom('meta', 'lenient', 'strict'))
  .map(([count, where]) => {
    const tool = where === 'meta' ? 'save_note' : where === 'lenient' ? 'book_flight' : 'set_thermostat';
    return {
      class: 'hostile',
      kind: `many-keys-${where}`,
      tool,
      build: () => {
        if (where === 'meta') return runsIfItFits(tool, JSON.stringify({ title: 'keys', body: '', meta: keyed(count) }));
        if (where === 'lenient') {
          const args = toolModel(tool).received({ from: 'OSL', to: 'LIS', passengers: 2 });
          const rawArguments = JSON.stringify({ ...keyed(count), ...args });
          return { tool, rawArguments, expected: bySize(rawArguments, args, runs(args)) };
        }
        const rawArguments = JSON.stringify({ room: 'office', celsius: 21, ...keyed(count) });
        const refused = { kind: 'refused' as const, match: 'any' as const, total: count, problems: Object.keys(keyed(count)).map((key) => ({ path: key, reason: UNKNOWN_KEY })) };
        return { tool, rawArguments, expected: bySize(rawArguments, undefined, refused) };
      },
    };
  });

/**
 * A wide array of numbers in a free-form record: kept whole when it fits. At most 80,000
 * elements (160 KB, over the limit from about 65,000): every element admitted costs the gateway
 * zod's z.json() on each write and read of the task's event (about 0.4 s for 60,000).
 */
const wideArray: fc.Arbitrary<PayloadRecipe> = fc.integer({ min: 1_000, max: 80_000 }).map((length) => ({
  class: 'hostile',
  kind: 'wide-array',
  tool: 'save_note',
  build: () => runsIfItFits('save_note', JSON.stringify({ title: 'wide', body: '', meta: { values: Array.from({ length }, (_, index) => index % 10) } })),
}));

/** A call whose body must get exactly the arguments written (plus defaults) if they fit the limit. */
function runsIfItFits(tool: string, rawArguments: string) {
  const args = toolModel(tool).received(JSON.parse(rawArguments) as Record<string, unknown>);
  return { tool, rawArguments, expected: bySize(rawArguments, args, runs(args)) };
}

export const hostileSizes = [
  { weight: 3, arbitrary: hugeString },
  { weight: 3, arbitrary: longText },
  { weight: 2, arbitrary: manyKeys },
  // A wide array costs the gateway most (zod's z.json() checks every element, on each read of the log too).
  { weight: 1, arbitrary: wideArray },
];

function firstStringField(toolName: string): string {
  const field = toolModel(toolName).fields.find((candidate) => candidate.type === 'string' && candidate.path.length === 1);
  return (field?.path[0] as string | undefined) ?? 'text';
}
