import { createHash } from "node:crypto";
import { AppError } from "../errors.ts";
import { newId } from "../ids.ts";
import { normalizeText } from "../synthesis/normalize.ts";
import type { PreparedSource } from "../synthesis/pipeline.ts";
import type { PersonaDoc } from "./merge.ts";
import {
  type EvidenceEntry,
  isListField,
  isScalarField,
  LIST_FIELDS,
  PERSONA_FIELDS,
  Persona,
  SCALAR_FIELDS,
} from "./schemas.ts";

/**
 * Applies an RFC 7396 merge patch to the persona's fields. `null` clears a field (a list becomes []), arrays replace
 * arrays. Edited values are evidenced by a `manual` source that records the edit; untouched list items keep theirs.
 */
export function applyFieldPatch(
  current: PersonaDoc,
  patch: unknown,
  order: number,
): { doc: PersonaDoc; source: PreparedSource } {
  if (patch === null || typeof patch !== "object" || Array.isArray(patch)) {
    throw new AppError("validation_failed", "A merge patch must be a JSON object of persona fields", {
      errors: [{ path: "", message: "expected an object" }],
    });
  }
  const entries = Object.entries(patch);
  const unknown = entries.filter(([key]) => !(PERSONA_FIELDS as readonly string[]).includes(key));
  if (unknown.length > 0) {
    throw new AppError("validation_failed", "The patch names fields a persona does not have", {
      errors: unknown.map(([key]) => ({ path: key, message: `unknown field; allowed: ${PERSONA_FIELDS.join(", ")}` })),
    });
  }
  if (entries.length === 0) {
    throw new AppError("validation_failed", "The patch changes nothing", {
      errors: [{ path: "", message: "name at least one field" }],
    });
  }
  const next: Record<string, unknown> = { ...current.persona };
  for (const [key, value] of entries) {
    next[key] = value === null ? (isListField(key) ? [] : null) : value;
  }
  const parsed = Persona.safeParse(next);
  if (!parsed.success) {
    throw new AppError("validation_failed", "The patched persona is not valid", {
      errors: parsed.error.issues.map((i) => ({ path: i.path.join("/"), message: i.message })),
    });
  }
  const persona = parsed.data;

  const lines: string[] = [];
  for (const [key] of entries) {
    if (isScalarField(key) && persona[key] !== null) lines.push(`${key}: ${persona[key]}`);
    if (isListField(key)) for (const item of persona[key]) lines.push(`${key}: ${item}`);
  }
  const text = lines.join("\n");
  const source: PreparedSource = {
    id: newId("source"),
    kind: "manual",
    text,
    order,
    chars: text.length,
    sha256: createHash("sha256").update(text).digest("hex"),
  };
  const manual = (value: string | number): EvidenceEntry[] => [
    { source_id: source.id, quote: String(value), kind: "stated" },
  ];

  const evidence = structuredClone(current.evidence);
  const touched = new Set(entries.map(([key]) => key));
  for (const field of SCALAR_FIELDS) {
    if (!touched.has(field)) continue;
    const value = persona[field];
    evidence[field] = value === null ? [] : manual(value);
  }
  for (const field of LIST_FIELDS) {
    if (!touched.has(field)) continue;
    const before = new Map(
      current.persona[field].map((item, i) => [normalizeText(item), current.evidence[field][i] ?? []]),
    );
    evidence[field] = persona[field].map((item) => before.get(normalizeText(item)) ?? manual(item));
  }
  return { doc: { persona, evidence }, source };
}
