/**
 * How a goal is worded: the phrase after a cue ("I want to ..."), cut to its first aim, without fillers, time tails
 * and pointers, "it" resolved to what was named just before; used by the goal rules in goals.ts.
 */
import type { Place } from "../engine/rules.ts";
import * as wording from "../engine/text.ts";
import type { Unit } from "../engine/unit.ts";

const TIME_TAIL =
  /\s+(?:(?:(?:by|in|before|until|within)\s+)?next (?:year|month|week|spring|summer|autumn|fall|winter)\b.*$|(?:in|by|within|before|next|this|on)\s+(?:the\s+)?(?:\d{4}|spring|summer|autumn|fall|winter|january|february|march|april|may|june|july|august|september|october|november|december|q[1-4]|the new year|next year|this year|a year|end of|~?\d+ (?:years?|months?))\b.*$)/i;

const GOAL_INFINITIVE: Record<string, string> = wording.wordTable({
  getting: "get",
  opening: "open",
  building: "build",
  finishing: "finish",
  writing: "write",
  launching: "launch",
  learning: "learn",
  improving: "improve",
  growing: "grow",
  setting: "set",
  starting: "start",
});

/** What "it" can point back to in a goal: something one passes, finishes, ships or wins. */
const GOAL_ANTECEDENT =
  /\b(?:the|my|our|a|an)\s+((?:[\p{L}\d-]+\s+){0,4}?(?:exam|test|course|certification|degree|qualification|marathon|race|shipment|thesis|grant|proposal|licen[cs]e|book|album|app|launch|project))\b/iu;

/** "a delivery van that can carry the whole stall ...": the relative clause describes, the head names the goal. */
const DESCRIBING_CLAUSE = /\s(?:that|which|who)\s(?:can|could|will|would|lets?|helps?|allows?)\b.*$/i;
const WANT_OPENING = /^(?:(?:she|he)\s+)?(?:wants|hopes|plans|aims)\s+(?:to\s+)?/i;
const TO_OPENING = /^to\s+/i;
const BY_ME_TAIL = /\s+by (?:me|myself)$/i;
const NAME_ON_IT = /\s+with my name on (?:the|it).*$/i;
/**
 * "... and then start a blog", "..., and hopes to publish a guide": a second aim starts where "and" (or "then") opens
 * on an aim's verb. Only after a whole first aim (a verb and what it acts on): "buy and run a boat" is one aim.
 */
