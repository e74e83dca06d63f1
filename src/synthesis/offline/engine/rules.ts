/**
 * Rules as data: one rule is one object (id, field, cheap pre-check, pattern, named conditions, value, confidence,
 * and examples it must and must not fire on), and `runRules` is the one loop that applies a table of them to units.
 * A candidate records the id of the rule that made it, so the eval can report hits and precision per rule.
 */
import type { EvidenceKind, PersonaField } from "../../../personas/schemas.ts";
import { type Candidate, fromUnit } from "./candidate.ts";
import { isQuestion } from "./context.ts";
import { isAboutSubject, isSelf, type Unit } from "./unit.ts";

/** The shared set of conditions a rule may name; each reads only the unit. */
export const CONDITIONS = {
  /** The subject speaks about themself ("I", "my"). */
  self: isSelf,
  /** The unit is about the subject, in the first or third person. */
  aboutSubject: isAboutSubject,
  /** A statement, not a question put to the subject. */
  statement: (unit: Unit) => !isQuestion(unit),
} satisfies Record<string, (unit: Unit) => boolean>;

export type Condition = keyof typeof CONDITIONS;

export interface Rule {
  /** Stable id, "<field>/<name>"; reported by the eval. */
  id: string;
  field: PersonaField;
  /** Cheap pre-check: the rule runs only when the lowercased unit contains one of these strings. */
  cue: readonly string[];
  /** Not global: the rule reads the first match of a unit. */
  pattern: RegExp;
  /** All must hold for the unit. */
  when: readonly Condition[];
  /** The value the match states; null when the match turns out not to state one. */
  value: (match: RegExpExecArray) => string | null;
  confidence: number;
  kind?: EvidenceKind;
  /** Sentences by the subject that the rule must fire on (with the value it must give) and must not fire on. */
  examples: { fires: readonly (readonly [text: string, value: string])[]; silent: readonly string[] };
}

/** Applies the rules to one unit: the first value of each rule whose cue, conditions and pattern all hold. */
export function applyRules(rules: readonly Rule[], unit: Unit, lower = unit.text.toLowerCase()): Candidate[] {
  const out: Candidate[] = [];
  for (const rule of rules) {
    if (!rule.cue.some((cue) => lower.includes(cue))) continue;
    if (!rule.when.every((name) => CONDITIONS[name](unit))) continue;
    const match = rule.pattern.exec(unit.text);
    const value = match ? rule.value(match) : null;
    if (value === null || value === "") continue;
    out.push({ ...fromUnit(unit, rule.field, value, rule.confidence, rule.kind ?? "stated"), rule: rule.id });
  }
  return out;
}

/** The one rule loop: every rule over every unit, each unit lowercased once for the pre-checks. */
export function runRules(rules: readonly Rule[], units: readonly Unit[]): Candidate[] {
  const out: Candidate[] = [];
  for (const unit of units) out.push(...applyRules(rules, unit));
  return out;
}
