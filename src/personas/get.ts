import type { Ctx } from "../context.ts";
import type { PersonaResource } from "./present.ts";
import { readPersonaResource } from "./store.ts";

export function getPersona({ ctx, id }: { ctx: Ctx; id: string }): Promise<PersonaResource> {
  return readPersonaResource(ctx.database, ctx.tenantId, id);
}
