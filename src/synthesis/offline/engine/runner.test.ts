import { describe, expect, it } from "vitest";
import { saidBySubject } from "../../../../test/support/units.ts";
import { applyRules, type Rule, runRules } from "./rules.ts";
import type { Unit } from "./unit.ts";

const unit = (text: string, index: number): Unit => saidBySubject(text, { firstPerson: true, index });

const rule = (id: string, cue: Rule["cue"], pattern: RegExp): Rule => ({
  id: `interests/${id}`,
  field: "interests",
  cue,
  pattern,
  when: ["self"],
  value: (m) => m[1] ?? m[0],
  confidence: 0.5,
  examples: { fires: [], silent: [] },
});

const FIRST: readonly Rule[] = [
  rule("love", ["love"], /\blove (\w+)/i),
  rule("enjoy", ["enjoy"], /\benjoy (\w+)/i),
  rule("always", "always", /^(\w+) is fun\b/i),
];
const SECOND: readonly Rule[] = [rule("into", ["into"], /\binto (\w+)/i), rule("never-cued", ["zzz"], /(\w+)/)];

const texts = ["I love climbing and enjoy chess.", "Chess is fun.", "I'm into baking, I love it.", "Nothing here."];

describe("runRules", () => {
  it("gives what applyRules gives unit by unit, for tables that share one cue scan", () => {
    const units = texts.map(unit);
    // The second table joins the shared scan after the first has scanned these units.
    for (const table of [FIRST, SECOND, FIRST]) {
      const expected = units.flatMap((u, i) => applyRules(table, u, undefined, { units, i }));
      expect(runRules(table, units)).toEqual(expected);
    }
    expect(runRules(FIRST, units).map((c) => c.value)).toEqual(["climbing", "chess", "Chess", "it"]);
    expect(runRules(SECOND, units).map((c) => c.value)).toEqual(["baking"]);
  });

  it("reads a cue in any case and skips a rule whose cue is absent", () => {
    const units = ["I LOVE Jazz.", "I adore opera."].map(unit);
    expect(runRules(FIRST, units).map((c) => [c.rule, c.value])).toEqual([["interests/love", "Jazz"]]);
  });
});
