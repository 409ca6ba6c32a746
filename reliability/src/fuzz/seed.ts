/** The seed of a run: the one given, or a fresh one (printed by the caller, so a failure can be replayed). */
export function resolveSeed(seed?: number): number {
  if (seed !== undefined) {
    if (!Number.isSafeInteger(seed)) throw new Error(`a fuzz seed is an integer, got ${seed}`);
    return seed | 0;
  }
  return (Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) | 0;
}
