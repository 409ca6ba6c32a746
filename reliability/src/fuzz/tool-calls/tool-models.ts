import fc from 'fast-check';

/**
 * What the fuzz knows about each tool's schema, written independently of zod so that it can
 * judge the gateway's answers instead of repeating them: how to generate a valid argument
 * object, what the body must then receive (defaults applied), and, field by field, what makes
 * a value wrong and how the refusal must say so.
 */

/** A path from the arguments object; `[]` stands for "some element of this array". */
export type FieldPath = readonly (string | '[]')[];

export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'enum' | 'array' | 'object' | 'record';

/** A value of the right JSON type that a bound, a pattern or an enum refuses, and how the refusal reads. */
export interface Violation {
  readonly value: fc.Arbitrary<unknown>;
  readonly reason: RegExp;
}

export interface FieldRule {
  readonly path: FieldPath;
  readonly type: FieldType;
  /** Absence is refused (`required`). Optional and defaulted fields also take `null` as absence. */
  readonly required: boolean;
  readonly violations: readonly Violation[];
}

export interface ToolModel {
  readonly name: string;
  /** Refuses unknown keys at the top level. */
  readonly strict: boolean;
  /** Runs under `confirm`: `confirm_duplicate` may ride along and never reaches the body. */
  readonly confirmFlag: boolean;
  /** A valid argument object as an LLM would write it (optional and defaulted fields may be left out). */
  readonly valid: fc.Arbitrary<Record<string, unknown>>;
  /** The object the body must receive for a valid one: defaults applied. */
  readonly received: (written: Readonly<Record<string, unknown>>) => Record<string, unknown>;
  readonly fields: readonly FieldRule[];
  /** Paths of objects that are not strict: unknown keys there are dropped, not refused. */
  readonly lenientObjects: readonly FieldPath[];
  /** Where free-form JSON may go (any key, any value): hostile structures are valid there. */
  readonly freeJson?: FieldPath;
  /** A string field without a length bound, where a long text is valid. */
  readonly unboundedText?: FieldPath;
}

const TOO_BIG = /^Too big: /;
const TOO_SMALL = /^Too small: /;
const NOT_INTEGER = /^expected int(eger)?, received (number|\S+)/;
const BAD_OPTION = /^Invalid option: expected one of /;
const BAD_PATTERN = /^Invalid string: must match pattern /;

/**
 * Text an LLM might put in a free string: mostly plain letters, with quotes, backslashes,
 * control characters, accents and astral characters mixed in. Lengths are UTF-16 lengths (what
 * zod bounds), and a surrogate pair is never cut in two.
 */
const unit = fc.oneof(
  { weight: 12, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.constantFrom('"', '\\', '\n', '\t', '\u0000', '\u001f', '\u2028', '/', '<', '>') },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);
const text = (maxLength: number, minLength = 0) =>
  fc.string({ unit, minLength, maxLength }).map((value) => clipToLength(value, maxLength));

function clipToLength(value: string, maxLength: number): string {
  if (value.length <= maxLength) return value;
  const clipped = value.slice(0, maxLength);
  return /[\uD800-\uDBFF]$/.test(clipped) ? clipped.slice(0, -1) : clipped;
}
const code = (pattern: RegExp) => fc.stringMatching(pattern);

const outOfIntRange = (min: number, max: number): Violation[] => [
  { value: fc.integer({ min: max + 1, max: max + 1_000_000 }), reason: TOO_BIG },
  { value: fc.integer({ min: min - 1_000_000, max: min - 1 }), reason: TOO_SMALL },
  { value: fc.double({ min: min + 0.01, max: max - 0.01, noNaN: true }).filter((n) => !Number.isInteger(n)), reason: NOT_INTEGER },
];
const notMatching = (pattern: RegExp): Violation => ({ value: text(12).filter((s) => !pattern.test(s)), reason: BAD_PATTERN });
const notIn = (options: readonly string[]): Violation => ({ value: text(12).filter((s) => !options.includes(s)), reason: BAD_OPTION });
const longerThan = (max: number): Violation => ({ value: text(max + 40, max + 1), reason: TOO_BIG });

const AIRPORT = /^[A-Z]{3}$/;
const CABINS = ['economy', 'premium', 'business', 'first'] as const;

const bookFlight: ToolModel = {
  name: 'book_flight',
  strict: false,
  confirmFlag: false,
  valid: fc.record(
    {
      from: code(AIRPORT),
      to: code(AIRPORT),
      passengers: fc.integer({ min: 1, max: 9 }),
      cabin: fc.constantFrom(...CABINS),
      date: text(40),
    },
    { requiredKeys: ['from', 'to', 'passengers'] },
  ),
  received: (written) => ({ cabin: 'economy', ...written }),
  fields: [
    { path: ['from'], type: 'string', required: true, violations: [notMatching(AIRPORT)] },
    { path: ['to'], type: 'string', required: true, violations: [notMatching(AIRPORT)] },
    { path: ['passengers'], type: 'integer', required: true, violations: outOfIntRange(1, 9) },
    { path: ['cabin'], type: 'enum', required: false, violations: [notIn(CABINS)] },
    { path: ['date'], type: 'string', required: false, violations: [longerThan(40)] },
  ],
  lenientObjects: [[]],
};

const CURRENCIES = ['EUR', 'USD', 'GBP'] as const;

