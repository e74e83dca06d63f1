import { describe, expect, it } from "vitest";
import { saidBySubject } from "../../../../test/support/units.ts";
import { nameMatcher } from "../attribution/names.ts";
import { AGE_RULES } from "../fields/age.ts";
import { STYLE_RULES } from "../fields/communication-style.ts";
import { GOAL_RULES } from "../fields/goals.ts";
import { INTEREST_RULES } from "../fields/interests.ts";
import { LOCATION_RULES } from "../fields/location.ts";
import { OCCUPATION_RULES } from "../fields/occupation.ts";
import { PAIN_RULES } from "../fields/pain-points.ts";
import { SKILL_RULES } from "../fields/skills.ts";
import { OCCUPATION_SKILL_RULES } from "../fields/skills-occupation.ts";
import { TRAIT_RULES } from "../fields/traits.ts";
import { VALUE_RULES } from "../fields/values.ts";
import { FOREIGN_RULES } from "../languages/cues.ts";
import { applyRules, type Example, type ExampleSetting, type Place, type Rule } from "./rules.ts";
import type { Unit } from "./unit.ts";

/** Every rule table of the engine; a new table is added here so its examples run. */
const RULE_TABLES: readonly (readonly Rule[])[] = [
  STYLE_RULES,
  GOAL_RULES,
  PAIN_RULES,
  INTEREST_RULES,
  SKILL_RULES,
  OCCUPATION_SKILL_RULES,
  TRAIT_RULES,
  VALUE_RULES,
  AGE_RULES,
  LOCATION_RULES,
  OCCUPATION_RULES,
  FOREIGN_RULES,
];

/** The example sentence as a unit in its place: alone, or after the sentence the example says is above it. */
function placed(text: string, setting: ExampleSetting = {}): { unit: Unit; at: Place } {
  const { previous, name, occupation, unmatched: _, ...attributed } = setting;
  const unit = saidBySubject(text, attributed);
  const matcher = name === undefined ? null : nameMatcher(name);
  if (previous === undefined) return { unit, at: { units: [unit], i: 0, matcher, occupation } };
  return { unit, at: { units: [saidBySubject(previous), unit], i: 1, matcher, occupation } };
}

function apply(rule: Rule, text: string, setting?: ExampleSetting) {
  const { unit, at } = placed(text, setting);
  return applyRules([rule], unit, undefined, at);
}

const rules = RULE_TABLES.flat();

const asPair = (example: Example): readonly [string, ExampleSetting] =>
  typeof example === "string" ? [example, {}] : example;

/**
 * Whether the rule's conditions get a say on the example: its cue occurs and its pattern matches the text it reads.
 * A silent example that fails here passes whatever the conditions do, so it cannot show one at work.
 */
function reachesConditions(rule: Rule, text: string, setting?: ExampleSetting): boolean {
  const { unit, at } = placed(text, setting);
  const lower = unit.text.toLowerCase();
  if (rule.cue !== "always" && !rule.cue.some((cue) => lower.includes(cue))) return false;
  const read = rule.read ? rule.read(unit, at) : unit.text;
  return read !== null && read !== "" && new RegExp(rule.pattern.source, rule.pattern.flags).test(read);
}

describe("offline rules", () => {
  it("have unique ids named after their field", () => {
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of rules) expect(rule.id.startsWith(`${rule.field}/`)).toBe(true);
  });

  describe.each(rules.map((rule) => [rule.id, rule] as const))("%s", (_id, rule) => {
    it.each(rule.examples.fires.map(([text, value, unit]) => [text, value, unit ?? {}] as const))(
      "fires on %j giving %j",
      (text, value, unit) => {
        const found = apply(rule, text, unit);
        const items = typeof value === "string" || typeof value === "number" ? [value] : value;
        expect(found.map((c) => [c.rule, c.value])).toEqual(items.map((item) => [rule.id, item]));
      },
    );
    it.each(rule.examples.silent.map(asPair))("stays silent on %j", (text, unit) => {
      expect(apply(rule, text, unit)).toEqual([]);
      // Reached, a condition or the value builder silences it (many are the value's: "Pain: parents complain." has no
      // item); marked unmatched, the cue or pattern must not reach it.
      expect(reachesConditions(rule, text, unit)).toBe(!unit.unmatched);
    });
  });
});
