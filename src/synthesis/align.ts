/**
 * Quotes -> verbatim spans. Models copy quotes imperfectly: line breaks become spaces, typographic quotes, apostrophes
 * and dashes are straightened (or curled), a first letter changes case, edge punctuation goes missing, a long quote
 * becomes "beginning ... end", or the quote cites the wrong source. Each quote is aligned to a real span of a source
 * and the span — the source's own text, with its offsets — is what gets stored, never the model's wording.
 *
 * Cost is linear in the material: every source is normalised once (with a compact offset map back to the cleaned
 * text) and scanned once for all quotes together (Aho–Corasick); only an ellipsis quote does more, and that is bounded
 * by a fixed window around a few occurrences of its longest part.
 */
import { findOccurrences } from "./verbatim.ts";

const DOTTED_CAPITAL_I = /\u0130/g;

export interface QuoteToAlign {
  source_id: string;
  quote: string;
}

export interface AlignedQuote {
  source_id: string;
  /** The source's own text for the span: `text.slice(start, end)`. */
  quote: string;
  start: number;
  end: number;
}

export interface AlignableSource {
  id: string;
  text: string;
}

/** Longest stretch of normalised text an ellipsis quote may cover, from its first part to its last. */
export const ELLIPSIS_WINDOW_CHARS = 2_000;
/** More pieces than this is not a quote with an omission but a collage of words. */
export const MAX_ELLIPSIS_PARTS = 6;
/** Occurrences looked at per pattern and source: enough to find the right one among repeats, bounded for any input. */
const OCCURRENCES_PER_PATTERN = 8;
/** Patterns enter the automaton by this prefix (bounding its size); a hit is then checked against the whole quote. */
const PATTERN_PREFIX_CHARS = 256;

const FOLDED: Readonly<Record<string, string>> = {
  "\u201c": '"',
  "\u201d": '"',
  "\u201e": '"',
  "\u201f": '"',
  "\u2033": '"',
  "\u00ab": '"',
  "\u00bb": '"',
  "\u2018": "'",
  "\u2019": "'",
  "\u201a": "'",
  "\u201b": "'",
  "\u2032": "'",
  "`": "'",
  "\u2010": "-",
  "\u2011": "-",
  "\u2012": "-",
  "\u2013": "-",
  "\u2014": "-",
  "\u2015": "-",
  "\u2212": "-",
  "\u2026": "...",
  // "İ".toLowerCase() is "i" + combining dot above; the source side folds "İ" to "i", so the dot goes on both sides.
  "\u0307": "",
};

const EDGE = /[\s\p{P}\p{S}]/u;
const LEADING_SPACE = /^\s*/;
const TRAILING_SPACE = /\s*$/;
/**
 * What normalisation rewrites; everything else is copied by the engine, not by a callback per character: runs of
 * white space and dashes (two or more, or a single one that is not a plain space or hyphen) and the folded characters.
 */
