/**
 * Who is the persona about? Collects name candidates from structural cues (self-introductions, requester/customer
 * fields, bylines, profile bios, page titles, sign-offs) and speaker roles (interviewer vs participant), then picks
 * the best-supported person. Nothing here guesses: with no cue, the subject has no name.
 */
import nlp from "compromise";
import type { CleanSource } from "../types.ts";
import { labelParty, labelStats, type SubjectModel } from "./document.ts";
import { looksLikeInjection } from "./injection.ts";
import { TRADE_WORDS } from "./lexicon.ts";
import { cleanName, isPlausibleName, NAME_SEQUENCE, nameMatcher, nameTokens } from "./names.ts";

export interface NameCandidate {
  value: string;
  source: CleanSource;
  quote: string;
  score: number;
}

const N = NAME_SEQUENCE;
const SELF_INTRO = new RegExp(
  `\\b(?:I'm|I’m|I am|[Ii]m|i['’]m|[Mm]y name is|[Mm]e llamo|[Ss]oy|[Tt]his is|[Ii]t's|[Cc]all me)\\s+(${N})(?:\\s*[—–-]+\\s*(${N}))?`,
  "gu",
);
const FIELD_NAME = new RegExp(
  `^(?:[-•*]\\s*)?(?:requester|customer|client|prospect|mentee|participant|interviewee|respondent|speaker|name|author|by|posted by|written by|profile|from|patient|user|candidate)\\s*:\\s*(?:dr\\.?\\s+|prof\\.?\\s+)?(${N}(?:\\s*\\([^)]{1,30}\\)\\s*${N})?)`,
  "imu",
);
/** "Q1. Your name: hannah okafor": a numbered form answer, often typed in lowercase. */
const FORM_NAME = /^(?:Q\s?\d{1,2}[.):]?\s*)?(?:your |full )?name\s*[:?]\s*([\p{L}'’ -]{3,40}?)\s*$/iu;
/** "Tariq Aziz (customer)" in an attendee list: the party the notes are about. */
const SUBJECT_ROLE_TAG = new RegExp(
  `(${NAME_SEQUENCE})\\s*\\((?:customer|client|prospect|participant|interviewee|respondent|user|patient)\\)`,
  "gu",
);
const OTHER_FIELD = new RegExp(
  `^(?:[-•*]\\s*)?(?:mentor|interviewer|agent|to|cc|facilitator|notes|moderator|host|assignee|owner)\\s*:\\s*(?:dr\\.?\\s+)?(${N})`,
  "imu",
);
const PROFILE_BIO = new RegExp(`(?:profile|bio)\\]?\\s*(${N})\\s*(?:[|,—–-]|\\p{Extended_Pictographic})`, "iu");
const LEADING_NAME_LINE = new RegExp(`^(?:[Dd]r\\.?\\s+|[Pp]rof\\.?\\s+)?(${N})\\s*(?:,|[—–|]|$)`, "u");
const SIGN_OFF =
  /^(?:thanks|thank you|cheers|best|regards|kind regards|best wishes|warmly|ta|saludos|un saludo|gracias)[,!.]?$/i;
const SPEAKER_DECL = /\b([A-Z][A-Z\d]{0,11})\s*=\s*([^,;)\n]+(?:\([^)]*\))?)/g;

/** The first "First Last" in the text that starts with this first name, if any. */
function fullNameStarting(first: string, lines: readonly string[]): string | null {
  const pattern = new RegExp(`\\b${first}\\s\\p{Lu}[\\p{Ll}'’-]+(?:-\\p{Lu}[\\p{Ll}'’-]+)?`, "u");
  for (const line of lines) {
    const found = pattern.exec(line)?.[0];
    if (found && isPlausibleName(found) && !nameTokens(found).some(isBusinessWord)) return found;
  }
  return null;
}

