import { describe, expect, it } from "vitest";
import { diffPersonas } from "./diff.ts";
import { mergePersonaDocs, type PersonaDoc } from "./merge.ts";
import { type EvidenceKind, emptyEvidence, emptyPersona } from "./schemas.ts";

const ev = (source: string, quote: string, kind: EvidenceKind = "stated") => [{ source_id: source, quote, kind }];

function doc(partial: Partial<PersonaDoc["persona"]>, source: string, kind: EvidenceKind = "stated"): PersonaDoc {
  const persona = { ...emptyPersona(), ...partial };
  const evidence = emptyEvidence();
  for (const [field, value] of Object.entries(partial)) {
    if (Array.isArray(value))
      (evidence as Record<string, unknown>)[field] = value.map((v) => ev(source, String(v), kind));
    else if (value !== null) (evidence as Record<string, unknown>)[field] = ev(source, String(value), kind);
  }
  return { persona, evidence };
}

describe("mergePersonaDocs", () => {
  it("fills empty fields and reports them as added", () => {
    const { doc: merged, changes } = mergePersonaDocs(
      doc({ name: "Ana" }, "s1"),
      doc({ age: 30, skills: ["Excel"] }, "s2"),
    );
    expect(merged.persona).toMatchObject({ name: "Ana", age: 30, skills: ["Excel"] });
    expect(changes.added.map((a) => [a.field, a.value])).toEqual([
      ["age", 30],
      ["skills", "Excel"],
    ]);
    expect(changes.conflicts).toEqual([]);
  });

  it("lets newer material win a scalar clash and records both values and both sources", () => {
    const { doc: merged, changes } = mergePersonaDocs(
      doc({ location: "Denver" }, "s1"),
      doc({ location: "Boulder" }, "s2"),
    );
    expect(merged.persona.location).toBe("Boulder");
    expect(merged.evidence.location).toEqual(ev("s2", "Boulder"));
    expect(changes.conflicts).toEqual([
      {
        field: "location",
        current: { value: "Denver", evidence: ev("s1", "Denver") },
        incoming: { value: "Boulder", evidence: ev("s2", "Boulder") },
        resolution: "incoming",
        rule: "recency",
      },
    ]);
    expect(changes.updated).toMatchObject([{ field: "location", from: "Denver", to: "Boulder" }]);
  });

  it("keeps a stated value against a merely inferred one, still reporting the conflict", () => {
    const { doc: merged, changes } = mergePersonaDocs(
      doc({ communication_style: "formal" }, "s1", "stated"),
      doc({ communication_style: "casual" }, "s2", "inferred"),
    );
    expect(merged.persona.communication_style).toBe("formal");
    expect(changes.conflicts[0]).toMatchObject({ resolution: "current", rule: "stated_beats_inferred" });
    expect(changes.updated).toEqual([]);
  });

  it("treats a more specific value as a refinement, not a clash", () => {
    const { doc: merged, changes } = mergePersonaDocs(
      doc({ location: "Manchester" }, "s1"),
      doc({ location: "Manchester, UK" }, "s2"),
    );
    expect(merged.persona.location).toBe("Manchester, UK");
    expect(changes.conflicts).toEqual([]);
    expect(changes.updated).toHaveLength(1);
  });

  it("pools evidence for equal values without reporting a change", () => {
    const { doc: merged, changes } = mergePersonaDocs(
      doc({ name: "Ana Ruiz" }, "s1"),
      doc({ name: "ana  ruiz" }, "s2"),
    );
    expect(merged.persona.name).toBe("Ana Ruiz");
    expect(merged.evidence.name.map((e) => e.source_id)).toEqual(["s1", "s2"]);
    expect(changes).toEqual({ added: [], updated: [], conflicts: [] });
  });

  it("unions lists, folding near-duplicates into the existing item with pooled evidence", () => {
    const { doc: merged, changes } = mergePersonaDocs(
      doc({ interests: ["open-water swimming", "cooking"] }, "s1"),
      doc({ interests: ["swimming open water", "chess"] }, "s2"),
    );
    expect(merged.persona.interests).toEqual(["open-water swimming", "cooking", "chess"]);
    expect(merged.evidence.interests[0]?.map((e) => e.source_id)).toEqual(["s1", "s2"]);
    expect(merged.evidence.interests[2]).toEqual(ev("s2", "chess"));
    expect(changes.added.map((a) => a.value)).toEqual(["chess"]);
  });

  it("does not change its inputs", () => {
    const current = doc({ name: "Ana", traits: ["kind"] }, "s1");
    const snapshot = structuredClone(current);
    mergePersonaDocs(current, doc({ name: "Bea", traits: ["bold"] }, "s2"));
    expect(current).toEqual(snapshot);
  });
});

