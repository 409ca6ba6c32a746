import fc from 'fast-check';
import { DEFAULT_ARGUMENT_LIMITS } from '@aside/domain';
import { FORBIDDEN_KEY, formatPath, refusedAt, runs, TOO_DEEP, UNKNOWN_KEY, type PayloadRecipe, type ValuePath } from './payload.js';
import { bySize } from './size-oracle.js';
import { toolModel, TOOL_MODELS } from './tool-models.js';
import { objectPaths } from './value-paths.js';
import { hasNoProtoKey } from './wire-forms.js';

/**
 * Hostile structures: nesting 10,000 to 100,000 levels deep (refused, without a stack
 * overflow anywhere), nesting the limit admits (kept whole), a `__proto__` key anywhere (refused
 * by name and place, nothing polluted), and `constructor` / `prototype` keys, which are plain
 * data: kept in a free-form record, dropped from a lenient object, refused by a strict one.
 */

/** `[[[…]]]` or `{"a":{"a":…}}` mixed, `depth` levels, built as text (no value that deep exists). */
function nestedText(depth: number, pattern: readonly ('array' | 'object')[]): string {
  const opening: string[] = [];
  const closing: string[] = [];
  for (let level = 0; level < depth; level += 1) {
    const kind = pattern[level % pattern.length];
    opening.push(kind === 'array' ? '[' : '{"a":');
    closing.push(kind === 'array' ? ']' : '}');
  }
  return `${opening.join('')}0${closing.reverse().join('')}`;
}

const shape = fc.array(fc.constantFrom<'array' | 'object'>('array', 'object'), { minLength: 1, maxLength: 4 });

/**
 * 10,000 to 60,000 levels. The size limit is checked before the text is parsed, so a nesting
 * whose text is also too large is refused as that (objects take 8 bytes a level, arrays 2).
 */
const deepNesting: fc.Arbitrary<PayloadRecipe> = fc
  .tuple(fc.constantFrom(...TOOL_MODELS), fc.integer({ min: 10_000, max: 60_000 }), shape, fc.boolean())
  .map(([model, depth, pattern, doubleEncoded]) => ({
    class: 'hostile',
    kind: doubleEncoded ? 'deep-nesting-double-encoded' : 'deep-nesting',
    tool: model.name,
    build: () => {
      const field = (model.fields[0]?.path[0] as string | undefined) ?? 'x';
      const text = `{${JSON.stringify(field)}:${nestedText(depth, pattern)}}`;
      const rawArguments = doubleEncoded ? JSON.stringify(text) : text;
      return { tool: model.name, rawArguments, expected: bySize(rawArguments, undefined, refusedAt('arguments', TOO_DEEP)) };
    },
  }));

/** Inside `meta` of save_note: the arguments (level 1), `meta` (2), then `depth` more levels. */
const admittedNesting: fc.Arbitrary<PayloadRecipe> = fc
  .tuple(fc.integer({ min: 5, max: DEFAULT_ARGUMENT_LIMITS.maxDepth - 2 }), shape)
  .map(([depth, pattern]) => ({
    class: 'hostile',
    kind: 'nesting-within-limit',
    tool: 'save_note',
    build: () => {
      const rawArguments = `{"title":"deep","body":"","meta":{"k":${nestedText(depth, pattern)}}}`;
      return { tool: 'save_note', rawArguments, expected: runs(toolModel('save_note').received(JSON.parse(rawArguments) as Record<string, unknown>)) };
    },
  }));

/** How `__proto__` is spelt in the text: plainly, or with an escape JSON.parse decodes to it. */
const protoSpelling = fc.constantFrom('"__proto__"', '"__pro\\u0074o__"', '"\\u005f_proto__"');

/** A `__proto__` key put into some object of a valid call, as text (a value cannot hold it safely). */
const protoKey: fc.Arbitrary<PayloadRecipe> = fc
  .tuple(fc.constantFrom(...TOOL_MODELS), fc.nat(), protoSpelling, fc.constantFrom('{"polluted":true}', '[]', '1', 'null', '{"toString":1}'), fc.boolean())
  .chain(([model, where, spelling, payload, doubleEncoded]) =>
    model.valid.filter(hasNoProtoKey).map((value) => {
      const places = objectPaths(value);
      const place = places[where % places.length] ?? [];
      return {
        class: 'hostile' as const,
        kind: doubleEncoded ? 'proto-key-double-encoded' : 'proto-key',
        tool: model.name,
        build: () => {
          const text = insertKey(value, place, `${spelling}:${payload}`);
          return { tool: model.name, rawArguments: doubleEncoded ? JSON.stringify(text) : text, expected: refusedAt(`${formatPath(place) === 'arguments' ? '' : `${formatPath(place)}.`}__proto__`, FORBIDDEN_KEY) };
        },
      };
    }),
  );

const PROTOTYPE_LIKE = ['constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf'];

/** Keys named after Object.prototype's members: data in `meta`, dropped by a lenient object, refused by a strict one. */
const prototypeLikeKeys: fc.Arbitrary<PayloadRecipe> = fc
  .tuple(fc.subarray(PROTOTYPE_LIKE, { minLength: 1 }), fc.constantFrom('meta', 'lenient', 'strict'))
  .map(([keys, where]) => {
    const entries = Object.fromEntries(keys.map((key) => [key, { prototype: { polluted: true }, constructor: { name: 'x' } }]));
    const tool = where === 'meta' ? 'save_note' : where === 'lenient' ? 'plan_trip' : 'set_thermostat';
    return {
      class: 'hostile',
      kind: `prototype-like-keys-${where}`,
      tool,
      build: () => {
        if (where === 'meta') {
          const args = { title: 'proto', body: '', meta: entries };
          return { tool, rawArguments: JSON.stringify(args), expected: runs(toolModel(tool).received(args)) };
        }
        if (where === 'lenient') {
          const args = { traveller: { name: 'Ada' }, stops: [{ city: 'Oslo', nights: 2 }] };
          const written = { ...entries, traveller: { ...entries, name: 'Ada' }, stops: [{ ...entries, city: 'Oslo', nights: 2 }] };
          return { tool, rawArguments: JSON.stringify(written), expected: runs(args) };
        }
        return {
          tool,
          rawArguments: JSON.stringify({ room: 'office', celsius: 20, ...entries }),
          expected: { kind: 'refused', match: 'all', problems: keys.map((key) => ({ path: key, reason: UNKNOWN_KEY })) },
        };
      },
    };
  });

export const hostileStructures = [
  { weight: 3, arbitrary: deepNesting },
  { weight: 2, arbitrary: admittedNesting },
  { weight: 4, arbitrary: protoKey },
  { weight: 2, arbitrary: prototypeLikeKeys },
];

/** The JSON text of `value` with `member` (already `"key":value` text) added to the object at `place`. */
function insertKey(value: unknown, place: ValuePath, member: string): string {
  const marker = '\u0000fuzz-insert\u0000';
  const withMarker = structuredClone(value) as Record<string, unknown>;
  let target: Record<string | number, unknown> = withMarker;
  for (const segment of place) target = target[segment] as Record<string | number, unknown>;
  Object.defineProperty(target, marker, { value: 0, enumerable: true, writable: true, configurable: true });
  return JSON.stringify(withMarker).replace(`${JSON.stringify(marker)}:0`, member);
}