/** "Price Electrical was set up by ...": a business name, not a person. */
function isBusinessWord(token: string): boolean {
  const lower = token.toLowerCase();
  return (
    TRADE_WORDS[lower] !== undefined ||
    /^(?:ltd|limited|llc|inc|co|group|services|solutions|studio|studios|company|trust|foundation|association|club|team)$/.test(
      lower,
    )
  );
}

function titleCase(text: string): string {
  return text.replace(/(^|[\s'’-])(\p{Ll})/gu, (_, lead: string, letter: string) => lead + letter.toUpperCase());
}

function add(list: NameCandidate[], raw: string, source: CleanSource, quote: string, score: number): void {
  const value = cleanName(raw);
  if (!isPlausibleName(value)) return;
  list.push({ value, source, quote, score });
}

function lineCandidates(
  source: CleanSource,
  lines: string[],
  candidates: NameCandidate[],
  excluded: Set<string>,
): void {
  lines.forEach((line, i) => {
    if (looksLikeInjection(line)) return;
    const other = OTHER_FIELD.exec(line)?.[1];
    if (other) for (const t of nameTokens(other)) excluded.add(t.toLowerCase());
    const field = FIELD_NAME.exec(line);
    if (field?.[1]) {
      const isFrom = /^(?:[-•*]\s*)?from\s*:/i.test(line);
      add(candidates, field[1], source, field[0].replace(/^[-•*]\s*/, ""), isFrom ? 2 : 4);
    }
    const form = FORM_NAME.exec(line)?.[1];
    // Title-casing only changes the displayed value; the quote stays the verbatim answer.
    if (form && nameTokens(form).length >= 2) add(candidates, titleCase(form), source, form, 4);
    for (const tagged of line.matchAll(SUBJECT_ROLE_TAG)) {
      if (tagged[1] && nameTokens(tagged[1]).length >= 2) add(candidates, tagged[1], source, tagged[0], 3);
    }
    const bio = PROFILE_BIO.exec(line);
    if (bio?.[1]) add(candidates, bio[1], source, bio[1], 3);
    if (i === 0 || (i <= 3 && source.kind === "url")) {
      const lead = LEADING_NAME_LINE.exec(line);
      if (lead?.[1] && nameTokens(lead[1]).length >= 2) add(candidates, lead[1], source, lead[1], 3);
    }
    // "Rosa Diaz is a ...": a sentence opening on a full name and a verb is about that person.
    const opener = new RegExp(
      `(?:^(?:[-•*]\\s*)?|[.!?]\\s+)(${N})(?:,\\s*\\d{1,3},)?\\s+(?:is|was|has|joined|grew|studied|\\p{Ll}{2,}[^s\\W]s)\\b`,
      "u",
    ).exec(line);
    if (opener?.[1] && nameTokens(opener[1]).length >= 2 && !nameTokens(opener[1]).some(isBusinessWord))
      add(candidates, opener[1], source, opener[0].trim(), 2);
    // Bylines: "posted 3 March 2024 by Lena Fischer", "By Ana Ruiz".
    const byline = new RegExp(
      `(?:\\b(?:[Pp]osted|[Ww]ritten|[Pp]ublished|[Ww]ords|[Ss]tory)\\b[^.!?]{0,40}?\\bby|^By)\\s+(${N})\\s*(?:$|[,|·—–(])`,
      "u",
    ).exec(line);
    if (byline?.[1]) add(candidates, byline[1], source, byline[0].trim(), 3);
    // "Priya runs a team ..." with "Priya Nair" elsewhere: a sentence about a person named in full somewhere.
    const shortOpener =
      /(?:^|[.!?]\s+)(\p{Lu}[\p{Ll}'’-]+)\s+(?:is|was|has|runs|works|lives|leads|manages|owns|joined|wants|needs)\b/u.exec(
        line,
      );
    if (shortOpener?.[1]) {
      const full = fullNameStarting(shortOpener[1], lines);
      if (full) add(candidates, full, source, full, 2);
    }
    // A line that is only a full name titles what follows (team pages, speaker lists, bylines).
    const bare = line.replace(/^(?:(?:[Dd]r|[Pp]rof)\.?|Meet|About|Introducing)\s+/, "");
    if (i > 0 && nameTokens(bare).length >= 2 && new RegExp(`^${N}$`, "u").test(bare))
      add(candidates, bare, source, line, 2);
    if (SIGN_OFF.test(lines[i - 1] ?? "") && /^[\p{Lu}][\p{L}'’ -]{1,40}$/u.test(line))
      add(candidates, line, source, line, 1);
  });
}

function introCandidates(
  source: CleanSource,
  lines: string[],
  candidates: NameCandidate[],
  hostLabels: Set<string>,
  model: SubjectModel,
): void {
  for (const line of lines) {
    if (looksLikeInjection(line)) continue;
    const label = /^\[?[\d:]*\]?\s*([^:]{1,30}):\s/.exec(line)?.[1]?.trim().toLowerCase();
    for (const match of line.matchAll(SELF_INTRO)) {
      const first = match[1] ?? "";
      const second = match[2];
      const before = line.slice(Math.max(0, (match.index ?? 0) - 12), match.index ?? 0).toLowerCase();
      if (/your host|host,|host\s*$/.test(before) || /\byour host\b/i.test(match[0])) continue;
      if (label && (hostLabels.has(label) || model.otherLabels.has(label) || labelParty(label, model) === "other"))
        continue;
      const value = second && nameTokens(second)[0] === nameTokens(first)[0] ? second : first;
      add(candidates, value, source, match[0], 5);
    }
  }
}

/** Labels whose speaker introduces themselves as the host/interviewer. */
function hostLabelsOf(text: string): Set<string> {
  const hosts = new Set<string>();
  for (const line of text.split("\n")) {
    const label = /^\[?[\d:]*\]?\s*([^:]{1,30}):\s/.exec(line)?.[1]?.trim().toLowerCase();
    if (label && /\b(?:I'm|I am) (?:your|the) host\b|\bwelcome (?:back )?to (?:the )?[A-Z]/.test(line))
      hosts.add(label);
  }
  return hosts;
}

function speakerDeclarations(text: string, model: SubjectModel): void {
  for (const line of text.split("\n")) {
    if (!/^speakers?\s*:/i.test(line)) continue;
    for (const match of line.matchAll(SPEAKER_DECL)) {
      const label = (match[1] ?? "").toLowerCase();
      const role = (match[2] ?? "").toLowerCase();
      if (/participant|interviewee|respondent|guest|customer|user|subject/.test(role)) model.subjectLabels.add(label);
      else model.otherLabels.add(label);
    }
  }
}

const MAX_TAGGED_NOUNS = 5_000;

function properNounsOf(sources: readonly CleanSource[]): Set<string> {
  const nouns = new Set<string>();
  // Capitalised after a lowercase word, digit or comma: not a sentence start, so a proper noun.
  // A colon is left out on purpose: after a speaker label ("HOST: Release ...") a capital starts a sentence.
  const midSentence = /(?<=[\p{Ll}\d,;()&·] |(?:Dr|Prof|Mr|Mrs|Ms)\.? )\p{Lu}[\p{Ll}'’]+/gu;
  const lowercaseWords = new Set<string>();
  for (const source of sources) {
    for (const match of source.text.matchAll(/(?<![\p{L}'’])\p{Ll}[\p{Ll}'’]+/gu)) lowercaseWords.add(match[0]);
  }
  for (const source of sources) {
    for (const match of source.text.matchAll(midSentence)) {
      const word = match[0].toLowerCase().replace(/['’]s$/, "");
      // A word also written in lowercase somewhere is a common word ("Card reader", "Session 3").
      if (!lowercaseWords.has(word)) nouns.add(word);
    }
  }
  // "Kenji Mori (AE), Leah Stone (CSM)": a capitalised word tagged with a role in brackets is a person, even where
  // it only ever opens a line or follows a colon.
  for (const source of sources) {
    for (const match of source.text.matchAll(
      /(?<![\p{L}'’])(\p{Lu}[\p{Ll}'’]+)(?:\s\p{Lu}[\p{Ll}'’-]+)?\s?\([^()\n]{1,25}\)/gu,
    )) {
      const word = (match[1] ?? "").toLowerCase();
      if (!lowercaseWords.has(word)) nouns.add(word);
    }
  }
  // Places are proper nouns too, but a sentence starting with one is not about another person. Tagging only the
  // distinct candidate words (not the whole text) keeps this cheap on very long inputs.
  const distinct = [...nouns].slice(0, MAX_TAGGED_NOUNS).map((w) => w.charAt(0).toUpperCase() + w.slice(1));
  for (const place of nlp(distinct.join(". ")).places().out("array") as string[]) {
    for (const token of place.split(/\s+/)) nouns.delete(token.toLowerCase().replace(/[^\p{L}]/gu, ""));
  }
  return nouns;
}

function groupKey(value: string, groups: Map<string, string>): string {
  for (const token of nameTokens(value)) {
    const key = groups.get(token.toLowerCase());
    if (key) return key;
  }
  return value.toLowerCase();
}

export interface SubjectResult {
  model: SubjectModel;
  name: NameCandidate | null;
  candidates: NameCandidate[];
}

/** Picks the subject: the best-supported name group; its fullest variant is the displayed name. */
export function identifySubject(sources: readonly CleanSource[]): SubjectResult {
  const candidates: NameCandidate[] = [];
  const excluded = new Set<string>();
  const model: SubjectModel = {
    matcher: null,
    properNouns: properNounsOf(sources),
    subjectLabels: new Set(),
    otherLabels: new Set(),
  };
  for (const source of sources) {
    const lines = source.text.split("\n");
    speakerDeclarations(source.text, model);
    const hosts = hostLabelsOf(source.text);
    for (const host of hosts) model.otherLabels.add(host);
    // A speaker who mostly asks questions is interviewing, not being interviewed.
    for (const [label, stat] of labelStats(source.text)) {
      if (stat.lines >= 2 && stat.questions * 2 >= stat.lines && !model.subjectLabels.has(label)) {
        model.otherLabels.add(label);
        hosts.add(label);
      }
    }
    lineCandidates(source, lines, candidates, excluded);
    introCandidates(source, lines, candidates, hosts, model);
    if (source.title) {
      const lead = LEADING_NAME_LINE.exec(source.title);
      if (lead?.[1] && nameTokens(lead[1]).length >= 2) add(candidates, lead[1], source, lead[1], 2);
    }
  }
  const usable = candidates.filter((c) => !nameTokens(c.value).some((t) => excluded.has(t.toLowerCase())));
  const tokenGroups = new Map<string, string>();
  const totals = new Map<string, number>();
  for (const c of usable) {
    const key = groupKey(c.value, tokenGroups);
    for (const token of nameTokens(c.value))
      if (!tokenGroups.has(token.toLowerCase())) tokenGroups.set(token.toLowerCase(), key);
    totals.set(key, (totals.get(key) ?? 0) + c.score);
  }
  let bestKey: string | null = null;
  for (const [key, total] of totals) if (bestKey === null || total > (totals.get(bestKey) ?? 0)) bestKey = key;
  if (bestKey === null) return { model, name: null, candidates: usable };
  const group = usable.filter((c) => groupKey(c.value, tokenGroups) === bestKey);
  // Prefer a full name (two or more tokens), then the strongest cue.
  group.sort(
    (a, b) => Number(nameTokens(b.value).length >= 2) - Number(nameTokens(a.value).length >= 2) || b.score - a.score,
  );
  const best = group[0] ?? null;
  const aliases = group.map((c) => c.value);
  if (best) model.matcher = nameMatcher(best.value, aliases);
  const strongest = best && group.some((c) => c.score >= 2 && nameTokens(c.value).length >= 2);
  return { model, name: strongest ? best : null, candidates: usable };
}
