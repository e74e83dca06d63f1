import { AppError } from "../errors.ts";
import type { PreparedSource } from "../synthesis/pipeline.ts";
import type { ConflictRow } from "./conflicts.ts";
import { applyFieldPatch } from "./edit.ts";
import type { PersonaDoc } from "./merge.ts";
import { type ConflictAction, isScalarField, Persona } from "./schemas.ts";

/**
 * The persona after the user's choice for a conflict: the value it held before the merge or the value the material
 * proposed, each with its own evidence, or a value the user writes (evidenced by a manual source, like any edit).
 */
export function resolveConflict(
  current: PersonaDoc,
  conflict: ConflictRow,
  action: ConflictAction,
  value: unknown,
): { doc: PersonaDoc; source?: PreparedSource } {
  if (conflict.status !== "pending") {
    const why =
      conflict.status === "resolved" ? "was already resolved" : `was replaced by a newer conflict on ${conflict.field}`;
    throw new AppError("conflict_not_pending", `Conflict ${conflict.id} ${why}; nothing was changed`);
  }
  const { field } = conflict;
  if (!isScalarField(field)) throw new Error(`conflict ${conflict.id} on a field that is not a scalar: ${field}`);
  if (action === "write") {
    if (value === undefined || value === null) {
      throw new AppError("validation_failed", "Writing another value needs the value", {
        errors: [{ path: "value", message: `the value for ${field}` }],
      });
    }
    return applyFieldPatch(current, { [field]: value }, 0);
  }
  const side = action === "keep_current" ? conflict.current : conflict.proposed;
  const persona = Persona.safeParse({ ...current.persona, [field]: side.value });
  if (!persona.success) {
    throw new AppError(
      "validation_failed",
      `The ${action === "keep_current" ? "current" : "proposed"} value no longer fits ${field}`,
      {
        errors: persona.error.issues.map((i) => ({ path: i.path.join("/"), message: i.message })),
      },
    );
  }
  const evidence = structuredClone(current.evidence);
  evidence[field] = side.evidence;
  return { doc: { persona: persona.data, evidence } };
}
