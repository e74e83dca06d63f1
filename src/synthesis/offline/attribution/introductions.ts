/**
 * Where a text names the person it is about: self-introductions ("I'm Ana", "Ich bin Lukas"), requester and customer
 * fields, bylines, profile bios, page titles, sign-offs and signatures. Each cue adds a scored name candidate;
 * `subject.ts` picks the best supported.
 */
import nlp from "compromise";
import type { CleanSource } from "../../types.ts";
import { memo } from "../engine/memo.ts";
import { allMatches, LEADING_BULLET, splitSentences } from "../engine/text.ts";
import { BUSINESS_NOUNS, TRADE_WORDS } from "../lexicon/occupations.ts";
import { FEATURE, GUEST, lineCues, mayIntroduceSelf, RELATIVE, SELF } from "./intro-cues.ts";
import {
  cleanName,
  givenAsReason,
  isOrganisationWord,
  isPlausibleName,
  NAME_SEQUENCE,
  nameTokens,
  ONLY_NAME,
} from "./names.ts";
import { labelParty, type SubjectModel } from "./parties.ts";
import {
  asksIntroduction,
  mayAskIntroduction,
  namesRelativeAfter,
  RELATION_WORDS,
  SUBJECT_ROLE_WORDS,
  taggedOthers,
} from "./roles.ts";
import { LINE_LABEL, parseSpeech, speechLine } from "./speech.ts";

const BARE_IM_START = /^[Ii]m\s/;
const FROM_FIELD = /^(?:[-•*]\s*)?from\s*:/i;
const HOST_BEFORE = /your host|host,|host\s*$/;
const MEETING_WORDS =
  /\b(?:call|meeting|sync|demo|discovery|opportunity|deal|account|retro|standup|stand-up|kickoff|kick-off|ticket|case|order|invoice|project)\b/i;
