/**
 * The offline engine alone, in this thread: cleaned text in, claims out (no pool, no store, no budget), at 10k and
 * 1,000,000 words. Figures are ratios to the 10k run (per word: near 1 means linear) and to a plain tokenising pass
 * over the same text (every word matched once): what the engine costs per word beyond reading it.
 */
import { cleanText } from "../src/synthesis/clean.ts";
import { extractOffline } from "../src/synthesis/extract-offline.ts";
import { material } from "./pipeline.ts";

/** The bare baseline: one pass that finds every word of the text (what any text processing pays at least). */
function tokenise(text: string): number {
  let words = 0;
  for (const _ of text.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu)) words += 1;
  return words;
}

function timed<T>(run: () => T): { ms: number; result: T } {
  const started = performance.now();
  const result = run();
  return { ms: performance.now() - started, result };
}

export async function benchOffline(): Promise<void> {
  console.log("offline engine (cleaned text -> claims, in-process)");
  // Warm-up: JIT compilation and lazily built tables are not per-word work.
  extractOffline([{ id: "S1", kind: "text", text: cleanText(material(2_000)), order: 0 }]);
  let baseline = 0;
  for (const words of [10_000, 1_000_000]) {
    const text = cleanText(material(words));
    const tokens = timed(() => tokenise(text));
    const engine = timed(() => extractOffline([{ id: "S1", kind: "text", text, order: 0 }]));
    const perKWords = engine.ms / (words / 1000);
    if (!baseline) baseline = perKWords;
    console.log(
      `  ${words.toLocaleString("en-US").padStart(9)} words: ${engine.ms.toFixed(0).padStart(6)} ms ` +
        `(x${(perKWords / baseline).toFixed(2)} of the 10k run per word, ` +
        `x${(engine.ms / tokens.ms).toFixed(1)} of a tokenising pass: ${tokens.ms.toFixed(0)} ms), ` +
        `${engine.result.claims.length} claims`,
    );
  }
}
