/**
 * Splits text into at most `count` consecutive pieces at word boundaries, the way a model
 * streams it, so consumers are exercised with more than one delta. Joining the pieces gives
 * the text back exactly.
 */
export function splitIntoDeltas(text: string, count: number): string[] {
  if (text === '') return [];
  const words = text.match(/\s*\S+\s*|\s+/g) ?? [text];
  const perPiece = Math.ceil(words.length / Math.max(1, count));
  const pieces: string[] = [];
  for (let start = 0; start < words.length; start += perPiece) pieces.push(words.slice(start, start + perPiece).join(''));
  return pieces;
}
