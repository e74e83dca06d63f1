/**
 * Who is the persona about? Collects name candidates from structural cues (introductions.ts) and speech
 * (speakers.ts), groups the names that share a token, and picks the best supported group.
 */
import nlp from "compromise";
import type { CleanSource } from "../../types.ts";
import { memo, newList } from "../engine/memo.ts";
import { escapeRegExp, NOT_LETTERS, POSSESSIVE, WHITESPACE } from "../engine/text.ts";
import { attendeeCandidates } from "./attendees.ts";
import { linesOf } from "./injection.ts";
import {
  add,
  fullNameStarting,
  introCandidates,
  isBusinessName,
  LEADING_NAME_LINE,
  lineCandidates,
  type NameCandidate,
} from "./introductions.ts";
import { nameMatcher, nameTokens } from "./names.ts";
import type { SubjectModel } from "./parties.ts";
import { labelCandidates, speakerRoles } from "./speakers.ts";
import { labelKey } from "./speech.ts";

const MAX_TAGGED_NOUNS = 5_000;

/**
 * Capitalised after a lowercase word, digit or comma: not a sentence start, so a proper noun. A colon is left out on
 * purpose: after a speaker label ("HOST: Release ...") a capital starts a sentence. Global: read with match (the
 * words only) or matchAll.
 */
