/**
 * Where many patterns occur in a text, in one pass over the text (Aho–Corasick). Checking each pattern with
 * `text.indexOf` costs patterns × text length, which is quadratic when long inputs yield many claims.
 */

/**
 * The automaton in flat arrays (one Map of transitions keyed by state and character, typed arrays per state): a Map
 * and an object per state made the garbage collector the main cost on thousands of quotes.
 */
interface Automaton {
  next: Map<number, number>;
  fail: Int32Array;
  /** Index of the pattern ending exactly at a state, or -1. */
  pattern: Int32Array;
  /** Nearest state on the failure chain (excluding the state itself) where a pattern ends, or 0 for none. */
  outputLink: Int32Array;
}

const key = (state: number, code: number) => state * 0x10000 + code;

function buildAutomaton(patterns: readonly string[]): Automaton {
  const next = new Map<number, number>();
  const parents: number[] = [0];
  const codes: number[] = [0];
  const depths: number[] = [0];
  const ends = new Map<number, number>();
  patterns.forEach((pattern, index) => {
    if (pattern.length === 0) return;
    let state = 0;
    for (let i = 0; i < pattern.length; i += 1) {
      const code = pattern.charCodeAt(i);
      let target = next.get(key(state, code));
      if (target === undefined) {
        target = parents.length;
        parents.push(state);
        codes.push(code);
        depths.push(i + 1);
        next.set(key(state, code), target);
      }
      state = target;
    }
    if (!ends.has(state)) ends.set(state, index);
  });
  const size = parents.length;
  const fail = new Int32Array(size);
  const pattern = new Int32Array(size).fill(-1);
  for (const [state, index] of ends) pattern[state] = index;
  const outputLink = new Int32Array(size);
  // States in breadth-first order (by depth, a counting sort), so a state's failure target is done before it.
  const byDepth: number[][] = [];
  for (let state = 1; state < size; state += 1) {
    const depth = depths[state] ?? 0;
    const level = byDepth[depth] ?? [];
    level.push(state);
    byDepth[depth] = level;
  }
  for (const level of byDepth) {
    for (const state of level ?? []) {
      const parent = parents[state] ?? 0;
      const code = codes[state] ?? 0;
      let target = 0;
      if (parent !== 0) {
        let fallback = fail[parent] ?? 0;
        while (fallback !== 0 && !next.has(key(fallback, code))) fallback = fail[fallback] ?? 0;
        target = next.get(key(fallback, code)) ?? 0;
      }
      fail[state] = target;
      outputLink[state] = target === 0 ? 0 : (pattern[target] ?? -1) >= 0 ? target : (outputLink[target] ?? 0);
    }
  }
  return { next, fail, pattern, outputLink };
}

/**
 * At most this many character comparisons (text length × all patterns' characters, the worst case of looking each
 * pattern up with indexOf) and the patterns are looked up one by one instead. On a create from a one-line note (two
 * look-ups of a few short quotes in ~70 characters) building the automaton allocated ~13 KB and cost more than the
 * scans; past this bound the automaton's linear time matters and it is used.
 */
export const SCAN_MAX_WORK = 65_536;

/**
 * For each pattern, the end offsets (exclusive) of its first `maxPerPattern` occurrences in `text`, in order
 * (overlapping occurrences included). Linear in the text and the patterns; small inputs are scanned (SCAN_MAX_WORK).
 */
export function findOccurrences(text: string, patterns: readonly string[], maxPerPattern = 1): number[][] {
  let patternChars = 0;
  for (const pattern of patterns) patternChars += pattern.length;
  return text.length * patternChars <= SCAN_MAX_WORK
    ? occurrencesByScan(text, patterns, maxPerPattern)
    : occurrencesByAutomaton(text, patterns, maxPerPattern);
}

/** findOccurrences by one indexOf look-up per occurrence: O(text × pattern) at worst for each pattern. */
export function occurrencesByScan(text: string, patterns: readonly string[], maxPerPattern: number): number[][] {
  return patterns.map((pattern) => {
    const ends: number[] = [];
    if (pattern.length === 0) return ends;
    for (let at = text.indexOf(pattern); at >= 0 && ends.length < maxPerPattern; at = text.indexOf(pattern, at + 1)) {
      ends.push(at + pattern.length);
    }
    return ends;
  });
}

/**
 * findOccurrences in one pass over the text: O(text + patterns + patterns × maxPerPattern). A pattern that is a
 * suffix of another occurs at least as often, so once the walk down the output chain meets a pattern that has all its
 * occurrences, every pattern below it has them too and the walk stops — nested patterns ("a", "aa", "aaa"…) cannot
 * make the scan quadratic.
 */
export function occurrencesByAutomaton(text: string, patterns: readonly string[], maxPerPattern: number): number[][] {
  const found: number[][] = patterns.map(() => []);
  const live = patterns.filter((p) => p.length > 0);
  if (live.length === 0 || maxPerPattern < 1) return found;
  const { next, fail, pattern, outputLink } = buildAutomaton(patterns);
  let state = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    let target = next.get(key(state, code));
    while (target === undefined && state !== 0) {
      state = fail[state] ?? 0;
      target = next.get(key(state, code));
    }
    state = target ?? 0;
    let output = (pattern[state] ?? -1) >= 0 ? state : (outputLink[state] ?? 0);
    while (output !== 0) {
      const list = found[pattern[output] ?? -1];
      if (list === undefined || list.length >= maxPerPattern) break;
      list.push(i + 1);
      output = outputLink[output] ?? 0;
    }
  }
  // A duplicate pattern shares its state with the first copy; it gets that copy's occurrences.
  const firstIndex = new Map<string, number>();
  patterns.forEach((pattern, index) => {
    const first = firstIndex.get(pattern);
    if (first === undefined) firstIndex.set(pattern, index);
    else found[index] = [...(found[first] ?? [])];
  });
  return found;
}

/** The subset of `quotes` that occur verbatim in `text`. Empty quotes never match. */
export function findVerbatim(text: string, quotes: Iterable<string>): Set<string> {
  const patterns = [...new Set(quotes)].filter((q) => q.length > 0);
  const occurrences = findOccurrences(text, patterns);
  return new Set(patterns.filter((_, index) => (occurrences[index]?.length ?? 0) > 0));
}