const NAME_PREFIX = /^(?:(?:[Dd]r|[Pp]rof)\.?|Meet|About|Introducing)\s+/;
const QUOTED_SPAN = /["“][^"“”]*["”]/g;
/** What every quoted span opens with: a sentence without one has no quoted span (most sentences). */
const QUOTE_OPENING = /["“]/;
const SHORT_CAPITALISED_LINE = /^[\p{Lu}][\p{L}'’ .-]{1,40}$/u;
/** "Rafael Souza (Data Analyst I)", "Wanjiru Kamau 🎨": a role in brackets or emoji after a name in a title part. */
const TITLE_PART_TAIL = /(?:\s*(?:\([^()]{1,60}\)|(?:\p{Extended_Pictographic}|\uFE0F|\u200D)+))+\s*$/u;
const TITLE_SEPARATORS = /\s*[—–|·•›»[\]]\s*|\s+-\s+/;
const WORD_START_LOWER = /(^|[\s'’-])(\p{Ll})/gu;
const YOUR_HOST = /\byour host\b/i;

export interface NameCandidate {
  value: string;
  /** Other names the same person goes by in the text (a signed nickname). */
  aliases?: string[];
  /** Found by a cue that firms share with people ("Kopi Kebun is a roastery"): not proof of a person. */
  weak?: boolean;
  source: CleanSource;
  quote: string;
  score: number;
  /** The label of the speaker who gave this name as their own ("speaker 2"), when it came from a labelled turn. */
  label?: string;
}

/**
 * What each name reader gets of one source: its lines and which of them are planted instructions (judged once per
 * source), the candidates found so far, the name tokens of people who are not the subject (the readers add to it),
 * the speaker labels of hosts and interviewers, and what attribution knows of the subject.
 */
export interface SourceReading {
  source: CleanSource;
  lines: readonly string[];
  injected: readonly boolean[];
  candidates: NameCandidate[];
  excluded: Set<string>;
  /** Names (lowercased) the text says are a business or another body ("Kopi Kebun is a roastery"), never a person. */
  organisations: Set<string>;
  hosts: Set<string>;
  model: SubjectModel;
}

const N = NAME_SEQUENCE;

/**
 * "I'm Ana", "my name is", and the same in other languages ("Ich bin Lukas", "je m'appelle", "me chamo"). A bare
 * "im" counts only before a full name: it is German for "in the" ("im Westpark") more often than a typo for "I'm".
 */
const SELF_INTRO = new RegExp(
  `\\b(?:I'm|I’m|I am|[Ii]m|i['’]m|[Mm]y name is|[Mm]y name['’]s|[Mm]e llamo|[Mm]i nombre es|[Ss]oy|[Tt]his is|[Ii]t's|[Cc]all me|[Ii]ch bin|[Ii]ch hei(?:ß|ss)e|[Mm]ein [Nn]ame ist|[Jj]e m['’]appelle|[Jj]e suis|[Mm]oi c['’]est|[Mm]i chiamo|[Ee]u sou|[Mm]e chamo|[Cc]hamo-me|[Ii]k ben|[Mm]ijn naam is|[Jj]ag heter|[Jj]eg heter|[Jj]eg er|[Nn]azywam się|[Jj]estem)\\s+(${N})(?:\\s*[—–-]+\\s*(${N}))?`,
  "gu",
);

const BARE_IM = /\b[Ii]m\s/;

const ANSWER_OPENER =
  /^(?:(?:sure|yes|yeah|yep|ok|okay|of course|hi|hello|hey|hiya|well|um+|uh+|so|right|absolutely|certainly|hola|claro|bien|oui|bonjour|ja|hallo|klar)\b[\s,.!—–-]*)*/i;

/** "Right, fine. Tomasz Wren, I'm 52": a short opening remark of a few words before the answer proper. */
const SHORT_REMARK = /^[^.!?\n]{1,20}[.!?]\s+/;

// "Q1. Full name: Ana "Nani" Ruiz": a numbered form question labels the answer like a bullet does.
const FIELD_NAME = new RegExp(
  `^(?:[-•*]\\s*|(?:Q\\s?)?\\d{1,2}[.)]\\s*)?(?:requester|customer|client|prospect|mentee|participant|interviewee|respondent|speaker|name|full name|author|by|posted by|written by|profile|from|patient|user|candidate|guest|contact|applicant|account holder|submitted by|(?:lead|main|principal) applicant|nombre|nom|nome|name \\(optional\\)|your name)\\s*:\\s*(?:dra?\\.?\\s+|prof\\.?\\s+|ir\\.?\\s+|ing\\.?\\s+)?(${N}(?:\\s*\\([^)]{1,30}\\)\\s*${N}|\\s+["“][\\p{L}-]{2,20}["”]\\s+${N})?)(?=\\s*(?:$|[<(,;—–|·\\[]|\\s-\\s))`,
  "iu",
);

/** "Q1. Your name: hannah okafor", "Q1. Name (optional): Rosa Diaz": a numbered form answer, often in lowercase. */
const FORM_NAME =
  /^(?:(?:Q\s?)?\d{1,2}[.):]?\s*)?(?:your |full |first )?name(?: and (?:surname|last name))?(?:\s*\([^()]{1,20}\))?\s*[:?]\s*([\p{L}'’ -]{3,40}?)\s*$/iu;

/** "Tariq Aziz (customer)" in an attendee list: the party the notes are about. */
const SUBJECT_ROLE_TAG = new RegExp(`(${NAME_SEQUENCE})\\s*\\((?:${SUBJECT_ROLE_WORDS})\\)`, "gu");

/** Recipients of an email: other people when the sender is named, since the sender is then who writes. */
const RECIPIENT_FIELD = new RegExp(
  `^(?:[-•*]\\s*)?(?:[Tt]o|TO|[Cc]c|CC|[Bb]cc|BCC|[Aa]n|[Pp]ara)\\s*:\\s*(?:dr\\.?\\s+)?(${N})`,
  "u",
);

/**
 * "Interviewer: Ana Ruiz", "Owner: Kenji Mori (AE)": a field naming someone else. The name must be the whole value:
 * with the `i` flag the name pattern also matches lowercase words, and "Interviewer: How do you like to be
 * contacted?" is a question, not a name (it marked "Do not call me." as about a person called "Do").
 */
const OTHER_FIELD = new RegExp(
  `^(?:[-•*]\\s*)?(mentor|interviewer|interpreter|translator|enumerator|also present|agent|facilitator|notes|moderator|host|co-host|assignee|owner|rep|sales rep|account executive|account manager|ae|csm|sdr|recruiter|researcher|reviewer|reporter|editor|photographer|coach|therapist|doctor|nurse|teacher|manager|supervisor|agent name|handled by|assigned to|observer|note-?taker|recorded by|transcribed by|co-applicant|co-investigator|referee|emergency contact|next of kin)\\s*:\\s*(?:(?:dr|prof|mr|mrs|ms|mx|miss)\\.?\\s+)?(${N})(?=\\s*(?:$|[<(,;—–|·\\[]|\\.\\s*$|\\s-\\s))`,
  "iu",
);

/** Fields of OTHER_FIELD naming someone who accompanies the subject, often a relative. */
const ACCOMPANYING = /^(?:also present|emergency contact|next of kin)$/i;

/**
 * "Notes owner: Ewa K.", "Minutes by: ...", "[Notes typed by Ana Ruiz, HR]": the writer of the notes, who is the
 * subject only when writing as "I".
 */
const AUTHOR_FIELD = new RegExp(
  `^(?:[-•*[(]\\s*)?(?:notes? owner|notes?(?: (?:typed|taken|written|kept|recorded))? by|minutes(?: taken)? by|prepared by|compiled by|kept by|diary of|journal of)\\s*:?\\s*(${N})`,
  "iu",
);

const GUEST_INTRO = new RegExp(
  `(?:\\b(?:I'm|I’m|I am|[Ww]e're|[Ww]e’re|[Ww]e are)\\s+(?:joined|talking|speaking|sitting down|chatting|here)\\s+(?:today\\s+)?(?:by|with|to)|\\b[Jj]oined (?:today )?by|\\b(?:[Mm]y|[Oo]ur) guest (?:today |this week )?is|\\b[Tt]oday['’]?s guest(?: is)?|\\b[Pp]lease welcome|(?:^|[.!?]\\s+|[-•*]\\s*|[—–·|]\\s*)(?:(?:[Mm]et|[Mm]eeting|[Cc]all|[Ss]poke|[Cc]atch-up|[Cc]heck-in|1:1|[Ss]at down) (?:with|w/)|[Ss]poke to))\\s+(?:(?:Dr|Prof|Mr|Mrs|Ms)\\.?\\s+)?(${N})`,
  "gu",
);

const RELATED_NAME = new RegExp(
  `\\b(?:[Mm]y|[Oo]ur|[Hh]er|[Hh]is|[Tt]heir)\\s+(?:[\\p{Ll}-]+\\s+){0,2}?(?:${RELATION_WORDS})(?:,)?\\s+(${N})`,
  "gu",
);

const FEATURE_TITLE = new RegExp(
  `(?:^|[—–|·:]\\s*)(?:[Mm]eet|[Ii]ntroducing|[Ss]potlight(?: on)?:?|[Pp]rofile(?: of)?:|[Ii]nterview with|[Ii]n conversation with|[Aa] conversation with|[Cc]onversation with|[Qq]&[Aa] with|[Gg]etting to know|[Pp]ortrait of|[Ee]ntrevista (?:a|con)|[Ii]nterview mit|[Ee]ntretien avec|(?:[Ll]etter of )?(?:[Rr]eference|[Rr]ecommendation) (?:for|of))\\s+(${N})(?=\\s*(?:$|[,:;.!?(—–|·]|\\s[-–—]\\s|\\s(?:on|about|the|who|from)\\b))`,
  "u",
);

/** A title line naming a publication issue or episode ("Dari Kopi — Issue #27"): its leading words are not a person. */
const PUBLICATION_LINE =
  /(?:\b(?:issue|episode|ep|vol|volume|newsletter|podcast|edition|digest|no|nr|chapter|season|part)\.?\s*#?\d|#\d)/i;

/** Separators between the parts of a header line ("Date: ... · Participant: T14 · Interviewer: ..."). */
const SEGMENT_SEPARATOR = /\s+[·|•]\s+|\s{3,}/;

/** "[Profile bio] Ana Ruiz | …", "Profile bio (saved 2023-05-02): Ana Ruiz 🇺🇿 | …". */
const PROFILE_BIO = new RegExp(
  `(?:profile|bio)\\]?(?:\\s*\\([^()]{0,40}\\))?\\s*:?\\s*(${N})\\s*(?:[|,—–-]|\\p{Extended_Pictographic}|\\p{Regional_Indicator})`,
  "iu",
);

export const LEADING_NAME_LINE = new RegExp(`^(?:[Dd]r\\.?\\s+|[Pp]rof\\.?\\s+)?(${N})\\s*(?:,|[—–|]|$)`, "u");

/** "Notes (Jake):", "Call notes (Ana Ruiz)": notes credited to their writer. */
const AUTHOR_HEADING = new RegExp(`^(?:[\\p{L} ]{0,30}\\b)?notes?\\s*\\((${N})[^)]*\\)\\s*:?\\s*$`, "iu");

const SIGN_OFF =
  /^(?:thanks|thank you|thanks again|many thanks|cheers|best|all the best|regards|kind regards|best regards|warm regards|best wishes|warmly|ta|take care|talk soon|speak soon|sincerely|yours|yours truly|love|much love|hugs|xx|xo|saludos|un saludo|un abrazo|abrazos|gracias|atentamente|viele grüße|liebe grüße|beste grüße|grüße|gruß|lg|vg|mfg|cordialement|bien à vous|bises|amitiés|merci|abraços|beijos|obrigad[oa]|cumprimentos|saluti|cordiali saluti|grazie|groeten|met vriendelijke groet|hälsningar|mvh|hilsen|pozdrawiam|terima kasih|salam)[,!.]?$/i;

/** "Thank you very much for your attention,": a closing line that ends on a comma. */
const SIGN_OFF_PHRASE =
  /^(?:thanks|thank you|many thanks|with thanks|regards|best|warm|kind|love|yours|sincerely|saludos|gracias|un saludo|muchas gracias|viele|liebe|beste|herzliche|mit freundlichen|cordialement|merci|obrigad|grazie|terima kasih)\b[^.!?]{0,60},$/i;

/** A signature delimiter: the line after the writer's name. */
const SIGNATURE_RULE = /^(?:--\s?|—|–|-{2,}|_{2,})$/;

/** "Rosa Diaz is a ...": a sentence opening on a full name and a verb. */
const NAME_OPENER = new RegExp(
  `(?:^(?:[-•*]\\s*)?|[.!?]\\s+)(${N})(?:,\\s*\\d{1,3},|\\s*\\((?:she|he|they|ela|él|sie|elle)[^)]{0,20}\\))?\\s+(?:is|was|has|joined|grew|studied|\\p{Ll}{2,}[^s\\W]s)\\b`,
  "u",
);

/** Bylines: "posted 3 March 2024 by Lena Fischer", "By Ana Ruiz", "12 May · by Ana · 6 min read", "posts by admin Ana Ruiz". */
const BYLINE = new RegExp(
  `(?:\\b(?:[Pp]osted|[Pp]osts|[Ww]ritten|[Pp]ublished|[Ww]ords|[Ss]tory)\\b[^.!?]{0,40}?\\bby|^[Bb]y|[·|•]\\s*[Bb]y)\\s+(?:(?:admin|moderator|editor|author|host)\\s+)?(${N})\\s*(?:$|[,|·—–(])`,
  "u",
);

/**
 * What follows "<Name> is" / "<Name> was" when the name is a business's or another body's: "a small organic farm
 * outside ...", "the bakery on ...", "a charity". The kind must end the phrase ("a farm manager" is a person's job).
 */
const IS_AN_ORGANISATION = new RegExp(
  `^\\s+(?:a|an|the|our|my|their|his|her)\\s+(?:[\\p{L}-]+\\s+){0,3}?(?:${BUSINESS_NOUNS}|brand|charity|co-?operative|co-op|non-?profit|organi[sz]ation|NGO|collective|label|publisher|enterprise)(?=\\s*(?:[,.;:!?)]|$)|\\s(?:in|on|at|near|outside|run|owned|founded|based|that|which|with|from|for|since|where|and)\\b)`,
  "u",
);
const IS_OR_WAS = /\s(?:is|was)$/;
/**
 * "interviews a ...", "talks to the woman who ...", "sits down with Ana ...": a reporter meeting someone else, named or
 * introduced by an article ("talks to her bees" is no interview).
 */
const REPORTS_ON =
  /^(?:interviews|profiles|(?:talks|speaks|chats|listens) (?:to|with)|sits down with|catches up with|spends a day with)\s+(?:(?:a|an|the)\s|\p{Lu})/u;

/** "Priya runs a team ...": a sentence opening on a first name and a verb. */
const SHORT_OPENER =
  /(?:^|[.!?]\s+)(\p{Lu}[\p{Ll}'’-]+)\s+(?:is|was|has|runs|works|lives|leads|manages|owns|joined|wants|needs)\b/u;

/** An answer that opens on a bare name ("Park Ji-woo. I teach ..."). */
const OPENING_NAME = new RegExp(`^(${N})\\s*(?:[.!,;—–]|$)`, "u");

/**
 * The first "First Last" in the text that starts with this first name, if any. Remembered per first name, so a text
 * of many "Ana is ..." lines reads its lines once per name, not once per such line.
 */
export function fullNameStarting(
  first: string,
  lines: readonly string[],
  known: Map<string, string | null>,
): string | null {
  const remembered = known.get(first);
  if (remembered !== undefined) return remembered;
  const pattern = new RegExp(`\\b${first}\\s\\p{Lu}[\\p{Ll}'’-]+(?:-\\p{Lu}[\\p{Ll}'’-]+)?`, "u");
  let full: string | null = null;
  for (const line of lines) {
    const found = pattern.exec(line)?.[0];
    if (found && isPlausibleName(found) && !isBusinessName(found)) {
      full = found;
      break;
    }
  }
  known.set(first, full);
  return full;
}

/**
 * One-word business nouns ("kindergarten", "daycare", "guesthouse"): a name that holds one names the business. Not
 * "marina", also a given name.
 */
const BUSINESS_WORDS: ReadonlySet<string> = new Set(
  BUSINESS_NOUNS.split("|").filter((noun) => !noun.includes(" ") && noun !== "marina"),
);

/** "Dunmore Roofing was started by ...": a name with a trade or organisation word is a business's, not a person's. */
export function isBusinessName(name: string): boolean {
  return nameTokens(name).some((token) => {
    const lower = token.toLowerCase();
    return TRADE_WORDS[lower] !== undefined || isOrganisationWord(lower) || BUSINESS_WORDS.has(lower);
  });
}

/** Marks the name tokens as other people's (never the subject's). */
function exclude(excluded: Set<string>, tokens: readonly string[]): void {
  for (const token of tokens) excluded.add(token.toLowerCase());
}

/** "Costa Rica", "Green Valley": a title part naming a place, not a person. */
function isPlaceName(text: string): boolean {
  return nlp(text.trim()).places().found;
}

export function titleCase(text: string): string {
  return text.replace(WORD_START_LOWER, (_, lead: string, letter: string) => lead + letter.toUpperCase());
}

export function add(
  list: NameCandidate[],
  raw: string,
  source: CleanSource,
  quote: string,
  score: number,
  aliases?: string[],
): NameCandidate | undefined {
  const value = cleanName(raw);
  if (!isPlausibleName(value)) return undefined;
  const candidate: NameCandidate = aliases ? { value, source, quote, score, aliases } : { value, source, quote, score };
  list.push(candidate);
  return candidate;
}

/** A name found by a cue that firms share with people, scored 2 and marked weak when `add` keeps it. */
function addWeak(list: NameCandidate[], raw: string, source: CleanSource, quote: string): void {
  const added = add(list, raw, source, quote, 2);
  if (added) added.weak = true;
}

const FIRST_PERSON_WORD = /(?:^|[^\p{L}'’])(?:I|I'm|I’m|I've|I’ve|I'd|I'll|my|me|mine|myself)(?=$|[^\p{L}'’])/u;

const THIRD_PERSON_OPENER = /^(?:[-•*]\s*)?(?:she|he|her|his|they|their)\b/i;

/**
 * How many sentences of a text are written as "I" (outside quotes) and how many open on "she"/"he"/"they": a text
 * mostly written as "I" is the writer's own (notes, diary) rather than about someone else.
 */
function personCounts(lines: readonly string[]): { first: number; third: number } {
  let first = 0;
  let third = 0;
  for (const line of lines) {
    for (const sentence of splitSentences(line)) {
      const { text } = sentence;
      if (FIRST_PERSON_WORD.test(QUOTE_OPENING.test(text) ? text.replace(QUOTED_SPAN, " ") : text)) first += 1;
      else if (THIRD_PERSON_OPENER.test(text)) third += 1;
    }
  }
  return { first, third };
}

/** The full name a line opens on before a separator or the line's end ("Ana Ruiz — Chair"), if it is a person's. */
function leadingFullName(line: string): string | null {
  const name = LEADING_NAME_LINE.exec(line)?.[1];
  return name && isFullName(name) ? name : null;
}

/** Two name tokens or more, none of them a business word ("Harbour Bakery" is a firm). */
function isFullName(name: string): boolean {
  return nameTokens(name).length >= 2 && !isBusinessName(name);
}

/** Whether a line is made only of a name ("Ana Ruiz", "Dr. Ana Ruiz"), as in a signature or a heading. */
function isNameLine(line: string): boolean {
  const bare = line.replace(NAME_PREFIX, "").trim();
  return ONLY_NAME.test(bare) && isPlausibleName(bare) && !isBusinessName(bare);
}

function nearestLine(lines: readonly string[], from: number, step: 1 | -1): string {
  for (let j = from + step, seen = 0; j >= 0 && j < lines.length && seen < 3; j += step, seen += 1) {
    const text = (lines[j] ?? "").trim();
    if (text !== "") return text;
  }
  return "";
}

export function lineCandidates({ source, lines, injected, candidates, excluded, organisations }: SourceReading): void {
  const persons = personCounts(lines);
  const selfWritten = persons.first >= 2 && persons.first > persons.third;
  const firstLine = lines.findIndex((line) => line.trim() !== "");
  // A page whose lines open on several people's names ("Ana Ruiz — Chair", "Ben Okoro — Secretary") is a team or
  // member list: its first entry is not who the page is about, so no name gets the header's extra weight.
  const listed = new Set<string>();
  for (const [i, line] of lines.entries()) {
    const name = injected[i] ? null : leadingFullName(line);
    if (name !== null) listed.add(cleanName(name).toLowerCase());
  }
  const listsPeople = listed.size >= 2;
  const recipients: string[] = [];
  const fullNames = new Map<string, string | null>();
  let senderNamed = false;
  const { lower: lowered, cues } = lineCues(lines);
  lines.forEach((line, i) => {
    if (injected[i]) return;
    // Header lines pack several fields: "Date: ... · Participant: T14 · Interviewer: Ana Ruiz". A segment is part of
    // one line, so the field patterns are anchored at its start without the `m` flag (with it, tried at every position).
    const lower = lowered[i] as string;
    const cued = cues[i] as number;
    for (const segment of line.split(SEGMENT_SEPARATOR)) {
      // The field patterns need a ":" (AUTHOR_FIELD's is optional); most segments have none.
      const colon = segment.includes(":");
      const other = colon ? OTHER_FIELD.exec(segment) : null;
      if (other?.[2]) {
        // Someone who comes along with the subject may share their surname: only the given name is theirs alone.
        const tokens = nameTokens(other[2]);
        exclude(excluded, ACCOMPANYING.test(other[1] ?? "") ? tokens.slice(0, 1) : tokens);
      }
      const recipient = colon ? RECIPIENT_FIELD.exec(segment)?.[1] : undefined;
      if (recipient) recipients.push(recipient);
      const field = colon ? FIELD_NAME.exec(segment) : null;
      if (field?.[1]) {
        const isFrom = FROM_FIELD.test(segment);
        if (isFrom && isPlausibleName(cleanName(field[1])) && !isBusinessName(field[1])) senderNamed = true;
        add(candidates, field[1], source, field[0].replace(LEADING_BULLET, ""), isFrom ? 2 : 4);
      }
      // The keeper of the notes is the subject only when they write about themselves.
      const author = AUTHOR_FIELD.exec(segment);
      if (author?.[1]) {
        if (selfWritten) add(candidates, author[1], source, author[0].trim(), 4);
        else exclude(excluded, nameTokens(author[1]));
      }
      // "Notes (Jake):" heads a block written by someone about the subject.
      const credited = segment.includes("(") ? AUTHOR_HEADING.exec(segment)?.[1] : undefined;
      if (credited) exclude(excluded, nameTokens(credited));
    }
    // "Mr. Ali Hassan (interpreter)", "Pim Chaiyawan (respondent's daughter)": tagged as someone else.
    exclude(excluded, taggedOthers(line));
    // "my neighbour Tom Price", "her business partner, Owen Hughes": a relative or colleague, never the subject.
    // Only the given name: relatives share the surname ("his sister-in-law Maud Ferrand").
    for (const related of cued & RELATIVE ? allMatches(RELATED_NAME, line) : [])
      exclude(excluded, nameTokens(related[1] ?? "").slice(0, 1));
    const form = FORM_NAME.exec(line)?.[1];
    // Title-casing only changes the displayed value; the quote stays the verbatim answer.
    if (form && nameTokens(form).length >= 2) add(candidates, titleCase(form), source, form, 4);
    for (const tagged of line.includes("(") ? allMatches(SUBJECT_ROLE_TAG, line) : []) {
      if (tagged[1] && nameTokens(tagged[1]).length >= 2) add(candidates, tagged[1], source, tagged[0], 3);
    }
    const bio = lower.includes("bio") || lower.includes("profile") ? PROFILE_BIO.exec(line) : null;
    if (bio?.[1]) add(candidates, bio[1], source, bio[1], 3);
    const isHeader = i === firstLine || (i <= 3 && source.kind === "url") || (i <= firstLine + 2 && i > 0);
    if (isHeader && !PUBLICATION_LINE.test(line)) {
      const lead = LEADING_NAME_LINE.exec(line);
      const leadName = leadingFullName(line);
      // Call and meeting titles name the account ("Discovery call — Acme Freight — 2024-05-02"), not a person: a
      // name leading one may be the firm's or the team's as well as the person's.
      const meetingTitle = MEETING_WORDS.test(line);
      if (leadName !== null && meetingTitle) addWeak(candidates, leadName, source, leadName);
      else if (leadName !== null)
        add(candidates, leadName, source, leadName, !listsPeople && (i === firstLine || source.kind === "url") ? 3 : 2);
      // "[Activity export — Ana Ruiz — posts]": a title that names the person among other parts.
      const parts = line.split(TITLE_SEPARATORS).filter((part) => part.trim() !== "");
      if (parts.length >= 2 && i === firstLine && !meetingTitle) {
        for (const raw of parts.slice(lead?.[1] ? 1 : 0)) {
          const part = raw.replace(TITLE_PART_TAIL, "").trim();
          if (isNameLine(part) && nameTokens(part).length >= 2 && !isPlaceName(part))
            addWeak(candidates, part, source, part);
        }
      }
    }
    // "Rosa Diaz is a ...": a sentence opening on a full name and a verb is about that person, unless what it is
    // is a business ("Pedal Point is a bike shop in ..."): then the name is the firm's wherever it appears.
    const opener = NAME_OPENER.exec(line);
    const rest = opener?.[1] && IS_OR_WAS.test(opener[0]) ? line.slice(opener.index + opener[0].length) : null;
    const business = opener?.[1] !== undefined && rest !== null && IS_AN_ORGANISATION.test(rest);
    if (business && opener?.[1]) organisations.add(cleanName(opener[1]).toLowerCase());
    // In a text written as "I", "Tom Price is 70" is about someone the writer knows, not the writer. "Tom Price
    // talks to the woman who ...": whoever interviews or talks to someone else is the reporter, not the subject.
    const reporter = opener !== null && REPORTS_ON.test(line.slice(opener.index + opener[0].lastIndexOf(" ") + 1));
    if (opener?.[1] && !business && !selfWritten && !reporter && isFullName(opener[1]))
      addWeak(candidates, opener[1], source, opener[0].trim());
    // A host presenting the guest, or notes of a meeting with someone: "Today I'm joined by Ana Ruiz".
    for (const guest of cued & GUEST ? allMatches(GUEST_INTRO, line) : []) {
      const value = guest[1] ?? "";
      if (isFullName(value)) add(candidates, value, source, guest[0].trim(), 3);
    }
    // Features: "Meet Ana Ruiz", "Interview with Ana Ruiz", "Q&A with ...", "Spotlight: Ana Ruiz".
    const feature = cued & FEATURE ? FEATURE_TITLE.exec(line) : null;
    if (feature?.[1] && !isBusinessName(feature[1]))
      add(candidates, feature[1], source, feature[0].trim(), nameTokens(feature[1]).length >= 2 ? 3 : 1);
    // Bylines: "posted 3 March 2024 by Lena Fischer", "By Ana Ruiz", "12 May · by Ana · 6 min read".
    // The author is the subject only when they write as "I" (outside quotes): over a third-person article, the
    // journalist.
    const byline = persons.first > 0 && lower.includes("by") ? BYLINE.exec(line) : null;
    if (byline?.[1]) add(candidates, byline[1], source, byline[0].trim(), 3);
    // "Priya runs a team ..." with "Priya Nair" elsewhere: a sentence about a person named in full somewhere.
    // As for full names above, in a text written as "I" ("Elif is 24, she works at the port") it is someone else.
    const shortOpener = selfWritten ? null : SHORT_OPENER.exec(line);
    if (shortOpener?.[1]) {
      const full = fullNameStarting(shortOpener[1], lines, fullNames);
      if (full) add(candidates, full, source, full, 2);
    }
    // A line that is only a full name titles what follows (team pages, speaker lists, bylines).
    const bare = line.replace(NAME_PREFIX, "");
    if (i > 0 && ONLY_NAME.test(bare) && nameTokens(bare).length >= 2) add(candidates, bare, source, line, 2);
    // A name on its own after a closing ("Thanks,", "Viele Grüße") or above a signature rule ("—", "--").
    const previous = nearestLine(lines, i, -1);
    const next = nearestLine(lines, i, 1);
    const closing = SIGN_OFF.test(previous) || SIGN_OFF_PHRASE.test(previous) || SIGNATURE_RULE.test(next);
    if (closing && SHORT_CAPITALISED_LINE.test(line.trim()) && nameTokens(line).length <= 3) {
      // "Lupita / — / Guadalupe Herrera": the short name signs, the full name below is the same person.
      const below = SIGNATURE_RULE.test(next) ? nearestLine(lines, lines.indexOf(next, i), 1) : "";
      if (below && isNameLine(below) && nameTokens(below).length >= 2 && nameTokens(line.trim()).length === 1)
        add(candidates, below, source, below, 2, [line.trim()]);
      else add(candidates, line.trim(), source, line.trim(), 1);
    }
  });
  // "To: Ana Ruiz" under "From: Ben Okoro": Ana is who the writer addresses. Without a named sender (an agent's
  // reply pasted alone), the recipient may well be the customer the material is about, so nothing is excluded.
  if (senderNamed) for (const r of recipients) exclude(excluded, nameTokens(r));
}

/** "This is Kinsale", "It's Tuesday": openers that introduce things as often as people. */
const NAMES_A_THING = /^(?:[Tt]his is|[Ii]t's)/;

/** Whether a turn introduces its speaker by name ("I'm Declan Moore", "my name is Ana", "Ich bin Lukas"). */
export function introducesSelf(text: string): boolean {
  if (!mayIntroduceSelf(text.toLowerCase())) return false;
  for (const match of allMatches(SELF_INTRO, text)) {
    if (!NAMES_A_THING.test(match[0]) && isPlausibleName(cleanName(match[1] ?? ""))) return true;
  }
  return false;
}

export function introCandidates({ source, lines, injected, candidates, hosts, model, excluded }: SourceReading): void {
  // Who last asked for an introduction: null (nobody), "other" (a known interviewer or host) or "unknown".
  let askedIntro: "other" | "unknown" | null = null;
  // Whether a label is someone else's, decided once per label: a transcript repeats its few labels on every line,
  // and neither the host labels nor the model change here.
  const otherLabels = new Map<string, boolean>();
  const { cues } = lineCues(lines);
  const isOther = (label: string) =>
    hosts.has(label) || model.otherLabels.has(label) || labelParty(label, model) === "other";
  for (const [i, line] of lines.entries()) {
    if (injected[i]) continue;
    // "Agent (Ana Ruiz, Support — Lyon office):": a label with a long role in brackets is read as speech.
    const turn = speechLine(line);
    const label = (LINE_LABEL.exec(turn)?.[1] ?? parseSpeech(turn)?.label)?.trim().toLowerCase();
    const fromOther = label !== undefined && memo(otherLabels, label, isOther);
    // A known interviewer's or host's "I'm ..." names them, never the subject.
    const introduces = !fromOther && ((cues[i] as number) & SELF || BARE_IM.test(line));
    for (const match of introduces ? allMatches(SELF_INTRO, line) : []) {
      const first = match[1] ?? "";
      const second = match[2];
      const before = line.slice(Math.max(0, (match.index ?? 0) - 12), match.index ?? 0).toLowerCase();
      if (HOST_BEFORE.test(before) || YOUR_HOST.test(match[0])) continue;
      const start = match.index ?? 0;
      if (givenAsReason(line, start)) continue;
      // A lowercase "im" ("im Keala Kahananui") counts only before a full name: German "im Westpark" is "in the".
      if (BARE_IM_START.test(match[0]) && nameTokens(first).length < 2) continue;
      const value = second && nameTokens(second)[0] === nameTokens(first)[0] ? second : first;
      // "I'm Kojo Mensah, her grandson": a relative speaking; they may share the surname, so only the given name.
      if (namesRelativeAfter(line.slice((match.index ?? 0) + match[0].length))) {
        excluded.add((nameTokens(value)[0] ?? "").toLowerCase());
        // Whatever the turns suggested (a spouse cutting in answers more than the one asked), they are not the subject.
        if (label !== undefined) {
          model.otherLabels.add(label);
          model.subjectLabels.delete(label);
        }
        continue;
      }
      const added = add(candidates, value, source, match[0], 5);
      // The label of the speaker who named themselves.
      if (added && label !== undefined) added.label = label;
    }
    // Nobody was asked and this line cannot ask: its speech need not be parsed (askedIntro stays null either way).
    if (askedIntro === null && !mayAskIntroduction(line)) continue;
    // "Could you introduce yourself?" — "Sure. Park Ji-woo. I teach ...": an answer that opens on a bare name.
    const speech = parseSpeech(line, () => true);
    const content = (speech ? speech.content : line).trim();
    if (askedIntro && !fromOther && content !== "") {
      const rest = content.replace(ANSWER_OPENER, "");
      // After a short remark only a full name counts: a lone capitalised word there is as likely a place or a thing.
      const afterRemark = OPENING_NAME.exec(rest.replace(SHORT_REMARK, ""))?.[1];
      const named =
        OPENING_NAME.exec(rest)?.[1] ?? (afterRemark && nameTokens(afterRemark).length >= 2 ? afterRemark : undefined);
      if (named && isPlausibleName(named) && !isBusinessName(named)) {
        // Asked by the known interviewer, the answer names the interviewee: above a name anyone else volunteers.
        const score = (nameTokens(named).length >= 2 ? 5 : 3) + (askedIntro === "other" ? 2 : 0);
        const added = add(candidates, named, source, named, score);
        if (added && label !== undefined) added.label = label;
      }
    }
    if (content !== "") askedIntro = asksIntroduction(content) ? (fromOther ? "other" : "unknown") : null;
  }
}
