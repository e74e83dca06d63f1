/** The persona API as the web app reads it: field names and labels, and the wire types (generated). */
import type * as Api from "../../../src/client/schema.ts";

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

/** The wire types, generated from the server's OpenAPI document (src/client/schema.ts): never mirrored by hand. */
export type Persona = Api.Persona;
export type EvidenceEntry = Api.EvidenceEntry;
export type EvidenceKind = EvidenceEntry["kind"];
export type Evidence = Api.Evidence;
export type SourceInfo = Api.Source;
export type Usage = NonNullable<Api.Usage>;
export type PersonaResource = Api.PersonaResource;
export type Conflict = Api.Conflict;
export type Changes = Api.Changes;
export type PersonaWithChanges = Api.PersonaWithChanges;
export type PersonaListItem = JsonOf<Api.operations["listPersonas"]>["data"][number];
export type SourceWithText = Api.SourceWithText;
export type DiffEntry = Api.DiffEntry;
export type VersionSummary = Api.VersionSummary;
export type PersonaVersion = Api.PersonaVersion;
/** GET /v1/personas/{id}/conflicts: a clash a merge found, pending until the user resolves it. */
export type PersonaConflict = JsonOf<Api.operations["listPersonaConflicts"]>["data"][number];
export type ConflictAction = NonNullable<PersonaConflict["resolution"]>["action"];

/** The JSON an operation answers with 200. */
export type JsonOf<Op extends { responses: { 200: { content: { "application/json": unknown } } } }> =
  Op["responses"][200]["content"]["application/json"];

/** A value as the persona shows it (a scalar field, or one item of a list). */
export type Scalar = string | number;

/** A page of a list route. */
export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}
