import type { CleanSource } from "./types.ts";

const LAST_WORD = /\s\S*$/;
const SPACE = /\s/;

/**
 * Splitting long material into model-sized pieces, and packing pieces into calls.
 *
 * A piece is always a contiguous slice of its source's text, so any quote the model copies from a piece is also a
 * verbatim span of the source: no offset mapping is needed. Splitting prefers paragraph breaks, then sentence ends,
 * then a hard cut; every step is a single forward scan (linear time).
 */

/** Rough token estimate for budgeting: ~4 characters per token for English prose. */
export const CHARS_PER_TOKEN = 4;

export const estimateTokens = (text: string): number => Math.ceil(text.length / CHARS_PER_TOKEN);

export interface Piece {
  sourceId: string;
  /** 0-based position of this piece within its source. */
  index: number;
  /** Number of pieces the source was split into. */
  total: number;
  /** Offsets into the source text ([start, end)); `text === source.text.slice(start, end)`. */
  start: number;
  end: number;
  text: string;
  tokens: number;
}

interface Span {
  start: number;
  end: number;
}

const PARAGRAPH_BREAK = /\n[ \t]*\n\s*/g;
const SENTENCE_END = /[.!?\u3002\uFF01\uFF1F]+["')\]\u201D\u2019]*\s+/g;

/** Yields the spans between separators matched by `separator` (separators themselves are excluded). */
function* splitSpans(text: string, from: number, to: number, separator: RegExp): Generator<Span> {
  const re = new RegExp(separator.source, separator.flags);
  const slice = text.slice(from, to);
  let last = 0;
  for (let m = re.exec(slice); m !== null; m = re.exec(slice)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    // Sentence separators keep their punctuation with the sentence; only the trailing whitespace is dropped.
    const keep = m[0].trimEnd().length;
    const end = m.index + keep;
    if (end > last) yield { start: from + last, end: from + end };
    last = m.index + m[0].length;
  }
  if (last < slice.length) yield { start: from + last, end: to };
}

/** Never cut inside a UTF-16 surrogate pair. */
function safeCut(text: string, at: number): number {
  const code = text.charCodeAt(at - 1);
  return code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
}

/** Units no longer than `maxChars`: paragraphs, else sentences, else hard slices. */
function* units(text: string, maxChars: number): Generator<Span> {
  for (const paragraph of splitSpans(text, 0, text.length, PARAGRAPH_BREAK)) {
    if (paragraph.end - paragraph.start <= maxChars) {
      yield paragraph;
      continue;
    }
    for (const sentence of splitSpans(text, paragraph.start, paragraph.end, SENTENCE_END)) {
      if (sentence.end - sentence.start <= maxChars) {
        yield sentence;
        continue;
      }
      let start = sentence.start;
      while (start < sentence.end) {
        let end = Math.min(sentence.end, start + maxChars);
        if (end < sentence.end) {
          // Prefer the last whitespace in the final fifth of the window, so words stay whole.
          const window = text.slice(start + Math.floor(maxChars * 0.8), end);
          const ws = window.search(LAST_WORD);
          if (ws > 0) end = start + Math.floor(maxChars * 0.8) + ws;
          end = Math.max(start + 1, safeCut(text, end));
        }
        yield { start, end };
        start = end;
        while (start < sentence.end && SPACE.test(text.charAt(start))) start++;
      }
    }
  }
}

/**
 * Splits one source into pieces of at most `budgetTokens` (estimated). A source within budget is one piece.
 * Whitespace-only sources yield no pieces.
 */
export function chunkSource(source: Pick<CleanSource, "id" | "text">, budgetTokens: number): Piece[] {
  const maxChars = Math.max(1, Math.floor(budgetTokens * CHARS_PER_TOKEN));
  const text = source.text;
  if (text.trim().length === 0) return [];
  const spans: Span[] = [];
  if (text.length <= maxChars) {
    spans.push({ start: 0, end: text.length });
  } else {
    let current: Span | undefined;
    for (const unit of units(text, maxChars)) {
      if (current && unit.end - current.start <= maxChars) {
        current.end = unit.end;
      } else {
        if (current) spans.push(current);
        current = { start: unit.start, end: unit.end };
      }
    }
    if (current) spans.push(current);
  }
  return spans.map((span, index) => {
    const slice = text.slice(span.start, span.end);
    return {
      sourceId: source.id,
      index,
      total: spans.length,
      start: span.start,
      end: span.end,
      text: slice,
      tokens: estimateTokens(slice),
    };
  });
}

/** One model call's worth of pieces (possibly from several sources). */
export interface Batch {
  pieces: Piece[];
  tokens: number;
}

export interface PlanOptions {
  /** Estimated source tokens per call. */
  budgetTokens: number;
  /** Hard cap on calls; pieces beyond it are skipped and reported. */
  maxCalls: number;
}

export interface ExtractionPlan {
  batches: Batch[];
  /** Pieces in total before the cap. */
  totalPieces: number;
  /** Pieces left out because of the cap. */
  skippedPieces: number;
  skippedTokens: number;
  totalTokens: number;
}

/**
 * Splits sources into pieces and packs them, in source order, into as few calls as fit the budget (so material that
 * fits at all goes out in exactly one call). When more calls than `maxCalls` would be needed, pieces are chosen
 * round-robin across sources (every source's first piece, then every second piece, ...) so each source is
 * represented, and the rest is reported as skipped.
 */
export function planExtraction(
  sources: ReadonlyArray<Pick<CleanSource, "id" | "text">>,
  options: PlanOptions,
): ExtractionPlan {
  const perSource = sources.map((source) => chunkSource(source, options.budgetTokens));
  const all = perSource.flat();
  const totalTokens = all.reduce((sum, piece) => sum + piece.tokens, 0);
  const pack = (pieces: Piece[]): Batch[] => {
    const batches: Batch[] = [];
    let current: Batch | undefined;
    for (const piece of pieces) {
      if (current && current.tokens + piece.tokens <= options.budgetTokens) {
        current.pieces.push(piece);
        current.tokens += piece.tokens;
      } else {
        current = { pieces: [piece], tokens: piece.tokens };
        batches.push(current);
      }
    }
    return batches;
  };

  let batches = pack(all);
  const maxCalls = Math.max(1, Math.floor(options.maxCalls));
  if (batches.length <= maxCalls) {
    return { batches, totalPieces: all.length, skippedPieces: 0, skippedTokens: 0, totalTokens };
  }

  const chosen = new Set<Piece>();
  const allowance = maxCalls * options.budgetTokens;
  let used = 0;
  const longest = Math.max(...perSource.map((pieces) => pieces.length));
  outer: for (let round = 0; round < longest; round++) {
    for (const pieces of perSource) {
      const piece = pieces[round];
      if (!piece) continue;
      if (used + piece.tokens > allowance) break outer;
      chosen.add(piece);
      used += piece.tokens;
    }
  }
  // Packing can fragment a little; the cap is a hard one.
  batches = pack(all.filter((piece) => chosen.has(piece))).slice(0, maxCalls);
  const kept = new Set(batches.flatMap((batch) => batch.pieces));
  const skipped = all.filter((piece) => !kept.has(piece));
  return {
    batches,
    totalPieces: all.length,
    skippedPieces: skipped.length,
    skippedTokens: skipped.reduce((sum, piece) => sum + piece.tokens, 0),
    totalTokens,
  };
}
