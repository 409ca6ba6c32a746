import { DEFAULT_ARGUMENT_LIMITS, type ArgumentLimits } from './read-argument-object.js';
import { storedSize } from './stored-size.js';

/** How much of an oversized arguments text the chat keeps: enough for the LLM to recognise its call. */
const KEPT_CHARACTERS = 1_000;

/** How much of a running call's arguments a listing shows (duplicates, `get_running_tasks`). */
const LISTED_CHARACTERS = 1_000;

/**
 * The arguments text as the call's chat item records it. A text over the limit is refused
 * (`too large`) whatever it holds; recorded whole it would make the item larger than one event
 * may be, the commit of the whole generation would fail, and the call would never be answered.
 * So only its beginning is kept, marked as cut.
 */
export function recordedArguments(raw: string, limits: ArgumentLimits = DEFAULT_ARGUMENT_LIMITS): string {
  // Every character takes at least a byte: a text longer than the limit needs no measuring.
  if (raw.length <= limits.maxBytes && storedSize(raw) <= limits.maxBytes) return raw;
  return cut(raw, KEPT_CHARACTERS);
}

/**
 * A running call's arguments as a listing shows them — the duplicate policies' answers and
 * `get_running_tasks` name every running call. Each may hold up to the argument limit, so a few
 * of them listed whole would make one output larger than an event may be: each is cut.
 */
export function listedArguments(canonical: string): string {
  return canonical.length <= LISTED_CHARACTERS ? canonical : cut(canonical, LISTED_CHARACTERS);
}

function cut(text: string, kept: number): string {
  return `${text.slice(0, kept)}… (cut: ${text.length} characters in all)`;
}
