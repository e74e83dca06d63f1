/**
 * Words that name people in the material, so that no person's name (the subject's or anyone else's) becomes a
 * skill or an interest: "Maya on my team handles the contracts" makes "Maya" a colleague, not a tool.
 */
import { NOT_NAME_LETTERS } from "../offline/attribution/names.ts";
import { STARTS_UPPER, WHITESPACE } from "../offline/engine/text.ts";
import type { CleanSource } from "../types.ts";

const NAME = "(\\p{Lu}\\p{Ll}+)";
const RELATIONS =
  "wife|husband|partner|son|daughter|kid|child|boss|manager|colleague|co-?worker|friend|mum|mom|dad|mother|father|" +
  "sister|brother|assistant|intern|neighbou?r|roommate|flatmate|cousin|aunt|uncle|grandson|granddaughter|grandma|" +
  "grandpa|mentor|supervisor|teammate|lead|rep|accountant|cfo|ceo";

/** Phrasings that only a person's name fits; each captures the name (no `i` flag: it would make \\p{Lu} match any letter). */
const PERSON_CUES: readonly RegExp[] = [
  // "my daughter Maya", "our accountant, Rui"
  new RegExp(`\\b(?:[Mm]y|[Oo]ur|[Hh]is|[Hh]er|[Tt]heir)\\s+(?:${RELATIONS})\\s*,?\\s+${NAME}`, "gu"),
  // "Maya on my team", "Rui from accounting"
  new RegExp(
    `${NAME}\\s+(?:on|from|in)\\s+(?:my|our|the|his|her)\\s+(?:team|staff|crew|office|department|side)\\b`,
    "gu",
  ),
  // "Maya said", "Rui told me"
  new RegExp(`${NAME}\\s+(?:said|says|told|asked|thinks|thought|mentioned|suggested|replied|wrote)\\b`, "gu"),
];

/** Lower-cased name words found by the cues in the sources, plus those the caller already knows. */
export function personWords(sources: readonly CleanSource[], known: Iterable<string>): Set<string> {
  const words = new Set<string>();
  for (const word of known) for (const part of word.split(WHITESPACE)) if (part !== "") words.add(part.toLowerCase());
  for (const source of sources) {
    for (const cue of PERSON_CUES) {
      for (const match of source.text.matchAll(cue)) if (match[1]) words.add(match[1].toLowerCase());
    }
  }
  return words;
}

/** True when every word of the item is a person's name word ("Maya", "Maya Chen"). */
export function isPersonName(item: string, names: ReadonlySet<string>): boolean {
  const words = item.split(WHITESPACE).filter((word) => word !== "");
  return (
    words.length > 0 &&
    words.length <= 4 &&
    words.every((word) => STARTS_UPPER.test(word) && names.has(word.replace(NOT_NAME_LETTERS, "").toLowerCase()))
  );
}
