import type { Ctx } from "../context.ts";
import { type ConflictResource, pendingConflicts, presentConflict } from "./conflicts.ts";
import { loadPersona } from "./store.ts";

/** The persona's pending conflicts, oldest first; another tenant's persona is a 404. */
export async function listConflicts({ ctx, id }: { ctx: Ctx; id: string }): Promise<ConflictResource[]> {
  const persona = await loadPersona(ctx.database.db, ctx.tenantId, id);
  return (await pendingConflicts(ctx.database.db, ctx.tenantId, persona.id)).map(presentConflict);
}
