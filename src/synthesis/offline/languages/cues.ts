/** List items stated in Spanish, German and French, translated to English. */
import { type Candidate, fromUnit } from "../engine/candidate.ts";
import { owned } from "../engine/context.ts";
import { CueSet } from "../engine/cues.ts";
import { lowerText } from "../engine/rules.ts";
import { POINTING_HEAD, shorten, wordCount } from "../engine/text.ts";
import type { Unit } from "../engine/unit.ts";
import { VALUE_PHRASE_WORDS } from "../lexicon/values.ts";
import { type ForeignCue, foreignListItems, GERMAN_CUES, translateGerman } from "./german.ts";
import { SPANISH_CUES, translateSpanish } from "./spanish.ts";

const BRACKETED_ASIDE = /\([^)]*\)?/g;

/** Each table's cue pre-checks in one automaton: a unit is scanned once, and only cued patterns run. */
const germanCues = new CueSet(GERMAN_CUES.map((c) => c.cue));
const spanishCues = new CueSet(SPANISH_CUES.map((c) => c.cue));

/** The cues of a table whose pre-check holds for a text, in table order. */
function cued(table: readonly ForeignCue[], cues: CueSet, lower: string): ForeignCue[] {
  return cues.hits(lower).map((k) => table[k] as ForeignCue);
}

/** Cue phrases in Spanish, German and French, with the item translated to English (persona values are English). */
export function foreignCandidates(units: readonly Unit[]): Candidate[] {
  const out: Candidate[] = [];
  for (const unit of units) {
    if (!owned(unit)) continue;
    const lower = lowerText(unit);
    // German and French snippets in the same way ("Was mich wahnsinnig macht: Ersatzteile").
    for (const cue of cued(GERMAN_CUES, germanCues, lower)) {
      const m = cue.pattern.exec(unit.text);
      if (!m?.[1]) continue;
      // "repariert statt weggeschmissen" already reads as a named value.
      if (cue.field === "values" && VALUE_PHRASE_WORDS.some(([pattern]) => pattern.test(unit.text))) continue;
      const parts = cue.list ? foreignListItems(m[1]) : [m[1].replace(BRACKETED_ASIDE, " ")];
      for (const part of parts) {
        const english = translateGerman(part.trim());
        const item = english ? shorten(english, 6) : null;
        if (item && !POINTING_HEAD.test(item)) out.push(fromUnit(unit, cue.field, item, cue.confidence));
      }
    }
    for (const cue of cued(SPANISH_CUES, spanishCues, lower)) {
      const m = cue.pattern.exec(unit.text);
      const english = m?.[1] ? translateSpanish(m[1]) : null;
      if (english && wordCount(english) <= 8) out.push(fromUnit(unit, cue.field, english, cue.confidence));
    }
  }
  return out;
}
