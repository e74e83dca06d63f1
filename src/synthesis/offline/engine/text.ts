const DIGITS_ONLY = /^\d+$/;
const HYPHENS_OR_SPACES = /[- ]+/;
const LEADING_WORD = /^([a-z]+)(\b.*)$/i;
const REGEX_SPECIALS = /[.*+?^${}()|[\]\\]/g;
export const WHITESPACE = /\s+/;
export const LEADING_BULLET = /^[-•*]\s*/;
export const ENDS_WITH_QUESTION = /\?\s*$/;
/** A label before what follows ("Hobbies:", "[09:10] Agent (support desk):"). */
export const ENDS_WITH_COLON = /:\s*$/;
export const POSSESSIVE = /['’]s$/;
export const STARTS_UPPER = /^\p{Lu}/u;
export const OPENING_MARK = /^[-•*>"“]\s*/;
export const LETTERS_OR_HYPHENS = /^[\p{L}-]+$/u;
/** A bullet line: "- X", "• X", "* X". */
export const BULLET_START = /^[-•*]\s/;
/** Leading list or quote marks of a note line. */
export const LEADING_BULLET_OR_QUOTE = /^[-•*>]\s*/;
export const ENDS_WITH_QUESTION_QUOTE = /\?["”]?$/;
/** Parenthetical asides are not part of an item ("Bürokratie (Formulare!)"). */
export const BRACKETED_ASIDE = /\([^)]*\)?/g;
/** The same aside with the spaces before it, for items read without it ("hiking (mostly)" -> "hiking"). */
export const SPACED_ASIDE = /\s*\([^)]*\)?/g;
/** A comma and the spaces around it: the parts of "Plateau, Montreal". */
export const COMMA_SEPARATOR = /\s*,\s*/;
export const NOT_LETTERS = /[^\p{L}]/gu;
export const NON_LETTERS = /[^\p{L}]+/u;
export const NOT_LETTERS_OR_HYPHEN = /[^\p{L}-]/gu;
export const ENDS_SENTENCE = /[.!?]$/;
export const ING_ENDING = /ing$/;
export const WHITESPACE_RUNS = /\s+/g;
export const PICTOGRAPHS = /\p{Extended_Pictographic}/gu;
/** Small text helpers shared by the offline rules. All patterns are linear (no nested unbounded quantifiers). */

const UNIT_WORDS =
  "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen";
const TENS_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety";

/**
 * A lookup table keyed by words read from the text, with no prototype: a plain object answers "constructor" or
 * "toString" with Object's own function, so a person who writes "I'm a constructor" would crash a rule or become one.
 */
export function wordTable<T>(entries: Readonly<Record<string, T>>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, entries);
}

const NUMBER_WORDS: Record<string, number> = wordTable(
  Object.fromEntries([
    ...UNIT_WORDS.split(" ").map((word, value) => [word, value]),
    ...TENS_WORDS.split(" ").map((word, i) => [word, 20 + 10 * i]),
    ["hundred", 100],
  ]),
);

/** Matches a number written in digits or English words ("38", "thirty-eight", "thirty eight"). */
export const NUMBER_PATTERN =
  "(?:\\d{1,3}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred)";

export function parseNumber(text: string): number | null {
  const trimmed = text.trim().toLowerCase();
  if (DIGITS_ONLY.test(trimmed)) return Number(trimmed);
  let total = 0;
  for (const part of trimmed.split(HYPHENS_OR_SPACES)) {
    const value = NUMBER_WORDS[part];
    if (value === undefined) return null;
    total += value;
  }
  return total;
}

export interface Sentence {
  text: string;
  /** Offset of `text` inside the line it came from. */
  start: number;
}

/** Where the next match is looked for after an empty one at `index` (as `matchAll` steps: one code point). */
export function stepOver(text: string, index: number, codePoints: boolean): number {
  if (!codePoints || index + 1 >= text.length) return index + 1;
  const high = text.charCodeAt(index);
  const low = text.charCodeAt(index + 1);
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff ? index + 2 : index + 1;
}

/** Up to `n` characters of the matched text just before the match: where a rule reads what leads up to its value. */
export function textBefore(m: RegExpExecArray, n: number): string {
  return m.input.slice(Math.max(0, m.index - n), m.index);
}

