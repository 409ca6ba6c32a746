/** Where two JSON documents part: a path like `$.tasks[0].status` and each side's value there. */
export interface Difference {
  readonly path: string;
  readonly expected: string;
  readonly actual: string;
}

const SHOWN = 120;

/**
 * The first place two serialisations differ, in document order: a value, a missing or extra
 * key, an array length, or — when they hold the same data — the key order or the bytes
 * themselves. Undefined when the texts are identical.
 */
export function firstDifference(expectedText: string, actualText: string): Difference | undefined {
  if (expectedText === actualText) return undefined;
  let actual: unknown;
  try {
    actual = JSON.parse(actualText);
  } catch {
    return byteDifference(expectedText, actualText);
  }
  return valueDifference(JSON.parse(expectedText), actual, '$') ?? byteDifference(expectedText, actualText);
}

function valueDifference(expected: unknown, actual: unknown, path: string): Difference | undefined {
  if (Array.isArray(expected) && Array.isArray(actual)) {
    for (let index = 0; index < Math.min(expected.length, actual.length); index += 1) {
      const found = valueDifference(expected[index], actual[index], `${path}[${index}]`);
      if (found) return found;
    }
    if (expected.length !== actual.length) return { path: `${path}.length`, expected: String(expected.length), actual: String(actual.length) };
    return undefined;
  }
  if (isObject(expected) && isObject(actual)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])];
    for (const key of keys) {
      const at = /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
      if (!(key in actual)) return { path: at, expected: show(expected[key]), actual: '(missing)' };
      if (!(key in expected)) return { path: at, expected: '(missing)', actual: show(actual[key]) };
      const found = valueDifference(expected[key], actual[key], at);
      if (found) return found;
    }
    const expectedOrder = Object.keys(expected).join(',');
    const actualOrder = Object.keys(actual).join(',');
    if (expectedOrder !== actualOrder) return { path: `${path} (key order)`, expected: expectedOrder, actual: actualOrder };
    return undefined;
  }
  return JSON.stringify(expected) === JSON.stringify(actual) ? undefined : { path, expected: show(expected), actual: show(actual) };
}

function byteDifference(expected: string, actual: string): Difference {
  let index = 0;
  while (index < expected.length && index < actual.length && expected[index] === actual[index]) index += 1;
  const around = (text: string) => JSON.stringify(text.slice(Math.max(0, index - 20), index + 40));
  return { path: `byte ${index}`, expected: around(expected), actual: around(actual) };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length <= SHOWN ? text : `${text.slice(0, SHOWN - 1)}…`;
}
