import { describe, expect, it } from "vitest";
import type { Evidence, Persona } from "../../personas/schemas.ts";
import type { PersonaRow } from "../../personas/store.ts";
import { attributedSentences, type MaterialSource } from "../../synthesis/sentences.ts";
import { speak } from "./first-person.ts";
import {
  evidenceByField,
  MATERIAL_LIMITS,
  type Material,
  type MaterialSentence,
  materialOf,
  queryTerms,
  searchMaterial,
} from "./material.ts";
import { answerAsPersona } from "./persona-offline.ts";

/** The memory of a persona from its sources, all on this thread (the server attributes on the synthesis pool). */
function buildMaterial(persona: PersonaRow, sources: MaterialSource[]): Material {
  return materialOf(attributedSentences({ sources, evidence: evidenceByField(persona) }));
}

const EMPTY_PERSONA: Persona = {
  name: null,
  age: null,
  occupation: null,
  location: null,
  background: null,
  communication_style: null,
  traits: [],
  interests: [],
  skills: [],
  values: [],
  goals: [],
  pain_points: [],
};
const EMPTY_EVIDENCE: Evidence = {
  name: [],
  age: [],
  occupation: [],
  location: [],
  background: [],
  communication_style: [],
  traits: [],
  interests: [],
  skills: [],
  values: [],
  goals: [],
  pain_points: [],
};

function personaRow(persona: Partial<Persona> = {}, evidence: Partial<Evidence> = {}): PersonaRow {
  return {
    id: "per_test",
    tenantId: "ten_test",
    version: 1,
    persona: { ...EMPTY_PERSONA, ...persona },
    evidence: { ...EMPTY_EVIDENCE, ...evidence },
    warnings: [],
    usage: null,
    search: "",
    createdAt: new Date(0),
    updatedAt: new Date(0),
  };
}

const sentence = (text: string, flags: Partial<MaterialSentence> = {}): MaterialSentence => ({
  id: 0,
  sourceId: "src_1",
  text,
  start: 0,
  end: text.length,
  firstPerson: false,
  aboutPersona: true,
  fields: [],
  ...flags,
});

describe("saying a line of the material as the persona", () => {
  const cases: Array<[string, Partial<MaterialSentence>, string, boolean]> = [
    [
      "Her boss Dave approves anything over $5k.",
      { aboutPersona: false },
      "My boss Dave approves anything over $5k.",
      true,
    ],
    ["She runs a team of 12 dispatchers.", {}, "I run a team of 12 dispatchers.", true],
    ["Priya Sharma is 41 and works as an operations manager.", {}, "I'm 41 and work as an operations manager.", true],
    ["She watches the queue and studies every ticket.", {}, "I watch the queue and study every ticket.", true],
    ["On weekends she goes hiking with her kids.", {}, "On weekends I go hiking with my kids.", true],
    ["Priya's boss is Dave.", {}, "My boss is Dave.", true],
    ["She doesn't trust the carrier portal.", {}, "I don't trust the carrier portal.", true],
    ["She also hates chasing drivers.", {}, "I also hate chasing drivers.", true],
    // The persona's own words: only the transcript's filler goes.
    [
      "Um, so the thing that drives me mad is the portal.",
      { firstPerson: true },
      "The thing that drives me mad is the portal.",
      true,
    ],
    // Whose "she" is not clear, or the line is about someone else: quoted as it stands.
    ["She told Gemma that she would cover.", {}, "She told Gemma that she would cover.", false],
    ["Gemma says she is tired of nights.", { aboutPersona: false }, "Gemma says she is tired of nights.", false],
    ["After Gemma left she took over the rota.", {}, "After Gemma left she took over the rota.", false],
  ];
  it.each(cases)("%s", (text, flags, said, voiced) => {
    expect(speak(sentence(text, flags), "Priya Sharma")).toEqual({ text: said, voiced });
  });
});

