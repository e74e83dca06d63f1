import type { Ctx } from "../context.ts";
import { newId } from "../ids.ts";
import { type MaterialInput, type SynthesisOptions, synthesize } from "../synthesis/pipeline.ts";
import { diffPersonas } from "./diff.ts";
import type { PersonaResource } from "./present.ts";
import { emptyPersona } from "./schemas.ts";
import { insertNewPersona } from "./store.ts";

/**
 * Builds a persona from the material and stores it as version 1 with its sources, in one statement (which also
 * keeps a new LLM extraction in the extraction cache). `signal` cancels the synthesis (nothing is stored then);
 * `onProgress` follows it (async jobs, the CLI).
 */
export async function createPersona({
  ctx,
  input,
  id = newId("persona"),
  signal,
  onProgress,
}: {
  ctx: Ctx;
  input: MaterialInput;
  /** Chosen ahead by an async job, so a retried job stores the same persona rather than a second one. */
  id?: string;
} & Pick<SynthesisOptions, "signal" | "onProgress">): Promise<PersonaResource> {
  const result = await synthesize(ctx, input, { signal, onProgress, keepCacheEntry: true });
  onProgress?.({ stage: "storing", done: 0, total: 1 });
  return insertNewPersona(ctx.database, {
    id,
    tenantId: ctx.tenantId,
    persona: result.persona,
    evidence: result.evidence,
    warnings: result.warnings,
    usage: { ...result.usage },
    sources: result.sources,
    diff: diffPersonas(emptyPersona(), result.persona),
    cause: "create",
    at: ctx.clock.now(),
    cacheEntry: result.cacheEntry,
  });
}
