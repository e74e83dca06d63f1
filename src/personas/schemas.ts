import { z } from "@hono/zod-openapi";

/** Scalar persona fields: a value or null when the sources do not support one. */
export const SCALAR_FIELDS = ["name", "age", "occupation", "location", "background", "communication_style"] as const;
/** List persona fields: short items, [] when the sources do not support any. */
export const LIST_FIELDS = ["traits", "interests", "skills", "values", "goals", "pain_points"] as const;
export const PERSONA_FIELDS = [...SCALAR_FIELDS, ...LIST_FIELDS] as const;

export type ScalarField = (typeof SCALAR_FIELDS)[number];
export type ListField = (typeof LIST_FIELDS)[number];
export type PersonaField = (typeof PERSONA_FIELDS)[number];

export const isListField = (field: string): field is ListField => (LIST_FIELDS as readonly string[]).includes(field);
export const isScalarField = (field: string): field is ScalarField =>
  (SCALAR_FIELDS as readonly string[]).includes(field);

/** Limits on persona values; enforced on extraction output and on direct edits. */
export const PERSONA_LIMITS = {
  scalarChars: 300,
  backgroundChars: 2_000,
  itemChars: 200,
  itemsPerList: 50,
  maxAge: 130,
} as const;

const ShortText = z.string().trim().min(1).max(PERSONA_LIMITS.scalarChars);
const ListItems = z.array(z.string().trim().min(1).max(PERSONA_LIMITS.itemChars)).max(PERSONA_LIMITS.itemsPerList);

export const Persona = z
  .object({
    name: ShortText.nullable(),
    age: z.number().int().min(0).max(PERSONA_LIMITS.maxAge).nullable(),
    occupation: ShortText.nullable(),
    location: ShortText.nullable(),
    background: z.string().trim().min(1).max(PERSONA_LIMITS.backgroundChars).nullable(),
    traits: ListItems,
    interests: ListItems,
    skills: ListItems,
    values: ListItems,
    goals: ListItems,
    pain_points: ListItems,
    communication_style: ShortText.nullable(),
  })
  .strict()
  .openapi("Persona");
export type Persona = z.infer<typeof Persona>;

/** What extraction may say of a value it read from a source. */
export const EvidenceKind = z.enum(["stated", "inferred"]);
export type EvidenceKind = z.infer<typeof EvidenceKind>;

/** Stored evidence adds `imported`: the value came from a persona file (another tool's format), quoted from it. */
export const StoredEvidenceKind = z.enum(["stated", "inferred", "imported"]);
export type StoredEvidenceKind = z.infer<typeof StoredEvidenceKind>;

export const EvidenceEntry = z
  .object({
    source_id: z.string(),
    /** A verbatim span of the cleaned source text (aligned and copied from the source by code). */
    quote: z.string(),
    /** Offsets of the quote in the source's cleaned text: `text.slice(start, end) === quote` (absent on older data). */
    start: z.number().int().min(0).optional(),
    end: z.number().int().min(0).optional(),
    kind: StoredEvidenceKind,
  })
  .openapi("EvidenceEntry");
export type EvidenceEntry = z.infer<typeof EvidenceEntry>;

/** One side of a conflict: a scalar value with the evidence behind it. */
export const ConflictSide = z
  .object({ value: z.union([z.string(), z.number()]), evidence: z.array(EvidenceEntry) })
  .openapi("ConflictSide");
export type ConflictSide = z.infer<typeof ConflictSide>;

/** What the user chose for a conflict: the value the persona held, the one the material proposed, or their own. */
export const ConflictAction = z.enum(["keep_current", "take_proposed", "write"]);
export type ConflictAction = z.infer<typeof ConflictAction>;

export const ConflictResolution = z
  .object({ action: ConflictAction, value: z.union([z.string(), z.number()]).nullable() })
  .openapi("ConflictResolution");
export type ConflictResolution = z.infer<typeof ConflictResolution>;

/**
 * Evidence per field. Scalars map to a list of entries; list fields map to one list of entries per item,
 * aligned by index with the persona's list (evidence.traits[i] supports persona.traits[i]).
 */
export const Evidence = z
  .object({
    name: z.array(EvidenceEntry),
    age: z.array(EvidenceEntry),
    occupation: z.array(EvidenceEntry),
    location: z.array(EvidenceEntry),
    background: z.array(EvidenceEntry),
    communication_style: z.array(EvidenceEntry),
    traits: z.array(z.array(EvidenceEntry)),
    interests: z.array(z.array(EvidenceEntry)),
    skills: z.array(z.array(EvidenceEntry)),
    values: z.array(z.array(EvidenceEntry)),
    goals: z.array(z.array(EvidenceEntry)),
    pain_points: z.array(z.array(EvidenceEntry)),
  })
  .openapi("Evidence");
export type Evidence = z.infer<typeof Evidence>;

/**
 * Where material came from. `manual` marks a direct edit through a merge patch: its evidence quotes the edit itself.
 * `imported` is a persona file that was imported (JSON, Character Card, TinyTroupe agent): its content is the file's JSON.
 */
export const SourceKind = z.enum(["text", "url", "manual", "imported"]);
export type SourceKind = z.infer<typeof SourceKind>;

export const SourceInfo = z
  .object({
    id: z.string(),
    kind: SourceKind,
    url: z.string().optional(),
    title: z.string().optional(),
    chars: z.number().int(),
    sha256: z.string(),
    /** The date the material is from, when a dated header says so (YYYY-MM-DD); newer material wins clashes. */
    date: z.string().optional(),
    fetched_at: z.string().optional(),
    created_at: z.string(),
  })
  .openapi("Source");
export type SourceInfo = z.infer<typeof SourceInfo>;

export function emptyPersona(): Persona {
  return {
    name: null,
    age: null,
    occupation: null,
    location: null,
    background: null,
    traits: [],
    interests: [],
    skills: [],
    values: [],
    goals: [],
    pain_points: [],
    communication_style: null,
  };
}

export function emptyEvidence(): Evidence {
  return {
    name: [],
    age: [],
    occupation: [],
    location: [],
    background: [],
    communication_style: [],
    traits: [],
    interests: [],
    skills: [],
    values: [],
    goals: [],
    pain_points: [],
  };
}
