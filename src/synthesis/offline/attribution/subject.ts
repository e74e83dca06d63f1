/** Who is the persona about? Collects name candidates from structural cues (self-introductions, requester/customer fields, bylines, profile bios, page titles, sign-offs) and speech, and picks the best supported. */

import nlp from "compromise";
import type { CleanSource } from "../../types.ts";
import { containsAny } from "../engine/cues.ts";
import { splitSentences } from "../engine/text.ts";
import { TRADE_WORDS } from "../lexicon/occupations.ts";
import { linesOf } from "./injection.ts";
import { cleanName, isPlausibleName, NAME_SEQUENCE, nameMatcher, nameTokens } from "./names.ts";
import { labelStats, NEUTRAL_LABEL, parseSpeech } from "./speech.ts";
import { labelParty, type SubjectModel } from "./units.ts";

export interface NameCandidate {
  value: string;
  /** Other names the same person goes by in the text (a signed nickname). */
  aliases?: string[];
  /** Found by a cue that firms share with people ("Kopi Kebun is a roastery"): not proof of a person. */
  weak?: boolean;
  source: CleanSource;
  quote: string;
  score: number;
}

export const N = NAME_SEQUENCE;

/**
 * "I'm Ana", "my name is", and the same in other languages ("Ich bin Lukas", "je m'appelle", "me chamo"). A bare
 * "im" counts only before a full name: it is German for "in the" ("im Westpark") more often than a typo for "I'm".
 */
const SELF_INTRO = new RegExp(
  `\\b(?:I'm|I’m|I am|[Ii]m|i['’]m|[Mm]y name is|[Mm]y name['’]s|[Mm]e llamo|[Mm]i nombre es|[Ss]oy|[Tt]his is|[Ii]t's|[Cc]all me|[Ii]ch bin|[Ii]ch hei(?:ß|ss)e|[Mm]ein [Nn]ame ist|[Jj]e m['’]appelle|[Jj]e suis|[Mm]oi c['’]est|[Mm]i chiamo|[Ee]u sou|[Mm]e chamo|[Cc]hamo-me|[Ii]k ben|[Mm]ijn naam is|[Jj]ag heter|[Jj]eg heter|[Jj]eg er|[Nn]azywam się|[Jj]estem)\\s+(${N})(?:\\s*[—–-]+\\s*(${N}))?`,
  "gu",
);

/**
 * Pre-check for SELF_INTRO: every match contains one of these (its openers, lowercased), or a bare "im" before a space,
 * tested apart because "im" alone occurs in most lines ("time", "him").
 */
const mayIntroduceSelf = containsAny([
  "i'm",
  "i’m",
  "i am",
  "my name",
  "me llamo",
  "mi nombre es",
  "soy",
  "this is",
  "it's",
  "call me",
  "ich bin",
  "ich hei",
  "mein name ist",
  "je m",
  "je suis",
  "moi c",
  "mi chiamo",
  "eu sou",
  "me chamo",
  "chamo-me",
  "ik ben",
  "mijn naam is",
  "jag heter",
  "jeg heter",
  "jeg er",
  "nazywam się",
  "jestem",
]);
const BARE_IM = /\b[Ii]m\s/;

/** A question asking someone to introduce themselves; the answer may open on a bare name ("Sure. Park Ji-woo."). */
const INTRO_QUESTION =
  /\b(?:introduce yourself|who you are|who are you|your (?:full )?name|about yourself|tell us (?:a bit |a little )?about you|stell dich|pr[ée]sente[sz]?[- ]toi|pr[ée]sentez[- ]vous|pres[ée]ntate|quién eres|apresente-se)\b/i;

const ANSWER_OPENER =
  /^(?:(?:sure|yes|yeah|yep|ok|okay|of course|hi|hello|hey|hiya|well|um+|uh+|so|right|absolutely|certainly|hola|claro|bien|oui|bonjour|ja|hallo|klar)\b[\s,.!—–-]*)*/i;

