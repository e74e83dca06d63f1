/**
 * Stored conflicts: a merge that finds a persona's value and the new material's value disagree records both, applies
 * its rule, and keeps the conflict pending until the user resolves it. A newer conflict on the same field supersedes
 * an older pending one (its "current" side is no longer what the persona holds).
 */
import { z } from "@hono/zod-openapi";
import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../db/client.ts";
import { personaConflicts } from "../db/schema.ts";
import { notFound } from "../errors.ts";
import { newId } from "../ids.ts";
import type { Conflict } from "./merge.ts";
import { ConflictResolution, ConflictSide } from "./schemas.ts";

export const ConflictResource = z
  .object({
    id: z.string(),
    persona_id: z.string(),
    field: z.string(),
    /** The value the persona held before the merge. */
    current: ConflictSide,
    /** The value the new material proposed. */
    proposed: ConflictSide,
    /** Which of the two the merge left in the persona. */
    applied: z.enum(["current", "proposed"]),
    rule: z.enum(["recency", "stated_beats_inferred", "manual_value"]),
    status: z.enum(["pending", "resolved", "superseded"]),
    // A union rather than .nullable(): that would make the shared ConflictResolution schema itself nullable.
    resolution: z.union([ConflictResolution, z.null()]),
    /** The version the merge made, and the version the resolution made. */
    created_version: z.number().int(),
    resolved_version: z.number().int().nullable(),
    created_at: z.string(),
    resolved_at: z.string().nullable(),
  })
  .openapi("PersonaConflict");
export type ConflictResource = z.infer<typeof ConflictResource>;

export type ConflictRow = typeof personaConflicts.$inferSelect;

export function presentConflict(row: ConflictRow): ConflictResource {
  return {
    id: row.id,
    persona_id: row.personaId,
    field: row.field,
    current: row.current,
    proposed: row.proposed,
    applied: row.applied,
    rule: ConflictResource.shape.rule.parse(row.rule),
    status: row.status,
    resolution: row.resolution ?? null,
    created_version: row.createdVersion,
    resolved_version: row.resolvedVersion ?? null,
    created_at: row.createdAt.toISOString(),
    resolved_at: row.resolvedAt?.toISOString() ?? null,
  };
}

/**
 * Stores a merge's conflicts as pending (superseding older pending ones on the same fields) and gives each its id,
 * so the merge's `changes` can name them.
 */
export async function recordConflicts(
  tx: DbOrTx,
  scope: { tenantId: string; personaId: string; version: number; at: Date },
  conflicts: Conflict[],
): Promise<void> {
  if (conflicts.length === 0) return;
  const pendingOfPersona = and(
    eq(personaConflicts.tenantId, scope.tenantId),
    eq(personaConflicts.personaId, scope.personaId),
    eq(personaConflicts.status, "pending"),
  );
  for (const field of new Set(conflicts.map((c) => c.field))) {
    await tx
      .update(personaConflicts)
      .set({ status: "superseded", resolvedAt: scope.at })
      .where(and(pendingOfPersona, eq(personaConflicts.field, field)));
  }
  for (const conflict of conflicts) conflict.id = newId("conflict");
  await tx.insert(personaConflicts).values(
    conflicts.map((conflict) => ({
      id: conflict.id ?? newId("conflict"),
      tenantId: scope.tenantId,
      personaId: scope.personaId,
      field: conflict.field,
      current: conflict.current,
      proposed: conflict.incoming,
      applied: conflict.resolution === "incoming" ? ("proposed" as const) : ("current" as const),
      rule: conflict.rule,
      createdVersion: scope.version,
      createdAt: scope.at,
    })),
  );
}

/** One conflict of the persona, locked for the resolution; 404 when it is not this tenant's and persona's. */
export async function loadConflictForUpdate(
  tx: DbOrTx,
  tenantId: string,
  personaId: string,
  conflictId: string,
): Promise<ConflictRow> {
  const [row] = await tx
    .select()
    .from(personaConflicts)
    .where(
      and(
        eq(personaConflicts.tenantId, tenantId),
        eq(personaConflicts.personaId, personaId),
        eq(personaConflicts.id, conflictId),
      ),
    )
    .for("update");
  if (!row) throw notFound("Conflict");
  return row;
}

export async function markResolved(
  tx: DbOrTx,
  row: ConflictRow,
  resolution: ConflictResolution,
  version: number,
  at: Date,
): Promise<ConflictRow> {
  const [updated] = await tx
    .update(personaConflicts)
    .set({ status: "resolved", resolution, resolvedVersion: version, resolvedAt: at })
    .where(and(eq(personaConflicts.tenantId, row.tenantId), eq(personaConflicts.id, row.id)))
    .returning();
  if (!updated) throw new Error("conflict update returned no row");
  return updated;
}

export async function pendingConflicts(tx: DbOrTx, tenantId: string, personaId: string): Promise<ConflictRow[]> {
  return tx
    .select()
    .from(personaConflicts)
    .where(
      and(
        eq(personaConflicts.tenantId, tenantId),
        eq(personaConflicts.personaId, personaId),
        eq(personaConflicts.status, "pending"),
      ),
    )
    .orderBy(asc(personaConflicts.createdAt), asc(personaConflicts.id));
}
