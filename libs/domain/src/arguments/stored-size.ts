/**
 * How many bytes `text` takes once stored: UTF-8, inside a JSON string, as an event body holds
 * it. Counted without building that string, so measuring megabytes of hostile text costs one
 * pass and no copy. (The character count is no measure of it: a quote takes two bytes there, an
 * accented letter two, a lone surrogate six — `\udXXX`.)
 */
export function storedSize(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    if (unit === 0x22 || unit === 0x5c) bytes += 2; // \" and \\
    else if (unit < 0x20) bytes += ESCAPED_CONTROLS.has(unit) ? 2 : 6; // \n … or \u00XX
    else if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && isLowSurrogate(text.charCodeAt(index + 1))) {
      bytes += 4; // a pair: one astral code point
      index += 1;
    } else if (unit >= 0xd800 && unit <= 0xdfff) bytes += 6; // a lone surrogate is written \udXXX
    else bytes += 3;
  }
  return bytes;
}

/** \b \t \n \f \r: the controls JSON writes in two characters. */
const ESCAPED_CONTROLS: ReadonlySet<number> = new Set([0x08, 0x09, 0x0a, 0x0c, 0x0d]);

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
