/**
 * Skills the occupation found implies ("ICU nurse" -> ICU nursing): rules whose pattern reads the occupation, with
 * the subject's first sentence naming it as evidence (skillCandidates in skills.ts picks that sentence).
 */
import { fieldRule, type Place, type Rule } from "../engine/rules.ts";
import type { Unit } from "../engine/unit.ts";

/** The subject's sentence naming the occupation found (its last word): the evidence of a skill the occupation implies. */
export function namesOccupation(unit: Unit, at: Place): boolean {
  if (!at.occupation) return false;
  const word = at.occupation.toLowerCase().split(" ").pop() ?? "\u0000";
  return unit.text.toLowerCase().includes(word);
}

const theOccupation = (_unit: Unit, at: Place) => at.occupation ?? null;

/** Sentences a nursing rule must not read: one that does not name the occupation, one about someone else. */
const NURSE_SILENT = [
  ["I've been a teacher for ten years.", { occupation: "ICU nurse" }],
  ["My sister is an ICU nurse.", { occupation: "ICU nurse", topic: "other" }],
] as const;

/** A skill the occupation implies: the pattern reads the occupation, not the sentence, which is only the evidence. */
const occupationRule = (name: string, pattern: RegExp, value: Rule["value"], examples: Rule["examples"]): Rule =>
  fieldRule("skills", name, {
    cue: "always",
    pattern,
    read: theOccupation,
    when: ["aboutSubject", namesOccupation],
    value,
    confidence: 0.5,
    kind: "inferred",
    examples,
  });

export const OCCUPATION_SKILL_RULES: readonly Rule[] = [
  occupationRule(
    "occupation-nursing",
    /\b((?:ICU|A&E|critical care|intensive care|paediatric|pediatric|theatre|district|mental health)\s+)?nurse\b/i,
    (m) => `${m[1] ?? ""}nursing`.trim(),
    {
      fires: [
        ["I've been an ICU nurse for ten years.", "ICU nursing", { occupation: "ICU nurse" }],
        ["I work nights as a nurse.", "nursing", { occupation: "nurse" }],
      ],
      silent: NURSE_SILENT,
    },
  ),
  occupationRule("occupation-midwifery", /\bmidwife\b/i, () => "midwifery", {
    fires: [["Dina here, midwife, Quito.", "midwifery", { occupation: "midwife" }]],
    silent: [
      ["Dina here, teacher, Quito.", { occupation: "midwife" }],
      ["My aunt works as a midwife.", { occupation: "midwife", topic: "other" }],
    ],
  }),
];
