import fc from 'fast-check';
import { formatPath, INVALID_JSON, REQUIRED, refusedAt, UNKNOWN_KEY, type ExpectedAnswer, type PayloadRecipe } from './payload.js';
import { TOOL_MODELS, type FieldRule, type FieldType, type ToolModel } from './tool-models.js';
import { concretePath, parentExists, withValueAt, withoutValueAt } from './value-paths.js';
import { hasNoProtoKey } from './wire-forms.js';

/**
 * Invalid calls, each a valid one with exactly one thing wrong, so the refusal must name exactly
 * that: a required field left out, a value of the wrong JSON type, a bound, pattern or enum
 * broken, an unknown key in a strict object, a `confirm_duplicate` that is not a boolean — or
 * arguments that are not a JSON object at all (not JSON, truncated, another JSON type, empty).
 */
const validValue = (model: ToolModel) => model.valid.filter(hasNoProtoKey);

type Mutation = { readonly kind: string; readonly value: unknown; readonly expected: ExpectedAnswer };

function recipe(model: ToolModel, mutation: fc.Arbitrary<Mutation | undefined>): fc.Arbitrary<PayloadRecipe> {
  return mutation
    .filter((found): found is Mutation => found !== undefined)
    .map(({ kind, value, expected }) => ({
      class: 'invalid' as const,
      kind,
      tool: model.name,
      build: () => ({ tool: model.name, rawArguments: JSON.stringify(value), expected }),
    }));
}

/** A field of this model, resolved in this value (an element picked for each `[]`). */
function placeOf(model: ToolModel, filter: (field: FieldRule) => boolean) {
  const candidates = model.fields.filter(filter);
  return fc.tuple(validValue(model), fc.nat(), fc.nat()).map(([value, which, element]) => {
    const field = candidates[which % candidates.length];
    const path = field && concretePath(value, field.path, (length) => element % length);
    return field && path && parentExists(value, path) ? { value, field, path } : undefined;
  });
}

const missingField = (model: ToolModel) =>
  recipe(
    model,
    placeOf(model, (field) => field.required && field.path.at(-1) !== '[]').map((place) => {
      if (!place || !Object.hasOwn(place.value, place.path[0] as string)) return undefined;
      const value = withoutValueAt(place.value, place.path);
      return { kind: 'missing-field', value, expected: refusedAt(place.path, REQUIRED) };
    }),
  );

/** JSON values of another type than the field's, with the type the refusal must report. */
function wrongTypeValue(type: FieldType, nullable: boolean): fc.Arbitrary<{ value: unknown; received: string }> {
  const all: { value: fc.Arbitrary<unknown>; received: string; fits: FieldType[] }[] = [
    { value: fc.string({ maxLength: 8 }), received: 'string', fits: ['string', 'enum'] },
    { value: fc.integer(), received: 'number', fits: ['integer', 'number'] },
    { value: fc.boolean(), received: 'boolean', fits: ['boolean'] },
    { value: fc.array(fc.integer(), { maxLength: 3 }), received: 'array', fits: ['array'] },
    { value: fc.constant({ nested: 1 }), received: 'object', fits: ['object', 'record'] },
    ...(nullable ? [] : [{ value: fc.constant(null), received: 'null', fits: [] as FieldType[] }]),
  ];
  return fc.oneof(...all.filter((candidate) => !candidate.fits.includes(type)).map((candidate) => candidate.value.map((value) => ({ value, received: candidate.received }))));
}

function wrongTypeReason(type: FieldType, received: string): RegExp {
  if (type === 'enum') return /^Invalid option: expected one of /;
  const expected = type === 'integer' ? '(int|integer|number)' : type === 'record' ? '(record|object)' : type;
  return new RegExp(`^expected ${expected}, received ${received}$`);
}

const wrongType = (model: ToolModel) =>
  recipe(
    model,
    placeOf(model, () => true).chain((place) =>
        place === undefined
          ? fc.constant(undefined)
          : wrongTypeValue(place.field.type, !place.field.required).map(({ value: wrong, received }) => ({
              kind: 'wrong-type',
              value: withValueAt(place.value, place.path, wrong),
              expected: refusedAt(place.path, wrongTypeReason(place.field.type, received)),
            })),
      ),
  );

const brokenConstraint = (model: ToolModel) =>
  recipe(
    model,
    fc.tuple(placeOf(model, (field) => field.violations.length > 0), fc.nat()).chain(([place, which]) => {
      if (place === undefined) return fc.constant(undefined);
      const violation = place.field.violations[which % place.field.violations.length]!;
      return violation.value.map((wrong) => ({
        kind: 'broken-constraint',
        value: withValueAt(place.value, place.path, wrong),
        expected: refusedAt(place.path, violation.reason),
      }));
    }),
  );

const unknownKey = (model: ToolModel) =>
  recipe(
    model,
    fc
      .tuple(validValue(model), fc.string({ minLength: 1, maxLength: 16 }).filter((key) => isFreshKey(model, key)), fc.jsonValue({ maxDepth: 1 }).filter(hasNoProtoKey))
      .map(([value, key, extra]) => ({ kind: 'unknown-key', value: withValueAt(value, [key], extra), expected: refusedAt([key], UNKNOWN_KEY) })),
  );

