/**
 * How a goal is worded: the phrase after a cue ("I want to ..."), cut to its first aim, without fillers, time tails
 * and pointers, "it" resolved to what was named just before; used by the goal rules in goals.ts.
 */
import type { Place } from "../engine/rules.ts";
import * as wording from "../engine/text.ts";
import type { Unit } from "../engine/unit.ts";

const TIME_TAIL =
  /\s+(?:(?:(?:by|in|before|until|within)\s+)?next (?:year|month|week|spring|summer|autumn|fall|winter)\b.*$|(?:in|by|within|before|next|this|on)\s+(?:the\s+)?(?:\d{4}|spring|summer|autumn|fall|winter|january|february|march|april|may|june|july|august|september|october|november|december|q[1-4]|the new year|next year|this year|a year|~?\d+ (?:years?|months?))\b.*$)/i;

const GOAL_INFINITIVE: Record<string, string> = {
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
};

/** What "it" can point back to in a goal: something one passes, finishes, ships or wins. */
const GOAL_ANTECEDENT =
  /\b(?:the|my|our|a|an)\s+((?:[\p{L}\d-]+\s+){0,4}?(?:exam|test|course|certification|degree|qualification|marathon|race|shipment|thesis|grant|proposal|licen[cs]e|book|album|app|launch|project))\b/iu;

/** "a delivery van that can carry the whole stall ...": the relative clause describes, the head names the goal. */
const DESCRIBING_CLAUSE = /\s(?:that|which|who)\s(?:can|could|will|would|lets?|helps?|allows?)\b.*$/i;
const WANT_OPENING = /^(?:(?:she|he)\s+)?(?:wants|hopes|plans|aims)\s+(?:to\s+)?/i;
const TO_OPENING = /^to\s+/i;
const BY_ME_TAIL = /\s+by (?:me|myself)$/i;
const NAME_ON_IT = /\s+with my name on (?:the|it).*$/i;
/** "... and then start a blog", "... and hopes to publish a guide": a second aim starts; the first ends here. */
const NEXT_AIM =
  /\s+and\s+(?:then\s+|also\s+)?(?:(?:hopes?|plans?|wants?|aims?|intends?)\s+to|start|open|launch|become|get|build|finish|run|write|grow|teach|learn|move|buy|hire|pass|take|make)\b.*$/i;
/** "buy a bigger oven, maybe", "hire the cooks, two [of them ...]": one word after the last comma is an
 * afterthought or the stub of a cut clause, not part of the aim. */
const LONE_COMMA_TAIL = /,\s*[\p{L}-]+$/u;
/** "win the cup before my knees go", "retire once the kids are grown": a time clause bounds the aim, not part of it. */
const TIME_CLAUSE = /\s+(?:before|after|until|till|once)\s+(?:I|my|we|our|he|his|she|her|they|their|it|the kids)\s.*$/i;
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
const VERB_IT = /^\S+\s+it$/i;
const BULLET_LINE = /^[-•*]/;
const LINE_TOPIC = /^(?:[-•*]\s*)?([\p{L} ]{3,30}):\s/u;
const GOAL_WORD = /goal/i;
/** "... working towards chartership and hopes to publish a guide": a second aim in the same sentence. */
const SECOND_AIM =
  /\b(?:and|then)\s+(?:eventually\s+|also\s+|later\s+)?(?:(?:hopes?|plans?|wants?|aims?|intends?) to\s+|I(?:'d| would) like to\s+)?((?:open|start|launch|become|get|publish|build|buy|move|learn|finish|run|write|grow|reduce|switch|add|raise)\b.+)/i;
export function goalPhrase(raw: string, prefix = ""): string | null {
  // An aim does not run past a closing quotation mark ('... by next spring, near the harbour," he says').
  let phrase = wording.firstClause(
    wording.stripLeadingFillers(
      (raw.split(CLOSING_QUOTE)[0] ?? "")
        .replace(DESCRIBING_CLAUSE, "")
        .replace(WANT_OPENING, "")
        .replace(TO_OPENING, ""),
    ),
  );
  phrase = wording.stripDeterminers(phrase).replace(TIME_CLAUSE, "").replace(BASELINE_TAIL, "");
  const withoutTime = phrase.replace(TIME_TAIL, "");
  if (wording.wordCount(withoutTime) >= 2) phrase = withoutTime;
  phrase = wording.trimPunctuation(phrase.replace(NAME_ON_IT, "").replace(NEXT_AIM, ""));
  // "working on getting my CPA" -> "get my CPA".
  phrase = phrase.replace(GERUND_OPENING, (gerund) => GOAL_INFINITIVE[gerund.toLowerCase()] ?? gerund);
  phrase = phrase.replace(VAGUE_TIME_TAIL, "").replace(OUT_THE_DOOR, "ship $1").replace(DEADLINE_TAIL, "");
  // "my own album, written and produced by me": the person is the agent of their own aim anyway.
  phrase = phrase.replace(BY_ME_TAIL, "");
  if (wording.wordCount(phrase) > 8) phrase = wording.shorten(phrase, 8, 2) ?? "";
  phrase = phrase.replace(LONE_COMMA_TAIL, "");
  if (phrase === "" || BARE_POINTER.test(phrase)) return null;
  return `${prefix}${phrase}`.trim();
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

/** A cued aim and, when the sentence goes on to a second one, that one too. */
export function cuedGoal(prefix: string) {
  return (m: RegExpExecArray, unit: Unit, at: Place): string[] => {
    const raw = m[1] ?? "";
    const phrase = resolveIt(goalPhrase(raw, prefix), unit, at);
    const more = SECOND_AIM.exec(raw.slice((phrase ?? "").length))?.[1];
    const second = more ? goalPhrase(more) : null;
    return [phrase, second !== phrase ? second : null].filter((v) => v !== null);
  };
}
