/**
 * People the material names by their part in it rather than as its subject: relatives, the interviewer, interpreter
 * or note-taker tagged in brackets after their name ("Sione Tupou (HR Advisor, notes)", "Ms. Pim Chaiyawan
 * (respondent's daughter)"), and a request that the other speaker introduce themselves, which only the one running
 * the conversation makes.
 */

import { allMatches } from "../engine/text.ts";
import { NAME_SEQUENCE, nameTokens } from "./names.ts";

/** Relatives and people one lives beside: a relation to someone, never an occupation. */
export const KIN_WORDS =
  "husband|wife|partner|boyfriend|girlfriend|son|daughter|mother|father|mum|mom|dad|brother|sister|grandson|granddaughter|grandmother|grandfather|aunt|uncle|cousin|nephew|niece|brother-in-law|sister-in-law|mother-in-law|father-in-law|friend|neighbou?r|flatmate|roommate";
/** Words naming someone by their relation to the subject: relatives, friends, colleagues and helpers. */
export const RELATION_WORDS = `${KIN_WORDS}|colleague|co-?worker|boss|manager|supervisor|mentor|teacher|coach|doctor|therapist|landlord|assistant|intern|co-?founder|business partner|recruiter|editor|guru`;

/** A part of a bracketed role saying the person runs, translates or records the conversation. */
const CONVERSATION_ROLE =
  /^(?:the\s+)?(?:lead\s+|co-?)?(?:interviewer|interpreter|translator|moderator|facilitator|host|note-?taker|enumerator|observer|scribe)\b/i;
/** "(HR Advisor, notes)": a part that is only "notes" or "minutes" marks who keeps the record. */
const RECORD_KEEPER = /^(?:notes?|minutes|taking notes|takes notes|note taking)$/i;
/** "respondent's daughter", "her husband": a relation to the person the material is about. */
const RELATIVE_OF = new RegExp(
  `^(?:(?:the\\s+)?(?:respondent|participant|interviewee|customer|client|patient|subject|applicant|user)['’]s|her|his|their)\\s+(?:[\\p{L}-]+\\s+)?(?:${RELATION_WORDS})\\b`,
  "iu",
);
/** A bracketed part that is only a family word ("(daughter)", "(son, 12)"); "partner" is also a firm's title. */
const FAMILY_ONLY = new RegExp(`^(?!partner$)(?:${KIN_WORDS})$`, "i");
const ROLE_PARTS = /\s*[,;]\s*/;

/** Roles that tag the party some material is for ("Tariq Aziz (customer)"): the subject, not someone around them. */
export const SUBJECT_ROLE_WORDS = "customer|client|prospect|participant|interviewee|respondent|user|patient";

type OtherRole = "relative" | "conversation";

/** Whether a bracketed role marks someone other than the subject: a relative of theirs, or who runs the conversation. */
export function otherPersonRole(role: string): OtherRole | null {
  for (const part of role.trim().split(ROLE_PARTS)) {
    if (RELATIVE_OF.test(part) || FAMILY_ONLY.test(part)) return "relative";
    if (CONVERSATION_ROLE.test(part) || RECORD_KEEPER.test(part)) return "conversation";
  }
  return null;
}

/** "Ms. Ines Varga (TRANSLATOR, Hungarian–German)": a name, after an optional title, with a role in brackets. */
const NAME_WITH_ROLE = new RegExp(
  `(?:(?:Dr|Prof|Mr|Mrs|Ms|Mx|Miss)\\.?\\s+)?(${NAME_SEQUENCE})\\s*\\(([^()\\n]{1,80})\\)`,
  "gu",
);

/**
 * The name tokens of people a line tags with another person's role. A relative gives only the given name, since
 * relatives share the subject's surname ("Ms. Pim Chaiyawan (respondent's daughter)" beside "Siriporn Chaiyawan").
 */
export function taggedOthers(line: string): string[] {
  if (!line.includes("(")) return [];
  const tokens: string[] = [];
  for (const match of allMatches(NAME_WITH_ROLE, line)) {
    const role = otherPersonRole(match[2] ?? "");
    const names = nameTokens(match[1] ?? "");
    if (role === "relative") tokens.push(...names.slice(0, 1));
    else if (role === "conversation") tokens.push(...names);
  }
  return tokens;
}

/**
 * What follows a self-introduction when the speaker is someone's relative or helper, not who the material is about:
 * "I'm Kojo Mensah, her grandson", "I'm Tom (his son)", "I'm Ana — the interviewee's daughter".
 */
const RELATIVE_AFTER_NAME = new RegExp(
  `^\\s*(?:,|\\(|[—–-])\\s*(?:I['’]m\\s+|I am\\s+)?(?:(?:her|his|their|the\\s+(?:respondent|participant|interviewee|customer|client|patient|subject)['’]s)\\s+(?:[\\p{Ll}-]+\\s+)?(?:${RELATION_WORDS})|(?:the\\s+)?(?:interviewer|interpreter|translator|moderator|host|note-?taker))\\b`,
  "iu",
);

/** Whether the words after a name someone gave as their own say whose relative or which helper they are. */
export function namesRelativeAfter(after: string): boolean {
  return RELATIVE_AFTER_NAME.test(after);
}

/** A question asking someone to introduce themselves; the answer may open on a bare name ("Sure. Park Ji-woo."). */
const INTRO_QUESTION_WORDS =
  "(?:introduce yourself|who you are|who are you|your (?:full )?name|about yourself|tell us (?:a bit |a little )?about you|stell dich|pr[ée]sente[sz]?[- ]toi|pr[ée]sentez[- ]vous|pres[ée]ntate|quién eres|apresente-se)";
const INTRO_QUESTION = new RegExp(`\\b${INTRO_QUESTION_WORDS}\\b`, "i");
/** The same words anywhere, word boundaries or not: true of a line whenever INTRO_QUESTION is of a part of it. */
const INTRO_QUESTION_ANYWHERE = new RegExp(INTRO_QUESTION_WORDS, "i");
/** How a turn left open ends: a dash, an ellipsis or a question mark. */
const OPEN_END = "(?:[—–-]+|…|\\.{3}|\\?)\\s*$";
/**
 * "I'm Declan, I do the research here. And you are—", "... and I'm here with—", "And this is—": a turn left open for the
 * other to say who they are.
 */
const OPEN_INTRO = new RegExp(
  `\\b(?:and (?:you are|you're|you’re|yourself|you|this is)|(?:I'm|I’m|I am) (?:here|sitting|talking|speaking) with|(?:talking|speaking) (?:to|with)|joined by)\\s*${OPEN_END}`,
  "i",
);
const ENDS_OPEN = new RegExp(OPEN_END);

/** Whether a turn asks the other speaker to say who they are. */
export function asksIntroduction(content: string): boolean {
  // The "?" first: one character search decides most turns before the long question pattern runs.
  return (content.includes("?") && INTRO_QUESTION.test(content)) || OPEN_INTRO.test(content);
}

/**
 * False only when no turn that runs to the line's end (a speech line's content, or the line itself) can ask for an
 * introduction: asking needs the question's words and a "?", or an open ending, and both stay visible in the line.
 * Lets a reader skip parsing the line's speech when nothing but this answer would come of it.
 */
export function mayAskIntroduction(line: string): boolean {
  return (line.includes("?") && INTRO_QUESTION_ANYWHERE.test(line)) || ENDS_OPEN.test(line);
}
