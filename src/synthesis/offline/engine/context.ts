/** What a rule may ask about a unit beyond its own text: who owns it, which question it answers, which labelled line it sits on. */
import { memo } from "./memo.ts";
import { ENDS_WITH_QUESTION_QUOTE, LEADING_BULLET, LEADING_BULLET_OR_QUOTE } from "./text.ts";
import { isAboutSubject, type Unit } from "./unit.ts";

const ADDS_ANOTHER = /^(?:also|plus|and|another)\b/i;
const ENDS_WITH_QUESTION = /\?["”]?\s*$/;
const NO_ANSWER = /^(?:none|nothing|n\/?a|tbd|tbc|unknown|not sure|no idea|not yet|-+|\?+)(?=$|[^\p{L}])/iu;
const QUESTION_LABEL = /^(?:Q\d*|Question)\s*[:.]/i;
const QUOTED_LINE = /^>/;
const QUOTED_PROMPT = /^>\s*\S/;
const SENTENCE_BREAK = /[.!]\s/;

/** "Q3. City: Tucson", "Q4 Occupation: Retired", "4. Ville : Dakar": a numbered form question answered on its line. */
const FORM_ANSWER_LINE = /^(?:Q\s?\d{1,2}[.):]?|\d{1,2}[.)])\s+[^:?\n]{1,40}[:?]\s*\S/i;

/**
 * Whether the unit sits on a numbered form question answered on the same line: attribution reads the question as the
 * asker's, but the answer after it is the respondent's.
 */
export function isFormAnswerLine(unit: Unit): boolean {
  return FORM_ANSWER_LINE.test(unit.line);
}

export function owned(unit: Unit): boolean {
  return isAboutSubject(unit) && unit.topic !== "other";
}

/**
 * The question a unit answers: the unit's own, or a question on an earlier sentence of the same line or just above
 * it ("What matters most? Confidentiality.", "> When you're not in the cellar..."), which segmentation can miss.
 */
export function questionOf(units: readonly Unit[], i: number, quotedAnswers = false): string {
  const known = memoOf(units).question[quotedAnswers ? 1 : 0];
  let question = known[i];
  if (question === undefined) {
    question = findQuestion(units, i, quotedAnswers);
    known[i] = question;
  }
  return question;
}

/**
 * Many rules ask which question a unit answers and how deep into the answer it is; both depend only on the units,
 * so each is worked out once per unit (per reading of quoted prompts), not once per rule.
 */
interface Memo {
  question: [(string | undefined)[], (string | undefined)[]];
  depth: [(number | undefined)[], (number | undefined)[]];
}

const memos = new WeakMap<readonly Unit[], Memo>();

function memoOf(units: readonly Unit[]): Memo {
  return memo(memos, units, newMemo);
}

/** Module-level, as memo's other compute functions on hot paths: an arrow written at the call made one per call. */
function newMemo(units: readonly Unit[]): Memo {
  const slots = <T>(): T[] => new Array<T>(units.length);
  return { question: [slots(), slots()], depth: [slots(), slots()] };
}

function findQuestion(units: readonly Unit[], i: number, quotedAnswers: boolean): string {
  const unit = units[i];
  if (!unit) return "";
  for (let j = i - 1; j >= Math.max(0, i - 4); j -= 1) {
    const previous = units[j];
    if (!previous || previous.source !== unit.source) break;
    const text = previous.text.trim();
    // Each reading of a question below needs a "?", or a leading ">" or "Q": most sentences have none.
    const opening = text.charAt(0);
    if (text.includes("?") || opening === ">" || opening === "q" || opening === "Q") {
      // A quoted ">" line is the question it replies to, unless the answer is itself in the same ">" block.
      // (Only where asked: the older rules were tuned to the first reading.)
      const quotedPrompt = QUOTED_PROMPT.test(text) && !(quotedAnswers && QUOTED_LINE.test(unit.line));
      if (ENDS_WITH_QUESTION_QUOTE.test(text) || quotedPrompt || QUESTION_LABEL.test(text)) {
        return previous.question && previous.question === text.toLowerCase() ? previous.question : text;
      }
    }
    if (previous.question !== unit.question) break;
  }
  return unit.question;
}

/**
 * `pattern.test(text)`, remembered for the last text it was asked of: the sentences of one answer share their
 * question, and a rule asks its question pattern of every unit in turn (one regular expression run per unit before).
 * For non-global patterns (`test` on a global one depends on where the last run stopped).
 */
export function memoTest(pattern: RegExp): (text: string) => boolean {
  let last: string | undefined;
  let result = false;
  return (text) => {
    if (text !== last) {
      last = text;
      result = pattern.test(text);
    }
    return result;
  };
}

/** How many sentences into its answer a unit is (0 = the first sentence after the question). */
export function answerDepth(units: readonly Unit[], i: number, quotedAnswers = false): number {
  const known = memoOf(units).depth[quotedAnswers ? 1 : 0];
  let depth = known[i];
  if (depth === undefined) {
    depth = findDepth(units, i, quotedAnswers);
    known[i] = depth;
  }
  return depth;
}

function findDepth(units: readonly Unit[], i: number, quotedAnswers: boolean): number {
  const unit = units[i];
  if (!unit) return 99;
  const question = questionOf(units, i, quotedAnswers);
  // Only the first few sentences of an answer matter; past that the depth is "far".
  if (question === "") return 99;
  let depth = 0;
  for (let j = i - 1; j >= 0; j -= 1) {
    if (depth > 4) return 99;
    const previous = units[j];
    if (!previous || previous.source !== unit.source) break;
    const text = previous.text.trim();
    if (text === question || text.toLowerCase() === question) break;
    if (previous.speaker !== unit.speaker) break;
    depth += 1;
  }
  return depth;
}

/**
 * What a "Label: ..." note line gives this unit: the text after the label in the line's first sentence, or a later
 * sentence of the same line that adds to it ("Pain: X. Also Y."). Null when the unit is not on such a line.
 */
export function labelledText(units: readonly Unit[], i: number, label: RegExp): string | null {
  const unit = units[i];
  if (!unit || !label.test(unit.line.replace(LEADING_BULLET, ""))) return null;
  const body = unit.text.replace(LEADING_BULLET_OR_QUOTE, "");
  const own = label.exec(body)?.[1];
  // "Goals: none really", "Pain: n/a": the label is filled in with "nothing", so the line gives nothing.
  if (own) return NO_ANSWER.test(own.trim()) ? null : own;
  const previous = units[i - 1];
  const sameLine = previous !== undefined && previous.line === unit.line && previous.source === unit.source;
  return sameLine && ADDS_ANOTHER.test(body) ? body : null;
}

/** The first sentence the subject says after a question (later sentences drift off the question). */
export function isFirstAnswer(units: readonly Unit[], i: number): boolean {
  const unit = units[i];
  const previous = units[i - 1];
  if (!unit || !previous) return true;
  return previous.question !== unit.question || previous.speaker !== "subject" || previous.source !== unit.source;
}

/** A question is not a statement: "Biggest frustration with invoicing?" states no frustration. */
export function isQuestion(unit: Unit): boolean {
  // Most sentences have no "?" at all: one character search decides them.
  return unit.text.includes("?") && ENDS_WITH_QUESTION.test(unit.text) && !SENTENCE_BREAK.test(unit.text);
}