const planTrip: ToolModel = {
  name: 'plan_trip',
  strict: false,
  confirmFlag: false,
  valid: fc.record(
    {
      traveller: fc.record({ name: text(80, 1), age: fc.integer({ min: 0, max: 130 }) }, { requiredKeys: ['name'] }),
      stops: fc.array(fc.record({ city: text(80, 1), nights: fc.integer({ min: 1, max: 30 }) }), { minLength: 1, maxLength: 8 }),
      budget: fc.record({ amount: fc.double({ min: 0.01, max: 1_000_000, noNaN: true }), currency: fc.constantFrom(...CURRENCIES) }),
    },
    { requiredKeys: ['traveller', 'stops'] },
  ),
  received: (written) => ({ ...written }),
  fields: [
    { path: ['traveller'], type: 'object', required: true, violations: [] },
    { path: ['traveller', 'name'], type: 'string', required: true, violations: [{ value: fc.constant(''), reason: TOO_SMALL }, longerThan(80)] },
    { path: ['traveller', 'age'], type: 'integer', required: false, violations: outOfIntRange(0, 130) },
    {
      path: ['stops'],
      type: 'array',
      required: true,
      violations: [
        { value: fc.constant([]), reason: TOO_SMALL },
        { value: fc.array(fc.record({ city: fc.constant('Oslo'), nights: fc.constant(1) }), { minLength: 9, maxLength: 12 }), reason: TOO_BIG },
      ],
    },
    { path: ['stops', '[]'], type: 'object', required: true, violations: [] },
    { path: ['stops', '[]', 'city'], type: 'string', required: true, violations: [{ value: fc.constant(''), reason: TOO_SMALL }] },
    { path: ['stops', '[]', 'nights'], type: 'integer', required: true, violations: outOfIntRange(1, 30) },
    { path: ['budget'], type: 'object', required: false, violations: [] },
    {
      path: ['budget', 'amount'],
      type: 'number',
      required: true,
      violations: [
        { value: fc.double({ min: -1e9, max: 0, noNaN: true }), reason: TOO_SMALL },
        { value: fc.double({ min: 1_000_001, max: 1e300, noNaN: true }), reason: TOO_BIG },
      ],
    },
    { path: ['budget', 'currency'], type: 'enum', required: true, violations: [notIn(CURRENCIES)] },
  ],
  lenientObjects: [[], ['traveller'], ['stops', '[]'], ['budget']],
};

const ROOMS = ['kitchen', 'bedroom', 'office'] as const;

const setThermostat: ToolModel = {
  name: 'set_thermostat',
  strict: true,
  confirmFlag: false,
  valid: fc.record({ room: fc.constantFrom(...ROOMS), celsius: fc.double({ min: 5, max: 30, noNaN: true }), boost: fc.boolean() }, { requiredKeys: ['room', 'celsius'] }),
  received: (written) => ({ ...written }),
  fields: [
    { path: ['room'], type: 'enum', required: true, violations: [notIn(ROOMS)] },
    {
      path: ['celsius'],
      type: 'number',
      required: true,
      violations: [
        { value: fc.double({ min: 30.000001, max: 1e12, noNaN: true }), reason: TOO_BIG },
        { value: fc.double({ min: -1e12, max: 4.999999, noNaN: true }), reason: TOO_SMALL },
      ],
    },
    { path: ['boost'], type: 'boolean', required: false, violations: [] },
  ],
  lenientObjects: [],
};

/** JSON a note's `meta` may hold: any keys, nesting well inside the depth limit. */
const metaValue = fc.jsonValue({ maxDepth: 4 });

const saveNote: ToolModel = {
  name: 'save_note',
  strict: false,
  confirmFlag: false,
  valid: fc.record(
    {
      title: text(120, 1),
      body: text(400),
      tags: fc.array(text(30), { maxLength: 12 }),
      meta: fc.dictionary(text(20), metaValue, { maxKeys: 6 }),
    },
    { requiredKeys: ['title', 'body'] },
  ),
  received: (written) => ({ tags: [], ...written }),
  fields: [
    { path: ['title'], type: 'string', required: true, violations: [{ value: fc.constant(''), reason: TOO_SMALL }, longerThan(120)] },
    { path: ['body'], type: 'string', required: true, violations: [] },
    {
      path: ['tags'],
      type: 'array',
      required: false,
      violations: [{ value: fc.array(fc.constant('tag'), { minLength: 13, maxLength: 20 }), reason: TOO_BIG }],
    },
    { path: ['tags', '[]'], type: 'string', required: true, violations: [longerThan(30)] },
    { path: ['meta'], type: 'record', required: false, violations: [] },
  ],
  lenientObjects: [[]],
  freeJson: ['meta'],
  unboundedText: ['body'],
};

const FLIGHT = /^[A-Z]{2}[0-9]{1,4}$/;
const SEAT = /^[0-9]{1,2}[A-F]$/;

const holdSeat: ToolModel = {
  name: 'hold_seat',
  strict: false,
  confirmFlag: true,
  valid: fc.record({ flight: code(FLIGHT), seat: code(SEAT), window: fc.boolean() }, { requiredKeys: ['flight', 'seat'] }),
  received: (written) => ({ window: false, ...written }),
  fields: [
    { path: ['flight'], type: 'string', required: true, violations: [notMatching(FLIGHT)] },
    { path: ['seat'], type: 'string', required: true, violations: [notMatching(SEAT)] },
    { path: ['window'], type: 'boolean', required: false, violations: [] },
  ],
  lenientObjects: [[]],
};

export const TOOL_MODELS: readonly ToolModel[] = [bookFlight, planTrip, setThermostat, saveNote, holdSeat];

export function toolModel(name: string): ToolModel {
  const found = TOOL_MODELS.find((model) => model.name === name);
  if (!found) throw new Error(`no fuzz model for tool ${name}`);
  return found;
}