const MID_SENTENCE_CAPITAL = /(?<=[\p{Ll}\d,;()&·] |(?:Dr|Prof|Mr|Mrs|Ms)\.? )\p{Lu}[\p{Ll}'’]+/gu;
/**
 * A word as the proper-noun pass reads words written in lowercase: a lowercase letter, then lowercase letters or
 * apostrophes (and, in the text, not after a letter or an apostrophe, up to the first other character).
 */
const LOWERCASE_WORD_SHAPE = /^\p{Ll}[\p{Ll}'’]+$/u;
/** "Oskar Lind (PM)": a capitalised name tagged with a role in brackets. Global: read with matchAll only. */
const ROLE_TAGGED_NAME = /(?<![\p{L}'’])(\p{Lu}[\p{Ll}'’]+)(?:\s\p{Lu}[\p{Ll}'’-]+)?\s?\([^()\n]{1,25}\)/gu;
/** Words sought by one pattern of writtenLowercase, and their characters in all: a pattern of bounded size. */
const MAX_SOUGHT_WORDS = 1_000;
const MAX_SOUGHT_CHARS = 20_000;

/**
 * Which of these words the texts also write in lowercase, as whole words (not after a letter or an apostrophe, and
 * not followed by a lowercase letter or an apostrophe). Only the words sought are looked for: collecting every
 * lowercase word of the text first made a string per word (~700,000 on the 1M bench text), most of the proper-noun
 * pass's time and garbage. A word of another shape is never written so.
 */
function writtenLowercase(texts: readonly string[], words: readonly string[]): Set<string> {
  const found = new Set<string>();
  const shaped = [...new Set(words)].filter((word) => LOWERCASE_WORD_SHAPE.test(word));
  // A word longer than a pattern may be (a "name" as long as the text) is looked for apart.
  const sought = shaped.filter((word) => word.length <= MAX_SOUGHT_CHARS);
  const long = new Set(shaped.filter((word) => word.length > MAX_SOUGHT_CHARS));
  if (long.size > 0) writtenLowercaseLong(texts, long, found);
  for (let from = 0; from < sought.length; ) {
    let to = from + 1;
    let chars = sought[from]?.length ?? 0;
    while (to < sought.length && to - from < MAX_SOUGHT_WORDS && chars + (sought[to]?.length ?? 0) <= MAX_SOUGHT_CHARS)
      chars += sought[to++]?.length ?? 0;
    // Letters and apostrophes only (the shape above): nothing to escape.
    const pattern = new RegExp(`(?<![\\p{L}'’])(?:${sought.slice(from, to).join("|")})(?![\\p{Ll}'’])`, "gu");
    for (const text of texts) for (const word of text.match(pattern) ?? []) found.add(word);
    from = to;
  }
  return found;
}

/** A run of lowercase letters and apostrophes not after a letter: a whole word as writtenLowercase's pattern reads it. */
const LOWERCASE_RUN = /(?<![\p{L}'’])\p{Ll}[\p{Ll}'’]*/gu;

/**
 * Which of these over-long words (longer than a pattern may be: a "name" as long as the text) the texts write in
 * lowercase: one pass over each text's lowercase runs. Index searches would restart at every position of a long run
 * of one letter.
 */
function writtenLowercaseLong(texts: readonly string[], words: ReadonlySet<string>, found: Set<string>): void {
  for (const text of texts) for (const run of text.match(LOWERCASE_RUN) ?? []) if (words.has(run)) found.add(run);
}

function properNounsOf(sources: readonly CleanSource[]): Set<string> {
  const texts = sources.map((source) => source.text);
  // The words only (match, not matchAll): no match array per capitalised word.
  const capitalised = texts.flatMap((text) =>
    (text.match(MID_SENTENCE_CAPITAL) ?? []).map((word) => word.toLowerCase().replace(POSSESSIVE, "")),
  );
  // "Oskar Lind (PM), Fay Dunne (QA)": a capitalised word tagged with a role in brackets is a person, even where
  // it only ever opens a line or follows a colon.
  const tagged = texts.flatMap((text) => [...text.matchAll(ROLE_TAGGED_NAME)].map((m) => (m[1] ?? "").toLowerCase()));
  // A word also written in lowercase somewhere is a common word ("Card reader", "Session 3").
  const lowercaseWords = writtenLowercase(texts, [...capitalised, ...tagged]);
  const nouns = new Set<string>();
  for (const word of capitalised) if (!lowercaseWords.has(word)) nouns.add(word);
  for (const word of tagged) if (!lowercaseWords.has(word)) nouns.add(word);
  // Places are proper nouns too, but a sentence starting with one is not about another person. Tagging only the
  // distinct candidate words (not the whole text) keeps this cheap on very long inputs.
  const distinct = [...nouns].slice(0, MAX_TAGGED_NOUNS).map((w) => w.charAt(0).toUpperCase() + w.slice(1));
  for (const place of nlp(distinct.join(". ")).places().out("array") as string[]) {
    for (const token of place.split(WHITESPACE)) nouns.delete(token.toLowerCase().replace(NOT_LETTERS, ""));
  }
  return nouns;
}

interface SubjectResult {
  model: SubjectModel;
  name: NameCandidate | null;
}

/** Picks the subject: the best-supported name group; its fullest variant is the displayed name. */
export function identifySubject(sources: readonly CleanSource[]): SubjectResult {
  const candidates: NameCandidate[] = [];
  const excluded = new Set<string>();
  const organisations = new Set<string>();
  const model: SubjectModel = {
    matcher: null,
    properNouns: properNounsOf(sources),
    subjectLabels: new Set(),
    otherLabels: new Set(),
  };
  for (const source of sources) {
    const { lines, injected } = linesOf(source);
    const reading = {
      source,
      lines,
      injected,
      candidates,
      excluded,
      organisations,
      hosts: speakerRoles(source.text, model),
      model,
    };
    for (const read of [lineCandidates, attendeeCandidates, introCandidates, labelCandidates]) read(reading);
    if (source.title) {
      const lead = LEADING_NAME_LINE.exec(source.title);
      if (lead?.[1] && nameTokens(lead[1]).length >= 2) add(candidates, lead[1], source, lead[1], 2);
    }
  }
  // A business's name is never a person's: one with a firm's word ("Harbour Bakery", "Lumen Studio") or one the text
  // says is a business, wherever the cue that proposed it (a sign-off, a heading) found it.
  const usable = candidates.filter(
    (c) =>
      !nameTokens(c.value).some((t) => excluded.has(t.toLowerCase())) &&
      !isBusinessName(c.value) &&
      !organisations.has(c.value.toLowerCase()),
  );
  extendFirstNames(usable, sources);
  const tokenGroups = new Map<string, string>();
  const totals = new Map<string, number>();
  const namesOf = (c: NameCandidate) => [c.value, ...(c.aliases ?? [])];
  for (const c of usable) {
    const key = groupKeyOf(namesOf(c), tokenGroups);
    for (const token of namesOf(c).flatMap(nameTokens))
      if (!tokenGroups.has(token.toLowerCase())) tokenGroups.set(token.toLowerCase(), key);
    totals.set(key, (totals.get(key) ?? 0) + c.score);
  }
  // The person the material is about is named across it: more sources and more mentions add support.
  // Each group's tokens, collected in one pass (not one pass over all tokens per group).
  const tokensOf = new Map<string, string[]>();
  for (const [token, key] of tokenGroups) memo(tokensOf, key, newList<string>).push(token);
  // Support adds at most MAX_MENTION_SUPPORT, so a group that far behind the leader cannot win: its mentions are not
  // counted (each count reads every source; with many names that grew with names x text).
  let leading = Number.NEGATIVE_INFINITY;
  for (const total of totals.values()) leading = Math.max(leading, total);
  for (const [key, total] of totals) {
    if (total + MAX_MENTION_SUPPORT < leading) continue;
    totals.set(key, total + mentionSupport(tokensOf.get(key) ?? [], sources));
  }
  let bestKey: string | null = null;
  for (const [key, total] of totals) if (bestKey === null || total > (totals.get(bestKey) ?? 0)) bestKey = key;
  const strongTokens = new Set(
    usable.filter((c) => !c.weak).flatMap((c) => namesOf(c).flatMap((name) => nameTokens(name).map(lower))),
  );
  model.people = new Set([
    ...excluded,
    ...[...tokenGroups].filter(([t, k]) => k !== bestKey && strongTokens.has(t)).map(([t]) => t),
  ]);
  if (bestKey === null) return { model, name: null };
  // Prefer a full name (two or more tokens), then the strongest cue. Whether a name is full is worked out once per
  // candidate, not in each comparison: a long input names its subject thousands of times, and the sort compares
  // n log n pairs.
  const group = usable
    .filter((c) => groupKeyOf(namesOf(c), tokenGroups) === bestKey)
    .map((c) => ({ c, full: Number(nameTokens(c.value).length >= 2) }))
    .sort((a, b) => b.full - a.full || b.c.score - a.c.score)
    .map((ranked) => ranked.c);
  const best = group[0] ?? null;
  // "Speaker 2: Sure. Denise Thibodeau.": a speaker who gave the subject's name as their own speaks as the subject.
  // "SPEAKER 3: I'm Yaw Boateng, her nephew": a full name sharing only the surname is a relative, who speaks as
  // someone else and whose given name is no alias of the subject's.
  const relative = (c: NameCandidate) => best !== null && sharesOnlySurname(c.value, best.value);
  for (const c of group) {
    const key = c.label === undefined ? undefined : labelKey(c.label);
    if (key === undefined || model.otherLabels.has(key)) continue;
    if (relative(c)) model.otherLabels.add(key);
    else model.subjectLabels.add(key);
  }
  const aliases = group.filter((c) => !relative(c)).flatMap(namesOf);
  if (best) model.matcher = nameMatcher(best.value, aliases);
  for (const token of model.matcher?.tokens ?? []) model.people.delete(token.toLowerCase());
  const strongest = best && group.some((c) => c.score >= 2 && nameTokens(c.value).length >= 2);
  // "I'm Ingrid" with no surname anywhere: a self-introduction still names the person.
  const selfNamed = best && group.some((c) => c.score >= 5);
  return { model, name: strongest || selfNamed ? best : null };
}

const lower = (text: string) => text.toLowerCase();

/**
 * "Yaw Boateng" beside "Akosua Boateng": two full names whose given names differ (neither a short form of the other,
 * as "Ros" of "Rosalind") and that share a later token are two people of one family.
 */
function sharesOnlySurname(name: string, subject: string): boolean {
  const a = nameTokens(name).map(lower);
  const b = nameTokens(subject).map(lower);
  const [givenA, givenB] = [a[0] ?? "", b[0] ?? ""];
  if (a.length < 2 || b.length < 2 || givenA.startsWith(givenB) || givenB.startsWith(givenA)) return false;
  return a.slice(1).some((t) => b.slice(1).includes(t)) && !b.includes(givenA);
}

function groupKeyOf(names: readonly string[], groups: Map<string, string>): string {
  for (const name of names) {
    for (const token of nameTokens(name)) {
      const key = groups.get(token.toLowerCase());
      if (key) return key;
    }
  }
  return (names[0] ?? "").toLowerCase();
}

const MAX_MENTION_SUPPORT = 3;
/** The words right after a name word on its line, one by one (global and sticky: matchAll stops at the first gap that is not a space). */
const RUN_ON = /[ \t]+(&|[\p{L}'’-]+)/guy;
const CAPITALISED = /^(?:&|\p{Lu})/u;

/** Up to 3 points: 1.5 per further source naming the person, plus a little per mention. */
function mentionSupport(tokens: readonly string[], sources: readonly CleanSource[]): number {
  const words = tokens.filter((t) => t.length >= 3).map(escapeRegExp);
  if (words.length === 0) return 0;
  const pattern = new RegExp(`(?<![\\p{L}])(?:${words.join("|")})(?![\\p{L}])`, "giu");
  const own = new Set(tokens.map(lower));
  // "Van Dalen Orgelmakers", "MacInnis & Kerr": a name word running on into "&" or into another capitalised word
  // that is not the person's is part of another proper name (a firm named after its founder), not a mention.
  const mention = (m: RegExpMatchArray) => {
    const end = (m.index ?? 0) + m[0].length;
    // The words after it, past any more of the person's own ("Van Dalen Orgelmakers" from "Van").
    for (const [, word] of (m.input ?? "").slice(end, end + 80).matchAll(RUN_ON)) {
      if (word === undefined || !own.has(word.toLowerCase())) return word === undefined || !CAPITALISED.test(word);
    }
    return true;
  };
  let naming = 0;
  let mentions = 0;
  for (const source of sources) {
    let count = 0;
    for (const m of source.text.matchAll(pattern)) {
      if (mention(m)) count += 1;
      // Ten mentions in all give the most they can; this source names the person once one is found.
      if (count > 0 && mentions + count >= 10) break;
    }
    if (count > 0) naming += 1;
    mentions += count;
  }
  return Math.min(MAX_MENTION_SUPPORT, 1.5 * Math.max(0, naming - 1) + Math.min(1.5, mentions * 0.15));
}

/** "Ich bin Lukas" + "Lukas Hoffmann" in a signature: a self-introduced first name takes the full name found. */
function extendFirstNames(candidates: NameCandidate[], sources: readonly CleanSource[]): void {
  const added = new Set<string>();
  // Each source's lines are read once, not once per first name.
  const readLines = new Map<CleanSource, { lines: string[]; known: Map<string, string | null> }>();
  for (const c of [...candidates]) {
    const tokens = nameTokens(c.value);
    const first = tokens[0];
    if (tokens.length !== 1 || c.score < 3 || first === undefined || added.has(first)) continue;
    added.add(first);
    for (const source of sources) {
      const read = memo(readLines, source, () => {
        const { lines, injected } = linesOf(source);
        return { lines: lines.filter((_, i) => !injected[i]), known: new Map<string, string | null>() };
      });
      const full = fullNameStarting(escapeRegExp(first), read.lines, read.known);
      if (full) {
        add(candidates, full, source, full, 2);
        break;
      }
    }
  }
}
