import { createHash } from "node:crypto";
import type { Ctx } from "../context.ts";
import { personas } from "../db/schema.ts";
import { withTransaction } from "../db/transaction.ts";
import { AppError } from "../errors.ts";
import { newId } from "../ids.ts";
import { diffPersonas } from "./diff.ts";
import { type Decoded, FORMAT_LABELS, ImportError, type ImportFormat, READERS } from "./formats/index.ts";
import { type PersonaResource, presentPersona } from "./present.ts";
import {
  type Evidence,
  type EvidenceEntry,
  emptyEvidence,
  emptyPersona,
  LIST_FIELDS,
  PERSONA_LIMITS,
  Persona,
  SCALAR_FIELDS,
  type ScalarField,
} from "./schemas.ts";
import { insertSources, insertVersion, loadSources, type StoredSource, searchVector } from "./store.ts";

/** A file to import: its format and either a JSON value (the JSON formats) or the bytes (a card PNG). */
export interface ImportFile {
  format: ImportFormat;
  data: unknown;
}

const clipTo = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s);
const SCALAR_MAX: Record<ScalarField, number> = {
  name: PERSONA_LIMITS.scalarChars,
  age: 0,
  occupation: PERSONA_LIMITS.scalarChars,
  location: PERSONA_LIMITS.scalarChars,
  background: PERSONA_LIMITS.backgroundChars,
  communication_style: PERSONA_LIMITS.scalarChars,
};

/**
 * Fits what a file says into the persona's limits instead of refusing the file: long values are shortened (with
 * "…"), lists are cut to 50 items and de-duplicated, an age outside 0-130 is left out. Each change is a warning.
 */
function fitToLimits(raw: Partial<Persona>): { persona: Persona; warnings: string[] } {
  const persona = emptyPersona();
  const warnings: string[] = [];
  for (const field of SCALAR_FIELDS) {
    const value = raw[field];
    if (value === undefined || value === null) continue;
    if (field === "age") {
      if (typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= PERSONA_LIMITS.maxAge) {
        persona.age = value;
      } else
        warnings.push(
          `The age in the file (${String(value).slice(0, 20)}) is not a whole number of years from 0 to ${PERSONA_LIMITS.maxAge}; it was left out.`,
        );
      continue;
    }
    const text = String(value).trim();
    if (!text) continue;
    const max = SCALAR_MAX[field];
    if (text.length > max) warnings.push(`${field} was longer than ${max} characters and was shortened.`);
    persona[field] = clipTo(text, max);
  }
  for (const field of LIST_FIELDS) {
    const items = (raw[field] ?? []).map((i) => String(i).trim()).filter(Boolean);
    const unique = [...new Map(items.map((i) => [i.toLowerCase(), i])).values()];
    if (unique.length > PERSONA_LIMITS.itemsPerList) {
      warnings.push(`${field} had ${unique.length} items; the first ${PERSONA_LIMITS.itemsPerList} were kept.`);
    }
    const kept = unique.slice(0, PERSONA_LIMITS.itemsPerList);
    const long = kept.filter((i) => i.length > PERSONA_LIMITS.itemChars).length;
    if (long)
      warnings.push(
        `${long} ${field} item${long > 1 ? "s were" : " was"} longer than ${PERSONA_LIMITS.itemChars} characters and shortened.`,
      );
    persona[field] = kept.map((i) => clipTo(i, PERSONA_LIMITS.itemChars));
  }
  return { persona: Persona.parse(persona), warnings };
}

/**
 * The span of the file that says `value`: the value itself, or as JSON writes it (quotes and newlines escaped), or —
 * for a value the file holds in parts, or that was shortened — its longest leading part the file has.
 */
export function quoteIn(content: string, value: string): string {
  const clean = value.replace(/…$/, "");
  for (const form of [clean, JSON.stringify(clean).slice(1, -1)]) if (content.includes(form)) return form;
  const sentences = clean.split(/(?<=[.!?])\s+/);
  for (let n = sentences.length - 1; n > 0; n--) {
    const part = sentences.slice(0, n).join(" ");
    if (content.includes(part)) return part;
  }
  return clean;
}

function importedEvidence(persona: Persona, sourceId: string, content: string): Evidence {
  const entry = (value: string | number): EvidenceEntry[] => [
    { source_id: sourceId, quote: quoteIn(content, String(value)), kind: "imported" },
  ];
  const evidence = emptyEvidence();
  for (const field of SCALAR_FIELDS) {
    const value = persona[field];
    if (value !== null) evidence[field] = entry(value);
  }
  for (const field of LIST_FIELDS) evidence[field] = persona[field].map((item) => entry(item));
  return evidence;
}

/** Reads the file in its format; a file that is not what it claims to be is a 422 naming what is wrong. */
function decode(file: ImportFile) {
  try {
    return READERS[file.format](file.data);
  } catch (error) {
    if (error instanceof ImportError) {
      throw new AppError("validation_failed", error.message, {
        errors: [{ path: error.path, message: error.message }],
      });
    }
    throw error;
  }
}

/**
 * Creates a persona from a persona file (JSON, Character Card V2/V3 as JSON or PNG, TinyTroupe agent). Nothing is
 * synthesized: the values are the file's, each evidenced by a quote of the file (kind `imported`), and the file's
 * JSON is kept as the persona's source (kind `imported`), so where every value came from stays visible.
 */
export async function importPersona({ ctx, file }: { ctx: Ctx; file: ImportFile }): Promise<PersonaResource> {
  return storeImported({
    ctx,
    decoded: decode(file),
    label: FORMAT_LABELS[file.format],
    cause: `import:${file.format}`,
  });
}

/** Stores values read from a file (by an import or a compatibility route) as a new persona, version 1. */
export async function storeImported({
  ctx,
  decoded,
  label,
  cause,
}: {
  ctx: Ctx;
  decoded: Decoded;
  label: string;
  cause: string;
}): Promise<PersonaResource> {
  const { persona, warnings } = fitToLimits(decoded.persona);
  if (diffPersonas(emptyPersona(), persona).length === 0) {
    throw new AppError("validation_failed", "The file has no persona values to import (no name, no facts, no lists)", {
      errors: [{ path: "data", message: "no persona values" }],
    });
  }
  const text = JSON.stringify(decoded.document, null, 2);
  const source: StoredSource = {
    id: newId("source"),
    kind: "imported",
    title: `${label} import`,
    text,
    order: 0,
    chars: text.length,
    sha256: createHash("sha256").update(text).digest("hex"),
  };
  const evidence = importedEvidence(persona, source.id, text);
  const id = newId("persona");
  const now = ctx.clock.now();
  return withTransaction(ctx, async (tx) => {
    const [row] = await tx
      .insert(personas)
      .values({
        id,
        tenantId: ctx.tenantId,
        version: 1,
        persona,
        evidence,
        warnings,
        usage: null,
        search: searchVector(persona),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await insertSources(tx, ctx.tenantId, id, [source], now);
    await insertVersion(tx, {
      tenantId: ctx.tenantId,
      personaId: id,
      version: 1,
      persona,
      evidence,
      diff: diffPersonas(emptyPersona(), persona),
      cause,
      sourceIds: [source.id],
      createdAt: now,
    });
    if (!row) throw new Error("insert returned no row");
    return presentPersona(row, await loadSources(tx, ctx.tenantId, id));
  });
}
