import { describe, expect, it } from "vitest";
import { contentTokens, isNearDuplicate, normalizeText, sameNormalized, tokenOverlap } from "./normalize.ts";

describe("normalizeText", () => {
  it.each([
    ["  Lucía   Ferrer-Olmos ", "lucia ferrer olmos"],
    ["O'Sullivan, Peggy!", "o sullivan peggy"],
    ["Crème\tBrûlée\n\nFan", "creme brulee fan"],
    ["K-DRAMAS", "k dramas"],
    ["₱12,000 a month", "12 000 a month"],
    ["", ""],
  ])("%j -> %j", (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });
});

describe("contentTokens", () => {
  it("drops the evaluation's stop words only", () => {
    expect(contentTokens("The Art of Cooking and Baking for my Friends")).toEqual([
      "art",
      "cooking",
      "baking",
      "my",
      "friends",
    ]);
  });
});

describe("tokenOverlap", () => {
  it("divides shared tokens by the larger side", () => {
    expect(tokenOverlap("swimming", "open-water swimming")).toBeCloseTo(1 / 3);
    expect(tokenOverlap("open water swimming", "open-water swimming")).toBe(1);
    expect(tokenOverlap("taiko drumming", "drumming")).toBe(0.5);
  });
  it("is zero when a side has only stop words", () => {
    expect(tokenOverlap("the", "the end")).toBe(0);
  });
});

describe("isNearDuplicate / sameNormalized", () => {
  it("treats accent and punctuation variants as the same", () => {
    expect(sameNormalized("Café-owner", "cafe owner")).toBe(true);
    expect(isNearDuplicate("mentoring new nurses", "baking bread")).toBe(false);
    expect(isNearDuplicate("mentoring new nurses", "Mentoring new starters")).toBe(true);
    expect(isNearDuplicate("mentoring nurses", "mentoring new nurses")).toBe(true);
  });
});
