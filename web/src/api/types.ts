/** Wire types of the public /v1 API (snake_case, as the server sends them). */

export const SCALAR_FIELDS = ["name", "age", "occupation", "location", "background", "communication_style"] as const;
export const LIST_FIELDS = ["traits", "interests", "skills", "values", "goals", "pain_points"] as const;
export const PERSONA_FIELDS = [...SCALAR_FIELDS, ...LIST_FIELDS] as const;

export type ScalarField = (typeof SCALAR_FIELDS)[number];
export type ListField = (typeof LIST_FIELDS)[number];
export type PersonaField = (typeof PERSONA_FIELDS)[number];

export const isListField = (field: string): field is ListField => (LIST_FIELDS as readonly string[]).includes(field);

export const FIELD_LABELS: Record<PersonaField, string> = {
  name: "Name",
  age: "Age",
  occupation: "Occupation",
  location: "Location",
  background: "Background",
  communication_style: "Communication style",
  traits: "Traits",
  interests: "Interests",
  skills: "Skills",
  values: "Values",
  goals: "Goals",
  pain_points: "Pain points",
};

export const fieldLabel = (field: string): string =>
  (FIELD_LABELS as Record<string, string>)[field] ?? field.replaceAll("_", " ");

export interface Persona {
  name: string | null;
  age: number | null;
  occupation: string | null;
  location: string | null;
  background: string | null;
  traits: string[];
  interests: string[];
  skills: string[];
  values: string[];
  goals: string[];
  pain_points: string[];
  communication_style: string | null;
}

export type EvidenceKind = "stated" | "inferred" | "imported";
export interface EvidenceEntry {
  source_id: string;
  quote: string;
  kind: EvidenceKind;
  /** Where the quote stands in its source's text, when the server recorded it. */
  start?: number;
  end?: number;
}

export type Evidence = { [F in ScalarField]: EvidenceEntry[] } & { [F in ListField]: EvidenceEntry[][] };

export interface SourceInfo {
  id: string;
  kind: "text" | "url" | "manual" | "imported";
  url?: string;
  title?: string;
  chars: number;
  sha256: string;
  /** The date the material is from (YYYY-MM-DD), when a dated header says so. */
  date?: string;
  fetched_at?: string;
  created_at: string;
}

export interface Usage {
  engine: "offline" | "llm";
  provider: string | null;
  model: string | null;
  llm_calls: number;
  input_tokens: number;
  output_tokens: number;
  duration_ms: number;
  cached?: boolean;
}

export interface PersonaResource {
  id: string;
  version: number;
  persona: Persona;
  evidence: Evidence;
  sources: SourceInfo[];
  warnings: string[];
  usage: Usage | null;
  created_at: string;
  updated_at: string;
}

export type Scalar = string | number;

export interface Conflict {
  /** The stored conflict, pending until resolved (see PersonaConflict). */
  id?: string;
  field: string;
  current: { value: Scalar; evidence: EvidenceEntry[] };
  incoming: { value: Scalar; evidence: EvidenceEntry[] };
  resolution: "current" | "incoming";
  rule: "recency" | "stated_beats_inferred" | "manual_value";
}

/** GET /v1/personas/{id}/conflicts: a clash a merge found, pending until the user resolves it. */
export interface PersonaConflict {
  id: string;
  persona_id: string;
  field: string;
  current: { value: Scalar; evidence: EvidenceEntry[] };
  proposed: { value: Scalar; evidence: EvidenceEntry[] };
  applied: "current" | "proposed";
  rule: "recency" | "stated_beats_inferred" | "manual_value";
  status: "pending" | "resolved" | "superseded";
  resolution: { action: ConflictAction; value: Scalar | null } | null;
  created_version: number;
  resolved_version: number | null;
  created_at: string;
  resolved_at: string | null;
}

export type ConflictAction = "keep_current" | "take_proposed" | "write";

export interface Changes {
  added: { field: string; value: Scalar; evidence: EvidenceEntry[] }[];
  updated: { field: string; from: Scalar; to: Scalar; evidence: EvidenceEntry[] }[];
  conflicts: Conflict[];
}

export interface PersonaWithChanges extends PersonaResource {
  changes?: Changes;
}

export interface PersonaListItem {
  id: string;
  version: number;
  name: string | null;
  occupation: string | null;
  location: string | null;
  persona: Persona;
  created_at: string;
  updated_at: string;
}

/** GET /v1/personas/{id}/sources/{source_id}. */
export interface SourceWithText extends SourceInfo {
  text: string;
}

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

export interface DiffEntry {
  field: string;
  op: "set" | "unset" | "replace" | "add_item" | "remove_item";
  from?: Scalar | null;
  to?: Scalar | null;
}

export interface VersionSummary {
  version: number;
  cause: string;
  diff: DiffEntry[];
  source_ids: string[];
  created_at: string;
}

export interface PersonaVersion extends VersionSummary {
  persona: Persona;
  evidence: Evidence;
  changes: Record<string, unknown> | null;
}
