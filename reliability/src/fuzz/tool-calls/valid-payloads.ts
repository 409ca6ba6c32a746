import fc from 'fast-check';
import { runs, type PayloadRecipe } from './payload.js';
import { TOOL_MODELS, type ToolModel } from './tool-models.js';
import { concretePath, hasAt, objectPaths, parentExists, withValueAt, withoutValueAt } from './value-paths.js';
import { encode, hasNoProtoKey, throughJson, wireForm } from './wire-forms.js';

/**
 * Valid calls, written every way an LLM writes them: the body must run once with exactly the
 * arguments meant — defaults applied, `null` read as absence where the field is optional,
 * unknown keys of lenient objects dropped, `confirm_duplicate` removed, the last of duplicate
 * keys winning.
 */
const validValue = (model: ToolModel) => model.valid.filter(hasNoProtoKey);

const asWritten = (model: ToolModel): fc.Arbitrary<PayloadRecipe> =>
  fc.tuple(validValue(model), wireForm, fc.nat()).map(([value, form, shuffle]) => ({
    class: 'valid',
    kind: `written-${form}`,
    tool: model.name,
    build: () => ({ tool: model.name, rawArguments: encode(value, form, shuffle), expected: runs(model.received(throughJson(value))) }),
  }));

/** Optional and defaulted fields sent as `null`: read as left out. */
const nullsForAbsent = (model: ToolModel): fc.Arbitrary<PayloadRecipe> =>
  fc.tuple(validValue(model), fc.array(fc.boolean(), { minLength: model.fields.length, maxLength: model.fields.length })).map(([value, choices]) => {
    let written: unknown = value;
    let meant: unknown = value;
    model.fields.forEach((field, index) => {
      if (field.required || !choices[index] || field.path.includes('[]')) return;
      const path = concretePath(written, field.path, () => 0);
      if (!path || !parentExists(written, path)) return;
      written = withValueAt(written, path, null);
      meant = hasAt(meant, path) ? withoutValueAt(meant, path) : meant;
    });
    return {
      class: 'valid',
      kind: 'null-for-absent',
      tool: model.name,
      build: () => ({ tool: model.name, rawArguments: JSON.stringify(written), expected: runs(model.received(throughJson(meant as Record<string, unknown>))) }),
    };
  });

const extraKey = fc.string({ minLength: 1, maxLength: 12 }).filter((key) => key !== '__proto__');

/** Unknown keys in objects that are not strict: dropped before the body sees them. */
const extraKeys = (model: ToolModel): fc.Arbitrary<PayloadRecipe> =>
  fc.tuple(validValue(model), fc.array(fc.tuple(fc.nat(), extraKey, fc.jsonValue({ maxDepth: 2 }).filter(hasNoProtoKey)), { minLength: 1, maxLength: 4 })).map(([value, extras]) => {
    const lenient = objectPaths(value).filter((path) => model.lenientObjects.some((pattern) => matches(pattern, path)));
    let written: unknown = value;
    for (const [where, key, extra] of extras) {
      const path = lenient[where % lenient.length];
      if (path === undefined || hasAt(written, [...path, key]) || isSchemaKey(model, path, key)) continue;
      written = withValueAt(written, [...path, key], extra);
    }
    return {
      class: 'valid',
      kind: 'extra-keys-dropped',
      tool: model.name,
      build: () => ({ tool: model.name, rawArguments: JSON.stringify(written), expected: runs(model.received(throughJson(value))) }),
    };
  });

/** `confirm_duplicate` (true, false or null) rides along; the body never sees it. */
const confirmFlag = (model: ToolModel): fc.Arbitrary<PayloadRecipe> =>
  fc.tuple(validValue(model), fc.constantFrom(true, false, null)).map(([value, flag]) => ({
    class: 'valid',
    kind: 'confirm-flag-removed',
    tool: model.name,
    build: () => ({
      tool: model.name,
      rawArguments: JSON.stringify({ ...value, confirm_duplicate: flag }),
      expected: runs(model.received(throughJson(value))),
    }),
  }));

/** A key written twice: JSON's last one wins, as `JSON.parse` reads it. */
const duplicateKey = (model: ToolModel): fc.Arbitrary<PayloadRecipe> =>
  fc.tuple(validValue(model), fc.jsonValue({ maxDepth: 1 })).map(([value, shadowed]) => {
    const [first] = Object.keys(value);
    const text = JSON.stringify(value);
    const rawArguments = first === undefined ? text : `{${JSON.stringify(first)}:${JSON.stringify(shadowed)},${text.slice(1)}`;
    return { class: 'valid', kind: 'duplicate-key-last-wins', tool: model.name, build: () => ({ tool: model.name, rawArguments, expected: runs(model.received(throughJson(value))) }) };
  });

export function validPayload(): fc.Arbitrary<PayloadRecipe> {
  return fc.oneof(
    ...TOOL_MODELS.flatMap((model) => [
      { weight: 4, arbitrary: asWritten(model) },
      { weight: 1, arbitrary: nullsForAbsent(model) },
      ...(model.strict ? [] : [{ weight: 1, arbitrary: extraKeys(model) }]),
      ...(model.confirmFlag ? [{ weight: 1, arbitrary: confirmFlag(model) }] : []),
      { weight: 1, arbitrary: duplicateKey(model) },
    ]),
  );
}

/** Whether a concrete object path is one of the model's lenient-object patterns. */
function matches(pattern: readonly (string | '[]')[], path: readonly (string | number)[]): boolean {
  return pattern.length === path.length && pattern.every((segment, index) => (segment === '[]' ? typeof path[index] === 'number' : segment === path[index]));
}

/** A key the schema itself declares at that place (so not an unknown one). */
function isSchemaKey(model: ToolModel, path: readonly (string | number)[], key: string): boolean {
  return model.fields.some((field) => field.path.length === path.length + 1 && field.path[path.length] === key && matches(field.path.slice(0, -1), path));
}
