/** What a rule may ask about a unit beyond its own text: who owns it, which question it answers, which labelled line it sits on. */
import { memo } from "./memo.ts";
import type { Rule, Values } from "./rules.ts";
import { ENDS_WITH_QUESTION_QUOTE, LEADING_BULLET, LEADING_BULLET_OR_QUOTE } from "./text.ts";
import type { Unit } from "./unit.ts";

const ADDS_ANOTHER = /^(?:also|plus|and|another)\b/i;
const NO_ANSWER = /^(?:none|nothing|n\/?a|tbd|tbc|unknown|not sure|no idea|not yet|-+|\?+)(?=$|[^\p{L}])/iu;
const QUESTION_LABEL = /^(?:Q\d*|Question)\s*[:.]/i;
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

/**
 * The question a unit answers: the unit's own, or a question on an earlier sentence of the same line or just above
 * it ("What matters most? Confidentiality.", "> When you're not at the bakery..."), which segmentation can miss.
 */
export function questionOf(units: readonly Unit[], i: number, quotedAnswers = false): string {
  const known = memoOf(units).question[quotedAnswers ? 1 : 0];
  known[i] ??= findQuestion(units, i, quotedAnswers);
  return known[i];
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

/**
 * Whether `text.toLowerCase() === lower`, mostly decided without lowercasing (the answer walks lowercased a long
 * input's sentences several times over): lowercasing keeps a text's length, but for "İ" (U+0130), which becomes two
 * code units.
 */
function lowersTo(text: string, lower: string): boolean {
  return (text.length === lower.length || text.includes("\u0130")) && text.toLowerCase() === lower;
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
      const quotedPrompt = QUOTED_PROMPT.test(text) && !(quotedAnswers && unit.line.startsWith(">"));
      if (ENDS_WITH_QUESTION_QUOTE.test(text) || quotedPrompt || QUESTION_LABEL.test(text)) {
        return previous.question && lowersTo(text, previous.question) ? previous.question : text;
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
  known[i] ??= findDepth(units, i, quotedAnswers);
  return known[i];
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
    if (text === question || lowersTo(text, question)) break;
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
  // Most sentences have no "?" at all: one character search decides them. A unit's text is trimmed.
  return unit.text.includes("?") && ENDS_WITH_QUESTION_QUOTE.test(unit.text) && !SENTENCE_BREAK.test(unit.text);
}

/**
 * Where an item a rule read sits in the text it was read from: its own words if they occur at or after the match,
 * else the match's first group, else the match. The scope checks below read the words around that place.
 */
export function itemPlace(m: RegExpExecArray, item: string): number {
  const text = m.input;
  const own = lowerOf(text).indexOf(item.toLowerCase(), m.index);
  if (own >= 0) return own;
  const group = m[1] ? m[0].indexOf(m[1]) : -1;
  return group >= 0 ? m.index + group : m.index;
}

/**
 * The start of the clause a place is in: after the last sentence mark, bracket, dash or quote before it, a clause
 * word ("but", "while", "because") or a comma that opens a new clause on a subject ("When I'm not working, I hike").
 */
const CLAUSE_BREAK =
  /[.;!?:()[\]—–"“”]|,\s*(?:(?:and|but|so|then)\s+)?(?:I|I'm|I’m|we|she|he|they|you|it)\b|\b(?:but|while|because|although|though|whereas|yet|whatever|unless)\b/giu;
/** How far back a clause is read: a negation further off governs something else. */
const CLAUSE_REACH = 80;

export function clauseBefore(text: string, place: number): string {
  const before = text.slice(Math.max(0, place - CLAUSE_REACH), place);
  let start = 0;
  CLAUSE_BREAK.lastIndex = 0;
  for (let m = CLAUSE_BREAK.exec(before); m !== null; m = CLAUSE_BREAK.exec(before)) start = m.index + m[0].length;
  return before.slice(start);
}

/** "not", "never", "no", "don't", "can't": the clause denies what follows. Not "not only", "no matter", "no doubt". */
const NEGATOR =
  /\b(?:not(?!\s+only\b)|never|no(?!\s+(?:matter|doubt|longer\s+just)\b)|nothing|nobody|neither|nor|without|hardly|barely|cannot)\b|n['’]t\b/i;
/**
 * A negation right before the item, only auxiliaries and quantifiers between ("never had a late payment", "no more
 * double bookings", "not once been paid late").
 */
const NEGATOR_RIGHT_BEFORE =
  /(?:\b(?:never|not|no|nobody|without)|n['’]t)\s+(?:(?:once|ever|been|be|had|really|have|get|a|an|any|more)\s+){0,3}$/i;
/**
 * A negation that does not deny what follows: one in a "when"/"if" clause ("When I'm not at work I coach rugby"),
 * or one of giving something up, which affirms it ("never compromise on safety", "don't lose the honesty").
 */
const NEGATION_ELSEWHERE =
  /\b(?:when|whenever|if|unless)\b.*?(?:\bnot\b|n['’]t\b|\bnever\b)|(?:\bnot\b|n['’]t\b|\bnever\b)\s+(?:\w+\s+)?(?:lose|losing|forget|forgetting|give up|giving up|compromise|compromising|sacrifice|sacrificing|skimp|budge)\b/i;

/** "wants", "would like", "hopes", "is learning", "teaching herself": what the clause wishes for is not held yet. */
const WISH =
  /\b(?:wants?|wanted|wanting|would (?:like|love)|['’]d (?:like|love)|wish(?:es)?|hope[sd]?|hoping|learn|learning|to learn|studying|trying to|plans? to|going to|teach(?:es|ing)? (?:myself|herself|himself|themselves))\b/i;
/**
 * "seems", "looks", "people think", "my brother says": how the person appears or is believed or said to be by anyone
 * but the speaker ("I think", "I'd say" are the speaker's own view), which a "but" then corrects.
 */
const SEEMING =
  /\b(?:seem|seems|seemed|look|looks|looked|sound|sounds|appear|appears|comes? across)\b|(?<!\b(?:I|we|I['’]d|we['’]d)\s+(?:[a-z]+\s+)?)\b(?:think|thinks|thought|assume|assumes|assumed|believe|believes|believed|say|says|said)\b/i;
/**
 * "used to", "no longer", "back then", "as a kid", "growing up": the clause puts what follows in the past. Not "I'm
 * used to", "get used to": being accustomed to something is a present state; nor "my mum used to say I'm stubborn": an
 * old judgement of the person, not a past state.
 */
const PAST =
  /(?<!\b(?:am|is|are|be|been|being|get|gets|got|getting|become|['’]m|['’]s|['’]re)\s+)\bused to\b(?!\s+(?:say|call|tell))|\b(?:no longer|formerly|in those days|growing up|back (?:then|when|in the day)|as a (?:kid|child|teen|teenager|boy|girl|student)|when I was (?:young|little|younger|a kid|a child|a teen))\b/i;
/** "I was shy as a kid", "we were chaotic back then": a past tense whose time the rest of the sentence names. */
const PAST_VERB = /\b(?:was|were)\b/i;
const PAST_TIME_AFTER =
  /^[^.;!?]{0,60}?\b(?:as a (?:kid|child|teen|teenager|boy|girl|student)|when I was (?:young|little|younger|a kid|a child|a teen)|back then|in those days|growing up|not any ?more|no longer)\b/i;
const ITEM_WORD = /^[^\s,;]*/;
const CORRECTED_AFTER = /^[^.;!?]{0,80}?\b(?:but|actually|in fact)\b/i;
/** The last box before an item on a form line, ticked or not ("☒ Statistics in R ☐ Python"). */
const LAST_BOX = /(☐|☒|☑|✓|✔|✗|\[\s?\]|\[[xX✓]\])[^☐☒☑✓✔✗[\]\n]*$/u;
const EMPTY_BOX = /^(?:☐|\[\s?\])$/u;

/**
 * Why an item is not stated of the person, read from where it sits:
 * - denied: its clause says "not", "never", "no" before it ("I'm not good with computers");
 * - negated: a negation stands right before it ("never had a late payment"). Narrower than denied, for an item named
 *   inside a clause whose negation often governs an earlier verb ("no one told us about the parking fees");
 * - wished: its clause wants it, plans it or is learning it ("wants the exports in Excel"): not held yet;
 * - seeming: its clause says how the person seems or is thought or said to be, and a "but" corrects it ("looks
 *   chaotic, but", "my sister says I'm lazy, but");
 * - unticked: the last box before it on a form line is empty ("☐ Python");
 * - past: its clause puts it in the past ("I used to speak German", "no longer", "I was shy as a kid"): not held now.
 */
export type Scope = "denied" | "negated" | "wished" | "seeming" | "unticked" | "past";

/**
 * Strings every match of a scope's pattern contains (lowercased), so a text with none of them is out of that scope
 * wherever an item sits, and its clauses are not cut and read: most sentences say no "not", "want" or "seems".
 * "no" covers "not", "nothing", "nobody", "nor", "cannot"; "hop" covers "hope(s/d)" and "hoping". An empty box is "☐"
 * or "[ ]".
 */
const TRIGGERS: Record<Scope, readonly string[]> = {
  denied: ["no", "never", "neither", "without", "hardly", "barely", "n't", "n’t"],
  negated: ["no", "never", "without", "n't", "n’t"],
  wished: ["want", "would", "d like", "d love", "wish", "hop", "learn", "studying", "trying", "plan", "going", "teach"],
  seeming: ["seem", "look", "sound", "appear", "across", "think", "thought", "assum", "believ", "say", "said"],
  unticked: ["☐", "["],
  past: ["used to", "no longer", "formerly", "those days", "growing up", "back ", "as a ", "when i was", "not any"],
};

const SCOPES = Object.keys(TRIGGERS) as Scope[];

/** The clause's own tests; `clause` is the clause before the place, cut once for all scopes asked. */
const IN_SCOPE: Record<Scope, (clause: string, text: string, place: number) => boolean> = {
  denied: (clause) => NEGATOR.test(clause) && !NEGATION_ELSEWHERE.test(clause),
  negated: (clause) => NEGATOR_RIGHT_BEFORE.test(clause),
  wished: (clause) => WISH.test(clause),
  seeming: (clause, text, place) =>
    SEEMING.test(clause) && CORRECTED_AFTER.test(text.slice(place).replace(ITEM_WORD, "")),
  unticked: (_clause, text, place) => {
    const box = LAST_BOX.exec(text.slice(0, place).split("\n").at(-1) ?? "")?.[1];
    return box !== undefined && EMPTY_BOX.test(box);
  },
  past: (clause, text, place) =>
    PAST.test(clause) || (PAST_VERB.test(clause) && PAST_TIME_AFTER.test(text.slice(place))),
};

/**
 * The last text read, lowercased, and which scopes' trigger words it holds: a rule gives several items of one text,
 * and several rules read the same unit, so each text is lowercased and searched once, not once per item and scope.
 */
let lastText: string | undefined;
let lastLower = "";
const lastTriggered: Record<Scope, boolean> = {
  denied: false,
  negated: false,
  wished: false,
  seeming: false,
  unticked: false,
  past: false,
};

function readText(text: string): void {
  if (text === lastText) return;
  const lower = text.toLowerCase();
  lastText = text;
  lastLower = lower;
  for (const scope of SCOPES) lastTriggered[scope] = TRIGGERS[scope].some((word) => lower.includes(word));
}

function lowerOf(text: string): string {
  readText(text);
  return lastLower;
}

/** Whether an item read at `place` of `text` is outside every given scope, i.e. stated as a fact of the person. */
export function statedAt(text: string, place: number, scopes: readonly Scope[]): boolean {
  readText(text);
  let clause: string | undefined;
  for (const scope of scopes) {
    if (!lastTriggered[scope]) continue;
    clause ??= clauseBefore(text, place);
    if (IN_SCOPE[scope](clause, text, place)) return false;
  }
  return true;
}

/** "your colleagues in Oslo": a clause whose last word for a person is "your" (no "I", "my", "we" after it). */
const ADDRESSEE_LAST = /\b[Yy]our\b(?![\s\S]*\b(?:I|[Mm]y|[Mm]e|[Ww]e|[Oo]ur|[Uu]s)\b)/;

/**
 * Whether an item read at `place` belongs to the person addressed: "please greet your colleagues in Oslo" places the
 * reader's colleagues, not the writer. A scalar read there is the addressee's, whoever the sentence is attributed to.
 */
export function addressedAt(text: string, place: number): boolean {
  return text.includes("our") && ADDRESSEE_LAST.test(clauseBefore(text, place));
}

/** A field's own test of whether an item read at a place is the right kind of thing for it ("a patient" is a noun). */
type ItemCheck = (text: string, place: number, item: string) => boolean;

/** The values of a rule's match that are stated of the person: the others become null (skipped). */
function keepStated(found: Values, m: RegExpExecArray, scopes: readonly Scope[], check?: ItemCheck): Values {
  const keep = (item: string | null) => {
    if (item === null || item === "") return item;
    const place = itemPlace(m, item);
    return statedAt(m.input, place, scopes) && (check?.(m.input, place, item) ?? true) ? item : null;
  };
  if (found === null || typeof found === "number") return found;
  return typeof found === "string" ? keep(found) : found.map(keep);
}

/**
 * A field's rule table with the scope checks every value of it must pass, written once for the field instead of in
 * each rule: a value the text denies, wishes for, corrects or leaves unticked is not a fact of the person.
 * Call it once per table (module constant): the runner keys its caches on the table.
 */
export function statedOnly(rules: readonly Rule[], scopes: readonly Scope[], check?: ItemCheck): readonly Rule[] {
  return rules.map((rule) => {
    const value = rule.value;
    return { ...rule, value: (m, unit, at) => keepStated(value(m, unit, at), m, scopes, check) };
  });
}
