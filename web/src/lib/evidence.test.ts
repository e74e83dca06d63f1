import { describe, expect, it } from "vitest";
import type { Evidence, SourceInfo } from "../api/types.ts";
import {
  evidenceFor,
  excerptAround,
  locateQuote,
  provenanceOf,
  resolveEvidence,
  sourceLabels,
  strongestKind,
} from "./evidence.ts";

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
      source("src_6", "imported", { title: "maya.card.png" }),
    ];
    expect([...sourceLabels(sources).values()]).toEqual([
      "Pasted text 1",
      "example.com/about/maya",
      "Pasted text 2",
      "Manual edit",
      "Maya's blog",
      "Imported: maya.card.png",
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

describe("provenance badges", () => {
  const sources = [source("src_t", "text"), source("src_m", "manual"), source("src_i", "imported")];
  const entry = (source_id: string, kind: "stated" | "inferred" | "imported") => ({ source_id, quote: "q", kind });

  it("calls a hand edit 'edited' even though its evidence says stated", () => {
    expect(provenanceOf([entry("src_m", "stated")], sources)).toBe("edited");
  });

  it("calls imported evidence 'imported', by its kind or by its source", () => {
    expect(provenanceOf([entry("src_t", "imported")], sources)).toBe("imported");
    expect(provenanceOf([entry("src_i", "stated")], sources)).toBe("imported");
  });

  it("lets material that was read outrank an import and an edit", () => {
    expect(provenanceOf([entry("src_m", "stated"), entry("src_t", "inferred")], sources)).toBe("inferred");
    expect(provenanceOf([entry("src_i", "imported"), entry("src_t", "stated")], sources)).toBe("stated");
    expect(provenanceOf([], sources)).toBeUndefined();
  });
});

describe("finding a quote in its source", () => {
  const text = "Intro line.\nMy name is Maya Chen. I live in Denver.\nI live in Denver,   Colorado now.";

  it("uses the stored offsets when they hold the quote", () => {
    const second = text.lastIndexOf("I live in Denver");
    expect(locateQuote(text, { quote: "I live in Denver", start: second, end: second + 16 })).toEqual({
      start: second,
      end: second + 16,
    });
  });

  it("falls back to the first occurrence when offsets are absent or stale", () => {
    const first = text.indexOf("I live in Denver");
    expect(locateQuote(text, { quote: "I live in Denver" })).toEqual({ start: first, end: first + 16 });
    expect(locateQuote(text, { quote: "I live in Denver", start: 0, end: 16 })).toEqual({
      start: first,
      end: first + 16,
    });
    expect(locateQuote(text, { quote: "I live in Denver", start: 500, end: 900 })?.start).toBe(first);
  });

  it("matches across different white space and case, mapping back to the original offsets", () => {
    const span = locateQuote(text, { quote: "denver, colorado" });
    expect(span && text.slice(span.start, span.end)).toBe("Denver,   Colorado");
    expect(locateQuote(text, { quote: "name is\n maya" })).not.toBeNull();
  });

  it("answers null for a quote that is not there", () => {
    expect(locateQuote(text, { quote: "Boulder" })).toBeNull();
    expect(locateQuote(text, { quote: "" })).toBeNull();
  });

  it("cuts an excerpt around the quote at word boundaries", () => {
    const long = `${"alpha ".repeat(100)}the quote itself${" omega".repeat(100)}`;
    const span = locateQuote(long, { quote: "the quote itself" });
    expect(span).not.toBeNull();
    const excerpt = excerptAround(long, span ?? { start: 0, end: 0 }, 40);
    expect(excerpt.quote).toBe("the quote itself");
    expect(excerpt.cutBefore && excerpt.cutAfter).toBe(true);
    expect(excerpt.before.startsWith("alpha")).toBe(true);
    expect(excerpt.after.endsWith("omega")).toBe(true);
    expect(excerpt.before.length).toBeLessThanOrEqual(40);
    const whole = excerptAround("just the quote itself", { start: 9, end: 21 }, 40);
    expect(whole).toMatchObject({ before: "just the ", cutBefore: false, cutAfter: false });
  });
});
