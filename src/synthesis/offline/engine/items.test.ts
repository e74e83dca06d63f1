import { describe, expect, it } from "vitest";
import type { CleanSource } from "../../types.ts";
import type { Candidate } from "./candidate.ts";
import { dropCovered } from "./items.ts";

const source: CleanSource = { id: "s1", kind: "text", text: "", order: 0 };

function candidate(value: string, rule: string, position = 1): Candidate {
  return {
    field: "pain_points",
    value,
    quote: "q",
    source,
    kind: "stated",
    confidence: 0.6,
    date: null,
    position,
    rule,
  };
}

const LEXICON = new Set(["pain_points/named-pain"]);

describe("dropCovered", () => {
  it("drops a lexicon item that shares a word with another rule's item of the same sentence", () => {
    const found = dropCovered(
      [candidate("housing shortage", "pain_points/named-pain"), candidate("housing market", "pain_points/cue")],
      LEXICON,
    );
    expect(found.map((c) => c.value)).toEqual(["housing market"]);
  });

  it("keeps a lexicon item of another sentence, or one sharing no word, whatever the rule order", () => {
    const found = dropCovered(
      [
        candidate("burnout", "pain_points/named-pain"),
        candidate("housing shortage", "pain_points/named-pain", 2),
        candidate("late payments", "pain_points/cue"),
      ],
      LEXICON,
    );
    expect(found.map((c) => c.value)).toEqual(["burnout", "housing shortage", "late payments"]);
  });

  it("with cover 'sentence', drops every lexicon item of a sentence another rule read", () => {
    const found = dropCovered(
      [candidate("gardening", "pain_points/named-pain"), candidate("tinkering", "pain_points/cue")],
      LEXICON,
      "sentence",
    );
    expect(found.map((c) => c.value)).toEqual(["tinkering"]);
  });
});
