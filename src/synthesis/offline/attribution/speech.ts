import { memo } from "../engine/memo.ts";
import { ENDS_WITH_QUESTION, WHITESPACE_RUNS } from "../engine/text.ts";
import { isPlausibleName } from "./names.ts";

/** A role in brackets after a label ("Ana (host)"). */
export const BRACKETED_TAIL = /\s*\([^)]*\)\s*$/;
/** "MARIA GONZALEZ", "DR. MARSH": a full name in capitals, its first word possibly a title with a full stop. */
const CAPITALISED_FULL_NAME = /^\p{Lu}[\p{Lu}'’-]{1,15}\.?(?:\s\p{Lu}[\p{Lu}'’.-]{0,15}){1,2}$/u;
const CAPITALS_START = /^\p{Lu}{2,}/u;
const SHORT_CAPS_LABEL = /^[A-Z][A-Z\d]{0,11}$/;
const THREE_WORD_SENTENCE = /\S+\s+\S+\s+\S+.*[.!?]\s*$/;

export interface Speech {
  /** Raw speaker label ("INT", "Kevin M. (TillTap Support)", "Customer reply"). */
  label: string;
  content: string;
  contentStart: number;
  /** Applies to the following lines too (ticket/email headers), not just this one. */
  sticky: boolean;
}

/**
 * "[00:01:06] Ana:", "[2023-03-14 09:47] Agent Rosa P. (Billing, Leeds):", with a time zone after the time
 * ("[2025-06-02 17:15 EET]"). A label that ends its line heads the lines below it (a ticket reply's header).
 */
const TIMESTAMP_LABEL =
  /^\[?(?:\d{4}-\d{2}-\d{2}[ T]|\d{1,2}[./]\d{1,2}[./]\d{2,4},? )?\d{1,2}:\d{2}(?::\d{2})?(?:\s?(?:[A-Z]{2,5}|(?:UTC|GMT)?[+-]\d{1,2}(?::?\d{2})?))?\]?\s+([^:[\]]{1,60}?):(?:\s+|$)/;

/**
 * A comment or reply marker before a label: "💬 Ana Ruiz (Designer): ...", "↳ Ana: ...", with the word an export may
 * put between them ("↳ Comment, Ana Ruiz (Lyon): ...", "↳ Reply from Ana: ...").
 */
const COMMENT_MARKER =
  /^\s*(?:(?:↳\s*)?(?:\p{Extended_Pictographic}\uFE0F?\s*)+|↳\s*)(?:(?:[Cc]omment|[Rr]eply|[Rr]esponse)(?:,\s*|\s+(?:from|by)\s+))?/u;

const HANDLE_LABEL = /^(?:↳|>|-)?\s*(@[\w.]+):?\s+/;

const SAID_LABEL = /^([^.:!?]{1,40}?) (?:said|wrote|commented|replied)(?:\.\.\.|…|:)\s*/;