describe("diffPersonas", () => {
  it("lists set, replaced, unset scalars and added/removed list items", () => {
    const before = { ...emptyPersona(), name: "Ana", age: 30, traits: ["kind", "shy"] };
    const after = { ...emptyPersona(), name: "Ana B", location: "Lima", traits: ["Kind", "bold"] };
    expect(diffPersonas(before, after)).toEqual([
      { field: "name", op: "replace", from: "Ana", to: "Ana B" },
      { field: "age", op: "unset", from: 30 },
      { field: "location", op: "set", to: "Lima" },
      { field: "traits", op: "remove_item", from: "shy" },
      { field: "traits", op: "add_item", to: "bold" },
    ]);
  });

  describe("scalars by the date of their material", () => {
    const day = (iso: string) => Date.parse(iso);
    const times: Record<string, number> = {
      tickets: day("2024-09-02"),
      interview: day("2024-03-14"),
      undatedAddedJanuary: day("2024-01-20T10:00:00Z"),
      undatedAddedNow: day("2025-02-01T09:00:00Z"),
      sameDay: day("2024-09-02"),
    };
    const materialTime = (id: string) => times[id];

    it("keeps the newer value when older material arrives after it", () => {
      const { doc: merged, changes } = mergePersonaDocs(
        doc({ occupation: "support lead" }, "tickets"),
        doc({ occupation: "support agent" }, "interview"),
        { materialTime },
      );
      expect(merged.persona.occupation).toBe("support lead");
      expect(merged.evidence.occupation).toEqual(ev("tickets", "support lead"));
      expect(changes.conflicts).toMatchObject([{ field: "occupation", resolution: "current", rule: "recency" }]);
      expect(changes.updated).toEqual([]);
    });

    it("lets newer material win when it arrives last", () => {
      const { doc: merged } = mergePersonaDocs(
        doc({ occupation: "support agent" }, "interview"),
        doc({ occupation: "support lead" }, "tickets"),
        { materialTime },
      );
      expect(merged.persona.occupation).toBe("support lead");
    });

    it("counts undated material as of when it was added", () => {
      // Undated material added in January is older than tickets dated September...
      const older = mergePersonaDocs(
        doc({ location: "Leeds" }, "tickets"),
        doc({ location: "York" }, "undatedAddedJanuary"),
        { materialTime },
      );
      expect(older.doc.persona.location).toBe("Leeds");
      // ...and undated material added now is newer than both.
      const newer = mergePersonaDocs(
        doc({ location: "Leeds" }, "tickets"),
        doc({ location: "York" }, "undatedAddedNow"),
        {
          materialTime,
        },
      );
      expect(newer.doc.persona.location).toBe("York");
    });

    it("gives a tie in dates to the material that arrived last", () => {
      const { doc: merged, changes } = mergePersonaDocs(
        doc({ location: "Leeds" }, "tickets"),
        doc({ location: "York" }, "sameDay"),
        { materialTime },
      );
      expect(merged.persona.location).toBe("York");
      expect(changes.conflicts).toMatchObject([{ resolution: "incoming", rule: "recency" }]);
    });

    it("dates a value by the newest source that says it", () => {
      const current = doc({ occupation: "support agent" }, "interview");
      current.evidence.occupation.push(...ev("tickets", "still a support agent"));
      const { doc: merged } = mergePersonaDocs(current, doc({ occupation: "team lead" }, "undatedAddedJanuary"), {
        materialTime,
      });
      expect(merged.persona.occupation).toBe("support agent");
    });

    it("still keeps a stated value against an inferred one from newer material", () => {
      const { doc: merged, changes } = mergePersonaDocs(
        doc({ occupation: "nurse" }, "interview", "stated"),
        doc({ occupation: "doctor" }, "tickets", "inferred"),
        { materialTime },
      );
      expect(merged.persona.occupation).toBe("nurse");
      expect(changes.conflicts[0]).toMatchObject({ resolution: "current", rule: "stated_beats_inferred" });
    });
  });
});
