import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { assemblePersona } from "../assemble.ts";
import { cleanText } from "../clean.ts";
import { extractOffline } from "../extract-offline.ts";
import type { CleanSource } from "../types.ts";
import { summarySentence } from "./background.ts";
import { itemProblem } from "./items.ts";
import { refineOfflineClaims } from "./refine.ts";

/**
 * The messy interview from issue 9 (an operations manager, with "um", "ha", numbers, a colleague's name and a cut
 * goal), written out in full for this test: what a new user sees from the offline engine.
 */
const transcript = readFileSync(
  resolve(import.meta.dirname, "../../../test/fixtures/transcripts/priya-operations-manager.txt"),
  "utf8",
);

function personaOf(text: string) {
  const sources: CleanSource[] = [{ id: "s0", kind: "text", text: cleanText(text), order: 0 }];
  return assemblePersona(extractOffline(sources).claims, sources);
}

const LISTS = ["traits", "interests", "skills", "values", "goals", "pain_points"] as const;

describe("what a user sees from a messy transcript", () => {
  const { persona, evidence } = personaOf(transcript);

  it("lists only items a person would write", () => {
    for (const field of LISTS) {
      for (const item of persona[field]) expect(itemProblem(item, field), `${field}: ${item}`).toBeNull();
    }
    expect(persona.interests).not.toEqual(expect.arrayContaining(["ha"]));
    expect(persona.interests.filter((item) => /^\d+$/.test(item))).toEqual([]);
  });

  it("takes no pastimes from a sentence about the children's evenings, and no pain cut mid-clause", () => {
    // "I've got two kids, 9 and 12, so my evenings are soccer and homework": the kids' activities, not hers.
    expect(persona.interests).not.toEqual(expect.arrayContaining(["soccer"]));
    expect(persona.interests).not.toEqual(expect.arrayContaining(["homework"]));
    expect(persona.pain_points.filter((item) => /^if\b/i.test(item))).toEqual([]);
  });

  it("never lists a colleague's or the subject's own name as a skill or interest", () => {
    expect([...persona.skills, ...persona.interests]).not.toContain("Maya");
    expect([...persona.skills, ...persona.interests]).not.toContain("Priya");
  });

  it("summarises the background from the extracted facts, each with its own quote", () => {
    expect(persona.background).toBe("Priya, 41, operations manager in Columbus.");
    const quotes = evidence.background.map((entry) => entry.quote);
    expect(quotes).toContain(evidence.name[0]?.quote);
    expect(quotes).toContain(evidence.occupation[0]?.quote);
    expect(quotes.length).toBeGreaterThanOrEqual(2);
  });

  it("keeps both ends of a goal's range", () => {
    expect(persona.goals.some((goal) => /88 percent to 95/.test(goal))).toBe(true);
  });
});

describe("refineOfflineClaims", () => {
  const source: CleanSource = { id: "s0", kind: "text", text: "Ha, my evenings are soccer. Maya said hi.", order: 0 };
  const claim = (value: string, confidence = 0.6) => ({
    field: "interests" as const,
    value,
    source_id: "s0",
    quote: "Ha, my evenings are soccer.",
    kind: "stated" as const,
    confidence,
  });

  it("tidies kept items, drops the rest, and leaves other fields alone", () => {
    const name = { ...claim("Priya"), field: "name" as const };
    const refined = refineOfflineClaims([name, claim("ha"), claim("soccer."), claim("Maya"), claim("Priya")], {
      sources: [source],
    });
    expect(refined.map((c) => [c.field, c.value])).toEqual([
      ["name", "Priya"],
      ["interests", "soccer"],
    ]);
  });
});

describe("summarySentence", () => {
  it.each([
    [
      { name: "Priya", age: 41, occupation: "operations manager", location: "Columbus" },
      "Priya, 41, operations manager in Columbus.",
    ],
    [{ name: "Ana Ruiz", location: "Lima" }, "Ana Ruiz, based in Lima."],
    [{ occupation: "ceramicist", location: "Kanazawa", age: 52 }, "Ceramicist in Kanazawa, aged 52."],
    [{ name: "Ana Ruiz", age: 30 }, null],
    [{}, null],
  ])("%j -> %j", (facts, sentence) => {
    expect(summarySentence(facts)).toBe(sentence);
  });
});
