import { describe, expect, it } from "vitest";
import { saidBySubject } from "../../../../test/support/units.ts";
import { clauseBefore, type Scope, statedAt, statedOnly } from "./context.ts";
import { applyRules, type Rule } from "./rules.ts";

/** Whether `item` (its first occurrence) is stated in `text` under the given scopes. */
const stated = (text: string, item: string, scopes: readonly Scope[]) => statedAt(text, text.indexOf(item), scopes);

describe("clauseBefore", () => {
  it("starts after a sentence mark, a clause word or a comma opening a new subject", () => {
    expect(clauseBefore("Sorry. I never learnt to swim", 29)).toBe(" I never learnt to swim");
    expect(clauseBefore("I had no time, but I sing", 25)).toBe(" sing");
    expect(clauseBefore("On days off, I climb", 20)).toBe(" climb");
  });
});

describe("statedAt", () => {
  it("denied: a negation earlier in the item's clause", () => {
    expect(stated("Honestly I am no good at spreadsheets.", "spreadsheets", ["denied"])).toBe(false);
    expect(stated("He doesn't really use Photoshop.", "Photoshop", ["denied"])).toBe(false);
    expect(stated("I never got into golf.", "golf", ["denied"])).toBe(false);
    // The negation belongs to another clause, or gives nothing up.
    expect(stated("I can't sleep late, so I run at six.", "run", ["denied"])).toBe(true);
    expect(stated("If I'm not on shift I go fishing.", "fishing", ["denied"])).toBe(true);
    expect(stated("We never skimp on hygiene.", "hygiene", ["denied"])).toBe(true);
    expect(stated("Not only Python but also Go.", "Python", ["denied"])).toBe(true);
  });

  it("wished: what the clause wants, hopes for or is learning", () => {
    expect(stated("She'd like the report as a PDF.", "PDF", ["wished"])).toBe(false);
    expect(stated("I'm learning Blender at night.", "Blender", ["wished"])).toBe(false);
    expect(stated("He is teaching himself Rust on the train.", "Rust", ["wished"])).toBe(false);
    expect(stated("I built it in Blender.", "Blender", ["wished"])).toBe(true);
  });

  it("seeming: how one appears or is thought to be, corrected by a but", () => {
    expect(stated("I look stern, but I laugh a lot.", "stern", ["seeming"])).toBe(false);
    // Anyone's belief or word but the speaker's own.
    expect(stated("Students assume I'm strict but I'm soft really.", "strict", ["seeming"])).toBe(false);
    expect(stated("My brother says I'm lazy, but I'm just slow.", "lazy", ["seeming"])).toBe(false);
    expect(stated("People think I'm strict, but I'm soft really.", "strict", ["seeming"])).toBe(false);
    // One's own view is no appearance, and without a correction the appearance stands.
    expect(stated("I think Figma is great, but pricey.", "Figma", ["seeming"])).toBe(true);
    expect(stated("I'd say I'm patient, but not with printers.", "patient", ["seeming"])).toBe(true);
    expect(stated("I look calm under pressure.", "calm", ["seeming"])).toBe(true);
  });

  it("negated: a negation right before the item, not one governing an earlier verb", () => {
    expect(stated("In ten years we never had a flood.", "flood", ["negated"])).toBe(false);
    expect(stated("The new till means no more double charging.", "double charging", ["negated"])).toBe(false);
    expect(stated("Nobody warned me about the damp here.", "damp", ["negated"])).toBe(true);
    expect(stated("Nobody warned me about the damp here.", "damp", ["denied"])).toBe(false);
  });

  it("past: a clause that puts the item in the past", () => {
    expect(stated("I used to speak Greek with my gran.", "Greek", ["past"])).toBe(false);
    expect(stated("We no longer get late payers.", "late payers", ["past"])).toBe(false);
    expect(stated("Back then I was chaotic.", "chaotic", ["past"])).toBe(false);
    // A past tense whose time the sentence names after the item.
    expect(stated("I was very shy as a teenager.", "shy", ["past"])).toBe(false);
    expect(stated("I was shy, not any more.", "shy", ["past"])).toBe(false);
    // Being accustomed is present; a past tense with no past time named, or the present, stands.
    expect(stated("I'm used to long shifts.", "long shifts", ["past"])).toBe(true);
    expect(stated("I was calm at the inspection.", "calm", ["past"])).toBe(true);
    expect(stated("I'm calm, as a nurse you learn that.", "calm", ["past"])).toBe(true);
  });

  it("unticked: the last box before the item on its line is empty", () => {
    const form = "Tools: [x] Excel [ ] Tableau ☒ SQL ☐ SPSS";
    expect(stated(form, "Excel", ["unticked"])).toBe(true);
    expect(stated(form, "Tableau", ["unticked"])).toBe(false);
    expect(stated(form, "SQL", ["unticked"])).toBe(true);
    expect(stated(form, "SPSS", ["unticked"])).toBe(false);
    expect(stated("☐ done\nExcel daily", "Excel", ["unticked"])).toBe(true);
  });
});