const badConfirmFlag = (model: ToolModel) =>
  recipe(
    model,
    fc.tuple(validValue(model), wrongTypeValue('boolean', true)).map(([value, { value: flag, received }]) => ({
      kind: 'bad-confirm-flag',
      value: { ...value, confirm_duplicate: flag },
      expected: refusedAt(['confirm_duplicate'], new RegExp(`^expected boolean, received ${received}$`)),
    })),
  );

/** What the arguments are when they are not an object: the refusal names the JSON type. */
const notAnObject = (model: ToolModel): fc.Arbitrary<PayloadRecipe> =>
  fc
    .oneof(
      fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }).map((value) => ({ text: JSON.stringify(value), type: 'array' })),
      fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })).map((value) => ({ text: JSON.stringify(value), type: 'number' })),
      fc.boolean().map((value) => ({ text: JSON.stringify(value), type: 'boolean' })),
      // A JSON string is unwrapped only when it encodes an object (or null): these do not.
      fc.string({ maxLength: 20 }).map((value) => ({ text: JSON.stringify(`x${value}`), type: 'string' })),
      fc.array(fc.integer(), { maxLength: 3 }).map((value) => ({ text: JSON.stringify(JSON.stringify(value)), type: 'string' })),
    )
    .map(({ text, type }) => ({
      class: 'invalid',
      kind: 'not-an-object',
      tool: model.name,
      build: () => ({ tool: model.name, rawArguments: text, expected: refusedAt('arguments', new RegExp(`^expected a JSON object, received ${type}$`)) }),
    }));

const GARBAGE = ['{city: "Paris"}', "{'a': 1}", '{"a": 1,}', 'undefined', 'NaN', '{"a": NaN}', '{"a": Infinity}', '{"a": -Infinity}', '{"a": 01}', '{"a": .5}', '{"a": 0x10}', '[1, 2', '}', '{"a"}', '{"a": "\\x41"}', '{"a": "\t"}', '\uFEFF{}', '{} {}', '{"a": 1} //'];

const notJson = (model: ToolModel): fc.Arbitrary<PayloadRecipe> =>
  fc
    .oneof(fc.constantFrom(...GARBAGE), fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }))
    .filter((text) => text.trim() !== '' && !parses(text))
    .map((text) => ({
      class: 'invalid',
      kind: 'not-json',
      tool: model.name,
      build: () => ({ tool: model.name, rawArguments: text, expected: refusedAt('arguments', INVALID_JSON) }),
    }));

/** A valid call cut short, as a stream interrupted mid-arguments would leave it. */
const truncatedJson = (model: ToolModel): fc.Arbitrary<PayloadRecipe> =>
  fc.tuple(validValue(model), fc.double({ min: 0, max: 1, noNaN: true })).map(([value, fraction]) => {
    const text = JSON.stringify(value);
    const cut = 1 + Math.floor(fraction * (text.length - 2));
    return {
      class: 'invalid',
      kind: 'truncated-json',
      tool: model.name,
      build: () => ({ tool: model.name, rawArguments: text.slice(0, cut), expected: refusedAt('arguments', INVALID_JSON) }),
    };
  });

/** Empty text, blank text and `null` mean `{}`: every required top-level field is then missing. */
const empty = (model: ToolModel): fc.Arbitrary<PayloadRecipe> =>
  fc.constantFrom('', '   ', '\n\t', 'null', '"null"', '{}').map((text) => ({
    class: 'invalid',
    kind: 'empty',
    tool: model.name,
    build: () => ({
      tool: model.name,
      rawArguments: text,
      expected: {
        kind: 'refused',
        match: 'all',
        problems: model.fields.filter((field) => field.required && field.path.length === 1).map((field) => ({ path: formatPath(field.path as string[]), reason: REQUIRED })),
      },
    }),
  }));

export function invalidPayload(): fc.Arbitrary<PayloadRecipe> {
  return fc.oneof(
    ...TOOL_MODELS.flatMap((model) => [
      { weight: 3, arbitrary: missingField(model) },
      { weight: 4, arbitrary: wrongType(model) },
      { weight: 4, arbitrary: brokenConstraint(model) },
      ...(model.strict ? [{ weight: 2, arbitrary: unknownKey(model) }] : []),
      ...(model.confirmFlag ? [{ weight: 1, arbitrary: badConfirmFlag(model) }] : []),
      { weight: 1, arbitrary: notAnObject(model) },
      { weight: 1, arbitrary: notJson(model) },
      { weight: 1, arbitrary: truncatedJson(model) },
      { weight: 1, arbitrary: empty(model) },
    ]),
  );
}

/** Not a key of the schema, not the forbidden one, and no `;` (which separates the problems listed). */
function isFreshKey(model: ToolModel, key: string): boolean {
  return key !== '__proto__' && !key.includes(';') && !model.fields.some((field) => field.path.length === 1 && field.path[0] === key);
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