const NEXT_AIM =
  /,?\s+(?:and|then)\s+(?:then\s+|also\s+|eventually\s+|later\s+)?(?:(?:hopes?|plans?|wants?|aims?|intends?)\s+to\s+|I(?:'d| would) like to\s+|I (?:want|hope|plan|intend) to\s+|(?=(?:start|open|launch|become|get|build|finish|run|write|grow|teach|learn|move|buy|hire|pass|take|make|publish|reduce|switch|add|raise|getting)\b))/i;
/**
 * A clause after a named thing describes it ("a clinic in a district where people cannot pay", "the list that I have
 * kept for years"): the aim is the thing. Not after a verb: "make sure that we hire locally" keeps its clause.
 */
const RELATIVE_CLAUSE =
  /(?<=\b(?:the|a|an|my|our|his|her|their)\s+(?:[\p{L}\d'’-]+\s+){0,6}?[\p{L}\d'’-]+)\s+(?:that|which|where|who)\s+(?:I|we|you|he|she|they|people|everyone|nobody|no one)\b.*$/iu;
/** What follows a list's comma: short items to the end ("prices, photos and opening hours"). */
const LIST_ITEM_BREAK = /,\s+|\s+(?:and|or|&)\s+/;
const ASIDE_COMMA = ", ";
/** An aim longer than this many words is cut (fitAim). */
const AIM_WORDS = 8;
/** "buy a bigger oven, maybe": one word after the only comma is an afterthought; after a list's commas
 * ("harbours, ferries, storms") it is the list's last item. */
const LONE_COMMA_TAIL = /^([^,]*),\s*[\p{L}-]+$/u;
/**
 * A long aim is cut at its last preposition that starts an adjunct (place, time, purpose, source: "open an outlet
 * near the temple for the tourists") and leaves a whole aim, else loses its aside after a comma; never at "to", "of",
 * "on", "by" or a range's "from", whose phrase completes it ("ask the landlord to fix the roof", "a code on every
 * bottle", "from 80 percent to 90").
 */
const ADJUNCT = /\s(?:in|at|with|during|near|for|within|before|after|since|from(?!.*\sto\s))\s/g;
/** "win the cup before my knees go", "retire once the kids are grown": a time clause bounds the aim, not part of it. */
const TIME_CLAUSE = /\s+(?:before|after|until|till|once)\s+(?:I|my|we|our|he|his|she|her|they|their|it|the kids)\s.*$/i;
/** Longer than this and with no point to cut, an aim is not one phrase: none is read. */
const MAX_AIM_WORDS = 12;
/** "40 shops, up from 12 today": the baseline a target is measured from is not part of it. */
const BASELINE_TAIL = /,?\s+(?:up|down)\s+from\s.*$/i;
const GERUND_OPENING =
  /^(getting|opening|building|finishing|writing|launching|learning|improving|growing|setting|starting)\b/i;
const VAGUE_TIME_TAIL = /\s+(?:someday|some day|eventually|in the future|long term)$/i;
/** "get the shipment out the door": ship it. */
const OUT_THE_DOOR = /^get\s+(.+?)\s+out (?:of )?the door\b.*$/i;
const DEADLINE_TAIL = /\s+(?:live\s+)?(?:before|by) then$|\s+(?:asap|soon)$/i;
const CLOSING_QUOTE = /["”]/;
const BARE_POINTER = /^(?:it|this|that|them|me|you)$/i;
const IT = /\bit\b/;
const POINTER = /\b(?:it|them)\b/i;
/** "stop being the, um, the router": a hesitation inside an aim leaves it garbled ("an ER nurse" is no hesitation). */
const HESITATION = /\b(?:um+|uh+|erm|er)\b(?=[\s,.…-])/;
/** An aim that ends on "the", "of", "and"... was cut mid-phrase ("move on", "help her", "grade A" are whole). */
const DANGLING = /\s(?:the|a|an|my|our|their|to|of|and|or)$/;
const VERB_IT = /^\S+\s+it$/i;
/** "write a summary of those issues": a thing named only by pointing back ("these", "those") is not a whole aim. */
const DEMONSTRATIVE = /\b(?:these|those)\b/i;
/** "write something, a guide to X": an indefinite object is named by the noun phrase set beside it after a comma. */
const INDEFINITE_NAMED = /^(\S+(?: \S+)?) (?:something|anything),\s+(?=(?:a|an|the|my|our|some)\s)/i;
/** "write something", "build something": an indefinite object alone names no aim. */
const INDEFINITE_ONLY = /^\S+(?: \S+)? (?:something|anything)$/i;
const BULLET_LINE = /^[-•*]/;
const LINE_TOPIC = /^(?:[-•*]\s*)?([\p{L} ]{3,30}):\s/u;
const GOAL_WORD = /goal/i;
/** The text after a cue, up to a closing quotation mark ('... near the harbour," he says'), without asides. */
function aimText(raw: string): string {
  return wording
    .stripLeadingFillers(
      (raw.split(CLOSING_QUOTE)[0] ?? "")
        .replace(wording.SPACED_ASIDE, "")
        .replace(DESCRIBING_CLAUSE, "")
        .replace(RELATIVE_CLAUSE, "")
        .replace(WANT_OPENING, "")
        .replace(TO_OPENING, ""),
    )
    .replace(INDEFINITE_NAMED, "$1 ");
}

/**
 * The aims the text states: its first clause, or two aims where a second opens after a whole first one with no
 * clause break before it ("cut costs and open a shop", "finish the guide, and then start a blog").
 */
function splitAims(text: string): [string] | [string, string] {
  const next = NEXT_AIM.exec(text);
  const head = next ? text.slice(0, next.index) : "";
  if (!next || wording.wordCount(head) < 2 || wording.firstClause(head) !== wording.trimPunctuation(head))
    return [wording.firstClause(text)];
  return [head, wording.firstClause(text.slice(next.index + next[0].length))];
}

/** "..., thesis due in May", "..., for free": after an aim a comma opens an aside, unless a list runs to the end. */
function dropAside(phrase: string): string {
  const at = phrase.indexOf(ASIDE_COMMA);
  if (at < 0) return phrase;
  const items = phrase.slice(at + ASIDE_COMMA.length).split(LIST_ITEM_BREAK);
  return items.length >= 2 && items.every((item) => wording.wordCount(item) <= 3) ? phrase : phrase.slice(0, at);
}

/** A long aim cut at its last adjunct that leaves 3 to 8 words, else without its aside; kept up to 12 words; else null. */
function fitAim(phrase: string): string | null {
  if (wording.wordCount(phrase) <= AIM_WORDS) return phrase;
  const heads = [...phrase.matchAll(ADJUNCT)].map((m) => wording.trimPunctuation(phrase.slice(0, m.index)));
  const head = heads.filter((h) => wording.wordCount(h) >= 3 && wording.wordCount(h) <= AIM_WORDS).pop();
  const aim = head ?? dropAside(phrase);
  return wording.wordCount(aim) <= MAX_AIM_WORDS ? aim : null;
}

/** Every aim of the text after a cue, worded as a goal; a second aim that only points back ("publish it") is dropped. */
export function goalPhrases(raw: string, prefix = ""): string[] {
  const [first, second] = splitAims(aimText(raw)).map((aim, k) => wordedAim(aim, k === 0 ? prefix : ""));
  const more = second && second !== first && !POINTER.test(second) ? [second] : [];
  return first ? [first, ...more] : more;
}

/** The first aim of the text after a cue, worded as a goal. */
export function goalPhrase(raw: string, prefix = ""): string | null {
  return wordedAim(splitAims(aimText(raw))[0], prefix);
}

function wordedAim(clause: string, prefix: string): string | null {
  if (HESITATION.test(clause)) return null;
  let phrase = wording.stripDeterminers(clause).replace(TIME_CLAUSE, "").replace(BASELINE_TAIL, "");
  const withoutTime = phrase.replace(TIME_TAIL, "");
  if (wording.wordCount(withoutTime) >= 2) phrase = withoutTime;
  phrase = wording.trimPunctuation(phrase.replace(NAME_ON_IT, ""));
  // "working on getting my CPA" -> "get my CPA".
  phrase = phrase.replace(GERUND_OPENING, (gerund) => GOAL_INFINITIVE[gerund.toLowerCase()] ?? gerund);
  phrase = phrase.replace(VAGUE_TIME_TAIL, "").replace(OUT_THE_DOOR, "ship $1").replace(DEADLINE_TAIL, "");
  // "my own album, written and produced by me": the person is the agent of their own aim anyway.
  phrase = (fitAim(`${prefix}${phrase.replace(BY_ME_TAIL, "")}`.trim()) ?? "").replace(LONE_COMMA_TAIL, "$1");
  if (
    phrase === "" ||
    BARE_POINTER.test(phrase) ||
    INDEFINITE_ONLY.test(phrase) ||
    DANGLING.test(phrase) ||
    DEMONSTRATIVE.test(phrase)
  )
    return null;
  return phrase;
}

/** "Booked the B2 exam. Hoping to pass it": "it" is the exam, course or project named just before, or the topic of
 * the note line above ("Website: ... - want to relaunch it"); a goal that is only "verb it" is dropped. */
function resolveIt(phrase: string | null, unit: Unit, at: Place): string | null {
  if (!phrase || !IT.test(phrase)) return phrase;
  const previous = at.units[at.i - 1];
  const antecedent = previous && previous.source === unit.source ? GOAL_ANTECEDENT.exec(previous.text)?.[1] : undefined;
  if (antecedent) return phrase.replace(IT, antecedent.trim());
  const topic = BULLET_LINE.test(unit.line) ? lineTopic(unit) : null;
  if (topic) return phrase.replace(IT, topic);
  return VERB_IT.test(phrase) ? null : phrase;
}

/** The topic of the unit's own "Topic: ..." note line (a line above names another topic: "- Pain: ..."). */
function lineTopic(unit: Unit): string | null {
  const topic = LINE_TOPIC.exec(unit.line)?.[1];
  return topic && !GOAL_WORD.test(topic) ? topic.trim().toLowerCase() : null;
}

/**
 * "a guidebook on ferns that he hopes to print in 2027": a cue inside a relative clause has its verb's object before
 * it, the noun phrase the clause describes; the aim is the verb and that phrase ("print guidebook on ferns"), and
 * without one no aim is read. Not the "that" of a clause said or thought ("I think that I want to ...", "so that"), nor
 * a pointing "that" after a preposition ("after that I want to ...").
 */
const RELATIVE_GAP =
  /(?<!\b(?:so|think|thinks|thought|say|says|said|know|knows|knew|feel|feels|felt|sure|mean|means|realised|realized|decided|hope|hopes|guess|believe|believes|told|tell|tells|clear|true|is|was|after|before|like|of|at|with|for|from|about|all|and|but|then|because))\s+(?:that|which)\s+(?:(?:she|he|they|we|I)\s+)?$/i;
/** The noun phrase a relative clause describes: from its determiner to just before "that". */
const DESCRIBED =
  /\b(?:a|an|the|my|our|his|her|their)\s+((?:[\p{L}\d'’-]+\s+){0,6}?[\p{L}\d'’-]+)\s+(?:that|which)\s+(?:(?:she|he|they|we|I)\s+)?$/iu;
/** A comma, a determiner and a short noun phrase just before the cue, whose subject opens the match. */
const APPOSED_GAP = /,\s+(?:a|an|the|my|our|his|her|their)\s+(?:[\p{L}'’-]+\s+){0,3}[\p{L}'’-]+\s+$/u;
const SUBJECT_FIRST = /^(?:she|he|they|we|I)\b/i;
const FIRST_WORD = /^\s*([\p{L}-]+)/u;

/** The aim of a cue inside a relative clause: its verb and the phrase the clause describes, else none. */
function describedAim(m: RegExpExecArray, prefix: string): string[] | null {
  const before = m.input.slice(Math.max(0, m.index - 80), m.index);
  // ", a project she hopes to publish": a relative clause without "that", in apposition; its phrase names no thing.
  if (APPOSED_GAP.test(before) && SUBJECT_FIRST.test(m[0])) return [];
  if (!RELATIVE_GAP.test(before)) return null;
  const described = DESCRIBED.exec(before)?.[1];
  const verb = FIRST_WORD.exec(m[1] ?? "")?.[1];
  const aim = described && verb ? goalPhrase(`${verb} ${described}`, prefix) : null;
  return aim ? [aim] : [];
}

/** A cued aim and, when the sentence goes on to a second one, that one too. */
export function cuedGoal(prefix: string) {
  return (m: RegExpExecArray, unit: Unit, at: Place): string[] => {
    const described = describedAim(m, prefix);
    if (described) return described;
    const [first, ...more] = goalPhrases(m[1] ?? "", prefix);
    return [resolveIt(first ?? null, unit, at), ...more].filter((v) => v !== null);
  };
}
