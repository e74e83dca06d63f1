/**
 * List items stated in German, French and Spanish, translated to English (persona values are English): each cue
 * phrase of german.ts and spanish.ts is a rule tagged with its language, run by the one rule loop.
 */
import type { PersonaField } from "../../../personas/schemas.ts";
import type { Candidate } from "../engine/candidate.ts";
import { patternCues } from "../engine/cues.ts";
import { type Language, type Rule, runRules } from "../engine/rules.ts";
import { BRACKETED_ASIDE, POINTING_HEAD, shorten, wordCount } from "../engine/text.ts";
import type { Unit } from "../engine/unit.ts";
import { type ForeignCue, foreignListItems, GERMAN_CUES, translateGerman } from "./german.ts";
import { SPANISH_CUES, translateSpanish } from "./spanish.ts";

function ruleOf(cue: ForeignCue, value: Rule["value"]): Rule {
  const { id, pattern, confidence, examples } = cue;
  const [field, name] = id.split("/") as [PersonaField, string];
  const language = name.slice(0, 2) as Language;
  // The cue is read off the pattern: the literal words every match holds.
  const cues = patternCues([pattern]);
  return { id, language, field, cue: cues, pattern, when: ["aboutSubject"], value, confidence, examples };
}

/** A German or French cue: the item translated word by word (a labelled list split into its items first). */
function germanRule(cue: ForeignCue): Rule {
  return ruleOf(cue, (match) => {
    const found = match[1];
    if (!found) return null;
    const parts = cue.list ? foreignListItems(found) : [found.replace(BRACKETED_ASIDE, " ")];
    return parts.map((part) => {
      const english = translateGerman(part.trim());
      const item = english ? shorten(english, 6) : null;
      return item && !POINTING_HEAD.test(item) ? item : null;
    });
  });
}

/** A Spanish cue: the phrase translated, when it stays short. */
function spanishRule(cue: ForeignCue): Rule {
  return ruleOf(cue, (match) => {
    const english = match[1] ? translateSpanish(match[1]) : null;
    return english && wordCount(english) <= 8 ? english : null;
  });
}

/** German and French rules, then Spanish ones: the order the engine has always read them in. */
export const FOREIGN_RULES: readonly Rule[] = [...GERMAN_CUES.map(germanRule), ...SPANISH_CUES.map(spanishRule)];

export function foreignCandidates(units: readonly Unit[]): Candidate[] {
  return runRules(FOREIGN_RULES, units);
}
