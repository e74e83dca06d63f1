import type { Candidate } from "./candidate.ts";

export const flat = (value: string | number) =>
  String(value)
    .toLowerCase()
    .replace(/[^\p{L}\d]+/gu, " ")
    .trim();

/**
 * When dated statements conflict, the newer one wins ("Based in Porto" in 2022, "started in Rotterdam" in 2024):
 * a dated value is demoted when a different, reasonably confident value was stated at a later date.
 */
export function preferNewer(candidates: Candidate[], penalty: number): Candidate[] {
  const dated = candidates.filter((c) => c.date !== null && c.confidence >= 0.6);
  if (dated.length < 2) return candidates;
  // The latest dated value, and the latest date of any other value (linear, not pairwise).
  const latest = dated.reduce((a, b) => ((b.date ?? 0) > (a.date ?? 0) ? b : a));
  const latestValue = flat(latest.value);
  const otherDate = dated.reduce(
    (max, o) => (flat(o.value) !== latestValue && (o.date ?? 0) > max ? (o.date ?? 0) : max),
    Number.NEGATIVE_INFINITY,
  );
  return candidates.map((c) => {
    if (c.date === null) return c;
    const newerOther = flat(c.value) === latestValue ? otherDate : (latest.date ?? 0);
    return newerOther > c.date ? { ...c, confidence: c.confidence - penalty } : c;
  });
}

const SCORE_STOP = new Set(["a", "an", "the", "of", "and", "to", "in", "for", "with"]);

export function tokens(value: string): string[] {
  return value
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t !== "" && !SCORE_STOP.has(t));
}

/** Two items that say the same thing (half or more of their words shared): keep one. */
function sameItem(a: string, b: string): boolean {
  const ta = new Set(tokens(a));
  const tb = new Set(tokens(b));
  if (ta.size === 0 || tb.size === 0) return false;
  const shared = [...ta].filter((t) => tb.has(t));
  const ratio = shared.length / Math.max(ta.size, tb.size);
  // "playing violin" and "playing accordion" share only a generic word: two items.
  // "safety" is "student safety", but "Arabic" is not "Arabic and French": a joined list holds several items.
  const joined = /\s(?:and|&|or)\s|,/.test(a) || /\s(?:and|&|or)\s|,/.test(b);
  const subset =
    !joined &&
    Math.abs(ta.size - tb.size) <= 2 &&
    shared.length === Math.min(ta.size, tb.size) &&
    shared.some((t) => t.length >= 4 && !/ing$/.test(t));
  return ratio > 0.5 || subset || (ratio === 0.5 && shared.some((t) => t.length >= 5 && !/ing$/.test(t)));
}

/**
 * Near-duplicate values of one field ("short-staffed" and "short staffing") become one value: the most confident
 * (then the shorter) spelling wins and the others keep their quotes as corroboration.
 */
export function collapseNear(candidates: readonly Candidate[]): Candidate[] {
  const ranked = [...candidates].sort(
    (a, b) => b.confidence - a.confidence || String(a.value).length - String(b.value).length,
  );
  const kept: Candidate[] = [];
  const canonical = new Map<Candidate, string | number>();
  for (const c of ranked) {
    const twin = kept.find((k) => k.field === c.field && sameItem(String(k.value), String(c.value)));
    canonical.set(c, twin ? twin.value : c.value);
    if (!twin) kept.push(c);
  }
  return candidates.map((c) => ({ ...c, value: canonical.get(c) ?? c.value }));
}
