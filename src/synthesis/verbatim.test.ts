import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findOccurrences, findVerbatim, occurrencesByAutomaton, occurrencesByScan, SCAN_MAX_WORK } from "./verbatim.ts";

describe("findVerbatim", () => {
  it("finds overlapping and nested quotes", () => {
    const found = findVerbatim("she sells sea shells", ["sea", "sells sea", "shells", "he", "sea shells!", ""]);
    expect([...found].sort()).toEqual(["he", "sea", "sells sea", "shells"]);
  });

  it("agrees with String#includes", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 60 }),
        fc.array(fc.string({ maxLength: 6 }), { maxLength: 12 }),
        (text, quotes) => {
          const expected = new Set(quotes.filter((q) => q.length > 0 && text.includes(q)));
          expect(findVerbatim(text, quotes)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** The end offsets of each pattern's first `max` occurrences, by String#indexOf (the reference). */
function reference(text: string, patterns: readonly string[], max: number): number[][] {
  return patterns.map((pattern) => {
    const ends: number[] = [];
    if (pattern === "") return ends;
    for (let at = text.indexOf(pattern); at >= 0 && ends.length < max; at = text.indexOf(pattern, at + 1))
      ends.push(at + pattern.length);
    return ends;
  });
}

describe("findOccurrences", () => {
  const small = fc.tuple(
    fc.string({ maxLength: 60, unit: fc.constantFrom("a", "b", "c") }),
    fc.array(fc.string({ maxLength: 4, unit: fc.constantFrom("a", "b", "c") }), { maxLength: 10 }),
    fc.integer({ min: 1, max: 4 }),
  );

  it("agrees with a scan by String#indexOf, capped per pattern, by the automaton and by the scan alike", () => {
    fc.assert(
      fc.property(small, ([text, patterns, max]) => {
        const expected = reference(text, patterns, max);
        expect(occurrencesByAutomaton(text, patterns, max)).toEqual(expected);
        expect(occurrencesByScan(text, patterns, max)).toEqual(expected);
        expect(findOccurrences(text, patterns, max)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it("uses the automaton past the scan's bound and still agrees with the reference", () => {
    // Long enough that even the shortest patterns drawn (8 of 2 characters) pass the scan's bound.
    const minText = Math.floor(SCAN_MAX_WORK / (8 * 2)) + 1;
    fc.assert(
      fc.property(
        fc.string({ minLength: minText, maxLength: minText + 1_000, unit: fc.constantFrom("a", "b", "c") }),
        fc.array(fc.string({ minLength: 2, maxLength: 6, unit: fc.constantFrom("a", "b", "c") }), {
          minLength: 8,
          maxLength: 12,
        }),
        (text, patterns) => {
          expect(text.length * patterns.join("").length).toBeGreaterThan(SCAN_MAX_WORK);
          expect(findOccurrences(text, patterns, 8)).toEqual(reference(text, patterns, 8));
        },
      ),
      { numRuns: 30 },
    );
  });
});
