/**
 * The languages and tools a skill rule reads: patterns built from the skills lexicon (`lexicon/skills.ts`), kept apart
 * from the rule table in `skills.ts`.
 */
import { escapeRegExp } from "../engine/text.ts";
import { LANGUAGES, TOOL_WORDS } from "../lexicon/skills.ts";

const LANGUAGE_ALT = LANGUAGES.map(escapeRegExp).join("|");
const TOOL_ALT = TOOL_WORDS.map(escapeRegExp).join("|");

/** "sign language interpreter — BSL and ISL", "Polish interpreter": languages someone interprets or translates. */
export const INTERPRETS = new RegExp(
  `\\b(?:interpreter|translator|interpreting|translating|translation)\\b[^.;!?]{0,25}?[—–:-]\\s*((?:${LANGUAGE_ALT})(?:\\s*(?:,|and|&|/)\\s*(?:${LANGUAGE_ALT}))*)\\b|\\b((?:${LANGUAGE_ALT})(?:\\s*(?:,|and|&|/|-|to|into)\\s*(?:${LANGUAGE_ALT}))*)\\s+(?:interpreter|translator|interpreting|translation)\\b`,
  "gu",
);

/** How well a language is spoken ("decent German"): not part of its name. */
const PROFICIENCY =
  "(?:decent|basic|some|fluent|native|conversational|good|passable|rusty|broken|a little|a bit of)\\s+";
export const PROFICIENCY_OPENING = new RegExp(`^${PROFICIENCY}`, "i");

/**
 * "speaks Welsh", "Languages: Norwegian, English, German". A singular "Language:" field names the language of the
 * document or the session ("Language: Greek, interpreted consecutively"), not what the person speaks. A language name
 * ends its word: "Malayalam" is not "Malay", "Germanic languages" not German.
 */
export const LANGUAGE_LIST = new RegExp(
  `\\b(?:speaks?|fluent in|languages:?|hablo)\\s+((?:(?:${PROFICIENCY})?(?:${LANGUAGE_ALT})(?![\\p{L}-])(?:,\\s*|\\s+and\\s+|\\s+y\\s+)?){1,8})`,
  "giu",
);

export const TOOL_USE = new RegExp(
  `(?:\\b(?:in|with|using|on|is|uses?|around|know|knows|learned|learnt|master(?:ed)?)\\s+|^(?:[-•*]\\s*)?|\\+\\s*)(${TOOL_ALT})(?=$|[^\\p{L}])(?!\\s+(?:for real|properly))`,
  "gu",
);
