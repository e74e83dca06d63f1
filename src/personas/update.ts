import { and, eq } from "drizzle-orm";
import type { Ctx } from "../context.ts";
import type { Tx } from "../db/client.ts";
import { personas } from "../db/schema.ts";
import { withTransaction } from "../db/transaction.ts";
import { AppError } from "../errors.ts";
import { type MaterialInput, type PreparedSource, type SynthesisOptions, synthesize } from "../synthesis/pipeline.ts";
import {
  type ConflictResource,
  type ConflictRow,
  loadConflictForUpdate,
  markResolved,
  presentConflict,
  recordConflicts,
} from "./conflicts.ts";
import { diffPersonas } from "./diff.ts";
import { applyFieldPatch } from "./edit.ts";
import { type Changes, mergePersonaDocs, type PersonaDoc } from "./merge.ts";
import { etagOf, type PersonaResource, presentPersona } from "./present.ts";
import { resolveConflict } from "./resolve-conflict.ts";
import type { ConflictAction, ScalarField, SourceInfo } from "./schemas.ts";
import { insertSources, insertVersion, loadPersona, loadSources, type PersonaRow, searchVector } from "./store.ts";
import { loadVersion } from "./versions.ts";

export type PersonaUpdate =
  | { kind: "fields"; patch: unknown }
  | { kind: "material"; input: MaterialInput }
  | { kind: "restore"; version: number }
  | { kind: "resolve"; conflictId: string; action: ConflictAction; value?: unknown };

/** Work that must commit with the new version or not at all (an async job records its outcome in it). */
export type OnStored = (tx: Tx, result: UpdateResult) => Promise<void>;

export interface UpdateResult {
  resource: PersonaResource;
  changes?: Changes;
  /** The conflict a resolution resolved. */
  conflict?: ConflictResource;
}

export function checkIfMatch(row: PersonaRow, ifMatch: string | undefined): void {
  if (ifMatch === undefined || ifMatch.trim() === "*") return;
  const tags = ifMatch.split(",").map((t) => t.trim().replace(/^W\//, ""));
  if (!tags.includes(etagOf(row))) {
    throw new AppError(
      "precondition_failed",
      `The persona changed since you read it: it is now at version ${row.version} (ETag ${etagOf(row)})`,
    );
  }
}

/** Material undated by its own text counts as of when it was added: stored sources then, new ones now. */
function materialTimes(
  stored: readonly SourceInfo[],
  added: readonly PreparedSource[],
  now: Date,
): (sourceId: string) => number | undefined {
  const times = new Map<string, number>();
  for (const source of stored) times.set(source.id, Date.parse(source.date ?? source.created_at));
  for (const source of added) times.set(source.id, source.date ? Date.parse(source.date) : now.getTime());
  return (sourceId) => {
    const time = times.get(sourceId);
    return time === undefined || Number.isNaN(time) ? undefined : time;
  };
}

/**
 * Every update is a new immutable version: direct field edits (merge patch), new material merged in, or a restore of
 * an old version. `If-Match` guards against lost updates.
 */
export async function updatePersona({
  ctx,
  id,
  update,
  ifMatch,
  signal,
  onProgress,
  onStored,
}: {
  ctx: Ctx;
  id: string;
  update: PersonaUpdate;
  ifMatch?: string | undefined;
  /** Runs in the version's transaction, after it is written: both land or neither does. */
  onStored?: OnStored | undefined;
} & Pick<SynthesisOptions, "signal" | "onProgress">): Promise<UpdateResult> {
  // Fail fast (404, 412) before the slow part: synthesis runs outside the transaction.
  const before = await loadPersona(ctx.database.db, ctx.tenantId, id);
  checkIfMatch(before, ifMatch);
  const synthesized =
    update.kind === "material"
      ? await synthesize(ctx, update.input, { existing: before.persona, signal, onProgress })
      : undefined;
  if (synthesized) onProgress?.({ stage: "storing", done: 0, total: 1 });

  return withTransaction(ctx, async (tx) => {
    const row = await loadPersona(tx, ctx.tenantId, id, { forUpdate: true });
    checkIfMatch(row, ifMatch);
    const current: PersonaDoc = { persona: row.persona, evidence: row.evidence };
    const now = ctx.clock.now();

    let next: PersonaDoc;
    let newSources: PreparedSource[] = [];
    let changes: Changes | undefined;
    let cause: string;
    let warnings = row.warnings;
    let usage = row.usage;
    let conflict: ConflictRow | undefined;
    if (update.kind === "resolve") {
      conflict = await loadConflictForUpdate(tx, ctx.tenantId, id, update.conflictId);
      const resolved = resolveConflict(current, conflict, update.action, update.value);
      next = resolved.doc;
      newSources = resolved.source ? [resolved.source] : [];
      cause = `resolve:${conflict.id}:${update.action}`;
    } else if (update.kind === "fields") {
      const edited = applyFieldPatch(current, update.patch, 0);
      next = edited.doc;
      newSources = [edited.source];
      cause = "edit";
    } else if (update.kind === "restore") {
      const old = await loadVersion(tx, ctx.tenantId, id, update.version);
      next = { persona: old.persona, evidence: old.evidence };
      cause = `restore:${update.version}`;
    } else {
      if (!synthesized) throw new Error("material update without synthesis");
      const known = await loadSources(tx, ctx.tenantId, id);
      const manual = new Set(known.filter((s) => s.kind === "manual").map((s) => s.id));
      const merged = mergePersonaDocs(current, synthesized, {
        equivalences: synthesized.equivalences,
        materialTime: materialTimes(known, synthesized.sources, now),
        isManual: (sourceId) => manual.has(sourceId),
      });
      next = merged.doc;
      changes = merged.changes;
      newSources = synthesized.sources;
      cause = "merge";
      warnings = synthesized.warnings;
      usage = { ...synthesized.usage };
    }

    const version = row.version + 1;
    const [updated] = await tx
      .update(personas)
      .set({
        version,
        persona: next.persona,
        evidence: next.evidence,
        warnings,
        usage,
        search: searchVector(next.persona),
        updatedAt: now,
      })
      .where(and(eq(personas.tenantId, ctx.tenantId), eq(personas.id, id)))
      .returning();
    await insertSources(tx, ctx.tenantId, id, newSources, now);
    await insertVersion(tx, {
      tenantId: ctx.tenantId,
      personaId: id,
      version,
      persona: next.persona,
      evidence: next.evidence,
      diff: diffPersonas(current.persona, next.persona),
      cause,
      changes,
      sourceIds: newSources.map((s) => s.id),
      createdAt: now,
    });
    if (!updated) throw new Error("update returned no row");
    if (changes)
      await recordConflicts(tx, { tenantId: ctx.tenantId, personaId: id, version, at: now }, changes.conflicts);
    const resource = presentPersona(updated, await loadSources(tx, ctx.tenantId, id));
    let result: UpdateResult = changes ? { resource, changes } : { resource };
    if (conflict && update.kind === "resolve") {
      const resolution = { action: update.action, value: next.persona[conflict.field as ScalarField] };
      result = { resource, conflict: presentConflict(await markResolved(tx, conflict, resolution, version, now)) };
    }
    await onStored?.(tx, result);
    return result;
  });
}
