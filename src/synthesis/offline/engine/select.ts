import type { Candidate } from "./candidate.ts";
import { memo, newList } from "./memo.ts";
import { ING_ENDING } from "./text.ts";

const COMBINING_MARKS = /\p{M}/gu;
const JOINS_ITEMS = /\s(?:and|&|or)\s|,/;
const NOT_LETTERS_OR_DIGITS = /[^\p{L}\d]+/gu;
const NOT_LETTERS_OR_NUMBERS = /[^\p{L}\p{N}]+/u;

export const flat = (value: string | number) => String(value).toLowerCase().replace(NOT_LETTERS_OR_DIGITS, " ").trim();

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
    .replace(COMBINING_MARKS, "")
    .toLowerCase()
    .split(NOT_LETTERS_OR_NUMBERS)
    .filter((t) => t !== "" && !SCORE_STOP.has(t));
}

/** An item's words (without stop words) and whether it joins several items; read once per distinct value. */
interface Item {
  words: Set<string>;
  joined: boolean;
}

/** A plural's "s" (not of "-ss", "-us", "-is" words), so "no-shows" and "no-show rate" share "show". */
const PLURAL_S = /(?<=\p{L}{3}[^siu])s$/u;

function itemOf(value: string): Item {
  return { words: new Set(tokens(value).map((word) => word.replace(PLURAL_S, ""))), joined: JOINS_ITEMS.test(value) };
}

/** Two items that say the same thing (half or more of their words shared): keep one. */
function sameItem(a: Item, b: Item): boolean {
  const ta = a.words;
  const tb = b.words;
  if (ta.size === 0 || tb.size === 0) return false;
  const shared = [...ta].filter((t) => tb.has(t));
  const ratio = shared.length / Math.max(ta.size, tb.size);
  // "playing violin" and "playing accordion" share only a generic word: two items.
  // "safety" is "student safety", but "Arabic" is not "Arabic and French": a joined list holds several items.
  const joined = a.joined || b.joined;
  const subset =
    !joined &&
    Math.abs(ta.size - tb.size) <= 2 &&
    shared.length === Math.min(ta.size, tb.size) &&
    shared.some((t) => t.length >= 4 && !ING_ENDING.test(t));
  return ratio > 0.5 || subset || (ratio === 0.5 && shared.some((t) => t.length >= 5 && !ING_ENDING.test(t)));
}

/**
 * Near-duplicate values of one field ("short-staffed" and "short staffing") become one value: the most confident
 * (then the shorter) spelling wins and the others keep their quotes as corroboration.
 * Twins share a word, so each value is compared only with the kept values that share one of its words (an index by
 * word), and each distinct value is looked up once: long inputs repeat the same values thousands of times.
 */
export function collapseNear(candidates: readonly Candidate[]): Candidate[] {
  const ranked = [...candidates].sort(
    (a, b) => b.confidence - a.confidence || String(a.value).length - String(b.value).length,
  );
  const items = new Map<string, Item>();
  const item = (value: string) => memo(items, value, itemOf);
  const kept: { value: string | number; item: Item }[] = [];
  /** Per field and word, the positions in `kept` of the values holding that word, ascending. */
  const byWord = new Map<string, number[]>();
  /** Per field and value, the value it collapses into. */
  const canonical = new Map<string, string | number>();
  for (const c of ranked) {
    const key = `${c.field}\u0000${String(c.value)}`;
    if (canonical.has(key)) continue;
    const own = item(String(c.value));
    const near = new Set<number>();
    for (const word of own.words) for (const at of byWord.get(`${c.field}\u0000${word}`) ?? []) near.add(at);
    // The first kept value (in kept order) that is a twin, as a scan of all kept values would find.
    let twin: (typeof kept)[number] | undefined;
    for (const at of [...near].sort((a, b) => a - b)) {
      const k = kept[at];
      if (k && sameItem(k.item, own)) {
        twin = k;
        break;
      }
    }
    canonical.set(key, twin ? twin.value : c.value);
    if (twin) continue;
    for (const word of own.words) memo(byWord, `${c.field}\u0000${word}`, newList<number>).push(kept.length);
    kept.push({ value: c.value, item: own });
  }
  // Only a candidate whose value changes is copied (most keep theirs).
  return candidates.map((c) => {
    const value = canonical.get(`${c.field}\u0000${String(c.value)}`) ?? c.value;
    return value === c.value ? c : { ...c, value };
  });
}
