import { duplicates } from '@aside/testing-deployment';
import type { SessionLog } from './session-log.js';

/**
 * Why a session's log is corrupt, if it is: an entry that does not decode (catalogue, envelope),
 * log positions that are not exactly 1..n, n not what the session's counter said while the log
 * was read, a stream whose versions
 * are not 1..k in log order, an event id twice, an event of another session.
 */
export function integrityProblems(log: SessionLog): string[] {
  const problems = log.unreadable.map(({ position, reason }) => `position ${position} does not decode: ${reason}`);
  const positions = [...log.events.map((event) => event.position), ...log.unreadable.map((entry) => entry.position)].sort((a, b) => a - b);
  const firstGap = positions.findIndex((position, index) => position !== index + 1);
  if (firstGap >= 0) problems.push(`log positions are not 1..n: position ${firstGap + 1} holds ${positions[firstGap]}`);
  const { before, after } = log.counter;
  if (positions.length < before || positions.length > after) {
    const counter = before === after ? `its counter says ${before}` : `its counter went from ${before} to ${after} while it was read`;
    problems.push(`the log holds ${positions.length} entries, ${counter}`);
  }
  const versions = new Map<string, number>();
  for (const event of log.events) {
    const expected = (versions.get(event.stream) ?? 0) + 1;
    if (event.version !== expected) problems.push(`stream ${event.stream}: version ${event.version} at position ${event.position}, expected ${expected}`);
    versions.set(event.stream, event.version);
    if (event.sessionId !== log.sessionId) problems.push(`position ${event.position} belongs to session ${event.sessionId}`);
  }
  for (const id of duplicates(log.events.map((event) => event.id))) problems.push(`event id ${id} is in the log twice`);
  return problems;
}