const FIELD_NAME = new RegExp(
  `^(?:[-•*]\\s*)?(?:requester|customer|client|prospect|mentee|participant|interviewee|respondent|speaker|name|full name|author|by|posted by|written by|profile|from|patient|user|candidate|guest|contact|applicant|account holder|submitted by|nombre|nom|nome|name \\(optional\\)|your name)\\s*:\\s*(?:dr\\.?\\s+|prof\\.?\\s+)?(${N}(?:\\s*\\([^)]{1,30}\\)\\s*${N})?)(?=\\s*(?:$|[<(,;—–|·\\[]|\\s-\\s))`,
  "iu",
);

/** "Q1. Your name: hannah okafor": a numbered form answer, often typed in lowercase. */
const FORM_NAME = /^(?:Q\s?\d{1,2}[.):]?\s*)?(?:your |full )?name\s*[:?]\s*([\p{L}'’ -]{3,40}?)\s*$/iu;

/** "Tariq Aziz (customer)" in an attendee list: the party the notes are about. */
const SUBJECT_ROLE_TAG = new RegExp(
  `(${NAME_SEQUENCE})\\s*\\((?:customer|client|prospect|participant|interviewee|respondent|user|patient)\\)`,
  "gu",
);

/** Recipients of an email: other people when the sender is named, since the sender is then who writes. */
const RECIPIENT_FIELD = new RegExp(
  `^(?:[-•*]\\s*)?(?:[Tt]o|TO|[Cc]c|CC|[Bb]cc|BCC|[Aa]n|[Pp]ara)\\s*:\\s*(?:dr\\.?\\s+)?(${N})`,
  "u",
);

const OTHER_FIELD = new RegExp(
  `^(?:[-•*]\\s*)?(?:mentor|interviewer|agent|facilitator|notes|moderator|host|co-host|assignee|owner|rep|sales rep|account executive|account manager|ae|csm|sdr|recruiter|researcher|reviewer|reporter|editor|photographer|coach|therapist|doctor|nurse|teacher|manager|supervisor|agent name|handled by|assigned to|observer|note-?taker|recorded by|transcribed by)\\s*:\\s*(?:dr\\.?\\s+)?(${N})`,
  "iu",
);

/** "Notes owner: Ewa K.", "Minutes by: ...": the writer of the notes, who is the subject only when writing as "I". */
const AUTHOR_FIELD = new RegExp(
  `^(?:[-•*]\\s*)?(?:notes? owner|notes? by|minutes by|prepared by|compiled by|kept by|diary of|journal of)\\s*:?\\s*(${N})`,
  "iu",
);

const GUEST_INTRO = new RegExp(
  `(?:\\b(?:I'm|I’m|I am|[Ww]e're|[Ww]e’re|[Ww]e are)\\s+(?:joined|talking|speaking|sitting down|chatting|here)\\s+(?:today\\s+)?(?:by|with|to)|\\b[Jj]oined (?:today )?by|\\b(?:[Mm]y|[Oo]ur) guest (?:today |this week )?is|\\b[Tt]oday['’]?s guest(?: is)?|\\b[Pp]lease welcome|(?:^|[.!?]\\s+|[-•*]\\s*|[—–·|]\\s*)(?:[Mm]et with|[Mm]eeting with|[Cc]all with|[Ss]poke (?:with|to)|[Cc]atch-up with|[Cc]heck-in with|1:1 with|[Ss]at down with))\\s+(?:(?:Dr|Prof|Mr|Mrs|Ms)\\.?\\s+)?(${N})`,
  "gu",
);

const RELATED_NAME = new RegExp(
  `\\b(?:[Mm]y|[Oo]ur|[Hh]er|[Hh]is|[Tt]heir)\\s+(?:[\\p{Ll}-]+\\s+){0,2}?(?:husband|wife|partner|boyfriend|girlfriend|son|daughter|mother|father|mum|mom|dad|brother|sister|grandson|granddaughter|grandmother|grandfather|aunt|uncle|cousin|nephew|niece|brother-in-law|sister-in-law|mother-in-law|father-in-law|friend|neighbou?r|flatmate|roommate|colleague|co-?worker|boss|manager|supervisor|mentor|teacher|coach|doctor|therapist|landlord|assistant|intern|co-?founder|business partner|recruiter|editor|guru)(?:,)?\\s+(${N})`,
  "gu",
);

/**
 * Pre-checks: words every match of RELATED_NAME (as written: it is case-sensitive) and of GUEST_INTRO (lowercased)
 * contains, found in one scan of the line; most lines have none, and the name patterns are costly to run.
 */
const mayNameRelative = containsAny([
  "husband",
  "wife",
  "partner",
  "friend",
  "son",
  "daughter",
  "mother",
  "father",
  "mum",
  "mom",
  "dad",
  "brother",
  "sister",
  "aunt",
  "uncle",
  "cousin",
  "nephew",
  "niece",
  "neighbo",
  "flatmate",
  "roommate",
  "colleague",
  "worker",
  "boss",
  "manager",
  "supervisor",
  "mentor",
  "teacher",
  "coach",
  "doctor",
  "therapist",
  "landlord",
  "assistant",
  "intern",
  "founder",
  "recruiter",
  "editor",
  "guru",
]);
const mayIntroduceGuest = containsAny([
  "joined",
  "talking",
  "speaking",
  "sitting down",
  "chatting",
  "here",
  "guest",
  "welcome",
  "met with",
  "meeting with",
  "call with",
  "spoke ",
  "catch-up with",
  "check-in with",
  "1:1 with",
  "sat down with",
]);

const FEATURE_TITLE = new RegExp(
  `(?:^|[—–|·:]\\s*)(?:[Mm]eet|[Ii]ntroducing|[Ss]potlight(?: on)?:?|[Pp]rofile(?: of)?:|[Ii]nterview with|[Ii]n conversation with|[Aa] conversation with|[Cc]onversation with|[Qq]&[Aa] with|[Gg]etting to know|[Pp]ortrait of|[Ee]ntrevista (?:a|con)|[Ii]nterview mit|[Ee]ntretien avec)\\s+(${N})(?=\\s*(?:$|[,:;.!?(—–|·]|\\s[-–—]\\s|\\s(?:on|about|the|who|from)\\b))`,
  "u",
);

/** A title line naming a publication issue or episode ("Dari Kopi — Issue #27"): its leading words are not a person. */
const PUBLICATION_LINE =
  /(?:\b(?:issue|episode|ep|vol|volume|newsletter|podcast|edition|digest|no|nr|chapter|season|part)\.?\s*#?\d|#\d)/i;

/** Separators between the parts of a header line ("Date: ... · Participant: T14 · Interviewer: ..."). */
const SEGMENT_SEPARATOR = /\s+[·|•]\s+|\s{3,}/;

const PROFILE_BIO = new RegExp(`(?:profile|bio)\\]?\\s*(${N})\\s*(?:[|,—–-]|\\p{Extended_Pictographic})`, "iu");

const LEADING_NAME_LINE = new RegExp(`^(?:[Dd]r\\.?\\s+|[Pp]rof\\.?\\s+)?(${N})\\s*(?:,|[—–|]|$)`, "u");

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

/** Bylines: "posted 3 March 2024 by Lena Fischer", "By Ana Ruiz", "12 May · by Ana · 6 min read". */
const BYLINE = new RegExp(
  `(?:\\b(?:[Pp]osted|[Ww]ritten|[Pp]ublished|[Ww]ords|[Ss]tory)\\b[^.!?]{0,40}?\\bby|^[Bb]y|[·|•]\\s*[Bb]y)\\s+(${N})\\s*(?:$|[,|·—–(])`,
  "u",
);

/** "Priya runs a team ...": a sentence opening on a first name and a verb. */
const SHORT_OPENER =
  /(?:^|[.!?]\s+)(\p{Lu}[\p{Ll}'’-]+)\s+(?:is|was|has|runs|works|lives|leads|manages|owns|joined|wants|needs)\b/u;

/** A text that is only a name. */
const ONLY_NAME = new RegExp(`^${N}$`, "u");

/** An answer that opens on a bare name ("Park Ji-woo. I teach ..."). */
const OPENING_NAME = new RegExp(`^(${N})\\s*(?:[.!,;—–]|$)`, "u");

const SPEAKER_DECL = /\b([A-Z][A-Z\d]{0,11})\s*=\s*([^,;)\n]+(?:\([^)]*\))?)/g;

/**
 * The first "First Last" in the text that starts with this first name, if any. Remembered per first name, so a text
 * of many "Ana is ..." lines reads its lines once per name, not once per such line.
 */
function fullNameStarting(first: string, lines: readonly string[], known: Map<string, string | null>): string | null {
  const remembered = known.get(first);
  if (remembered !== undefined) return remembered;
  const pattern = new RegExp(`\\b${first}\\s\\p{Lu}[\\p{Ll}'’-]+(?:-\\p{Lu}[\\p{Ll}'’-]+)?`, "u");
  let full: string | null = null;
  for (const line of lines) {
    const found = pattern.exec(line)?.[0];
    if (found && isPlausibleName(found) && !nameTokens(found).some(isBusinessWord)) {
      full = found;
      break;
    }
  }
  known.set(first, full);
  return full;
}

/** Words that end or make up the names of firms, places and publications rather than people. */
const BUSINESS_WORDS =
  /^(?:ltd|limited|llc|llp|gmbh|ag|sa|srl|bv|plc|pty|inc|corp|co|group|services|solutions|studio|studios|company|trust|foundation|association|club|team|logistics|consulting|consultancy|partners|holdings|systems|technologies|technology|tech|software|labs?|digital|media|health|healthcare|foods?|farms?|ranch|vineyards?|winery|brewery|bakery|roastery|cafe|café|coffee|restaurant|kitchen|bar|shop|store|market|hotel|hostel|inn|clinic|hospital|pharmacy|academy|school|college|university|institute|center|centre|bank|capital|ventures|industries|works|design|designs|collective|cooperative|network|project|projects|agency|press|publishing|records|productions|fitness|pilates|yoga|gym|salon|spa|garage|motors|auto|insurance|realty|properties|estates?|street|st|road|avenue|lane|square|station|bridge|river|lake|valley|beach|bay|city|county|parish|district|province|region|airport|port|harbour|harbor|mall|plaza|newsletter|magazine|journal|times|post|news|gazette|herald|tribune|review|weekly|daily|radio|tv|podcast|show|channel|app|cloud|crm|hq|pro)$/;

/** "Price Electrical was set up by ...": a business name, not a person. */
function isBusinessWord(token: string): boolean {
  const lower = token.toLowerCase();
  return TRADE_WORDS[lower] !== undefined || BUSINESS_WORDS.test(lower);
}

/** "Costa Rica", "Green Valley": a title part naming a place, not a person. */
function isPlaceName(text: string): boolean {
  return nlp(text.trim()).places().found;
}

function titleCase(text: string): string {
  return text.replace(/(^|[\s'’-])(\p{Ll})/gu, (_, lead: string, letter: string) => lead + letter.toUpperCase());
}

export function add(
  list: NameCandidate[],
  raw: string,
  source: CleanSource,
  quote: string,
  score: number,
  aliases?: string[],
): void {
  const value = cleanName(raw);
  if (!isPlausibleName(value)) return;
  list.push(aliases ? { value, source, quote, score, aliases } : { value, source, quote, score });
}

const FIRST_PERSON_WORD = /(?:^|[^\p{L}'’])(?:I|I'm|I’m|I've|I’ve|I'd|I'll|my|me|mine|myself)(?=$|[^\p{L}'’])/u;

const THIRD_PERSON_OPENER = /^(?:[-•*]\s*)?(?:she|he|her|his|they|their)\b/i;

/** Whether the writer of a text mostly writes as "I" (own notes, diary) rather than about someone else. */
function writesAsSelf(lines: readonly string[]): boolean {
  let first = 0;
  let third = 0;
  for (const line of lines) {
    for (const sentence of splitSentences(line)) {
      if (FIRST_PERSON_WORD.test(sentence.text.replace(/["“][^"“”]*["”]/g, " "))) first += 1;
      else if (THIRD_PERSON_OPENER.test(sentence.text)) third += 1;
    }
  }
  return first >= 2 && first > third;
}

/** Whether a line is made only of a name ("Ana Ruiz", "Dr. Ana Ruiz"), as in a signature or a heading. */
function isNameLine(line: string): boolean {
  const bare = line.replace(/^(?:(?:[Dd]r|[Pp]rof)\.?|Meet|About|Introducing)\s+/, "").trim();
  return ONLY_NAME.test(bare) && isPlausibleName(bare) && !nameTokens(bare).some(isBusinessWord);
}

function nearestLine(lines: readonly string[], from: number, step: 1 | -1): string {
  for (let j = from + step, seen = 0; j >= 0 && j < lines.length && seen < 3; j += step, seen += 1) {
    const text = (lines[j] ?? "").trim();
    if (text !== "") return text;
  }
  return "";
}

function lineCandidates(
  source: CleanSource,
  lines: readonly string[],
  injected: readonly boolean[],
  candidates: NameCandidate[],
  excluded: Set<string>,
): void {
  const selfWritten = writesAsSelf(lines);
  const firstLine = lines.findIndex((line) => line.trim() !== "");
  const recipients: string[] = [];
  const fullNames = new Map<string, string | null>();
  let senderNamed = false;
  lines.forEach((line, i) => {
    if (injected[i]) return;
    // Header lines pack several fields: "Date: ... · Participant: T14 · Interviewer: Ana Ruiz". A segment is part of
    // one line, so the field patterns are anchored at its start without the `m` flag (with it, tried at every position).
    for (const segment of line.split(SEGMENT_SEPARATOR)) {
      const other = OTHER_FIELD.exec(segment)?.[1];
      if (other) for (const t of nameTokens(other)) excluded.add(t.toLowerCase());
      const recipient = RECIPIENT_FIELD.exec(segment)?.[1];
      if (recipient) recipients.push(recipient);
      const field = FIELD_NAME.exec(segment);
      if (field?.[1]) {
        const isFrom = /^(?:[-•*]\s*)?from\s*:/i.test(segment);
        if (isFrom && isPlausibleName(cleanName(field[1])) && !nameTokens(field[1]).some(isBusinessWord))
          senderNamed = true;
        add(candidates, field[1], source, field[0].replace(/^[-•*]\s*/, ""), isFrom ? 2 : 4);
      }
      // The keeper of the notes is the subject only when they write about themselves.
      const author = AUTHOR_FIELD.exec(segment);
      if (author?.[1]) {
        if (selfWritten) add(candidates, author[1], source, author[0].trim(), 4);
        else for (const t of nameTokens(author[1])) excluded.add(t.toLowerCase());
      }
      // "Notes (Jake):" heads a block written by someone about the subject.
      const credited = AUTHOR_HEADING.exec(segment)?.[1];
      if (credited) for (const t of nameTokens(credited)) excluded.add(t.toLowerCase());
    }
    // "my neighbour Tom Price", "her business partner, Owen Hughes": a relative or colleague, never the subject.
    // Only the given name: relatives share the surname ("her brother-in-law Denis Thibodeaux").
    for (const related of mayNameRelative(line) ? line.matchAll(RELATED_NAME) : []) {
      const given = nameTokens(related[1] ?? "")[0];
      if (given) excluded.add(given.toLowerCase());
    }
    const form = FORM_NAME.exec(line)?.[1];
    // Title-casing only changes the displayed value; the quote stays the verbatim answer.
    if (form && nameTokens(form).length >= 2) add(candidates, titleCase(form), source, form, 4);
    for (const tagged of line.includes("(") ? line.matchAll(SUBJECT_ROLE_TAG) : []) {
      if (tagged[1] && nameTokens(tagged[1]).length >= 2) add(candidates, tagged[1], source, tagged[0], 3);
    }
    const bio = PROFILE_BIO.exec(line);
    if (bio?.[1]) add(candidates, bio[1], source, bio[1], 3);
    const isHeader = i === firstLine || (i <= 3 && source.kind === "url") || (i <= firstLine + 2 && i > 0);
    if (isHeader && !PUBLICATION_LINE.test(line)) {
      const lead = LEADING_NAME_LINE.exec(line);
      if (lead?.[1] && nameTokens(lead[1]).length >= 2 && !nameTokens(lead[1]).some(isBusinessWord))
        add(candidates, lead[1], source, lead[1], i === firstLine || source.kind === "url" ? 3 : 2);
      // "[Activity export — Ana Ruiz — posts]": a title that names the person among other parts.
      const parts = line.split(/\s*[—–|·•›»[\]]\s*|\s+-\s+/).filter((part) => part.trim() !== "");
      // Call and meeting titles name the account ("Discovery call — Acme Freight — 2024-05-02"), not a person.
      const meetingTitle =
        /\b(?:call|meeting|sync|demo|discovery|opportunity|deal|account|retro|standup|stand-up|kickoff|kick-off|ticket|case|order|invoice|project)\b/i.test(
          line,
        );
      if (parts.length >= 2 && i === firstLine && !meetingTitle) {
        for (const part of parts.slice(lead?.[1] ? 1 : 0)) {
          if (isNameLine(part) && nameTokens(part).length >= 2 && !isPlaceName(part)) {
            add(candidates, part.trim(), source, part.trim(), 2);
            const last = candidates.at(-1);
            if (last && last.quote === part.trim()) last.weak = true;
          }
        }
      }
    }
    // "Rosa Diaz is a ...": a sentence opening on a full name and a verb is about that person.
    const opener = NAME_OPENER.exec(line);
    // In a text written as "I", "Tom Price is 70" is about someone the writer knows, not the writer.
    if (
      opener?.[1] &&
      !selfWritten &&
      nameTokens(opener[1]).length >= 2 &&
      !nameTokens(opener[1]).some(isBusinessWord)
    ) {
      add(candidates, opener[1], source, opener[0].trim(), 2);
      const last = candidates.at(-1);
      if (last && last.quote === opener[0].trim()) last.weak = true;
    }
    // A host presenting the guest, or notes of a meeting with someone: "Today I'm joined by Ana Ruiz".
    for (const guest of mayIntroduceGuest(line.toLowerCase()) ? line.matchAll(GUEST_INTRO) : []) {
      const value = guest[1] ?? "";
      if (nameTokens(value).length >= 2 && !nameTokens(value).some(isBusinessWord))
        add(candidates, value, source, guest[0].trim(), 3);
    }
    // Features: "Meet Ana Ruiz", "Interview with Ana Ruiz", "Q&A with ...", "Spotlight: Ana Ruiz".
    const feature = FEATURE_TITLE.exec(line);
    if (feature?.[1] && !nameTokens(feature[1]).some(isBusinessWord))
      add(candidates, feature[1], source, feature[0].trim(), nameTokens(feature[1]).length >= 2 ? 3 : 1);
    // Bylines: "posted 3 March 2024 by Lena Fischer", "By Ana Ruiz", "12 May · by Ana · 6 min read".
    const byline = BYLINE.exec(line);
    if (byline?.[1]) add(candidates, byline[1], source, byline[0].trim(), 3);
    // "Priya runs a team ..." with "Priya Nair" elsewhere: a sentence about a person named in full somewhere.
    const shortOpener = SHORT_OPENER.exec(line);
    if (shortOpener?.[1]) {
      const full = fullNameStarting(shortOpener[1], lines, fullNames);
      if (full) add(candidates, full, source, full, 2);
    }
    // A line that is only a full name titles what follows (team pages, speaker lists, bylines).
    const bare = line.replace(/^(?:(?:[Dd]r|[Pp]rof)\.?|Meet|About|Introducing)\s+/, "");
    if (i > 0 && ONLY_NAME.test(bare) && nameTokens(bare).length >= 2) add(candidates, bare, source, line, 2);
    // A name on its own after a closing ("Thanks,", "Viele Grüße") or above a signature rule ("—", "--").
    const previous = nearestLine(lines, i, -1);
    const next = nearestLine(lines, i, 1);
    const closing = SIGN_OFF.test(previous) || SIGN_OFF_PHRASE.test(previous) || SIGNATURE_RULE.test(next);
    if (closing && /^[\p{Lu}][\p{L}'’ .-]{1,40}$/u.test(line.trim()) && nameTokens(line).length <= 3) {
      // "Lupita / — / Guadalupe Herrera": the short name signs, the full name below is the same person.
      const below = SIGNATURE_RULE.test(next) ? nearestLine(lines, lines.indexOf(next, i), 1) : "";
      if (below && isNameLine(below) && nameTokens(below).length >= 2 && nameTokens(line.trim()).length === 1)
        add(candidates, below, source, below, 2, [line.trim()]);
      else add(candidates, line.trim(), source, line.trim(), 1);
    }
  });
  // "To: Ana Ruiz" under "From: Ben Okoro": Ana is who the writer addresses. Without a named sender (an agent's
  // reply pasted alone), the recipient may well be the customer the material is about, so nothing is excluded.
  if (senderNamed) for (const r of recipients) for (const t of nameTokens(r)) excluded.add(t.toLowerCase());
}

function introCandidates(
  source: CleanSource,
  lines: readonly string[],
  injected: readonly boolean[],
  candidates: NameCandidate[],
  hostLabels: Set<string>,
  model: SubjectModel,
): void {
  let askedIntro = false;
  for (const [i, line] of lines.entries()) {
    if (injected[i]) continue;
    const label = /^\[?[\d:]*\]?\s*([^:]{1,30}):\s/.exec(speechLine(line))?.[1]?.trim().toLowerCase();
    const fromOther =
      label !== undefined &&
      (hostLabels.has(label) || model.otherLabels.has(label) || labelParty(label, model) === "other");
    const introduces = mayIntroduceSelf(line.toLowerCase()) || BARE_IM.test(line);
    for (const match of introduces ? line.matchAll(SELF_INTRO) : []) {
      const first = match[1] ?? "";
      const second = match[2];
      const before = line.slice(Math.max(0, (match.index ?? 0) - 12), match.index ?? 0).toLowerCase();
      if (/your host|host,|host\s*$/.test(before) || /\byour host\b/i.test(match[0])) continue;
      if (fromOther) continue;
      // A lowercase "im" ("im Keala Kahananui") counts only before a full name: German "im Westpark" is "in the".
      if (/^[Ii]m\s/.test(match[0]) && nameTokens(first).length < 2) continue;
      const value = second && nameTokens(second)[0] === nameTokens(first)[0] ? second : first;
      add(candidates, value, source, match[0], 5);
    }
    // "Could you introduce yourself?" — "Sure. Park Ji-woo. I teach ...": an answer that opens on a bare name.
    const speech = parseSpeech(line, () => true);
    const content = (speech ? speech.content : line).trim();
    if (askedIntro && !fromOther && content !== "") {
      const rest = content.replace(ANSWER_OPENER, "");
      const named = OPENING_NAME.exec(rest)?.[1];
      if (named && isPlausibleName(named) && !nameTokens(named).some(isBusinessWord)) {
        const full = nameTokens(named).length >= 2;
        add(candidates, named, source, named, full ? 5 : 3);
      }
    }
    if (content !== "") askedIntro = INTRO_QUESTION.test(content) && /\?/.test(content);
  }
}

/** The line without a leading timestamp, bullet or emoji, so "💬 Ana: hi" and "[2024-05-01 10:02] Ana: hi" parse. */
function speechLine(line: string): string {
  return line.replace(/^[\s>↳•*-]*(?:\p{Extended_Pictographic}\uFE0F?\s*)*/u, "").replace(/^\[[\d\-/:. T]+\]\s*/, "");
}

/**
 * "MARIA GONZALEZ: ..." / "Maria Gonzalez: ..." speaking several times, and not the interviewer: the speaker who
 * talks most is who the transcript is about.
 */
function labelCandidates(
  source: CleanSource,
  lines: readonly string[],
  candidates: NameCandidate[],
  hostLabels: Set<string>,
  model: SubjectModel,
): void {
  const counts = new Map<string, number>();
  for (const line of lines) {
    const speech = parseSpeech(speechLine(line), () => true);
    const label = speech?.label.replace(/\s*\([^)]*\)\s*$/, "").trim();
    if (!label || speech?.sticky) continue;
    const key = label.toLowerCase();
    if (hostLabels.has(key) || model.otherLabels.has(key) || labelParty(label, model) === "other") continue;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  const named = [...counts]
    .filter(([label, n]) => {
      if (n < 2) return false;
      const value = /^[\p{Lu}\s'’-]+$/u.test(label) ? titleCase(label.toLowerCase()) : label;
      return nameTokens(value).length >= 2 && new RegExp(`^${N}$`, "u").test(value) && isPlausibleName(value);
    })
    .sort((a, b) => b[1] - a[1]);
  named.forEach(([label], rank) => {
    const value = /^[\p{Lu}\s'’-]+$/u.test(label) ? titleCase(label.toLowerCase()) : label;
    if (!nameTokens(value).some(isBusinessWord)) add(candidates, value, source, label, rank === 0 ? 3 : 1);
  });
}

/**
 * "Speaker 1: Where do you work?" / "Speaker 2: At the port.": with one neutral label asking the questions (already
 * marked as the interviewer), a single other neutral label answering is the interviewee.
 */
function neutralSpeakers(text: string, model: SubjectModel): void {
  const stats = labelStats(text);
  const neutral = [...stats].filter(([label]) => NEUTRAL_LABEL.test(label));
  const asks = ([label, stat]: [string, { lines: number; questions: number }]) =>
    model.otherLabels.has(label) || stat.questions * 2 >= stat.lines;
  const answering = neutral.filter((entry) => !asks(entry));
  if (answering.length !== 1 || neutral.length > 3) return;
  for (const entry of neutral) if (asks(entry)) model.otherLabels.add(entry[0]);
  model.subjectLabels.add(answering[0]?.[0] ?? "");
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
    if (!/^(?:speakers?|participants?|attendees|present|people|cast|roles|key|legend)\s*:/i.test(line)) continue;
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
    const { lines, injected } = linesOf(source);
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
    neutralSpeakers(source.text, model);
    // Lines that look like planted instructions name nobody (judged once per source for every reader).
    lineCandidates(source, lines, injected, candidates, excluded);
    introCandidates(source, lines, injected, candidates, hosts, model);
    labelCandidates(source, lines, candidates, hosts, model);
    if (source.title) {
      const lead = LEADING_NAME_LINE.exec(source.title);
      if (lead?.[1] && nameTokens(lead[1]).length >= 2) add(candidates, lead[1], source, lead[1], 2);
    }
  }
  const usable = candidates.filter((c) => !nameTokens(c.value).some((t) => excluded.has(t.toLowerCase())));
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
  for (const [token, key] of tokenGroups) {
    const tokens = tokensOf.get(key);
    if (tokens) tokens.push(token);
    else tokensOf.set(key, [token]);
  }
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
  if (bestKey === null) return { model, name: null, candidates: usable };
  const group = usable.filter((c) => groupKeyOf(namesOf(c), tokenGroups) === bestKey);
  // Prefer a full name (two or more tokens), then the strongest cue.
  group.sort(
    (a, b) => Number(nameTokens(b.value).length >= 2) - Number(nameTokens(a.value).length >= 2) || b.score - a.score,
  );
  const best = group[0] ?? null;
  const aliases = group.flatMap(namesOf);
  if (best) model.matcher = nameMatcher(best.value, aliases);
  for (const token of model.matcher?.tokens ?? []) model.people.delete(token.toLowerCase());
  const strongest = best && group.some((c) => c.score >= 2 && nameTokens(c.value).length >= 2);
  // "I'm Ingrid" with no surname anywhere: a self-introduction still names the person.
  const selfNamed = best && group.some((c) => c.score >= 5);
  return { model, name: strongest || selfNamed ? best : null, candidates: usable };
}

const lower = (text: string) => text.toLowerCase();

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

/** Up to 3 points: 1.5 per further source naming the person, plus a little per mention. */
function mentionSupport(tokens: readonly string[], sources: readonly CleanSource[]): number {
  const words = tokens.filter((t) => t.length >= 3).map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  if (words.length === 0) return 0;
  const pattern = new RegExp(`(?<![\\p{L}])(?:${words.join("|")})(?![\\p{L}])`, "giu");
  let naming = 0;
  let mentions = 0;
  for (const source of sources) {
    const count = source.text.match(pattern)?.length ?? 0;
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
      let read = readLines.get(source);
      if (read === undefined) {
        const { lines, injected } = linesOf(source);
        read = { lines: lines.filter((_, i) => !injected[i]), known: new Map() };
        readLines.set(source, read);
      }
      const full = fullNameStarting(first.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), read.lines, read.known);
      if (full) {
        add(candidates, full, source, full, 2);
        break;
      }
    }
  }
}
