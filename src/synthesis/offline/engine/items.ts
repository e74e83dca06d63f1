/**
 * What every list field shares: run the field's rule table and fold near-duplicate items into one; read the items
 * of a labelled note line ("Pain: X, Y") or a bullet under a heading; cut a list of items at its separators.
 * Whether a value reads as an item a person would write is checked once for all fields by the output pass
 * (`refine/items.ts`), after selection.
 */
import type { Candidate } from "./candidate.ts";
import { labelledText } from "./context.ts";
import { memo, newSet } from "./memo.ts";
import { type Place, type Rule, runRules } from "./rules.ts";
import { collapseNear } from "./select.ts";
import type { Unit } from "./unit.ts";

/** A list field's candidates: its rules over the units, near-duplicates folded. */
export function listCandidates(rules: readonly Rule[], units: readonly Unit[]): Candidate[] {
  return collapseNear(runRules(rules, units));
}

/** Reads the body of a "Label: ..." note line (or the line continuing it), for rules that take its items. */
export function labelled(label: RegExp): (unit: Unit, at: Place) => string | null {
  return (_unit, at) => labelledText(at.units, at.i, label);
}

/** WHOLE lives with the runner, which makes its match without running it; the field files take it from here. */
export { WHOLE } from "./rules.ts";

const WORD = /[\p{L}\d]+/gu;
/** Words too common to say two items name the same thing. */
const COMMON_WORDS = new Set("the a an of and to in on for with my our not no".split(" "));

function contentWords(value: string): Set<string> {
  return new Set((value.toLowerCase().match(WORD) ?? []).filter((w) => !COMMON_WORDS.has(w)));
}

/**
 * A lexicon word inside a phrase another rule already read from the same sentence ("the rent" in "the worst part is the
 * rent going up") is that item, not a second one: candidates of the lexicon rules are dropped when a candidate of
 * another rule on the same sentence shares a word with them, or (cover "sentence") whenever another rule read the
 * sentence: its words were parts of those items ("tinkering with the garden beds" is not also "gardening").
 */
export function dropCovered(
  candidates: readonly Candidate[],
  lexiconRules: ReadonlySet<string>,
  cover: "shared word" | "sentence" = "shared word",
): Candidate[] {
  const read = new Map<string, Set<string>>();
  for (const c of candidates) {
    if (lexiconRules.has(c.rule ?? "")) continue;
    const key = `${c.source.id}\u0000${c.position}`;
    const words = memo(read, key, newSet<string>);
    for (const w of contentWords(String(c.value))) words.add(w);
  }
  return candidates.filter((c) => {
    if (!lexiconRules.has(c.rule ?? "")) return true;
    const words = read.get(`${c.source.id}\u0000${c.position}`);
    if (words && cover === "sentence") return false;
    return !words || ![...contentWords(String(c.value))].some((w) => words.has(w));
  });
}
