import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { anyOf, CueSet } from "./cues.ts";

/** What the runner used to do per rule: one `includes` per cue. */
const naive = (groups: readonly (readonly string[])[], text: string) =>
  groups.flatMap((cues, group) => (cues.some((cue) => text.includes(cue)) ? [group] : []));

describe("CueSet", () => {
  it("finds overlapping, nested and repeated cues", () => {
    const groups = [["he"], ["she"], ["his", "hers"], ["call"], ["calls"], ["n't"], ["zzz"], []];
    const cues = new CueSet(groups);
    expect(cues.hits("ushers")).toEqual([0, 1, 2]);
    expect(cues.hits("she calls, he won't")).toEqual([0, 1, 3, 4, 5]);
    expect(cues.hits("recall")).toEqual([3]);
    expect(cues.hits("")).toEqual([]);
    // A group with no cue never fires; an empty cue always does.
    expect(new CueSet([[], [""]]).hits("anything")).toEqual([1]);
  });

  it("handles characters outside the cues' alphabet and beyond Latin-1", () => {
    const cues = new CueSet([["café"], ["–"], ["ß"]]);
    expect(cues.hits("un café – straße")).toEqual([0, 1, 2]);
    expect(cues.hits("cafe - strasse 🎉")).toEqual([]);
  });

  it("agrees with includes on random cues and texts", () => {
    const letter = fc.constantFrom("a", "b", "c", " ", "'", "é");
    const word = fc.array(letter, { minLength: 0, maxLength: 4 }).map((cs) => cs.join(""));
    fc.assert(
      fc.property(
        fc.array(fc.array(word, { maxLength: 4 }), { minLength: 1, maxLength: 8 }),
        fc.array(
          fc.array(letter, { maxLength: 30 }).map((cs) => cs.join("")),
          { minLength: 1, maxLength: 5 },
        ),
        (groups, texts) => {
          const cues = new CueSet(groups);
          // The same set answers many texts in turn (its scan stamps must not leak between them).
          for (const text of texts) expect(cues.hits(text)).toEqual(naive(groups, text));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("anyOf", () => {
  it("is true exactly when one of the patterns matches, across flag sets", () => {
    const patterns = [/\bcat\b/gi, /dog$/u, /(\w)\1/, /(?<year>\d{4})-\d\d/, /^Übel/iu];
    const any = anyOf(patterns);
    const texts = ["a Cat sat", "hotdog", "dog!", "book", "in 2024-05", "übel", "nothing here", ""];
    for (const text of texts) expect(any(text)).toBe(patterns.some((p) => new RegExp(p.source, p.flags).test(text)));
    expect(anyOf([])("x")).toBe(false);
  });
});
