import { describe, expect, it } from "vitest";
import type { Evidence, SourceInfo } from "../api/types.ts";
import { evidenceFor, resolveEvidence, sourceLabels, strongestKind } from "./evidence.ts";

const evidence: Evidence = {
  name: [{ source_id: "src_1", quote: "I am Maya Chen", kind: "stated" }],
  age: [],
  occupation: [],
  location: [],
  background: [],
  communication_style: [],
  traits: [[{ source_id: "src_1", quote: "I stay calm", kind: "inferred" }], []],
  interests: [],
  skills: [],
  values: [],
  goals: [],
  pain_points: [],
};

const source = (id: string, kind: SourceInfo["kind"], extra: Partial<SourceInfo> = {}): SourceInfo => ({
  id,
  kind,
  chars: 10,
  sha256: "x",
  created_at: "2024-01-01T00:00:00Z",
  ...extra,
});

describe("evidence lookup", () => {
  it("finds scalar entries and list entries by item index", () => {
    expect(evidenceFor(evidence, "name")).toHaveLength(1);
    expect(evidenceFor(evidence, "traits", 0)[0]?.quote).toBe("I stay calm");
    expect(evidenceFor(evidence, "traits", 1)).toEqual([]);
  });

  it("answers [] for a misaligned index instead of throwing", () => {
    expect(evidenceFor(evidence, "traits", 9)).toEqual([]);
    expect(evidenceFor(evidence, "traits")).toHaveLength(1);
  });

  it("names sources for people and resolves entries to them", () => {
    const sources = [
      source("src_1", "text"),
      source("src_2", "url", { url: "https://example.com/about/maya" }),
      source("src_3", "text"),
      source("src_4", "manual"),
      source("src_5", "url", { url: "https://example.org/", title: "Maya's blog" }),
    ];
    expect([...sourceLabels(sources).values()]).toEqual([
      "Pasted text 1",
      "example.com/about/maya",
      "Pasted text 2",
      "Manual edit",
      "Maya's blog",
    ]);
    const [resolved] = resolveEvidence(evidence.name, sources);
    expect(resolved?.sourceLabel).toBe("Pasted text 1");
    expect(resolveEvidence([{ source_id: "gone", quote: "q", kind: "stated" }], sources)[0]?.sourceLabel).toBe(
      "Unknown source",
    );
  });

  it("stated wins over inferred", () => {
    expect(strongestKind([])).toBeUndefined();
    expect(strongestKind(evidence.traits[0] ?? [])).toBe("inferred");
    expect(strongestKind([...evidence.name, ...(evidence.traits[0] ?? [])])).toBe("stated");
  });
});