/**
 * Every match of a global pattern, as `text.matchAll(pattern)` gives them (an empty match steps one code point with
 * flag u or v, one unit without), on the pattern itself: `matchAll` copies the pattern on each call, which on the
 * sentence and line loops of a long input was a noticeable share of the time. The matches are all found before the
 * caller reads them, so a loop body may run the same pattern again. The pattern's `lastIndex` is left at 0: read it
 * only this way or with `matchAll`.
 */
export function allMatches(pattern: RegExp, text: string): RegExpExecArray[] {
  if (!pattern.global) throw new TypeError("allMatches needs a global pattern");
  const found: RegExpExecArray[] = [];
  const codePoints = pattern.unicode || pattern.flags.includes("v");
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (match[0] === "") pattern.lastIndex = stepOver(text, pattern.lastIndex, codePoints);
    found.push(match);
  }
  pattern.lastIndex = 0;
  return found;
}

/**
 * Punctuation and space before a capital, digit or opening mark: where a sentence may end. The lookbehind starts a
 * match only at the start of a punctuation run (where every match starts anyway): without it a run of n dots is
 * rescanned from each of its n positions. Global: read with matchAll only.
 */
const SENTENCE_BOUNDARY = /(?<![.!?…])[.!?…]+["”’)\]]?\s+(?=[\p{Lu}\d"“‘([¿¡@#>])/gu;

/**
 * Splits a line into sentences, returning verbatim substrings. A break needs terminal punctuation followed by a
 * space and an uppercase letter, digit, quote or bracket, so abbreviations like "e.g. the" stay inside a sentence.
 */
export function splitSentences(line: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  for (const match of allMatches(SENTENCE_BOUNDARY, line)) {
    if (
      match[0].startsWith(".") &&
      !match[0].startsWith("..") &&
      isAbbreviation(line.slice(Math.max(0, (match.index ?? 0) - 24), match.index ?? 0))
    )
      continue;
    const end = (match.index ?? 0) + match[0].length;
    pushTrimmed(sentences, line, start, end);
    start = end;
  }
  pushTrimmed(sentences, line, start, line.length);
  return sentences;
}

/** Titles and short forms that end in a full stop without ending the sentence ("Mr. Kim", "inkl. MwSt."). */
const ABBREVIATION =
  /(?:^|[^\p{L}])(?:Mr|Mrs|Ms|Mx|Dr|Prof|St|Jr|Sr|Sra|Srta|Mme|Mlle|Hr|Fr|Pr|Gen|Capt|Lt|Sgt|Rev|vs|incl|inkl|approx|ca|bzw|ggf|usw|Nr|z\.B|e\.g|i\.e)$/u;

/** "Mike T. (Support)", "Ewa K. said": an initial after a capitalised name. */
const NAME_INITIAL = /(?:^|\s)\p{Lu}[\p{Ll}'’-]+\s\p{Lu}$/u;

function isAbbreviation(before: string): boolean {
  return ABBREVIATION.test(before) || NAME_INITIAL.test(before);
}

function pushTrimmed(out: Sentence[], line: string, from: number, to: number): void {
  const raw = line.slice(from, to);
  const lead = raw.length - raw.trimStart().length;
  const text = raw.trim();
  if (text !== "") out.push({ text, start: from + lead });
}

const LEADING_FILLER =
  /^(?:and|but|also|so|then|plus|or|honestly|really|just|basically|obviously|actually|um+|uh+|well|oh|like|yeah|yes|no|okay|ok|y|e|pero|también)\b[,.]?\s+/i;

/** Removes conversational fillers at the start of a phrase ("And honestly burnout" -> "burnout"). */
export function stripLeadingFillers(phrase: string): string {
  return stripRepeatedly(phrase, LEADING_FILLER, 4);
}

/** Removes `opening` from the start of the trimmed phrase while it matches, at most `times` times. */
function stripRepeatedly(phrase: string, opening: RegExp, times: number): string {
  let current = phrase.trim();
  for (let i = 0; i < times; i += 1) {
    const next = current.replace(opening, "");
    if (next === current) break;
    current = next;
  }
  return current;
}

const TRAILING_PUNCT = /[\s,;:.!?…"”’'()[\]\-–—]+$/;

const LEADING_PUNCT = /^[\s,;:.!?…"“‘'()[\]\-–—•*>]+/;

export function trimPunctuation(phrase: string): string {
  return phrase.replace(LEADING_PUNCT, "").replace(TRAILING_PUNCT, "");
}

const CLAUSE_STOP =
  /\s(?:so that|so|because|since|but|which|who|that's|when|while|if|than|until|unless|although|though|whereas|porque|pero|que|cuando|para que)\s|[;:!?()[\]—–]|\s-\s|,\s(?:and|but|so|which|then|because)\s|\.\s|\.$/i;

/** Cuts a phrase at the first clause boundary. */
export function firstClause(phrase: string): string {
  const match = CLAUSE_STOP.exec(phrase);
  return trimPunctuation(match ? phrase.slice(0, match.index) : phrase);
}

export function wordCount(phrase: string): number {
  const words = phrase.trim().split(WHITESPACE);
  return words[0] === "" ? 0 : words.length;
}

const DETERMINERS =
  /^(?:a|an|the|my|our|their|his|her|your|its|some|most of (?:our|the|my|their)|all (?:the|our|my)|all|every|each|this|these|those|that)\s+/i;

export function stripDeterminers(phrase: string): string {
  return stripRepeatedly(phrase, DETERMINERS, 3);
}

/** "mentor new starters" -> "mentoring new starters"; leaves phrases that do not start with a known verb alone. */
export function toGerund(phrase: string): string {
  const match = LEADING_WORD.exec(phrase.trim());
  if (!match) return phrase;
  const verb = (match[1] ?? "").toLowerCase();
  const rest = match[2] ?? "";
  if (verb.endsWith("ing") || verb.length < 3) return phrase;
  return `${gerundOf(verb)}${rest}`;
}

/**
 * "verb:gerund" pairs the spelling rules of gerundOf get wrong (a doubled final consonant), looked up before them;
 * a verb those rules spell right ("write", "see", "die") needs no entry.
 */
const IRREGULAR_GERUNDS: Record<string, string> = wordTable(
  Object.fromEntries(
    (
      "run:running swim:swimming plan:planning program:programming shop:shopping get:getting set:setting " +
      "sit:sitting put:putting cut:cutting begin:beginning stop:stopping travel:travelling " +
      "panel:panelling knit:knitting"
    )
      .split(" ")
      .map((pair) => pair.split(":")),
  ),
);

function gerundOf(verb: string): string {
  const irregular = IRREGULAR_GERUNDS[verb];
  if (irregular) return irregular;
  if (verb.endsWith("ie")) return `${verb.slice(0, -2)}ying`;
  if (verb.endsWith("ee")) return `${verb}ing`;
  if (verb.endsWith("e")) return `${verb.slice(0, -1)}ing`;
  return `${verb}ing`;
}

/** Escapes a literal for use inside a RegExp. */
export function escapeRegExp(value: string): string {
  return value.replace(REGEX_SPECIALS, "\\$&");
}

/** Words after which a long phrase can be cut without losing its head ("course for new translators in India"). */
const CUT_POINTS = /\s(?:in|at|on|from|with|for|by|during|after|before|to|of|into|about|because|while|when)\s/gi;

/** Keeps a phrase to `max` words by cutting at its last preposition that leaves at most `max` words; null if none. */
export function shorten(phrase: string, max: number, min = 1): string | null {
  const trimmed = trimPunctuation(phrase);
  if (wordCount(trimmed) <= max) return trimmed === "" ? null : trimmed;
  let best: string | null = null;
  for (const m of allMatches(CUT_POINTS, trimmed)) {
    const head = trimPunctuation(trimmed.slice(0, m.index));
    if (wordCount(head) <= max && wordCount(head) >= min) best = head;
  }
  return best;
}

/** Pronoun or relative heads ("which is a nightmare", "it keeps ...") point elsewhere; they are not the item. */
export const POINTING_HEAD = /^(?:which|that|it|this|these|those|they|them|who|what|there|he|she|we|you)\b/i;

/** Conversational tails that add nothing to an item ("late payments, always", "the rota, to be honest"). */
const DISCOURSE_TAIL =
  /(?:,?\s+(?:to be (?:honest|fair)|tbh|lol|haha|I guess|I think|you know|honestly|though|anyway|always|mostly|really|as well|too|constantly|all the time|every day|these days))+\s*$/i;

/** Removes discourse tails; the item itself is what came before. */
export function dropDiscourseTail(phrase: string): string {
  const cut = phrase.replace(DISCOURSE_TAIL, "");
  return cut.trim() === "" ? phrase : cut;
}
