import type { Ctx } from "../context.ts";
import { type PersonaResource, presentPersona } from "./present.ts";
import { loadPersona, loadSources } from "./store.ts";

export async function getPersona({ ctx, id }: { ctx: Ctx; id: string }): Promise<PersonaResource> {
  const row = await loadPersona(ctx.database.db, ctx.tenantId, id);
  return presentPersona(row, await loadSources(ctx.database.db, ctx.tenantId, id));
}
