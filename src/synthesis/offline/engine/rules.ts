/**
 * Rules as data: one rule is one object (id, field, cheap pre-check, pattern, named conditions, value, confidence,
 * and examples it must and must not fire on), and `runRules` is the one loop that applies a table of them to units.
 * A candidate records the id of the rule that made it, so the eval can report hits and precision per rule.
 */
import type { EvidenceKind, PersonaField } from "../../../personas/schemas.ts";
import { type Candidate, fromUnit } from "./candidate.ts";
import { isQuestion } from "./context.ts";
import { CueSet } from "./cues.ts";
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
  /**
   * Cheap pre-check: the rule runs only when the lowercased unit contains one of these strings (lowercase them; all
   * cues of a table are found in one scan per unit, so a cue costs nothing on units without it).
   */
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

/** A table's cue pre-checks compiled once: one scan of a unit finds every rule whose cue occurs in it. */
const compiled = new WeakMap<readonly Rule[], CueSet>();

function cueSetOf(rules: readonly Rule[]): CueSet {
  let cues = compiled.get(rules);
  if (cues === undefined) {
    cues = new CueSet(rules.map((rule) => rule.cue));
    compiled.set(rules, cues);
  }
  return cues;
}

/** The lowercased text of a unit, computed once however many rule tables read it. */
const lowered = new WeakMap<Unit, string>();

export function lowerText(unit: Unit): string {
  let lower = lowered.get(unit);
  if (lower === undefined) {
    lower = unit.text.toLowerCase();
    lowered.set(unit, lower);
  }
  return lower;
}

/**
 * Applies the rules to one unit: the first value of each rule whose cue, conditions and pattern all hold, in table
 * order. Only the rules whose cue occurs are looked at, so a table's cost per unit does not grow with its size.
 */
export function applyRules(rules: readonly Rule[], unit: Unit, lower = lowerText(unit)): Candidate[] {
  const out: Candidate[] = [];
  for (const index of cueSetOf(rules).hits(lower)) {
    const rule = rules[index];
    if (rule === undefined || !rule.when.every((name) => CONDITIONS[name](unit))) continue;
    const match = rule.pattern.exec(unit.text);
    const value = match ? rule.value(match) : null;
    if (value === null || value === "") continue;
    out.push({ ...fromUnit(unit, rule.field, value, rule.confidence, rule.kind ?? "stated"), rule: rule.id });
  }
  return out;
}

/** The one rule loop: every rule over every unit, each unit lowercased and scanned for cues once per table. */
export function runRules(rules: readonly Rule[], units: readonly Unit[]): Candidate[] {
  const out: Candidate[] = [];
  for (const unit of units) for (const candidate of applyRules(rules, unit)) out.push(candidate);
  return out;
}
