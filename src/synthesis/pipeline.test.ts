/**
 * Where synthesis runs its CPU-bound steps: small text is cleaned, and its LLM claims assembled, on the event loop
 * (INLINE_MAX_CHARS); anything larger, any page and the offline engine's extraction go to the pool. The pool here
 * records each task it is given and runs the real task functions (worker.ts) in this thread, so the persona is the
 * same either way and the test sees which steps were handed off.
 */
import { describe, expect, it } from "vitest";
import type { Ctx } from "../context.ts";
import { INLINE_MAX_CHARS, INLINE_MAX_CLAIMS, type MaterialInput, synthesize } from "./pipeline.ts";
import type { JobScope, SynthesisPool } from "./pool.ts";
import type { Progress } from "./progress.ts";
import type { Claim, CleanSource, Extractor } from "./types.ts";
import { assemble, prepare } from "./worker.ts";

const NOTE = "I'm Priya Raman, a logistics coordinator in Pune.";

/** An LLM extractor that claims the name from the first source, `extra` times more as interests (without a cache). */
function extractor(extra = 0): Extractor {
  return {
    engine: "llm",
    extract: async (sources: CleanSource[]) => {
      const id = sources[0]?.id ?? "";
      const claims: Claim[] = [
        { field: "name", value: "Priya Raman", source_id: id, quote: "Priya Raman", kind: "stated" },
      ];
      for (let i = 0; i < extra; i++) {
        claims.push({ field: "interests", value: "logistics", source_id: id, quote: "logistics", kind: "stated" });
      }
      return {
        claims,
        warnings: [],
        usage: { engine: "llm", provider: "test", model: "test", llm_calls: 1, input_tokens: 1, output_tokens: 1 },
      };
    },
  };
}

function recordingCtx(llm: Extractor | undefined) {
  const handedOff: string[] = [];
  const run: JobScope["run"] = async (name, task) => {
    handedOff.push(name);
    if (name === "prepare") return prepare(task as Parameters<typeof prepare>[0]);
    if (name === "assemble") return assemble(task as Parameters<typeof assemble>[0]);
    throw new Error(`unexpected task ${name}`);
  };
  const pool = {
    job: (work: (scope: JobScope) => Promise<unknown>) => work({ signal: new AbortController().signal, run }),
  };
  // synthesize reads only these services for text material from an extractor without a model description (no cache).
  const ctx = { pool: pool as unknown as SynthesisPool, extractors: { llm } } as unknown as Ctx;
  return { ctx, handedOff };
}

const texts = (...texts: string[]): MaterialInput => ({ texts, urls: [] });

describe("synthesis: which steps leave the event loop", () => {
  it("cleans and assembles small text with LLM claims on the event loop, with the same progress", async () => {
    const { ctx, handedOff } = recordingCtx(extractor());
    const progress: Progress[] = [];
    const result = await synthesize(
      ctx,
      { ...texts(`  ${NOTE}\u200b  `), engine: "llm" },
      {
        onProgress: (p) => progress.push(p),
      },
    );
    expect(handedOff).toEqual([]);
    expect(result.sources.map((s) => s.text)).toEqual([NOTE]);
    expect(result.sources[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.persona.name).toBe("Priya Raman");
    expect(result.evidence.name[0]?.quote).toBe("Priya Raman");
    expect(progress.map((p) => p.stage)).toEqual(["cleaning", "assembling"]);
  });

  it("gives the same persona and sources as the pool's tasks", async () => {
    const small = await synthesize(recordingCtx(extractor()).ctx, { ...texts(NOTE), engine: "llm" });
    const pooled = recordingCtx(extractor());
    const large = await synthesize(pooled.ctx, { ...texts(NOTE, "x".repeat(INLINE_MAX_CHARS)), engine: "llm" });
    expect(pooled.handedOff).toEqual(["prepare", "assemble"]);
    expect(large.persona).toEqual(small.persona);
    expect(large.sources[0]).toMatchObject({ text: NOTE, sha256: small.sources[0]?.sha256 });
  });

  it("hands text over INLINE_MAX_CHARS in total to the pool, both to clean and to assemble", async () => {
    const { ctx, handedOff } = recordingCtx(extractor());
    const half = "y".repeat(INLINE_MAX_CHARS / 2);
    await synthesize(ctx, { ...texts(NOTE, half, half), engine: "llm" });
    expect(handedOff).toEqual(["prepare", "assemble"]);
  });

  it("hands more than INLINE_MAX_CLAIMS claims to the pool to assemble, even on small text", async () => {
    const { ctx, handedOff } = recordingCtx(extractor(INLINE_MAX_CLAIMS));
    const result = await synthesize(ctx, { ...texts(NOTE), engine: "llm" });
    expect(handedOff).toEqual(["assemble"]);
    expect(result.persona.interests).toEqual(["logistics"]);
  });

  it("counts the claims' quotes and values towards the size assembled on the event loop", async () => {
    const long = extractor();
    const base = long.extract.bind(long);
    const padded: Extractor = {
      engine: "llm",
      extract: async (sources) => {
        const result = await base(sources);
        const value = "z".repeat(INLINE_MAX_CHARS);
        return { ...result, claims: [...result.claims, { ...(result.claims[0] as Claim), value }] };
      },
    };
    const { ctx, handedOff } = recordingCtx(padded);
    await synthesize(ctx, { ...texts(NOTE), engine: "llm" });
    expect(handedOff).toEqual(["assemble"]);
  });

  it("still extracts offline in the pool, after cleaning small text on the event loop", async () => {
    const { ctx, handedOff } = recordingCtx(undefined);
    const result = await synthesize(ctx, texts(NOTE));
    expect(handedOff).toEqual(["assemble"]);
    expect(result.usage.engine).toBe("offline");
  });

  it("cleans nothing once the job is cancelled", async () => {
    const { ctx } = recordingCtx(extractor());
    const cancelled = AbortSignal.abort(new Error("gone"));
    const pool = {
      job: (work: (scope: JobScope) => Promise<unknown>) =>
        work({ signal: cancelled, run: () => Promise.reject(new Error("no task expected")) }),
    };
    await expect(
      synthesize({ ...ctx, pool: pool as unknown as SynthesisPool }, { ...texts(NOTE), engine: "llm" }),
    ).rejects.toThrow("gone");
  });
});
