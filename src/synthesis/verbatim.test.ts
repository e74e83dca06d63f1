import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findOccurrences, findVerbatim } from "./verbatim.ts";

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

describe("findOccurrences", () => {
  it("agrees with a scan by String#indexOf, capped per pattern", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 60, unit: fc.constantFrom("a", "b", "c") }),
        fc.array(fc.string({ maxLength: 4, unit: fc.constantFrom("a", "b", "c") }), { maxLength: 10 }),
        fc.integer({ min: 1, max: 4 }),
        (text, patterns, max) => {
          const expected = patterns.map((pattern) => {
            const ends: number[] = [];
            if (pattern === "") return ends;
            for (let at = text.indexOf(pattern); at >= 0 && ends.length < max; at = text.indexOf(pattern, at + 1))
              ends.push(at + pattern.length);
            return ends;
          });
          expect(findOccurrences(text, patterns, max)).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});