describe("statedAt's trigger pre-check", () => {
  // A text is skipped for a scope when it holds none of the scope's trigger words: every word the scope's pattern
  // reads must still be caught, whatever its case or apostrophe.
  it("every negation, wish and appearance word still puts an item in scope", () => {
    const denied =
      "NOT|Never|No|Knows nothing of|Nobody likes|Neither|Nor|Without|Hardly|Barely|Cannot|Can’t|Won't".split("|");
    for (const word of denied) expect(stated(`${word} Excel.`, "Excel", ["denied"]), word).toBe(false);
    const wished = (
      "WANTS|Wanted|Would love|I’d like|Wishes for|Hopes for|Hoping for|Learning|Studying|Trying to use|" +
      "Plans to use|Going to use|Teaching myself"
    ).split("|");
    for (const word of wished) expect(stated(`${word} Excel.`, "Excel", ["wished"]), word).toBe(false);
    const seeming = (
      "SEEMS|Looks|Sounds|Appears|Comes across|People THINK I'm|Others thought I was|Most assume I'm|" +
      "My mum SAYS I'm|Dad said I was|Everyone Believes I'm"
    ).split("|");
    for (const word of seeming) expect(stated(`${word} strict, but I'm not.`, "strict", ["seeming"]), word).toBe(false);
    const past =
      "USED TO|No Longer|Formerly|In those days|Growing up|Back then|Back when|As a kid|When I was young".split("|");
    for (const word of past) expect(stated(`${word} I spoke Welsh.`, "Welsh", ["past"]), word).toBe(false);
    expect(stated("I WAS shy Not Any More.", "shy", ["past"])).toBe(false);
  });
});

describe("statedOnly", () => {
  const rule: Rule = {
    id: "test/likes",
    field: "interests",
    cue: ["like"],
    pattern: /\blike\s+(\w+)(?:\s+and\s+(\w+))?/,
    when: [],
    value: (m) => [m[1] ?? null, m[2] ?? null],
    confidence: 0.5,
    examples: { fires: [], silent: [] },
  };
  const notGolf = (text: string, place: number) => !text.startsWith("golf", place);
  const table = statedOnly([rule], ["denied"], notGolf);
  const read = (text: string) => applyRules(table, saidBySubject(text)).map((c) => c.value);

  it("drops each item that fails a scope or the field's check, keeping the others", () => {
    expect(read("I like chess and darts.")).toEqual(["chess", "darts"]);
    expect(read("I don't like chess and darts.")).toEqual([]);
    expect(read("I like golf and darts.")).toEqual(["darts"]);
    // The bare table reads them all.
    expect(applyRules([rule], saidBySubject("I don't like chess.")).map((c) => c.value)).toEqual(["chess"]);
  });
});
