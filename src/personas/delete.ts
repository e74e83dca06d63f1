import { and, eq } from "drizzle-orm";
import type { Ctx } from "../context.ts";
import { personas } from "../db/schema.ts";
import { withTransaction } from "../db/transaction.ts";
import { notFound } from "../errors.ts";
import { isId } from "../ids.ts";

/** Deletes the persona; its versions and sources go with it (ON DELETE CASCADE). */
export async function deletePersona({ ctx, id }: { ctx: Ctx; id: string }): Promise<void> {
  if (!isId("persona", id)) throw notFound("Persona");
  const deleted = await withTransaction(ctx, (tx) =>
    tx
      .delete(personas)
      .where(and(eq(personas.tenantId, ctx.tenantId), eq(personas.id, id)))
      .returning({ id: personas.id }),
  );
  if (deleted.length === 0) throw notFound("Persona");
}
