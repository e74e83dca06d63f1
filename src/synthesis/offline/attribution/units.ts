/** Segments cleaned sources into sentence units and decides, for each, who "I" is and who the sentence is about. Every rule downstream reads only units attributed to the subject, which is how interviewers, agents, colleagues, commenters and other people on the same page are kept out of the persona. */
import type { CleanSource } from "../../types.ts";
import {
  allMatches,
  BULLET_START,
  ENDS_SENTENCE,
  ENDS_WITH_QUESTION,
  ENDS_WITH_QUESTION_QUOTE,
  POSSESSIVE,
  splitSentences,
  WHITESPACE,
} from "../engine/text.ts";
import type { Party, Unit } from "../engine/unit.ts";
import { dateOnLine } from "./dates.ts";
import { linesOf } from "./injection.ts";
import { givenAsReason, isOrganisationWord, isPlausibleName, NAME_SEQUENCE, nameTokens, ONLY_NAME } from "./names.ts";
import { handleNamesSubject, knownPerson, labelParty, namesSubject, type SubjectModel } from "./parties.ts";
import { FIELD_LABELS, FIRST_PERSON, labelStats, parseSpeech } from "./speech.ts";

const ATTENDEES_HEADING = /\b(?:attendees|attending|present|participants|invited|cc)\b/;
const CHECKED_BOX = /^\[x\]/i;
const CLOSING_QUOTES = /[”»]/g;
const ENDS_WITH_INITIAL = /\s\p{Lu}\.$/u;
const FIELD_LABEL_LINE = /^([\p{L}][\p{L}\d .'’()/-]{0,40}):\s+\S/u;
const FIRM_AFTER_NAME = /^\s*(?:&|and\s+\p{Lu}|\+)/u;
const FIRST_PERSON_WORD = /(?:^|\s)(?:I|I'm|Im|I've|my)\s/;
const FORWARDED_FROM = /^\s*(?:from|von|de|da|van)\s*:\s*(.+)$/i;
const HEADING_AND_TITLE = /^(?:#{1,6}\s+)?(?:(?:Dr|Prof|Mr|Mrs|Ms|Don|Doña)\.?\s+)?/;
const LABEL_COLON_AFTER = /^\s*(?:\([^)]*\))?\s*:/;
const LEADING_BRACKET_TAG = /^\[[^\]]*\]\s*/;
const LEADING_MARKS = /^[-•*>\s"“«]+/;
const LEADING_NON_LETTERS = /^[^\p{L}]+/u;
const LIST_OR_QUOTE_START = /^[-•*>\d[]/;
const NOTES_BY_FIELD = /^(?:notes?|written|taken|minutes)\s*(?:by)?\s*:\s*/im;
const NOTES_BY_FIELD_VALUE = /^(?:notes?|written|taken|minutes)\s*(?:by)?\s*:\s*(.+)$/im;
const NOTES_BY_HEADING = /\bnotes?\s*(?:\(|by\b)/;
const NOTE_TO_SELF = /^\(?\s*(?:note to self|nts|personal note)\b/i;
const NUMBERED_QUESTION = /^(?:q\d*[.:)]|pregunta\b)/i;
const OPENING_QUOTES = /[“«]/g;
const OPENS_QUOTE = /^["“«]/;
const OTHER_PARTY_HEADING = /\b(?:mentor|interviewer|agent|author)\b/;
const OWN_NOTES_HEADING = /\b(?:notes? to self|my own|for me)\b/;
const PRIVATE_NOTES_WORDS = /\b(?:myself|self|my own|personal|private)\b/;
const PROFILE_FIELD = /^(?:mentee|speaker|participant|candidate|profile of|about)\s*:/im;
const QUESTION_THEN_ANSWER = /^([^?]*\?)\s+(\S.*)$/;
const QUESTION_TO_YOU_THEN_ANSWER = /^[^?"“]{5,120}\b(?:you|your)\b[^?"“]*\?\s+[^"“\s]/i;
const QUOTATIONS = /["“«]([^"“”«»]{3,})["”»]/g;
const QUOTED_REPLY = /^\s*>/;
const QUOTED_SPAN = /["“«][^"“”«»]*["”»]/g;
/** What every quoted span opens with: a line without one has no quoted span (most lines). */
const QUOTE_OPENING = /["“«]/;
const QUOTE_MARK_START = /^>\s*/;
const QUOTE_THEN_CREDIT = /["”»]\s*[—–-]\s*([^,]+)/;
const SALES_FIELD =
  /(?:^|\s[·|•]\s)(?:(?:contact|prospect|lead)\s*:\s*\p{Lu}[\p{Ll}'’-]+\s+\p{Lu}|(?:opportunity|deal|rep|sales rep|account executive)\s*:)/imu;
const SHORT_QUESTION = /^[^?.!:]{3,50}\?$/;
const STRAIGHT_QUOTES = /"/g;
const THIRD_PERSON_PRONOUN = /^(?:she|he|they)$/i;
/** The speaker alone ("I", "my"; not "we", which takes in the person spoken to). */
const SPEAKER_OWN = /(?:^|[^\p{L}'’])(?:I|I'm|I’m|I've|I’ve|I'd|I’d|[Mm]y|[Mm]yself)(?=$|[^\p{L}'’])/u;
const ADDRESSES_YOU = /\b(?:you|your|yours|yourself)\b/i;

const LEADING_FIRST_PERSON =
  /^(?:(?:and|but|so|also|honestly|well|now|then|yeah|yes|um|oh|und|aber|et|mais|e|y|pero)[,]?\s+)*(?:(?:I|I'm|I’m|Im|I've|I’ve|I'd|I’d|I'll|I’ll|My|Me|We|We're|We’re|Our|Us|Yo|Soy|Tengo|Vivo|Llevo|Mi|Me|Ich|Mich|Mir|Mein|Meine|Je|Moi|Meu|Minha|Eu|Ik|Mijn|Jeg)(?=$|[^\p{L}'’])|J['’](?=\p{L}))/iu;

/** After a leading "she"/"he": a copula and a description ("is the fastest runner", not "is always telling me"). */
const DESCRIBES_PRONOUN = /^\s*(?:is|was|are|were)\s+(?!always\b|forever\b|constantly\b|still\b|[\p{L}]+ing\b)/iu;

const LEADING_PRONOUN =
  /^(?:(?:and|but|so|also|when|then)\s+)?(?:she|he|her|his|they|their|ella|él|sie|elle|ela|ele)(?=$|[^\p{L}'’]|['’](?:s|d|ll|re|ve)(?![\p{L}]))/iu;

const LEADING_NAME = new RegExp(`^(?:(?:and|but|so|also)\\s+)?(${NAME_SEQUENCE})(?:['’]s)?(?=$|[^\\p{L}])`, "u");

const HEADING_MARKDOWN = /^#{1,6}\s+/;

/** One person close to the speaker: family, friends, colleagues ("my wife", "our physics teacher"). */
const RELATION_NOUNS =
  "husband|wife|partner|boyfriend|girlfriend|fianc[ée]e?|spouse|son|daughter|mother|father|mum|mom|mam|mama|mommy|dad|daddy|papa|stepmother|stepfather|stepson|stepdaughter|brother|sister|grandson|granddaughter|grandmother|grandfather|grandma|grandpa|granny|gran|nan|nana|aunt|auntie|uncle|cousin|nephew|niece|mother-in-law|father-in-law|brother-in-law|sister-in-law|son-in-law|daughter-in-law|friend|best friend|bestie|neighbou?r|flatmate|roommate|housemate|colleague|co-?worker|boss|manager|line manager|supervisor|team lead|director|ceo|cto|founder|co-?founder|business partner|mentor|mentee|teacher|tutor|coach|doctor|gp|therapist|landlord|landlady|assistant|intern|guru|ex|hermano|hermana|madre|padre|marido|esposo|esposa|mujer|hijo|hija|abuela|abuelo|jefe|jefa|novio|novia|mann|frau|freundin|freund|mutter|vater|sohn|tochter|chef|chefin|kollege|kollegin|mari|femme|fils|fille|mère|père|copain|copine|collègue|patron";

const RELATION_OPENER = new RegExp(
  `^(?:(?:and|but|so|also|plus|oh)[,]?\\s+)?(?:my|our|her|his|their|mi|mis|su|sus|nuestr[oa]s?|mein(?:e|em|en)?|unser(?:e|em|en)?|ihr(?:e|em|en)?|sein(?:e|em|en)?|ma|mon|notre|son|sa)\\s+(?:[\\p{L}-]+\\s+){0,2}?(?:${RELATION_NOUNS})(?:['’]s)?(?=\\s*,|(?:\\s+\\p{Lu}[\\p{Ll}'’-]+){0,3}\\s*\\(|\\s+(?:\\p{Lu}[\\p{Ll}'’-]+\\s+)?(?:is|was|are|were|has|had|works|worked|lives|lived|runs|ran|owns|owned|wants|wanted|hates|hated|loves|loved|likes|liked|studies|studied|plays|played|moved|retired|turned|turns|teaches|taught|got|gets|just|still|helps|helped|goes|went|comes|came|died|graduated|started|became|left|joined|ist|war|hat|arbeitet|wohnt|es|está|tiene|trabaja|vive|est|a|travaille|habite)\\b)`,
  "iu",
);

/** A short line that titles the block below it (markdown heading, "Frustrations", "Mentor notes (Rachel)"). */
function isHeadingLine(line: string, next: string | undefined): boolean {
  if (HEADING_MARKDOWN.test(line)) return true;
  if (line.length > 60 || ENDS_SENTENCE.test(line)) return false;
  if (LIST_OR_QUOTE_START.test(line) || line.includes(": ")) return false;
  const nextIsBullet = next !== undefined && BULLET_START.test(next);
  return nextIsBullet && line.split(WHITESPACE).length <= 8;
}

interface BlockOwner {
  party: Party;
  heading: string;
}

/** Every name-like sequence of words. Global: read with matchAll only. */
const NAMES = new RegExp(NAME_SEQUENCE, "gu");

function headingOwner(heading: string, model: SubjectModel): BlockOwner {
  const text = heading.replace(HEADING_MARKDOWN, "");
  const lower = text.toLowerCase();
  if (model.matcher?.mentioned.test(text)) return { party: "subject", heading: lower };
  if (OWN_NOTES_HEADING.test(lower)) return { party: "unknown", heading: lower };
  // "2022-05-19 · Attendees: me, Rui, Hanna": a list of people present is not what the block is about.
  if (ATTENDEES_HEADING.test(lower)) return { party: "unknown", heading: lower };
  // "Notes (Jake):", "Call notes by Ana": a block written by someone else about the subject, unless kept for
  // themselves ("Mentor notes (Rachel, for myself)").
  if (NOTES_BY_HEADING.test(lower) && !PRIVATE_NOTES_WORDS.test(lower)) return { party: "unknown", heading: lower };
  for (const match of allMatches(NAMES, text)) {
    const first = (match[0].split(WHITESPACE)[0] ?? "").toLowerCase().replace(POSSESSIVE, "");
    const withInitial = ENDS_WITH_INITIAL.test(match[0]);
    if (isPlausibleName(match[0]) && (withInitial || model.properNouns.has(first) || model.people?.has(first)))
      return { party: "other", heading: lower };
  }
  if (OTHER_PARTY_HEADING.test(lower)) return { party: "other", heading: lower };
  return { party: "unknown", heading: lower };
}

/** "Met with Ana Ruiz", "1:1 with Ana": notes written about the person met. */
const MET_WITH =
  /^(?:(?:met|meeting|call|spoke|catch-up|check-in|1:1|sat down|session) (?:with|w\/)|spoke to|notes on|notes about)\s+(?:(?:dr|prof|mr|mrs|ms)\.?\s+)?/i;

/** Whether a source speaks about the subject in the third person (bio, mentor notes) rather than as the subject. */
function authorIsSubject(text: string, model: SubjectModel): boolean {
  if (PROFILE_FIELD.test(text)) return false;
  // CRM and call notes: "Rep: ... · Contact: Ana Ruiz" are written by the rep about the contact.
  if (SALES_FIELD.test(text)) return false;
  if (model.matcher && NOTES_BY_FIELD.test(text) && !namesSubject(NOTES_BY_FIELD_VALUE.exec(text)?.[1] ?? "", model))
    return false;
  let firstPerson = 0;
  let thirdPerson = 0;
  let quoted = 0;
  for (const line of text.split("\n")) {
    const unquoted = QUOTE_OPENING.test(line) ? line.replace(QUOTED_SPAN, " ") : line;
    if (unquoted !== line) quoted += 1;
    for (const sentence of splitSentences(unquoted)) {
      const body = sentence.text.replace(LEADING_NON_LETTERS, "");
      if (MET_WITH.test(body) && namesSubject(body.replace(MET_WITH, ""), model)) thirdPerson += 2;
      else if (LEADING_FIRST_PERSON.test(body) || FIRST_PERSON_WORD.test(body)) firstPerson += 1;
      else if (namesSubject(body, model) || LEADING_PRONOUN.test(body)) thirdPerson += 1;
    }
  }
  // With no narration either way, quotations mean someone else is presenting the subject's words.
  if (firstPerson === 0 && thirdPerson === 0) return quoted === 0;
  return firstPerson >= thirdPerson;
}

/** '"...," Hughes said.' / '"...," she added.' and '"...," said Ana Ruiz.' */
const QUOTE_CREDIT =
  /["”»]\s*,?\s*((?:\p{Lu}[\p{L}'’-]+)(?:\s\p{Lu}[\p{L}'’-]+)?|she|he|they)\s+(?:said|says|added|adds|explained|explains|told|recalled|recalls|laughed|laughs|admitted|admits|noted|notes|wrote|writes|insisted|insists|joked|jokes)\b/u;

const QUOTE_CREDIT_AFTER =
  /["”»]\s*,?\s*(?:said|says|added|adds|explained|recalled|noted|wrote|insisted|joked)\s+((?:\p{Lu}[\p{L}'’-]+)(?:\s\p{Lu}[\p{L}'’-]+)?)/u;

/** "> On 3 Sep 2021, at 08:40, Ana Ruiz wrote:" heads a quoted earlier message (English, French, Spanish, ...). */
const REPLY_HEADER =
  /^>*\s*(?:On|Le|El|Em|Il|Op|Den|W dniu)\b.{4,120}?[,\s]([^,<>]{2,60}?)\s*(?:<[^>]*>\s*)?(?:wrote|a écrit|escribió|escreveu|ha scritto|schreef|skrev|napisał\(a\)|napisał)\s*:?\s*$/i;

/** German puts the writer after the verb: "Am 27.08.2022 schrieb Jonas Brandt:". */
const REPLY_HEADER_AFTER = /^>*\s*Am\b.{4,80}?\sschrieb\s+([^:<]{2,60}?)\s*(?:<[^>]*>)?\s*:\s*$/i;

/** Forum and comment headers: "Posted by ana_r", "Reply from @ana", "Beitrag von ana_r", "Antwort von ...". */
const POST_HEADER =
  /^\s*(?:(?:re:\s*)?(?:posted|reply|replied|answer|answered|comment|commented|written|post)\s+(?:by|from)|beitrag von|antwort von|kommentar von|réponse de|message de|publié par|respuesta de|publicado por|escrito por|comentario de|resposta de)\s+@?([\p{L}\d_.-]{2,40})/iu;

/** "-----Original Message-----": an earlier message follows, to the end of the text, with its own From: line. */
const ORIGINAL_MESSAGE =
  /^\s*-{2,}\s*(?:original message|forwarded message|mensaje original|mensaje reenviado|ursprüngliche nachricht|weitergeleitete nachricht|message d['’]origine|message transféré|mensagem original)\s*-{2,}\s*$/i;

/** Who wrote a quoted earlier message, from its reply header; null when the line is not one. */
function replyWriter(line: string, model: SubjectModel): Party | null {
  const writer = (REPLY_HEADER.exec(line) ?? REPLY_HEADER_AFTER.exec(line))?.[1]?.trim();
  if (writer === undefined) return null;
  return namesSubject(writer, model) ? "subject" : "other";
}

/** A line that is only a person's full name: it heads what follows (team pages, speaker lists, profiles). */
function personLine(line: string, model: SubjectModel): Party | null {
  const bare = line.replace(HEADING_AND_TITLE, "").trim();
  if (!ONLY_NAME.test(bare) || !isPlausibleName(bare)) return null;
  const tokens = nameTokens(bare);
  if (tokens.length < 2) return null;
  if (namesSubject(bare, model)) return "subject";
  const first = (tokens[0] ?? "").toLowerCase();
  return model.people?.has(first) || model.properNouns.has(first) ? "other" : null;
}

interface LineState {
  /** Writer of the quoted earlier message being read ("> ..." lines under a reply header). */
  replyFrom: Party | null;
  /** Handle of the first forum post in the source (the thread starter) and the handle of the current post. */
  firstPoster: string | null;
  /** Inside an "Original Message" block: "pending" until its From: line names the writer. */
  forwarded: Party | "pending" | null;
  /** Who the last credited quotation belonged to, and the line it was on. */
  lastQuote: Party | null;
  lastQuoteLine: string;
  /** Whether the last person was named in the third person (so "she" next refers to them). */
  lastByName: boolean;
  sticky: Party | null;
  block: BlockOwner;
  date: number | null;
  question: string;
  lastPerson: Party;
}

/** Splits sources into attributed units. */
export function attribute(sources: readonly CleanSource[], model: SubjectModel, warnings: string[]): { units: Unit[] } {
  const units: Unit[] = [];
  let injected = 0;
  for (const source of sources) {
    const authored = authorIsSubject(source.text, model);
    // Written as "I" on the evidence of the text itself, not only by default.
    const voiced = authored && hasFirstPersonSentences(source.text, 2);
    const { lines, injected: injectedLines } = linesOf(source);
    const stats = labelStats(source.text);
    const state: LineState = {
      replyFrom: null,
      lastQuote: null,
      lastQuoteLine: "",
      firstPoster: null,
      forwarded: null,
      lastByName: false,
      sticky: null,
      block: { party: "unknown", heading: "" },
      date: null,
      question: "",
      lastPerson: "unknown",
    };
    lines.forEach((line, i) => {
      if (line === "") {
        state.lastPerson = "unknown";
        return;
      }
      if (injectedLines[i]) {
        injected += 1;
        return;
      }
      // A forum post header switches the writer: the thread starter (or a handle naming the subject) is the
      // author of a first-person thread; anyone else replying is another person.
      const poster = POST_HEADER.exec(line)?.[1]?.toLowerCase();
      if (poster) {
        state.firstPoster ??= poster;
        const named = model.matcher && handleNamesSubject(poster, model.matcher);
        state.sticky = named || (poster === state.firstPoster && authored) ? "subject" : "other";
      }
      // A forwarded or original message below a reply is its writer's, to the end of the text.
      if (ORIGINAL_MESSAGE.test(line)) {
        state.forwarded = "pending";
        return;
      }
      if (state.forwarded === "pending") {
        const from = FORWARDED_FROM.exec(line)?.[1];
        if (from !== undefined) state.forwarded = namesSubject(from.trim(), model) ? "subject" : "other";
        return;
      }
      if (state.forwarded === "other") return;
      // A quoted earlier message in an email belongs to whoever wrote it, not to the sender of the reply.
      const writer = replyWriter(line, model);
      if (writer !== null) {
        state.replyFrom = writer;
        return;
      }
      if (state.replyFrom !== null && !QUOTED_REPLY.test(line)) state.replyFrom = null;
      if (state.replyFrom === "other") return;
      state.date = dateOnLine(line) ?? state.date;
      if (isHeadingLine(line, lines[i + 1])) {
        state.block = headingOwner(line, model);
        return;
      }
      const person = personLine(line, model);
      if (person !== null) state.block = { party: person, heading: line.toLowerCase() };
      const speech = parseSpeech(line, (label) => knownPerson(label, model, stats));
      let speaker: Party;
      let content = line;
      if (speech) {
        const party = labelParty(speech.label, model);
        if (speech.sticky) {
          state.sticky = party;
          // Social posts: the account that posts first owns a first-person export; other accounts are replies.
          if (speech.label.startsWith("@")) {
            const handle = speech.label.toLowerCase();
            state.firstPoster ??= handle;
            if (party !== "subject") state.sticky = handle === state.firstPoster && authored ? "subject" : "other";
          }
          return;
        }
        speaker = party;
        content = speech.content;
      } else {
        speaker = state.sticky ?? (authored ? "subject" : "other");
        // An unlabelled line whose writer gives a name that is not the subject's ("Hi, I'm Tom, I'll take notes"):
        // its "I" is that person's, in every sentence of the line.
        if (speaker === "subject" && content.includes("I") && introducesAnother(content, model)) speaker = "other";
      }
      // Form questions ("Q3. ...", "What do you enjoy outside work? Football.") are the form's, not the subject's.
      const isQuestionLine =
        NUMBERED_QUESTION.test(content) ||
        (speaker === "subject" && content.includes("?") && QUESTION_TO_YOU_THEN_ANSWER.test(content));
      if (isQuestionLine) {
        // "Q5. Where do you live? Bergen": the question is the form's, the text after it is the answer.
        const split = QUESTION_THEN_ANSWER.exec(content);
        if (split?.[1] && split[2]) {
          state.question = split[1].toLowerCase();
          const ctx: PushContext = {
            source,
            authored,
            state,
            model,
            line: split[2],
            speaker: "subject",
            voiced: false,
            turn: false,
            label: null,
          };
          for (const sentence of splitSentences(split[2])) pushUnits(units, sentence.text, ctx);
          return;
        }
        speaker = "other";
      }
      // "Hobbies?", "Biggest frustration?": a short unlabelled question on its own line frames the next line's answer,
      // whoever wrote the notes.
      const bareQuestion =
        !speech && SHORT_QUESTION.test(content.trim()) && content.trim().split(WHITESPACE).length <= 5;
      if (bareQuestion) speaker = "other";
      if (isQuestionLine || bareQuestion || (speaker === "other" && ENDS_WITH_QUESTION.test(content)))
        state.question = content.toLowerCase();
      const answerLine = QUOTE_MARK_START.test(content) || CHECKED_BOX.test(content);
      if (answerLine) speaker = "subject";
      const label = FIELD_LABEL_LINE.exec(content)?.[1] ?? null;
      const turn = speech !== null;
      // Written out, not spread from a shared base: a spread per line was the largest part of this loop's own time.
      const ctx: PushContext = {
        source,
        authored,
        state,
        model,
        line: content,
        speaker,
        voiced: voiced || turn,
        turn,
        label,
      };
      let inQuote = false;
      for (const sentence of splitSentences(content)) {
        // A quotation can run over several sentences; its later sentences are still quoted speech.
        const continuesQuote = !authored && (inQuote || OPENS_QUOTE.test(sentence.text));
        inQuote = updateQuoteState(inQuote, sentence.text);
        for (const clause of clausesOf(sentence.text, model)) pushUnits(units, clause, ctx, continuesQuote);
        // An interviewer's question inside a line ("What do you do to switch off? “I sing ...”") frames the answer.
        if (!continuesQuote && speaker !== "subject" && ENDS_WITH_QUESTION_QUOTE.test(sentence.text))
          state.question = sentence.text.toLowerCase();
      }
    });
  }
  if (injected > 0)
    warnings.push(`ignored ${injected} line(s) that address an AI assistant (treated as untrusted data)`);
  return { units };
}

interface PushContext {
  source: CleanSource;
  line: string;
  speaker: Party;
  authored: boolean;
  /** The unit's "I" is known to be speaking: a labelled turn or a text written in the first person. */
  voiced: boolean;
  /** The unit is in a labelled turn ("MARTA: ..."), so its "I" is that speaker's. */
  turn: boolean;
  state: LineState;
  model: SubjectModel;
  label: string | null;
}

function updateQuoteState(inQuote: boolean, sentence: string): boolean {
  const straight = (sentence.match(STRAIGHT_QUOTES) ?? []).length;
  const opens = (sentence.match(OPENING_QUOTES) ?? []).length;
  const closes = (sentence.match(CLOSING_QUOTES) ?? []).length;
  if (opens !== closes) return opens > closes;
  return straight % 2 === 1 ? !inQuote : inQuote;
}

function pushUnits(units: Unit[], sentence: string, ctx: PushContext, continuesQuote = false): void {
  // Quoted speech inside a third-person document is the subject talking (magazine answers, pull quotes).
  const quotes = ctx.authored ? [] : allMatches(QUOTATIONS, sentence);
  const quotedOnly =
    continuesQuote || (quotes.length > 0 && quotes.some((q) => (q[1] ?? "").length > sentence.length / 2));
  const speaker = quotedOnly && ctx.speaker !== "subject" ? attributedQuoteSpeaker(sentence, ctx) : ctx.speaker;
  const { topic, by } = topicOf(sentence, speaker, ctx, quotedOnly);
  units.push({
    source: ctx.source,
    text: sentence,
    line: ctx.line,
    speaker,
    topic,
    topicBy: by,
    firstPerson: FIRST_PERSON.test(sentence),
    quoted: quotedOnly,
    date: ctx.state.date,
    section: ctx.state.block.heading,
    question: ctx.state.question,
    label: ctx.label,
    index: units.length,
  });
}

/** A quote followed by "— Name" belongs to that name; an unattributed quote belongs to the page's subject. */
function attributedQuoteSpeaker(sentence: string, ctx: PushContext): Party {
  const party = creditedParty(sentence, ctx);
  if (party !== null) {
    ctx.state.lastQuote = party;
    ctx.state.lastQuoteLine = ctx.line;
    return party;
  }
  // A quote right after someone else's credited quote, on the same line, goes on in their voice.
  if (ctx.state.lastQuote !== null && ctx.state.lastQuoteLine === ctx.line) return ctx.state.lastQuote;
  return ctx.state.block.party === "other" ? "other" : "subject";
}

/** '"...," Hughes said', '"..." — Ana', '"...," she added': who a quote is credited to, when it says. */
function creditedParty(sentence: string, ctx: PushContext): Party | null {
  const dash = QUOTE_THEN_CREDIT.exec(sentence)?.[1];
  const said = QUOTE_CREDIT.exec(sentence) ?? QUOTE_CREDIT_AFTER.exec(sentence);
  const credit = dash ?? said?.[1];
  if (credit === undefined) return null;
  if (THIRD_PERSON_PRONOUN.test(credit.trim())) return ctx.state.lastPerson === "unknown" ? null : ctx.state.lastPerson;
  if (!ctx.model.matcher) return null;
  return namesSubject(credit.trim(), ctx.model) ? "subject" : "other";
}

interface Topic {
  topic: Party;
  by: Unit["topicBy"];
}

/** The topic, recorded as the person last spoken of (by name: a "she" next refers to them). */
function spokenOf(state: LineState, topic: Party, by: Unit["topicBy"], byName = false): Topic {
  state.lastPerson = topic;
  state.lastByName = byName;
  return { topic, by };
}

function topicOf(sentence: string, speaker: Party, ctx: PushContext, quoted = false): Topic {
  const { state, model } = ctx;
  const body = sentence.replace(LEADING_MARKS, "").replace(LEADING_BRACKET_TAG, "");
  // "My husband is 45", "Our physics teacher, 58, ...", "His daughter Ana Ruiz (26, architect)": about the relative.
  if (RELATION_OPENER.test(body)) return spokenOf(state, "other", "name");
  if (LEADING_FIRST_PERSON.test(body) || NOTE_TO_SELF.test(body)) return spokenOf(state, speaker, "first");
  if (namesSubject(body, model)) return spokenOf(state, "subject", "name", true);
  // Read with any bracketed note lead kept: "[End of visit · Field note: Mr. Yaw Darko ...]" is one whole bracket.
  if (opensOnOtherTitledPerson(sentence.replace(LEADING_MARKS, ""), model)) return spokenOf(state, "other", "name");
  const named = LEADING_NAME.exec(body)?.[1];
  if (named && opensOnOtherName(body, named, model)) return spokenOf(state, "other", "name");
  if (LEADING_PRONOUN.test(body)) {
    // Someone speaking as "I" means another person by "he"/"she" ("He would hate any app"), unless they just
    // named themselves in the third person or the sentence comes back to them ("They tell me I'm bossy").
    // '"She's the stubborn one," he said' in an article: someone else's words about the article's subject.
    if (quoted && speaker === "other" && !ctx.authored) return { topic: "subject", by: "pronoun" };
    const rest = body.replace(LEADING_PRONOUN, "");
    if (speaker === "subject" && ctx.voiced && !quoted && !state.lastByName) {
      // "She made me promise I'd walk the Camino", "She used to tell me I was the loud one": about the speaker.
      // Not "She is the fastest runner I have ever coached": a copula describes her, the "I" is in a relative clause.
      if (FIRST_PERSON.test(rest) && !DESCRIBES_PRONOUN.test(rest)) return { topic: "subject", by: "first" };
      state.lastPerson = "other";
      return { topic: "other", by: "pronoun" };
    }
    if (state.lastPerson !== "unknown") return { topic: state.lastPerson, by: "pronoun" };
    return { topic: ctx.authored ? "other" : "subject", by: "pronoun" };
  }
  if (state.block.party !== "unknown") return { topic: state.block.party, by: "implicit" };
  // "MARTA: First, about me: I'm 40 and I live in Braga.": another speaker saying "I" and not "you" tells about
  // themselves, even inside material about the subject (an interview with a participant field). So does whoever
  // wrote notes about the subject introducing themselves by another name ("For the handover: I'm Dana, 33, in Austin").
  if (speaker !== "subject" && !quoted) {
    const ownTurn = ctx.turn && SPEAKER_OWN.test(sentence) && !ADDRESSES_YOU.test(sentence);
    if (ownTurn || introducesAnother(sentence, model)) return spokenOf(state, "other", "first");
  }
  // A third-person document is about its subject; a first-person one about whoever is speaking.
  if (!ctx.authored && speaker !== "subject") return { topic: "subject", by: "implicit" };
  if (speaker !== "unknown") return { topic: speaker, by: "implicit" };
  return { topic: ctx.authored ? "subject" : "unknown", by: "implicit" };
}

/**
 * Whether a body opening on a name (`named`, after an optional "and"/"but") is about that other person: a name known
 * as a proper noun or another person's, or a list entry or a "who" clause, which follow only a person; not a firm or
 * an organisation, nor a profile field. Asked cheapest first: most sentences open on a capitalised word, few on a person.
 */
function opensOnOtherName(body: string, named: string, model: SubjectModel): boolean {
  const first = named.split(WHITESPACE)[0] ?? "";
  const key = first.toLowerCase().replace(POSSESSIVE, "");
  // Only what follows the name is tested (a RegExp built from the name failed to compile on a name of thousands of
  // characters).
  const after = body.slice(named.length);
  // "Deniz Kaya — 27, yoga and barre": a list entry; "Pak Ujang, who has farmed for thirty years".
  const entry = () =>
    body.startsWith(named) &&
    ((nameTokens(named).length >= 2 && NAME_ENTRY_TAIL.test(after)) ||
      NAME_WHO_TAIL.test(after) ||
      (model.matcher !== null && NAME_AGE_TAIL.test(after)));
  if (!(model.properNouns.has(key) || model.people?.has(key) || (entry() && isPlausibleName(named)))) return false;
  if (!isPlausibleName(first)) return false;
  // "Core & Flow was founded by ...", "Bow River Animal Hospital · Calgary", "School of Marine Biology".
  if (FIRM_AFTER_NAME.test(after) || isOrganisationWord(nameTokens(named).at(-1) ?? "")) return false;
  // "Headline (current): ...": a profile field.
  return !(FIELD_LABELS.test(named) && LABEL_COLON_AFTER.test(after));
}

/** "I'm Dana", "my name is Tom Reyes": the writer or speaker giving their own name. */
const NAMES_SELF = new RegExp(`(?:^|[^\\p{L}'’])(?:I['’]m|I am|[Mm]y name is)\\s+(${NAME_SEQUENCE})`, "u");

/** Whether a sentence has its writer or speaker introduce themselves by a name that is not the subject's. */
function introducesAnother(sentence: string, model: SubjectModel): boolean {
  const match = NAMES_SELF.exec(sentence);
  const name = match?.[1];
  // "(obviously, I'm Cebuano)": given as a reason, it says what the writer is, not who.
  if (match === null || name === undefined || givenAsReason(sentence, match.index + 1)) return false;
  return isPlausibleName(name) && !namesSubject(name, model);
}

/** "; Jonas (our coder) builds it in Unity": a semicolon before a capitalised word. Global: read with matchAll. */
const SEMICOLON_CLAUSE = /;\s+(?=\p{Lu})/gu;

/** A sentence cut before a clause after a semicolon that opens on someone else's name: "I draw; Jonas codes". */
function clausesOf(sentence: string, model: SubjectModel): string[] {
  if (!sentence.includes(";")) return [sentence];
  const clauses: string[] = [];
  let start = 0;
  for (const m of allMatches(SEMICOLON_CLAUSE, sentence)) {
    const cut = m.index + m[0].length;
    const first = (LEADING_NAME.exec(sentence.slice(cut))?.[1] ?? "").split(WHITESPACE)[0] ?? "";
    if (!model.people?.has(first.toLowerCase()) || namesSubject(first, model)) continue;
    clauses.push(sentence.slice(start, cut).trimEnd());
    start = cut;
  }
  clauses.push(sentence.slice(start));
  return clauses;
}

/** Cheap pre-check for the openers below: a title or a bracket somewhere in the sentence. */
const TITLE_OR_BRACKET = /\b(?:Dr|Prof|Mr|Mrs|Ms|Mx|Miss)\b|\(/;
/** A note's header parts and label before its sentence: "[End of call · 40 min · Interpreter note: ". */
const NOTE_LEAD = /^\[?(?:[^·|:\]\n]{1,40}\s[·|]\s)*\p{L}[\p{L} ]{0,30}:\s+/u;
/** "Ms. Ines Varga lives near ...", "Dr. Samia runs the unit": a sentence opening on a titled name. */
const TITLED_NAME = new RegExp(`^(?:Dr|Prof|Mr|Mrs|Ms|Mx|Miss)\\.?\\s+(${NAME_SEQUENCE})`, "u");
/** "A contractor's manager (Mr. Haque, about 50) came by": an opening noun phrase that names its person in brackets. */
const BRACKET_NAMED_OPENER = new RegExp(
  `^(?:[Aa]n?|[Tt]he|[Aa]nother|[Oo]ne)\\s+(?!(?:respondent|participant|interviewee|customer|client|patient|user|subject)\\b)[^()]{1,40}?\\s\\((?:(?:Dr|Prof|Mr|Mrs|Ms|Mx|Miss)\\.?\\s+)?(${NAME_SEQUENCE})`,
  "u",
);

/**
 * Whether a sentence, after any note label, opens on a person named with a title ("Ms. Ines Varga lives near
 * Szeged") or in brackets after the noun phrase that is its subject ("A neighbour (Mrs. Lee, 70) came by"), other
 * than the subject: it is about that person.
 */
function opensOnOtherTitledPerson(body: string, model: SubjectModel): boolean {
  if (!TITLE_OR_BRACKET.test(body)) return false;
  const clause = body.replace(NOTE_LEAD, "");
  const name = (TITLED_NAME.exec(clause) ?? BRACKET_NAMED_OPENER.exec(clause))?.[1];
  if (name === undefined || !isPlausibleName(name)) return false;
  return !namesSubject(name, model);
}

/** What follows a name that opens a list entry ("Deniz Kaya — 27", "Ana Ruiz, 41", "Li Wei ("). */
const NAME_ENTRY_TAIL = /^\s*(?:[—–]|,\s*\d|\()/u;
/**
 * "Marco, 33, glazes the pots": a given name and an age between commas, as a team list or notes give a person; once
 * the subject's name is known, another name so given is someone else.
 */
const NAME_AGE_TAIL = /^,\s*\d{1,2},\s/u;
/** "Pak Ujang, who has farmed for thirty years". */
const NAME_WHO_TAIL = /^,\s+(?:who|whose)\b/u;

/** Whether at least `wanted` sentences say "I": read only until they are found, not to the end of a long text. */
function hasFirstPersonSentences(text: string, wanted: number): boolean {
  let count = 0;
  // Line by line as the text is read, not split whole first.
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf("\n", start);
    const end = newline === -1 ? text.length : newline;
    for (const sentence of splitSentences(text.slice(start, end))) {
      if (FIRST_PERSON.test(sentence.text)) count += 1;
      if (count >= wanted) return true;
    }
    start = end + 1;
  }
  return false;
}
