import { describe, expect, it } from "vitest";
import { PERSONA_LIMITS } from "../personas/schemas.ts";
import { assemblePersona, compareRecency, sameListItem } from "./assemble.ts";
import type { Claim, CleanSource } from "./types.ts";

const older: CleanSource = {
  id: "s1",
  kind: "text",
  order: 0,
  date: "2021-05-01",
  text: "I'm Noor Haddad. I live in Amman and I'm 29. I love hiking and hiking trips. I love chess.",
};
const newer: CleanSource = {
  id: "s2",
  kind: "text",
  order: 1,
  date: "2024-02-01",
  text: "Update: now living in Lisbon, just turned 32. Weekends are for hiking.",
};

const claim = (partial: Partial<Claim> & Pick<Claim, "field" | "value" | "quote">): Claim => ({
  source_id: "s1",
  kind: "stated",
  confidence: 0.8,
  ...partial,
});

describe("assemblePersona", () => {
  it("drops a claim whose quote is not verbatim, with a warning naming the field", () => {
    const { persona, evidence, warnings } = assemblePersona(
      [claim({ field: "occupation", value: "pilot", quote: "I'm a pilot" })],
      [older],
    );
    expect(persona.occupation).toBeNull();
    expect(evidence.occupation).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("occupation");
  });

  it("drops claims for unknown sources and out-of-range ages", () => {
    const { persona, warnings } = assemblePersona(
      [
        claim({ field: "name", value: "Noor Haddad", quote: "Noor Haddad", source_id: "nope" }),
        claim({ field: "age", value: 290, quote: "I'm 29" }),
        claim({ field: "age", value: "29", quote: "I'm 29" }),
      ],
      [older],
    );
    expect(persona.name).toBeNull();
    expect(persona.age).toBeNull();
    expect(warnings).toHaveLength(3);
  });

  it("keeps a verified scalar with its evidence", () => {
    const { persona, evidence } = assemblePersona(
      [claim({ field: "name", value: "Noor Haddad", quote: "I'm Noor Haddad" })],
      [older],
    );
    expect(persona.name).toBe("Noor Haddad");
    expect(evidence.name).toEqual([{ source_id: "s1", quote: "I'm Noor Haddad", start: 0, end: 15, kind: "stated" }]);
  });

  it("prefers higher confidence, then the newer source, then stated over inferred", () => {
    const sources = [older, newer];
    const byRecency = assemblePersona(
      [
        claim({ field: "location", value: "Amman", quote: "I live in Amman" }),
        claim({ field: "location", value: "Lisbon", quote: "now living in Lisbon", source_id: "s2" }),
        claim({ field: "age", value: 29, quote: "I'm 29" }),
        claim({ field: "age", value: 32, quote: "just turned 32", source_id: "s2" }),
      ],
      sources,
    );
    expect(byRecency.persona.location).toBe("Lisbon");
    expect(byRecency.persona.age).toBe(32);

    const byConfidence = assemblePersona(
      [
        claim({ field: "location", value: "Amman", quote: "I live in Amman", confidence: 0.9 }),
        claim({ field: "location", value: "Lisbon", quote: "now living in Lisbon", source_id: "s2", confidence: 0.4 }),
      ],
      sources,
    );
    expect(byConfidence.persona.location).toBe("Amman");

    const byKind = assemblePersona(
      [
        claim({ field: "communication_style", value: "terse", quote: "I love chess.", kind: "inferred" }),
        claim({ field: "communication_style", value: "playful", quote: "I love hiking" }),
      ],
      [older],
    );
    expect(byKind.persona.communication_style).toBe("playful");
  });

  it("uses request order when sources are undated", () => {
    const a: CleanSource = { ...older, date: undefined };
    const b: CleanSource = { ...newer, date: undefined };
    expect(compareRecency(b, a)).toBeGreaterThan(0);
    expect(compareRecency(a, b)).toBeLessThan(0);
  });

  it("de-duplicates list items and merges their evidence, keeping evidence aligned", () => {
    const { persona, evidence } = assemblePersona(
      [
        claim({ field: "interests", value: "hiking", quote: "I love hiking" }),
        claim({ field: "interests", value: "Hiking trips", quote: "hiking trips" }),
        claim({ field: "interests", value: "chess", quote: "I love chess" }),
        claim({ field: "interests", value: "hiking", quote: "Weekends are for hiking", source_id: "s2" }),
      ],
      [older, newer],
    );
    expect(persona.interests).toEqual(["hiking", "chess"]);
    expect(evidence.interests).toHaveLength(2);
    expect(evidence.interests[0]?.map((e) => e.quote)).toEqual([
      "I love hiking",
      "hiking trips",
      "Weekends are for hiking",
    ]);
    expect(evidence.interests[1]?.map((e) => e.quote)).toEqual(["I love chess"]);
  });

  it("caps lists at the persona limit", () => {
    const many: Claim[] = Array.from({ length: PERSONA_LIMITS.itemsPerList + 5 }, (_, i) =>
      claim({ field: "skills", value: `skill number${i}`, quote: "I love chess" }),
    );
    const { persona, evidence } = assemblePersona(many, [older]);
    expect(persona.skills).toHaveLength(PERSONA_LIMITS.itemsPerList);
    expect(evidence.skills).toHaveLength(PERSONA_LIMITS.itemsPerList);
  });

  it("returns empty fields, not guesses, when nothing is supported", () => {
    const { persona } = assemblePersona([], [older]);
    expect(persona.name).toBeNull();
    expect(persona.traits).toEqual([]);
  });
});

describe("sameListItem", () => {
  it("merges containment and near-equal wording, not mere shared verbs", () => {
    expect(sameListItem("swimming", "open-water swimming")).toBe(true);
    expect(sameListItem("Cost of living", "cost-of-living")).toBe(true);
    expect(sameListItem("learn Python", "learn to fly")).toBe(false);
  });
});