describe("the question as search terms", () => {
  it("joins a phrase and its related words into one idea, weighted below the question's own words", () => {
    const query = queryTerms("Who signs off on purchases?");
    expect(query.weights.get("purchas")).toBe(1);
    expect(query.weights.get("approv")).toBe(0.5);
    // "signs off" is one idea (approval), purchases another (spending): two, not three.
    expect(query.concepts).toHaveLength(2);
  });

  it("caps the terms of a long message", () => {
    const words = Array.from({ length: 2_000 }, (_, i) => `word${i}x`).join(" ");
    expect(queryTerms(words).weights.size).toBeLessThanOrEqual(MATERIAL_LIMITS.queryTerms);
  });
});

describe("the persona's material", () => {
  const notes = [
    "Account notes, 2024-06-11.",
    "Priya Sharma is 41 and works as an operations manager in Columbus.",
    "Her boss Dave approves anything over $5k.",
    "INT: I'm Hannah, I'm based in Leeds.",
  ].join("\n");

  it("keeps verbatim sentences with their offsets, links them to the fields they evidence, and leaves out someone else's 'I'", () => {
    const start = notes.indexOf("Priya Sharma is 41");
    const persona = personaRow(
      { age: 41 },
      { age: [{ source_id: "src_1", quote: "41", start: start + 16, end: start + 18, kind: "stated" }] },
    );
    const material = buildMaterial(persona, [{ id: "src_1", kind: "text", text: notes }]);
    for (const s of material.sentences) expect(notes.slice(s.start, s.end)).toBe(s.text);
    expect(material.sentences.map((s) => s.text)).not.toContain("I'm Hannah, I'm based in Leeds.");
    const age = material.sentences.find((s) => s.fields.includes("age"));
    expect(age?.text).toBe("Priya Sharma is 41 and works as an operations manager in Columbus.");
    expect(searchMaterial(material, "Who signs off on purchases?")[0]?.sentence.text).toBe(
      "Her boss Dave approves anything over $5k.",
    );
    expect(searchMaterial(material, "Which football team do you support?")).toEqual([]);
  });

  it("indexes a bounded part of huge material, in time linear in the caps", () => {
    const line = "She checks the carrier portal every morning and then plans the routes for her team. ";
    const huge = `Notes about Priya Sharma.\n${line.repeat(40_000)}`; // ~3.4 MB
    const started = performance.now();
    const material = buildMaterial(personaRow(), [
      { id: "src_1", kind: "text", text: huge },
      { id: "src_2", kind: "text", text: huge },
      { id: "src_3", kind: "manual", text: "ignored" },
    ]);
    const elapsed = performance.now() - started;
    expect(material.sentences.length).toBeGreaterThan(100);
    expect(material.sentences.length).toBeLessThanOrEqual(MATERIAL_LIMITS.sentences);
    expect(material.sentences.every((s) => s.sourceId !== "src_3")).toBe(true);
    const last = material.sentences.at(-1);
    expect(last?.end ?? 0).toBeLessThanOrEqual(MATERIAL_LIMITS.charsPerSource);
    // Generous: a few hundred ms on a loaded runner; what matters is that 3.4 MB costs what the caps cost.
    expect(elapsed).toBeLessThan(60_000);
  });
});

describe("answers without material (values only)", () => {
  it("says a list field's items in one sentence instead of one template line per item", () => {
    const persona = personaRow({
      name: "Ana",
      pain_points: ["slow invoicing", "manual data entry", "late payments"],
    });
    const answer = answerAsPersona(persona, "What frustrates you?");
    expect(answer.text).toBe("What frustrates me: slow invoicing, manual data entry and late payments.");
    expect(answer.covered).toBe(true);
  });

  it("varies the not-covered line from one turn to the next", () => {
    const persona = personaRow({ name: "Ana" });
    const first = answerAsPersona(persona, "What's your favourite film?", { turn: 0 });
    const second = answerAsPersona(persona, "What's your favourite film?", { turn: 1 });
    expect(first.covered).toBe(false);
    expect(first.text).toMatch(/don't know/);
    expect(second.text).toMatch(/don't know/);
    expect(second.text).not.toBe(first.text);
  });
});
