/** A unit is one sentence of a source with who says it and who it is about; rules read units, attribution makes them. */
import type { CleanSource } from "../../types.ts";

export type Party = "subject" | "other" | "unknown";

export interface Unit {
  source: CleanSource;
  /** Verbatim sentence (a substring of source.text). */
  text: string;
  /** The verbatim line the sentence came from (without speaker label). */
  line: string;
  /** Who "I"/"my"/"we" refers to in this unit. */
  speaker: Party;
  /** Who the sentence is about (its grammatical subject, or the block/speaker when implicit). */
  topic: Party;
  firstPerson: boolean;
  /** Inside quotation marks in a third-person document: the subject's own words. */
  quoted: boolean;
  /** Timestamp (ms) of the nearest date above this unit in its source, when any. */
  date: number | null;
  /** Lowercased heading of the block the unit sits in ("her goals (her words)", "frustrations"). */
  section: string;
  /** The latest question put to the subject before this unit (interview, survey, Q&A). */
  question: string;
  /** How the topic was decided: an explicit first-person/name/pronoun subject, or implied by the block. */
  topicBy: "first" | "name" | "pronoun" | "implicit";
  /** Header-like "Label: value" line (e.g. "Requester: Ana Ruiz"). */
  label: string | null;
  index: number;
}

/** Units whose "I" is the subject. */
export function isSelf(unit: Unit): boolean {
  return unit.speaker === "subject" && unit.topic !== "other";
}

/** Units about the subject, in the first or third person. */
export function isAboutSubject(unit: Unit): boolean {
  return unit.topic === "subject" || (unit.speaker === "subject" && unit.topic !== "other");
}

export function notAboutOther(unit: Unit): boolean {
  return unit.topic !== "other";
}

export function subjectTopic(unit: Unit): boolean {
  return unit.topic === "subject";
}

/** The subject in the first person, or a sentence that names or points at them (not an implicit block topic). */
export function explicitSubject(unit: Unit): boolean {
  return isSelf(unit) || (unit.topic === "subject" && unit.topicBy !== "implicit");
}

/** A bio names the subject (or "she") as the sentence's subject, rather than a note line implied about them. */
export function topicNamed(unit: Unit): boolean {
  return unit.topicBy !== "implicit";
}

/** The subject by name ("Ilse is 44"), not by a pronoun or the block a line sits in. */
export function namedSubject(unit: Unit): boolean {
  return unit.topic === "subject" && unit.topicBy === "name";
}

/** A third-person sentence that names or points at the subject (not a note line implied about them). */
export function explicitThird(unit: Unit): boolean {
  return unit.topic === "subject" && !unit.firstPerson && unit.topicBy !== "implicit";
}
