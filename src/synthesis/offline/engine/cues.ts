import { type AST, RegExpParser } from "@eslint-community/regexpp";
import { memo, newList } from "./memo.ts";
import { WHITESPACE } from "./text.ts";

const BACKREFERENCE_OR_NAMED_GROUP = /\\[1-9]|\\k<|\(\?<[^=!]/;
const STATEFUL_FLAGS = /[gy]/g;
/**
 * Which of many cue strings occur in a text, in one pass over it: an Aho-Corasick automaton compiled to a dense
 * table over the cues' own alphabet, so the scan costs a few array reads per character however many cues (and rules)
 * a table has. It answers exactly what `text.includes(cue)` would for every cue at once.
 *
 * Hand-written rather than a package because the runner needs "which groups have any cue here" for ~100,000
 * sentences a run with no allocation per match; the npm implementations return every match as a new array of
 * strings, which costs more than the regular expressions the pre-check exists to skip.
 */

/** The one empty result, shared: most texts hold no cue, and long inputs keep one result per sentence. */
const NO_HITS: readonly number[] = Object.freeze([]);

export class CueSet {
  /** Next state for (state, character class), flattened: delta[state * width + class]. */
  private readonly delta: Int32Array;
  /** Character code -> class (0: a character no cue contains, which sends the scan back to the root). */
  private readonly classOf: Uint16Array;
  private readonly width: number;
  /**
   * Per state, the groups of every cue that ends there (its own and through failure links):
   * outputs[outputStart[state]] up to outputs[outputStart[state + 1]] (typed arrays: the scan loop stays monomorphic).
   */
  private readonly outputStart: Int32Array;
  private readonly outputs: Int32Array;
  /** Groups that hold an empty cue, which every text contains. */
  private readonly always: readonly number[];
  private readonly groupCount: number;
  /** Scan stamps per group, so no array is cleared between texts. */
  private readonly seen: Uint32Array;
  /** Scan stamps per state: the states whose groups this text has already reported. */
  private readonly visited: Uint32Array;
  private stamp = 0;

  /** `groups[g]` lists the cues of group g; `hits` reports the groups that have at least one cue in a text. */
  constructor(groups: readonly (readonly string[])[]) {
    this.groupCount = groups.length;
    this.seen = new Uint32Array(groups.length);
    this.classOf = new Uint16Array(65536);
    let width = 1;
    for (const cues of groups)
      for (const cue of cues)
        for (let i = 0; i < cue.length; i += 1) {
          const code = cue.charCodeAt(i);
          if (this.classOf[code] === 0) this.classOf[code] = width++;
        }
    this.width = width;

    // The trie: goto[state] maps class -> state; ends[state] lists the groups whose cue ends there.
    const trie: Map<number, number>[] = [new Map()];
    const ends: Set<number>[] = [new Set()];
    const always: number[] = [];
    groups.forEach((cues, group) => {
      for (const cue of cues) {
        if (cue === "") {
          if (!always.includes(group)) always.push(group);
          continue;
        }
        let state = 0;
        for (let i = 0; i < cue.length; i += 1) {
          const cls = this.classOf[cue.charCodeAt(i)] ?? 0;
          const edges = trie[state] as Map<number, number>;
          let next = edges.get(cls);
          if (next === undefined) {
            next = trie.length;
            edges.set(cls, next);
            trie.push(new Map());
            ends.push(new Set());
          }
          state = next;
        }
        (ends[state] as Set<number>).add(group);
      }
    });
    this.always = always;

    // Breadth-first: each state's missing edges follow its failure link, and it inherits that state's outputs.
    const delta = new Int32Array(trie.length * width);
    const fail = new Int32Array(trie.length);
    const queue: number[] = [];
    for (const [cls, next] of trie[0] as Map<number, number>) {
      delta[cls] = next;
      queue.push(next);
    }
    for (let head = 0; head < queue.length; head += 1) {
      const state = queue[head] as number;
      const failState = fail[state] as number;
      for (const group of ends[failState] as Set<number>) (ends[state] as Set<number>).add(group);
      for (let cls = 0; cls < width; cls += 1) {
        const next = (trie[state] as Map<number, number>).get(cls);
        if (next === undefined) {
          delta[state * width + cls] = delta[failState * width + cls] as number;
        } else {
          delta[state * width + cls] = next;
          fail[next] = state === 0 ? 0 : (delta[failState * width + cls] as number);
          queue.push(next);
        }
      }
    }
    this.delta = delta;
    this.outputStart = new Int32Array(trie.length + 1);
    const outputs: number[] = [];
    ends.forEach((set, state) => {
      outputs.push(...set);
      this.outputStart[state + 1] = outputs.length;
    });
    this.outputs = Int32Array.from(outputs);
    this.visited = new Uint32Array(trie.length);
  }

  /** The groups with at least one cue in `text`, ascending. */
  hits(text: string): number[] {
    return this.scan(text, true);
  }

  /** Like `hits` without the groups that hold an empty cue: short arrays, often the shared empty one. */
  cuedHits(text: string): readonly number[] {
    const found = this.scan(text, false);
    return found.length === 0 ? NO_HITS : found;
  }

  private scan(text: string, withAlways: boolean): number[] {
    this.stamp = (this.stamp + 1) >>> 0;
    if (this.stamp === 0) {
      this.seen.fill(0);
      this.visited.fill(0);
      this.stamp = 1;
    }
    // Locals, not property reads, in the per-character loop.
    const delta = this.delta;
    const classOf = this.classOf;
    const width = this.width;
    const outputStart = this.outputStart;
    const outputs = this.outputs;
    const seen = this.seen;
    const visited = this.visited;
    const stamp = this.stamp;
    const found: number[] = [];
    for (const group of this.always) {
      seen[group] = stamp;
      if (withAlways) found.push(group);
    }
    // Every group found: the rest of the text cannot add any.
    let remaining = this.groupCount - this.always.length;
    let state = 0;
    for (let i = 0; i < text.length && remaining > 0; i += 1) {
      state = delta[state * width + (classOf[text.charCodeAt(i)] as number)] as number;
      const end = outputStart[state + 1] as number;
      let k = outputStart[state] as number;
      if (k === end) continue;
      // A state met again in this text ("the", " i ") has nothing new to report: its groups were all marked.
      if (visited[state] === stamp) continue;
      visited[state] = stamp;
      for (; k < end; k += 1) {
        const group = outputs[k] as number;
        if (seen[group] === stamp) continue;
        seen[group] = stamp;
        found.push(group);
        remaining -= 1;
      }
    }
    return ascending(found);
  }
}

/**
 * Sorts a scan's groups in place. Insertion sort: a text's groups are few and mostly found in order already, and
 * `Array.prototype.sort` copies the array into a scratch buffer on each of ~100,000 calls a long input makes.
 */
function ascending(groups: number[]): number[] {
  for (let i = 1; i < groups.length; i += 1) {
    const group = groups[i] as number;
    let j = i - 1;
    while (j >= 0 && (groups[j] as number) > group) {
      groups[j + 1] = groups[j] as number;
      j -= 1;
    }
    groups[j + 1] = group;
  }
  return groups;
}

/**
 * One test for a table of patterns: true when any of them would match the text. The patterns are joined into one
 * alternation per flag set (flags change what a pattern means, so only equal ones are joined; `g` and `y` are
 * dropped, as `test` from the start is what is asked), which scans the text once instead of once per pattern; a
 * table loop then runs only on the texts that can give it something. Patterns with backreferences or named groups
 * are tested alone (joined, their numbering or names would clash).
 */
export function anyOf(patterns: readonly RegExp[]): (text: string) => boolean {
  const groups = new Map<string, string[]>();
  const alone: RegExp[] = [];
  for (const pattern of patterns) {
    const flags = pattern.flags.replace(STATEFUL_FLAGS, "");
    if (BACKREFERENCE_OR_NAMED_GROUP.test(pattern.source)) {
      alone.push(new RegExp(pattern.source, flags));
      continue;
    }
    memo(groups, flags, newList<string>).push(`(?:${pattern.source})`);
  }
  const tests = [...[...groups].map(([flags, sources]) => new RegExp(sources.join("|"), flags)), ...alone];
  return (text) => tests.some((test) => test.test(text));
}

/** Whether a text contains any of these strings, in one scan (exact case: lowercase both sides to ignore it). */
export function containsAny(cues: readonly string[]): (text: string) => boolean {
  const set = new CueSet([cues]);
  return (text) => set.hits(text).length > 0;
}

/**
 * Cue strings derived from patterns: lowercase strings of which every match of at least one of the patterns holds
 * one (in the lowercased text), or "always" when some pattern gives no such string. A rule that gives nothing unless
 * one of a table's patterns matches the unit's text takes them as its cue, and the shared cue scan then skips it on
 * the units where none occurs, before its conditions and value builder run.
 * Read from the pattern's parse tree (regexpp), conservatively: any part it does not know (classes with ranges, `\w`, `.`,
 * backreferences, flag v) is "anything", which only ever costs a cue, never a match. Letters are taken only where
 * lowercasing the text keeps them what the pattern's case-insensitive match accepts (Latin; with flags i and u an "s"
 * also stands for "ſ", which Unicode case folding matches to it).
 */
export function patternCues(patterns: readonly RegExp[]): readonly string[] | "always" {
  const cues = new Set<string>();
  for (const pattern of patterns) {
    const some = requiredOf(pattern);
    if (some === null) return "always";
    for (const cue of some) cues.add(cue);
  }
  // A cue that holds another adds nothing: wherever it occurs, so does the shorter one.
  const all = [...cues];
  return all.filter((cue) => !all.some((other) => other !== cue && cue.includes(other)));
}

/** The cues of a lexicon table's patterns (see patternCues), for a rule that reads nothing unless one of them matches. */
export function tableCues(table: readonly (readonly [RegExp, unknown])[]): readonly string[] | "always" {
  return patternCues(table.map(([pattern]) => pattern));
}

/**
 * Each cue cut to its longest piece without a space: for a rule whose patterns read clauses of the unit joined by
 * spaces, where a cue spanning a space may span two clauses that were apart in the text.
 */
export function unspacedCues(cues: readonly string[] | "always"): readonly string[] | "always" {
  if (cues === "always") return cues;
  const pieces = cues.map((cue) => cue.split(WHITESPACE).reduce((a, b) => (b.length > a.length ? b : a), ""));
  return pieces.includes("") ? "always" : unique(pieces);
}

/** What is known of a part: every string it matches, when few (else null); strings every match holds one of. */
interface Literals {
  exact: readonly string[] | null;
  some: readonly string[] | null;
}

const UNKNOWN: Literals = { exact: null, some: null };
/** Zero-width: anchors, word boundaries, lookarounds. */
const EMPTY: Literals = { exact: [""], some: null };
/** At most this many strings are kept per part. */
const MAX_STRINGS = 64;
/** An escaped letter or digit is a class, a boundary, a reference or a code: not the character itself... */
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** ...except these codes of one character (outside a class). */
const CHARACTER_ESCAPES = "nrtfv0xu";
const PARSER = new RegExpParser();

/**
 * The strings every match of the pattern holds one of (lowercased), or null when none can be read off it: its parse
 * tree read bottom-up, each part as the strings it matches (when few) and the strings every match of it holds.
 */
function requiredOf(pattern: RegExp): readonly string[] | null {
  const { flags, source } = pattern;
  if (flags.includes("v")) return null;
  const folds = flags.includes("i") && flags.includes("u");
  let root: AST.Pattern;
  try {
    root = PARSER.parsePattern(source, 0, source.length, { unicode: flags.includes("u") });
  } catch {
    return null;
  }

  /** One character as what it matches (lowercased), or unknown when lowercasing the text may not keep it. */
  const literal = (code: number): Literals => {
    const char = String.fromCodePoint(code);
    const lower = char.toLowerCase();
    if (!safeLetter(char) || lower.length !== 1) return UNKNOWN;
    const exact = folds && lower === "s" ? ["s", "ſ"] : [lower];
    return { exact, some: exact };
  };

  /** An escaped letter or digit is the character it codes only outside a class, as a control or hexadecimal code. */
  const character = (node: AST.Character, inClass: boolean): Literals => {
    const escaped = node.raw[0] === "\\" ? (node.raw[1] ?? "") : "";
    const coded = LETTER_OR_DIGIT.test(escaped);
    return coded && (inClass || !CHARACTER_ESCAPES.includes(escaped)) ? UNKNOWN : literal(node.value);
  };

  const alternation = (alternatives: readonly AST.Alternative[]): Literals => {
    const branches = alternatives.map((alternative) => sequence(alternative.elements));
    if (branches.length === 1) return branches[0] as Literals;
    const exact = branches.every((b) => b.exact !== null)
      ? unique(branches.flatMap((b) => b.exact as readonly string[]))
      : null;
    const somes = branches.map(someOf);
    const some = somes.every((s) => s !== null) ? unique(somes.flat() as string[]) : null;
    return { exact: exact !== null && exact.length <= MAX_STRINGS ? exact : null, some };
  };

  /** Runs of exact strings joined while they stay few; the best of what every match must hold is the sequence's. */
  const sequence = (elements: readonly AST.Element[]): Literals => {
    const candidates: (readonly string[])[] = [];
    let run: readonly string[] = [""];
    let broken = false;
    for (const node of elements) {
      const item = element(node);
      const product = item.exact === null ? null : concat(run, item.exact);
      if (product !== null) {
        run = product;
        continue;
      }
      if (!run.includes("")) candidates.push(run);
      const own = someOf(item);
      if (own !== null) candidates.push(own);
      broken = true;
      run = item.exact ?? [""];
    }
    if (!run.includes("")) candidates.push(run);
    return { exact: broken ? null : run, some: best(candidates) };
  };

  const element = (node: AST.Element): Literals => {
    switch (node.type) {
      case "Assertion":
        return EMPTY;
      case "Group":
        return node.modifiers === null ? alternation(node.alternatives) : UNKNOWN;
      case "CapturingGroup":
        return alternation(node.alternatives);
      case "Character":
        return character(node, false);
      case "CharacterClass":
        return characterClass(node);
      case "Quantifier": {
        const item = element(node.element);
        if (node.min === 1 && node.max === 1) return item;
        if (node.min === 0 && node.max === 1)
          return { exact: item.exact === null ? null : unique([...item.exact, ""]), some: null };
        return { exact: null, some: node.min >= 1 ? someOf(item) : null };
      }
      default:
        return UNKNOWN;
    }
  };

  /** A class of a few single characters ("[Ss]", "['’]"); anything else (ranges, negation, escapes) is unknown. */
  const characterClass = (node: AST.CharacterClass): Literals => {
    const { elements } = node;
    if (node.negate || elements.length === 0 || elements.length > 8) return UNKNOWN;
    const options = elements.map((e) => (e.type === "Character" ? character(e, true) : UNKNOWN));
    if (options.some((o) => o.exact === null)) return UNKNOWN;
    const exact = unique(options.flatMap((o) => o.exact as readonly string[]));
    return { exact, some: exact };
  };

  return someOf(alternation(root.alternatives));
}

/** The strings a part's every match holds one of: its own finding, else its exact strings when none is empty. */
function someOf(part: Literals): readonly string[] | null {
  if (part.some !== null) return part.some;
  return part.exact !== null && !part.exact.includes("") ? part.exact : null;
}

/** Every string of `a` followed by every string of `b`, or null when that makes too many. */
function concat(a: readonly string[], b: readonly string[]): readonly string[] | null {
  if (a.length * b.length > MAX_STRINGS) return null;
  return unique(a.flatMap((x) => b.map((y) => x + y)));
}

/** The most telling of several requirements: the one whose shortest string is longest, then the one with fewest. */
function best(candidates: readonly (readonly string[])[]): readonly string[] | null {
  let chosen: readonly string[] | null = null;
  let score = 0;
  for (const candidate of candidates) {
    const shortest = Math.min(...candidate.map((s) => s.length));
    const better = shortest > score || (chosen !== null && shortest === score && candidate.length < chosen.length);
    if (shortest > 0 && better) {
      chosen = candidate;
      score = shortest;
    }
  }
  return chosen;
}

const unique = (strings: readonly string[]): readonly string[] => [...new Set(strings)];

/**
 * Whether the lowercased text holds this character's lowercase wherever a match holds the character (in any case
 * the pattern accepts): characters without case, and Latin letters whose case pairs lowercasing maps back (not the
 * dotted and dotless i, the long s, the micro sign or the letters of titlecase pairs).
 */
function safeLetter(char: string): boolean {
  const code = char.charCodeAt(0);
  if (code < 0x80) return true;
  if (char.toLowerCase() === char && char.toUpperCase() === char) return code < 0xd800 || code > 0xdfff;
  if (code === 0xb5 || code === 0x130 || code === 0x131 || code === 0x17f || code === 0x149) return false;
  if (code >= 0x1c4 && code <= 0x1cc) return false;
  if (code >= 0x1f1 && code <= 0x1f3) return false;
  return code >= 0xc0 && code <= 0x24f;
}