const PAREN_LABEL = /^([\p{L} .'’-]{1,30}\([^)]{1,50}\)):\s+/u;

/** "Speaker 1 (00:00:03): ...", "Ana Ruiz (12:04): ...": a transcript label with the turn's time in brackets. */
const TIMED_LABEL = /^([\p{L}][\p{L}\d .'’-]{0,30}?)\s*\(\d{1,2}:\d{2}(?::\d{2})?\):\s+/u;

const PLAIN_LABEL = /^([\p{L}][\p{L}\d .'’-]{0,30}?):\s+/u;

const STICKY_HEADER = /^(.{2,60}?),\s+([^,]*\d{4}[^,]*):$/;
/**
 * A sentence ending inside what would be a header's date ("..., since you used my 2019 bio. It is out of
 * date:"): a line of prose introducing a list, not "Ana Ruiz, 12 March 2024:" heading a comment.
 */
const SENTENCE_INSIDE = /[.!?]\s+\p{Lu}/u;

/** "Speaker 1  0:03" or "Ana Ruiz (00:12)" on its own line, the turn below it (Otter, Rev, Zoom exports). */
const TURN_HEADER =
  /^((?:speaker|person|voice)\s?[A-Z\d]{1,2}|\p{Lu}[\p{Ll}'’-]+(?:\s\p{Lu}[\p{Ll}'’.-]*){0,2}|\p{Lu}{2,}(?:\s\p{Lu}{2,}){0,2})\s+\(?\d{1,2}:\d{2}(?::\d{2})?\)?\s*$/iu;

/** "Speaker 2: ...", "[00:01:12] Ana: ...": the label of a labelled line (after an optional time stamp), lowercased by callers. */
export const LINE_LABEL = /^\[?[\d:]*\]?\s*([^:]{1,30}):\s/;

/** Labels that name nobody: "Speaker 2", "Person B", "Voice 1". Who they are comes from what they say. */
export const NEUTRAL_LABEL =
  /^(?:speaker|person|voice|persona|sprecher(?:in)?|intervenant|locutor(?:a)?)\s?[A-Z\d]{1,2}$/i;

/** Labels that introduce header fields, not speech. */
export const FIELD_LABELS =
  /^(?:subject|from|to|cc|bcc|date|sent|status|plan|channel|created|opened|updated|priority|requester|customer|mentee|mentor|speaker|speakers|participant|note|notes|nota|action|actions|went well|didn'?t go well|mood check|hiring|values?|goals?|strengths?|frustrations?|feedback.*|check-in|other|agenda|next session|recorded|duration|response id|submitted|completion time|tema|publicado por|posted|location|name|age|occupation|role|title|company|email|phone|tel|web|website|ps|p\.s|update|edit|tl;dr|summary|re|fwd|q\d+.*|current profile bio|profile|bio|headline|tagline|about|about me|position|current position|current role|job title|industry|education|experience|skills|interests|languages|hobbies|website|links?)$/i;

export const INTERVIEWER_LABEL =
  /^(?:int|interviewer|moderator|researcher|host|q|question|pregunta|agent|support|facilitator|entrevistador(?:a)?|presentador(?:a)?)\b|\((?:[^)]*\b(?:support|agent|team|staff|host|moderator|interviewer)\b[^)]*)\)|\bsupport\b|^agent\b/i;

export const SUBJECT_ROLE_LABEL =
  /^(?:customer(?: reply)?|requester|participant|respondent|interviewee|guest|client|user|a|answer|r|respuesta|entrevistad[oa]|(?:p|t|u|r|s|pt)[-#]?\d{1,3}|(?:participant|respondent|interviewee|user|customer|patient|guest)\s?#?\d{1,4})$/i;

/** The labels tried first, in order; one list, not one per line read. */
const LABEL_PATTERNS: readonly RegExp[] = [TIMESTAMP_LABEL, TIMED_LABEL, HANDLE_LABEL, SAID_LABEL, PAREN_LABEL];

/**
 * A "Label: text" line is speech when the label is a speaker: an upper-case tag (INT, P07), a role (Agent,
 * Customer), or a name known to be a person. Known names come from the caller; "Non-negotiable:" is not one.
 */
export function parseSpeech(line: string, isKnownPerson: (label: string) => boolean = () => false): Speech | null {
  const marker = COMMENT_MARKER.exec(line)?.[0];
  if (marker) {
    const rest = parseSpeech(line.slice(marker.length), (label) => isKnownPerson(label) || isPlausibleName(label));
    return rest ? { ...rest, contentStart: rest.contentStart + marker.length } : null;
  }
  for (const pattern of LABEL_PATTERNS) {
    const match = pattern.exec(line);
    if (!match?.[1]) continue;
    // "Headline (current): ..." is a profile field, not a speaker.
    if (pattern === PAREN_LABEL && FIELD_LABELS.test(match[1].replace(BRACKETED_TAIL, "").trim())) return null;
    const content = line.slice(match[0].length);
    // "@ana_codes · 3h" heads a post: the lines below are that account's.
    const postHeader = pattern === HANDLE_LABEL && POST_META.test(content);
    // "[10:14] Agent Paolo (Support, Manila):" alone on its line: the reply below is that speaker's.
    const heading = pattern === TIMESTAMP_LABEL && content.trim() === "";
    return { label: match[1].trim(), content, contentStart: match[0].length, sticky: postHeader || heading };
  }
  // The header pattern ends on ':' at the line's end; most lines do not, and it backtracks on them.
  const header = line.endsWith(":") ? STICKY_HEADER.exec(line) : null;
  if (header?.[1] && !SENTENCE_INSIDE.test(header[2] ?? ""))
    return { label: header[1].trim(), content: "", contentStart: line.length, sticky: true };
  const turn = TURN_HEADER.exec(line);
  if (turn?.[1] && (NEUTRAL_LABEL.test(turn[1]) || isPlausibleName(turn[1]) || CAPITALS_START.test(turn[1])))
    return { label: turn[1].trim(), content: "", contentStart: line.length, sticky: true };
  const plain = PLAIN_LABEL.exec(line);
  if (plain?.[1]) {
    const label = plain[1].trim();
    const content = line.slice(plain[0].length);
    // "Participant: T14" is a header field; "Participant: I grew up in Lyon." is the participant talking.
    const roleSpeech =
      SUBJECT_ROLE_LABEL.test(label) && (FIRST_PERSON.test(content) || THREE_WORD_SENTENCE.test(content));
    if (FIELD_LABELS.test(label) && !roleSpeech) return null;
    const looksLikeSpeaker =
      SHORT_CAPS_LABEL.test(label) ||
      NEUTRAL_LABEL.test(label) ||
      CAPITALISED_FULL_NAME.test(label) ||
      INTERVIEWER_LABEL.test(label) ||
      SUBJECT_ROLE_LABEL.test(label) ||
      (isPlausibleName(label) && isKnownPerson(label));
    if (looksLikeSpeaker) return { label, content, contentStart: plain[0].length, sticky: false };
  }
  return null;
}

/** First-person words in English, Spanish, German, French, Portuguese, Dutch and Scandinavian languages. */
export const FIRST_PERSON =
  /(?:^|[^\p{L}'’])(?:I|I'm|I’m|Im|I've|I’ve|I'd|I’d|I'll|I’ll|me|my|mine|myself|we|we're|we’re|our|us|yo|soy|tengo|vivo|llevo|mi|me|ich|mich|mir|mein|meine|meinem|meinen|meiner|je|moi|meu|minha|ik|mijn|jeg|mitt)(?=$|[^\p{L}'’])|(?:^|[^\p{L}'’])j['’](?=\p{L})/iu;

export function labelKey(label: string): string {
  return label.toLowerCase().replace(WHITESPACE_RUNS, " ").trim();
}

export interface LabelStats {
  lines: number;
  questions: number;
  /** Words said: an interviewee talks, an interviewer prompts. */
  words: number;
}

const noLines = (): LabelStats => ({ lines: 0, questions: 0, words: 0 });
/** Global: read with wordCount only. */
const WORD = /\S+/g;

/** How many words a line holds, as `line.match(WORD).length` without an array of them (one per labelled line). */
function wordCount(line: string): number {
  let words = 0;
  WORD.lastIndex = 0;
  while (WORD.test(line)) words += 1;
  return words;
}

/**
 * The last text's label stats: attribution asks for them twice per source (speaker roles, then the line loop), and
 * on a long text each count is a pass over all its lines. One entry only (the text is held until the next call).
 */
let lastStats: { text: string; stats: Map<string, LabelStats> } | null = null;

/**
 * How often each "Label:" opens a line, and how many of those lines are questions (interviewers ask). Callers only
 * read the map: it is shared by calls with the same text.
 */
export function labelStats(text: string): Map<string, LabelStats> {
  if (lastStats?.text === text) return lastStats.stats;
  const stats = new Map<string, LabelStats>();
  const count = (label: string, line: string) => {
    const entry = memo(stats, labelKey(label), noLines);
    entry.lines += 1;
    entry.words += wordCount(line);
    if (ENDS_WITH_QUESTION.test(line)) entry.questions += 1;
  };
  // "Speaker 1  0:00" heads the lines below it until the next such header.
  let turn: string | null = null;
  for (const line of text.split("\n")) {
    const header = TURN_HEADER.exec(line)?.[1];
    if (header) {
      turn = header.trim();
      continue;
    }
    const match = TIMESTAMP_LABEL.exec(line) ?? TIMED_LABEL.exec(line) ?? PLAIN_LABEL.exec(line);
    const label = match?.[1]?.trim();
    if (label && !FIELD_LABELS.test(label)) count(label, line);
    else if (turn !== null && line.trim() !== "") count(turn, line);
  }
  lastStats = { text, stats };
  return stats;
}

/** What follows a handle on a post header: "· 3h", "· 12 May 2024", "2 days ago". */
const POST_META =
  /^(?:[·|•—–-]\s*)?(?:\d+\s?(?:s|m|min|mins|h|hr|hrs|d|w|mo|y|yr)\b|\d{1,2}:\d{2}|\d{4}-\d{2}-\d{2}|\d{1,2}\s\p{L}{3,9}\.?(?:\s\d{4})?|\p{L}{3,9}\.?\s\d{1,2}(?:,\s\d{4})?|yesterday|just now|\d+\s\p{L}+\sago)[^\p{L}]{0,12}$/iu;

const LEADING_MARKS = /^[\s>↳•*-]*(?:\p{Extended_Pictographic}\uFE0F?\s*)*/u;
const LEADING_TIMESTAMP = /^\[[\d\-/:. T]+(?:\s?(?:[A-Z]{2,5}|(?:UTC|GMT)?[+-]\d{1,2}(?::?\d{2})?))?\]\s*/;

/** The line without a leading timestamp, bullet or emoji, so "💬 Ana: hi" and "[2024-05-01 10:02] Ana: hi" parse. */
export function speechLine(line: string): string {
  return line.replace(LEADING_MARKS, "").replace(LEADING_TIMESTAMP, "");
}
