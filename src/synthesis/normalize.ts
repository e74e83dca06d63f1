/**
 * Shared string normalisation, matching the evaluation README's rule so that what the product treats as "the same
 * value" is what the evaluation treats as the same value.
 */

/** Stop words removed before token overlap (the evaluation's list; kept short so content words always count). */
export const OVERLAP_STOP_WORDS: ReadonlySet<string> = new Set("a an the of and to in for with".split(" "));

const COMBINING_MARKS = /[\u0300-\u036f]/g;
// Anything that is not a letter or a digit (in any script) separates words.
const NON_WORD = /[^\p{L}\p{N}]+/gu;

/** Lowercase, strip accents, punctuation -> spaces, collapse whitespace, trim. */
export function normalizeText(value: string): string {
  return value.normalize("NFKD").replace(COMBINING_MARKS, "").toLowerCase().replace(NON_WORD, " ").trim();
}

/** Word tokens of the normalised text, stop words removed. */
export function contentTokens(value: string): string[] {
  const normalized = normalizeText(value);
  if (normalized === "") return [];
  return normalized.split(" ").filter((token) => !OVERLAP_STOP_WORDS.has(token));
}

/**
 * |P ∩ G| / max(|P|, |G|) over distinct content tokens; 0 when either side has none.
 * Symmetric, so callers need not care which side is the prediction.
 */
export function tokenOverlap(left: string, right: string): number {
  const a = new Set(contentTokens(left));
  const b = new Set(contentTokens(right));
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const token of a) if (b.has(token)) shared += 1;
  return shared / Math.max(a.size, b.size);
}

/** True when the two strings normalise to the same text. */
export function sameNormalized(left: string, right: string): boolean {
  return normalizeText(left) === normalizeText(right);
}

/** Same value for de-duplication purposes: equal after normalisation, or token overlap at or above the threshold. */
export function isNearDuplicate(left: string, right: string, threshold = 0.5): boolean {
  return sameNormalized(left, right) || tokenOverlap(left, right) >= threshold;
}
