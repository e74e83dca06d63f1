import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { anyOf, CueSet, patternCues, unspacedCues } from "./cues.ts";

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

describe("patternCues", () => {
  it("reads the literal words every match holds", () => {
    expect(patternCues([/\b(?:burn(?:ed|t)? ?out|burnout)\b/i])).toEqual([
      "burned out",
      "burnedout",
      "burnt out",
      "burntout",
      "burn out",
      "burnout",
    ]);
    expect(patternCues([/\bI\s+farm\b|\b[Ww]e farm/])).toEqual(["farm"]);
    expect(patternCues([/late payments?/, /(?<!no )delays?/])).toEqual(["late payment", "delay"]);
    // Case folding with flag u matches "ſ" to "s": the cue holds both.
    expect(patternCues([/\bstress\b/iu])).toContain("ſtreſſ");
  });

  it("is 'always' when a pattern holds no word for sure", () => {
    expect(patternCues([/\bcosts?\b/, /\w+\b/])).toBe("always");
    expect(patternCues([/(?:very )?/])).toBe("always");
    expect(patternCues([/^[\s\S]+$/])).toBe("always");
  });

  it("never misses a match: every text a pattern matches holds one of its cues", () => {
    const patterns = [
      /\b(?:too many|back-to-back) meetings\b/i,
      /\bshort[- ]?staff(?:ed|ing)\b/iu,
      /(?:\bnot|n['’]t)(?:\s+\w+){0,3}\s+(?:a|an) (?:problem|issue)\b/iu,
      /\b(?:I|we)\s+(?:run|own)\s+(?:a|the)\s+(café|bakery|shop)s?\b/u,
      /\bcolou?r[- ]code[sd]?\b/i,
    ];
    const word = fc.constantFrom(
      "I",
      "we",
      "not",
      "don't",
      "a",
      "an",
      "problem",
      "issue",
      "café",
      "bakery",
      "run",
      "own",
      "the",
      "short-staffed",
      "SHORT STAFFING",
      "ſhort-ſtaffed",
      "colour-coded",
      "color code",
      "too",
      "many",
      "meetings",
      "Back-To-Back",
      "x",
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 10 }), (words) => {
        const text = words.join(" ");
        for (const pattern of patterns) {
          const cues = patternCues([pattern]);
          if (cues === "always" || !pattern.test(text)) continue;
          expect(cues.some((cue) => text.toLowerCase().includes(cue))).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("cuts cues to a piece without spaces for texts joined by spaces", () => {
    expect(unspacedCues(["red tape", "takes ", "overtime"])).toEqual(["tape", "takes", "overtime"]);
    expect(unspacedCues("always")).toBe("always");
  });
});
