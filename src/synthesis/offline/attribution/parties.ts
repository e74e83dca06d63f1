/**
 * Who a speaker label or a name refers to: the subject, someone else, or not known yet. The subject model is what
 * attribution has learned about the subject (their name, labels known to be theirs or others', other people met).
 */
import { WHITESPACE } from "../engine/text.ts";
import type { Party } from "../engine/unit.ts";
import { type NameMatcher, NOT_NAME_LETTERS, nameTokens } from "./names.ts";
import { INTERVIEWER_LABEL, type LabelStats, labelKey, SUBJECT_ROLE_LABEL } from "./speech.ts";

const BRACKETED = /\([^)]*\)/g;
const INITIALS = /^\p{Lu}{2,3}$/u;
const TITLE_PREFIX = /^(?:dr|prof|mr|mrs|ms|mx)\.?\s+/i;

export interface SubjectModel {
  matcher: NameMatcher | null;
  /** Lowercased capitalised words seen mid-sentence: proper nouns, so a sentence starting with one names someone. */
  properNouns: Set<string>;
  /** Speaker labels (lowercased) known to be the subject / someone else. */
  subjectLabels: Set<string>;
  otherLabels: Set<string>;
  /** Lowercased name tokens of people known not to be the subject (other candidates, interviewers, reps). */
  people?: Set<string>;
}

export function knownPerson(label: string, model: SubjectModel, stats?: Map<string, LabelStats>): boolean {
  // A name that opens several lines is a speaker, even if it never appears mid-sentence.
  if ((stats?.get(labelKey(label))?.lines ?? 0) >= 2) return true;
  const first = (label.split(WHITESPACE)[0] ?? "").toLowerCase();
  if (model.properNouns.has(first)) return true;
  return model.matcher !== null && labelNamesSubject(label, model.matcher);
}

/** Decides whether a speaker label is the subject. */
export function labelParty(label: string, model: SubjectModel): Party {
  const key = labelKey(label);
  if (model.subjectLabels.has(key)) return "subject";
  if (model.otherLabels.has(key)) return "other";
  if (INTERVIEWER_LABEL.test(label)) return "other";
  const bare = label.replace(BRACKETED, "").trim();
  if (model.matcher && labelNamesSubject(bare, model.matcher)) return "subject";
  if (model.matcher && isInitialsOf(bare, model.matcher.full)) return "subject";
  if (label.startsWith("@") && model.matcher) {
    return handleNamesSubject(label.toLowerCase(), model.matcher) ? "subject" : "other";
  }
  if (SUBJECT_ROLE_LABEL.test(bare)) return "subject";
  return model.matcher ? "other" : "unknown";
}

/** "@wambui_k", "posted by wambui.k": a lowercased handle that holds one of the name's tokens of 3 letters or more. */
export function handleNamesSubject(handle: string, matcher: NameMatcher): boolean {
  return matcher.tokens.some((t) => t.length > 2 && handle.includes(t.toLowerCase()));
}

/** Speaker labels are often upper-cased ("HARUKA"), so compare case-insensitively. */
function labelNamesSubject(label: string, matcher: NameMatcher): boolean {
  const first = label.toLowerCase().split(WHITESPACE)[0] ?? "";
  return first.length > 1 && matcher.tokens.some((t) => t.toLowerCase() === first.replace(NOT_NAME_LETTERS, ""));
}

/** Transcripts often label turns by initials: "HA:" for Hüseyin Aydın. */
function isInitialsOf(label: string, fullName: string): boolean {
  if (!INITIALS.test(label)) return false;
  const initials = nameTokens(fullName)
    .map((t) => t[0] ?? "")
    .join("");
  return initials.length >= 2 && initials.toUpperCase() === label;
}

/** Whether text starts with a reference to the subject ("Wambui", "J.", "Ms Liu"); never before the subject is known. */
export function namesSubject(text: string, model: SubjectModel): boolean {
  return model.matcher?.reference.test(text.replace(TITLE_PREFIX, "")) ?? false;
}
