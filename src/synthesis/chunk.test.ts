import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHARS_PER_TOKEN, chunkSource, estimateTokens, planExtraction } from "./chunk.ts";

const para = (n: number, words = 40) =>
  Array.from({ length: words }, (_, i) => `word${n}_${i}`)
    .join(" ")
    .concat(".");

describe("chunkSource", () => {
  it("keeps a source within budget as one piece", () => {
    const pieces = chunkSource({ id: "a", text: "Short text.\n\nTwo paragraphs." }, 100);
    expect(pieces).toHaveLength(1);
    expect(pieces[0]).toMatchObject({
      sourceId: "a",
      index: 0,
      total: 1,
      start: 0,
      text: "Short text.\n\nTwo paragraphs.",
    });
  });

  it("yields nothing for whitespace-only text", () => {
    expect(chunkSource({ id: "a", text: " \n\n\t " }, 10)).toEqual([]);
  });

  it("splits by paragraphs and packs them up to the budget", () => {
    const text = Array.from({ length: 10 }, (_, i) => para(i)).join("\n\n");
    const budget = 200; // 800 chars; each paragraph is ~400 chars
    const pieces = chunkSource({ id: "doc", text }, budget);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) {
      expect(piece.text.length).toBeLessThanOrEqual(budget * CHARS_PER_TOKEN);
      expect(text.slice(piece.start, piece.end)).toBe(piece.text);
      // Paragraph boundaries are respected: no piece starts mid-paragraph.
      expect(piece.text.startsWith("word")).toBe(true);
      expect(piece.total).toBe(pieces.length);
    }
  });

  it("splits an oversized paragraph by sentences, then by hard length", () => {
    const sentences = "This is one sentence that is quite long indeed. ".repeat(20).trim();
    const noSpaces = "x".repeat(1000);
    const text = `${sentences}\n\n${noSpaces}`;
    const pieces = chunkSource({ id: "s", text }, 25); // 100 chars
    for (const piece of pieces) {
      expect(piece.text.length).toBeLessThanOrEqual(100);
      expect(text.slice(piece.start, piece.end)).toBe(piece.text);
    }
    // Sentence pieces end at a full stop.
    expect(pieces[0]?.text.endsWith(".")).toBe(true);
    expect(pieces.filter((p) => /^x+$/.test(p.text)).map((p) => p.text.length)).toEqual(Array(10).fill(100));
  });

  it("never splits a surrogate pair", () => {
    const text = "😀".repeat(300);
    const pieces = chunkSource({ id: "e", text }, 25);
    expect(pieces.map((p) => p.text).join("")).toBe(text);
    for (const piece of pieces) expect(piece.text.length % 2).toBe(0);
  });

  it("pieces are in-budget verbatim slices that cover all non-space text (property)", () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.constantFrom("a", "b", " ", ".", "\n", "\n\n", "! ", "😀", "word "), { maxLength: 400 })
          .map((a) => a.join("")),
        fc.integer({ min: 1, max: 40 }),
        (text, budget) => {
          const pieces = chunkSource({ id: "p", text }, budget);
          let covered = 0;
          let previousEnd = 0;
          for (const piece of pieces) {
            expect(piece.text).toBe(text.slice(piece.start, piece.end));
            expect(piece.text.length).toBeLessThanOrEqual(Math.max(budget * CHARS_PER_TOKEN, 2));
            expect(piece.start).toBeGreaterThanOrEqual(previousEnd);
            // Only whitespace may be skipped between pieces.
            expect(text.slice(previousEnd, piece.start).trim()).toBe("");
            previousEnd = piece.end;
            covered += piece.text.replace(/\s/g, "").length;
          }
          expect(text.slice(previousEnd).trim()).toBe("");
          expect(covered).toBe(text.replace(/\s/g, "").length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("runs in linear time on pathological input", () => {
    const huge = [
      "a".repeat(2_000_000),
      `${"b. ".repeat(400_000)}`,
      `${"c\n\n".repeat(400_000)}`,
      `${"<".repeat(1_000_000)}`,
    ];
    for (const text of huge) {
      const started = performance.now();
      const pieces = chunkSource({ id: "big", text }, 4_000);
      expect(pieces.length).toBeGreaterThan(0);
      // Quadratic behaviour on these inputs takes minutes; the margin absorbs a busy CI machine.
      expect(performance.now() - started).toBeLessThan(10_000);
    }
  });
});

describe("planExtraction", () => {
  const source = (id: string, chars: number) => ({
    id,
    text: `${"lorem ipsum ".repeat(Math.ceil(chars / 12))}`.slice(0, chars),
  });

  it("puts everything that fits into one call", () => {
    const plan = planExtraction([source("a", 1000), source("b", 2000), source("c", 500)], {
      budgetTokens: 1000,
      maxCalls: 5,
    });
    expect(plan.batches).toHaveLength(1);
    expect(plan.batches[0]?.pieces.map((p) => p.sourceId)).toEqual(["a", "b", "c"]);
    expect(plan.skippedPieces).toBe(0);
  });

  it("packs pieces of several sources into as few calls as the budget allows", () => {
    const plan = planExtraction([source("a", 3000), source("b", 3000), source("c", 3000)], {
      budgetTokens: 1000, // 4000 chars
      maxCalls: 10,
    });
    expect(plan.batches).toHaveLength(3);
    for (const batch of plan.batches) expect(batch.tokens).toBeLessThanOrEqual(1000);
  });

  it("caps calls, reads round-robin across sources and reports what was skipped", () => {
    const plan = planExtraction([source("long", 400_000), source("short", 2_000)], { budgetTokens: 1000, maxCalls: 4 });
    expect(plan.batches.length).toBeLessThanOrEqual(4);
    const read = plan.batches.flatMap((b) => b.pieces);
    expect(read.some((p) => p.sourceId === "short")).toBe(true);
    expect(read.find((p) => p.sourceId === "long")?.index).toBe(0);
    expect(plan.skippedPieces).toBe(plan.totalPieces - read.length);
    expect(plan.skippedPieces).toBeGreaterThan(90);
    expect(plan.totalTokens).toBe(estimateTokens("x".repeat(400_000)) + estimateTokens("x".repeat(2_000)));
  });
});
