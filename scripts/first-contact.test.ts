import { describe, expect, it } from "vitest";
import { EVAL_SETS } from "./eval-sets.ts";
import { pooledFirstContact, readFirstContacts, tallyRules } from "./first-contact.ts";

describe("first-contact figures per rule", () => {
  it("counts a judged value for every rule that proposed it and skips unjudged ones", () => {
    const rules = tallyRules([
      { correct: true, origins: ["goals/want-to"] },
      { correct: false, origins: ["goals/want-to", "goals/answer"] },
      { correct: null, origins: ["goals/answer"] },
    ]);
    expect(rules).toEqual({ "goals/answer": { judged: 1, right: 0 }, "goals/want-to": { judged: 2, right: 1 } });
  });

  it("pools the recorded sets and never reads a never-tune set's figures", () => {
    const contacts = readFirstContacts();
    expect(contacts.map((c) => c.set)).toEqual(expect.arrayContaining(["heldout11", "heldout13", "heldout15"]));
    const neverTune = new Set(EVAL_SETS.filter((s) => s.tuning === "never-tune").map((s) => s.id));
    expect(contacts.filter((c) => neverTune.has(c.set))).toEqual([]);
    const pooled = pooledFirstContact([
      { set: "a", engine: "x", rules: { "skills/tool-use": { judged: 2, right: 2 } } },
      { set: "b", engine: "y", rules: { "skills/tool-use": { judged: 3, right: 1 } } },
    ]);
    expect(pooled.get("skills/tool-use")).toEqual({ judged: 5, right: 3 });
  });
});

describe("first-contact lines", () => {
  it("has one for every apart-written set, with the engine that ran where the set recorded it", async () => {
    const { FIRST_CONTACT_LINES } = await import("./first-contact.ts");
    for (const set of EVAL_SETS.filter((s) => s.tuning !== "tuned")) expect(FIRST_CONTACT_LINES[set.id]).toBeDefined();
    for (const set of EVAL_SETS.filter((s) => s.tuning === "never-tune" && s.id !== "heldout6"))
      expect(FIRST_CONTACT_LINES[set.id]?.engine).toMatch(/^[0-9a-f]{7}$/);
  });
});
