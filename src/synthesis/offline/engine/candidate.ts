/** A rule's proposal before selection: field, value, quote, where it sits, and the rule that made it. */
import type { EvidenceKind, PersonaField } from "../../../personas/schemas.ts";
import type { CleanSource } from "../../types.ts";
import type { Unit } from "./unit.ts";

/** A rule's proposal before selection; becomes a Claim. */
export interface Candidate {
  field: PersonaField;
  value: string | number;
  quote: string;
  source: CleanSource;
  kind: EvidenceKind;
  confidence: number;
  /** When the unit's source had a date above it; used to let newer statements win. */
  date: number | null;
  position: number;
  /** Id of the rule that proposed it ("pain_points/labelled"); the eval reports hits and precision per rule. */
  rule?: string;
}

export function fromUnit(
  unit: Unit,
  field: PersonaField,
  value: string | number,
  confidence: number,
  kind: EvidenceKind = "stated",
): Candidate {
  return {
    field,
    value,
    quote: unit.text,
    source: unit.source,
    kind,
    confidence,
    date: unit.date,
    position: unit.source.order * 1_000_000 + unit.index,
  };
}
