import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findVerbatim } from "./verbatim.ts";

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
