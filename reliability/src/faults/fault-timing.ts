import { setTimeout as sleep } from 'node:timers/promises';

/** A small seeded generator (mulberry32): the same seed picks the same fault moments again. */
export interface Random {
  /** An integer in [0, max]. */
  upTo(max: number): number;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return { upTo: (max) => Math.floor(next() * (max + 1)) };
}

/**
 * Lets a fault land a little later, at a moment nobody chose: what is in flight at that instant
 * (a report, a fold, a reply) is what the fault hits. Never a wait for something to happen —
 * those are awaited (eventually, waitForLine).
 */
export function faultDelay(ms: number): Promise<void> {
  return sleep(ms);
}

/** Awaits both, the second even if the first failed (a respawn must not run on unawaited), then throws the first failure. */
export async function both<A, B>(first: Promise<A>, second: Promise<B>): Promise<[A, B]> {
  const [a, b] = await Promise.allSettled([first, second]);
  if (a.status === 'rejected') throw a.reason;
  if (b.status === 'rejected') throw b.reason;
  return [a.value, b.value];
}