const REWRITTEN =
  /[\s\u2010-\u2015\u2212-]{2,}|[^\S ]|[\u2010-\u2015\u2212]|[\u201c-\u201f\u2033\u00ab\u00bb\u2018-\u201b\u2032`\u2026]|\u0307/g;
const DASH = /[\u2010-\u2015\u2212-]/;

/** Text in the normalised form both sides are compared in, with a map from its offsets back to the original's. */
export interface NormalizedText {
  text: string;
  /** Normalised offsets where the shift to the original changes, ascending, and the shift from there on. */
  breaks: number[];
  shifts: number[];
}

function charAt(text: string, index: number): string {
  const code = text.charCodeAt(index);
  if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
    const low = text.charCodeAt(index + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return text.slice(index, index + 2);
  }
  return text.charAt(index);
}

/** Lower case that keeps every character's length, so offsets survive it ("İ" would otherwise become two). */
function lowerInPlace(text: string): string {
  const lower = text.replace(DOTTED_CAPITAL_I, "i").toLowerCase();
  if (lower.length === text.length) return lower;
  // No such mapping is known today; should Unicode add one, fold character by character instead.
  let out = "";
  for (let i = 0; i < text.length; ) {
    const char = charAt(text, i);
    const folded = char.toLowerCase();
    out += folded.length === char.length ? folded : char;
    i += char.length;
  }
  return out;
}

/**
 * Lower case; curly quotes, apostrophes, dashes and the ellipsis character folded to ASCII; every run of white space
 * one space (none at the ends, none around a dash, so "a — b", "a--b" and "a-b" agree); runs of dashes one dash.
 * One native pass: the callback runs only where text changes.
 */
export function normalizeForAlignment(original: string): NormalizedText {
  const from = LEADING_SPACE.exec(original)?.[0].length ?? 0;
  const to = Math.max(from, original.length - (TRAILING_SPACE.exec(original.slice(from))?.[0].length ?? 0));
  const breaks: number[] = [0];
  const shifts: number[] = [from];
  /** Normalised length minus original length of everything rewritten so far. */
  let growth = -from;
  const mapFrom = (normalizedIndex: number, originalIndex: number) => {
    const shift = originalIndex - normalizedIndex;
    if (shift === shifts[shifts.length - 1]) return;
    if (breaks[breaks.length - 1] === normalizedIndex) shifts[shifts.length - 1] = shift;
    else {
      breaks.push(normalizedIndex);
      shifts.push(shift);
    }
  };
  const text = lowerInPlace(original.slice(from, to)).replace(REWRITTEN, (match: string, at: number) => {
    const offset = from + at;
    const position = offset + growth;
    let replacement: string;
    if (match.length === 1 && match in FOLDED) {
      replacement = FOLDED[match] ?? match;
      for (let i = 0; i < replacement.length; i += 1) mapFrom(position + i, offset);
    } else {
      const dash = match.search(DASH);
      replacement = dash >= 0 ? "-" : " ";
      mapFrom(position, offset + Math.max(0, dash));
    }
    growth += replacement.length - match.length;
    mapFrom(position + replacement.length, offset + match.length);
    return replacement;
  });
  return { text, breaks, shifts };
}

/** Offset in the original of the character at normalised offset `index` (binary search over the breaks). */
function originalOffset(normalized: NormalizedText, index: number): number {
  let low = 0;
  let high = normalized.breaks.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((normalized.breaks[mid] ?? 0) <= index) low = mid;
    else high = mid - 1;
  }
  return index + (normalized.shifts[low] ?? 0);
}

/** The original span covering normalised [start, end). */
function originalSpan(original: string, normalized: NormalizedText, start: number, end: number) {
  const from = originalOffset(normalized, start);
  const lastChar = originalOffset(normalized, end - 1);
  return { start: from, end: lastChar + charAt(original, lastChar).length };
}

/** Without leading and trailing white space, punctuation and symbols. A loop, not a regex: linear on any input. */
function trimEdges(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && EDGE.test(value.charAt(start))) start += 1;
  while (end > start && EDGE.test(value.charAt(end - 1))) end -= 1;
  return value.slice(start, end);
}

/** "...", ". . .", "[...]", "(…)" (already folded to dots) mark an omission. */
const OMISSION = /[[(]?\.(?: ?\.){2,}[\])]?/g;

interface PreparedQuote {
  exact: string;
  normalized: string;
  /** The pieces around omissions, when the quote has any. */
  parts: string[] | null;
  /** Index in `parts` of the longest piece: the one looked up first. */
  anchor: number;
}

function prepare(quote: string): PreparedQuote | null {
  const exact = quote.normalize("NFC");
  const normalized = trimEdges(normalizeForAlignment(exact).text);
  if (normalized === "") return null;
  const parts = normalized
    .split(OMISSION)
    .map(trimEdges)
    .filter((part) => part !== "");
  if (parts.length <= 1 || parts.length > MAX_ELLIPSIS_PARTS) return { exact, normalized, parts: null, anchor: 0 };
  let anchor = 0;
  parts.forEach((part, index) => {
    if (part.length > (parts[anchor]?.length ?? 0)) anchor = index;
  });
  return { exact, normalized, parts, anchor };
}

/** Start offsets of `pattern` in `text`, from the automaton's end offsets of its prefix, checked in full. */
function startsOf(text: string, pattern: string, prefixEnds: readonly number[] | undefined): number[] {
  const prefix = Math.min(pattern.length, PATTERN_PREFIX_CHARS);
  const starts: number[] = [];
  for (const end of prefixEnds ?? []) {
    const start = end - prefix;
    if (prefix === pattern.length || text.startsWith(pattern, start)) starts.push(start);
  }
  return starts;
}

/**
 * The tightest stretch around one occurrence of the anchor piece that holds all pieces in order: earlier pieces
 * searched backwards from the anchor, later ones forwards, all within the window.
 */
function ellipsisSpan(text: string, parts: readonly string[], anchor: number, anchorStart: number) {
  const lowest = Math.max(0, anchorStart - ELLIPSIS_WINDOW_CHARS);
  let start = anchorStart;
  for (let i = anchor - 1; i >= 0; i -= 1) {
    const part = parts[i] ?? "";
    // Searched within a slice so a missing piece costs the window, not the rest of the text.
    const at = text.slice(lowest, start).lastIndexOf(part);
    if (at < 0) return null;
    start = lowest + at;
  }
  let end = anchorStart + (parts[anchor]?.length ?? 0);
  const highest = Math.min(text.length, start + ELLIPSIS_WINDOW_CHARS);
  for (let i = anchor + 1; i < parts.length; i += 1) {
    const part = parts[i] ?? "";
    const window = text.slice(end, highest);
    const at = window.indexOf(part);
    if (at < 0) return null;
    end += at + part.length;
  }
  return { start, end };
}

/** How good a match is; lower is better. The cited source beats any other; verbatim beats normalised. */
const Tier = {
  CitedExact: 0,
  CitedNormalized: 1,
  CitedEllipsis: 2,
  OtherExact: 3,
  OtherNormalized: 4,
  None: 5,
} as const;
type Tier = (typeof Tier)[keyof typeof Tier];

/**
 * Aligns each quote to a span of the source it cites, else to a verbatim (or normalised) span of another source of the
 * same request. `null` when it cannot be aligned. The result is index-aligned with `quotes`.
 */
export function alignQuotes(
  quotes: readonly QuoteToAlign[],
  sources: readonly AlignableSource[],
): (AlignedQuote | null)[] {
  const prepared = quotes.map((q) => prepare(q.quote));
  const result: (AlignedQuote | null)[] = quotes.map(() => null);
  const tiers: Tier[] = quotes.map(() => Tier.None);
  const prefix = (value: string) => value.slice(0, PATTERN_PREFIX_CHARS);
  const exactPatterns = prepared.map((p) => prefix(p?.exact ?? ""));
  const normalizedPatterns = prepared.flatMap((p) => [prefix(p?.normalized ?? ""), prefix(p?.parts?.[p.anchor] ?? "")]);
  if (prepared.every((p) => p === null)) return result;

  for (const source of sources) {
    const exactHits = findOccurrences(source.text, exactPatterns, OCCURRENCES_PER_PATTERN);
    const normalized = normalizeForAlignment(source.text);
    const normalizedHits = findOccurrences(normalized.text, normalizedPatterns, OCCURRENCES_PER_PATTERN);
    const settle = (index: number, tier: Tier, span: { start: number; end: number }) => {
      if (tier >= (tiers[index] ?? Tier.None)) return;
      tiers[index] = tier;
      result[index] = {
        source_id: source.id,
        quote: source.text.slice(span.start, span.end),
        start: span.start,
        end: span.end,
      };
    };
    const toOriginal = (start: number, end: number) => originalSpan(source.text, normalized, start, end);

    prepared.forEach((quote, index) => {
      if (quote === null) return;
      const cited = quotes[index]?.source_id === source.id;
      const [exactStart] = startsOf(source.text, quote.exact, exactHits[index]);
      if (exactStart !== undefined) {
        settle(index, cited ? Tier.CitedExact : Tier.OtherExact, {
          start: exactStart,
          end: exactStart + quote.exact.length,
        });
        return;
      }
      const [normalizedStart] = startsOf(normalized.text, quote.normalized, normalizedHits[2 * index]);
      if (normalizedStart !== undefined) {
        const tier = cited ? Tier.CitedNormalized : Tier.OtherNormalized;
        settle(index, tier, toOriginal(normalizedStart, normalizedStart + quote.normalized.length));
        return;
      }
      // An omission is an interpretation of the source, so it is trusted only in the source the quote cites.
      if (!cited || quote.parts === null) return;
      const anchorPart = quote.parts[quote.anchor] ?? "";
      for (const anchorStart of startsOf(normalized.text, anchorPart, normalizedHits[2 * index + 1])) {
        const span = ellipsisSpan(normalized.text, quote.parts, quote.anchor, anchorStart);
        if (span) {
          settle(index, Tier.CitedEllipsis, toOriginal(span.start, span.end));
          return;
        }
      }
    });
  }
  return result;
}
