import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { personas } from "../../db/schema.ts";
import { AppError } from "../../errors.ts";

/** Every linked persona must be one of the tenant's; unknown ids are a 422 naming each (another tenant's included). */
export async function checkPersonaLinks(db: DbOrTx, tenantId: string, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const found = await db
    .select({ id: personas.id })
    .from(personas)
    .where(and(eq(personas.tenantId, tenantId), inArray(personas.id, unique)));
  const known = new Set(found.map((r) => r.id));
  const missing = unique.filter((id) => !known.has(id));
  if (missing.length > 0) {
    throw new AppError("validation_failed", "Some linked personas do not exist", {
      errors: missing.map((id) => ({ path: `persona_ids/${ids.indexOf(id)}`, message: "no such persona" })),
    });
  }
  return unique;
}
