import { describe, expect, it } from "vitest";
import { INTEREST_ENTRIES } from "./interests.ts";

const labelsOf = (text: string) => INTEREST_ENTRIES.filter((entry) => entry.pattern.test(text)).map((e) => e.label);

describe("interest lexicon", () => {
  it("reads a dance as dancing, but a dance named as the genre of a band as music", () => {
    expect(labelsOf("On Thursdays I go to salsa classes")).toContain("dancing");
    expect(labelsOf("she took up tango after the move")).toContain("dancing");
    expect(labelsOf("he plays keys in a salsa band")).not.toContain("dancing");
    expect(labelsOf("my cousin drums for a tango-rock band")).not.toContain("dancing");
    expect(labelsOf("a salsa jazz quartet on Fridays")).not.toContain("dancing");
  });
});
