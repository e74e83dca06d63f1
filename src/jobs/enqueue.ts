import type { Ctx } from "../context.ts";
import { newId } from "../ids.ts";
import { loadPersona } from "../personas/store.ts";
import { checkIfMatch } from "../personas/update.ts";
import type { MaterialInput } from "../synthesis/pipeline.ts";
import { presentJob } from "./get.ts";
import type { Job } from "./schemas.ts";

/** `POST /v1/personas` with `Prefer: respond-async`: the job that will create the persona, queued. */
export async function enqueueCreate({ ctx, input }: { ctx: Ctx; input: MaterialInput }): Promise<Job> {
  const row = await ctx.jobs.enqueue(ctx, { kind: "create", personaId: newId("persona"), input });
  return presentJob(ctx, row);
}

/**
 * A material `PATCH` with `Prefer: respond-async`. An unknown persona (404) or a stale `If-Match` (412) answers now,
 * as the synchronous request would; `If-Match` is checked again when the job merges, against the version then.
 */
export async function enqueueMerge({
  ctx,
  id,
  input,
  ifMatch,
}: {
  ctx: Ctx;
  id: string;
  input: MaterialInput;
  ifMatch: string | undefined;
}): Promise<Job> {
  const persona = await loadPersona(ctx.database.db, ctx.tenantId, id);
  checkIfMatch(persona, ifMatch);
  const row = await ctx.jobs.enqueue(ctx, { kind: "merge", personaId: persona.id, input, ifMatch });
  return presentJob(ctx, row);
}
