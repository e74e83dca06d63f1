import { GLYPH_BITMAPS_BASE64, GLYPH_HEIGHT, GLYPH_RANGES, GLYPH_WIDTH } from "./glyphs-8x16.generated.ts";

export { GLYPH_HEIGHT, GLYPH_WIDTH };

interface GlyphIndex {
  bitmaps: Buffer;
  /** Range start code point -> index of its first glyph; ranges are few (~130), so a linear scan is cheap. */
  starts: ReadonlyArray<readonly [number, number, number]>;
}

let index: GlyphIndex | undefined;

// Decoded on first use, not at import time, so importing the module (e.g. for its constants) costs nothing.
function getIndex(): GlyphIndex {
  if (index === undefined) {
    const bitmaps = Buffer.from(GLYPH_BITMAPS_BASE64.join(""), "base64");
    const starts: Array<readonly [number, number, number]> = [];
    let next = 0;
    for (const [lo, hi] of GLYPH_RANGES) {
      starts.push([lo, hi, next]);
      next += hi - lo + 1;
    }
    if (next * GLYPH_HEIGHT !== bitmaps.length) {
      throw new Error(`glyph table is inconsistent: ${next} glyphs but ${bitmaps.length} bytes`);
    }
    index = { bitmaps, starts };
  }
  return index;
}

/**
 * The 16 row bytes (MSB = leftmost pixel) of the glyph for `codePoint`, or undefined when the font has none.
 * The returned view aliases the shared table: callers must not write to it.
 */
export function glyphRows(codePoint: number): Uint8Array | undefined {
  const { bitmaps, starts } = getIndex();
  for (const [lo, hi, first] of starts) {
    if (codePoint < lo) return undefined;
    if (codePoint <= hi) {
      const offset = (first + codePoint - lo) * GLYPH_HEIGHT;
      return bitmaps.subarray(offset, offset + GLYPH_HEIGHT);
    }
  }
  return undefined;
}
