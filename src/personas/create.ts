import type { Ctx } from "../context.ts";
import { personas } from "../db/schema.ts";
import { withTransaction } from "../db/transaction.ts";
import { newId } from "../ids.ts";
import { type MaterialInput, type SynthesisOptions, synthesize } from "../synthesis/pipeline.ts";
import { diffPersonas } from "./diff.ts";
import { type PersonaResource, presentPersona } from "./present.ts";
import { emptyPersona } from "./schemas.ts";
import { insertSources, insertVersion, loadSources, searchVector } from "./store.ts";

/**
 * Builds a persona from the material and stores it as version 1 with its sources, in one transaction. `signal`
 * cancels the synthesis (nothing is stored then); `onProgress` follows it (async jobs, the CLI).
 */
export async function createPersona({
  ctx,
  input,
  signal,
  onProgress,
}: { ctx: Ctx; input: MaterialInput } & Pick<SynthesisOptions, "signal" | "onProgress">): Promise<PersonaResource> {
  const result = await synthesize(ctx, input, { signal, onProgress });
  onProgress?.({ stage: "storing", done: 0, total: 1 });
  const id = newId("persona");
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx) => {
    const [row] = await tx
      .insert(personas)
      .values({
        id,
        tenantId: ctx.tenantId,
        version: 1,
        persona: result.persona,
        evidence: result.evidence,
        warnings: result.warnings,
        usage: { ...result.usage },
        search: searchVector(result.persona),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await insertSources(tx, ctx.tenantId, id, result.sources, now);
    await insertVersion(tx, {
      tenantId: ctx.tenantId,
      personaId: id,
      version: 1,
      persona: result.persona,
      evidence: result.evidence,
      diff: diffPersonas(emptyPersona(), result.persona),
      cause: "create",
      sourceIds: result.sources.map((s) => s.id),
      createdAt: now,
    });
    if (!row) throw new Error("insert returned no row");
    return presentPersona(row, await loadSources(tx, ctx.tenantId, id));
  });
}
