import { describe, expect, it } from "vitest";
import { EVAL_SETS } from "./eval-sets.ts";
import { disjunctions, loadCases, regexEntries, sourceEntries, usage, wordTest } from "./lexicon-usage.ts";

const entries = (source: string) => sourceEntries("traits", source).map((e) => `${e.group}:${e.entry}`);

describe("lexicon usage", () => {
  it("matches a listed word only as a whole word", () => {
    expect(wordTest("art", false).test("I start at nine")).toBe(false);
    expect(wordTest("art", false).test("Art school")).toBe(true);
    expect(wordTest("US", true).test("join us")).toBe(false);
  });

  it("lists each alternative of each alternation, not those inside a negative lookaround", () => {
    const found = disjunctions("\\b(?:red|green)\\b(?!\\s(?:wine|tea))|blue");
    expect(found.map((d) => d.alternatives.length)).toEqual([2, 2]);
    const alternatives = regexEntries("f", "G", /\b(?:red|gr[e|]en)\b|blue/i).map((e) => e.entry);
    expect(alternatives).toEqual(["red", "gr[e|]en", "\\b(?:red|gr[e|]en)\\b", "blue"]);
  });

  it("narrows the whole pattern to one alternative and drops whole-phrase anchors", () => {
    const [red, green] = regexEntries("f", "G", /^(?:red|green) wine$/i);
    expect(red?.test.test("a red wine list")).toBe(true);
    expect(green?.test.test("a red wine list")).toBe(false);
  });

  it("reads word lists, quoted and bare keys and string arrays, not values or code", () => {
    const source = `
/** A comment with "quotes" and a/slash/ in it. */
const WORDS = new Set(words("calm  kind"));
export const TRAITS: Record<string, string> = {
  "no-nonsense": "direct",
  frank: "direct",
};
const TOOLS = ["Excel", "Power BI"];
const PHRASES: [RegExp, string][] = [[/\\bsay (?:it|things) straight\\b/i, "direct"]];
export function helper(x: string) {
  return x.split("-");
}`;
    expect(entries(source)).toEqual([
      "WORDS:calm",
      "WORDS:kind",
      "TRAITS:no-nonsense",
      "TRAITS:frank",
      "TOOLS:Excel",
      "TOOLS:Power BI",
      "PHRASES/0:it",
      "PHRASES/0:things",
    ]);
  });

  it("counts the cases that use an entry as a whole word, by id", () => {
    const [row] = usage(sourceEntries("traits", 'const T = ["stoic"];'), [
      { id: "a/case-1", text: "She is stoic." },
      { id: "a/case-3", text: "Stoicism." },
    ]);
    expect(row?.tunable).toEqual(["a/case-1"]);
  });

  it("reads no never-tune set", () => {
    const neverTune = EVAL_SETS.filter((s) => s.tuning === "never-tune").map((s) => `${s.id}/`);
    const ids = loadCases().map((c) => c.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.filter((id) => neverTune.some((prefix) => id.startsWith(prefix)))).toEqual([]);
  });
});
