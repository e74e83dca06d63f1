import { memo, newList } from "./memo.ts";

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
