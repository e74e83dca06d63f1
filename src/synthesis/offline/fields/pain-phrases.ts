/**
 * How pain-point rules turn a match into an item (the phrase cut to its complaint, a risen cost, a damaged thing) and
 * the conditions that tell a complaint of the speaker from someone else's, a taken-back one or good news.
 */
import { memoTest, questionOf, type Scope, statedAt } from "../engine/context.ts";
import { anyOf } from "../engine/cues.ts";
import { memo } from "../engine/memo.ts";
import type { Place } from "../engine/rules.ts";
import * as wording from "../engine/text.ts";
import { isSelf, type Unit } from "../engine/unit.ts";
import { COMPLAINT } from "../lexicon/pain-points.ts";

/**
 * "Pain: ...", "struggling with: a and b", "Biggest problems: ...": a labelled list of complaints. Not "Objection:"
 * nor "Concerns:": in sales notes they name why the prospect resists the offer ("Objection: price"), which is the
 * seller's problem, not a pain of the person. Not "Key risks:": what might go wrong is not (yet) a pain. Neither
 * label ever gave a value on a labelled set.
 */
export const PAIN_LABEL =
  /^(?:[-•*]\s*)?(?:pains?|pain points?|struggling with|struggles?|frustrations?|complaints?|blockers?|worries|(?:biggest|main|key|current) (?:problems?|issues?|headaches?|challenges?))\s*:\s*(.+)$/i;

const PAIN_QUESTION =
  /\b(?:hard|hardest|worst|frustrat|dislike|problem|challenge|scariest|difficult|pain|struggle|annoy|lo peor|headache|drives? you (?:crazy|nuts|mad)|keeps? you (?:up|awake)|bugs? you|bother|worr|hate|gripe|complain|nightmare|what'?s wrong|go(?:es)? wrong|fix one thing|change one thing)\w*\b/i;
const asksPain = memoTest(PAIN_QUESTION);

const PAIN_SECTION =
  /\b(?:frustrations?|pains?|pain points?|challenges?|problems?|struggles?|issues?|gripes?|complaints?)\b/i;

const QUOTE_MARKS = /["“”]/g;
/** "the curriculum says experiment": reported speech, not the thing that hurts. */
const REPORTED = /\b(?:says?|said|thinks?|asks?|tells?|told)\b/i;
const ASKING = /\basking\b/i;
const COMPLAINT_OPENING = /^(?:how|the way|the fact that|the way that|that|when|whenever|having to|the whole)\s+/i;
const OWN_STATE_TAIL = /\s+(?:we|I|they|you|he|she|it)\s+(?:are|is|am|were|was|get|feel|feels)\s*$/i;
/** A person, not a thing: only things have faults worth listing ("I crash", "my phone"). */
const PERSON_WORD = /\b(?:i|me|my|you|we|our|they|he|she|it|can|could|will|would|should)\b/i;
// "please"/"kindly": "Please don't send paper" is a request to the reader, not a thing that fails. "mine", "ours":
// the thing they stand for is named elsewhere.
export const NOT_A_THING =
  /^(?:it|this|that|which|what|who|he|she|they|we|you|I|everything|nothing|something|everyone|one|life|people|things|he's|she's|i'm|please|kindly|mine|yours|ours|theirs|hers|his)$/i;

/** "how short-staffed we are" -> "short-staffed"; "the way agencies pay" -> "agencies pay". */
export function painPhrase(raw: string, maxWords = 7): string | null {
  const cleaned = raw.replace(wording.PICTOGRAPHS, "").replace(QUOTE_MARKS, "");
  const clause = wording.trimPunctuation(
    wording.dropDiscourseTail(wording.stripDeterminers(wording.firstClause(wording.stripLeadingFillers(cleaned)))),
  );
  const phrase = wording.shorten(clause.trim().replace(COMPLAINT_OPENING, "").replace(OWN_STATE_TAIL, ""), maxWords);
  if (!phrase || wording.POINTING_HEAD.test(phrase)) return null;
  if (REPORTED.test(phrase) && !ASKING.test(phrase)) return null;
  return phrase;
}

/** A thing named before a complaint verb: short, and a thing rather than a person. */
export function thing(raw: string, maxWords: number): string | null {
  // Cut at a clause word ("numbered so nobody"), the words next to the verb were not the thing: none is named.
  if (wording.firstClause(raw).length < wording.trimPunctuation(raw).length) return null;
  const phrase = painPhrase(raw, maxWords);
  return phrase && !NOT_A_THING.test(phrase) && !PERSON_WORD.test(phrase) ? phrase : null;
}

const LIST_OF_COMPLAINTS = /,\s*(?:and\s+)?|\s+and\s+(?=I\b)/;
export const I_AM = /^(?:I'm|I’m|I am|Im)\s+/i;

/** "... is the new portal: "Upload here, we call you"": the complaint is in someone else's quoted words. */
const QUOTED_AFTER_COLON = /:\s*["“]/;

/** The complaint a cue phrase introduces; items of a list of complaints must be short to be items at all. */
export function cued(m: RegExpExecArray): (string | null)[] {
  if (QUOTED_AFTER_COLON.test(m[1] ?? "")) return [];
  const parts = (m[1] ?? "").split(LIST_OF_COMPLAINTS);
  return parts.map((part) => {
    const phrase = painPhrase(part, parts.length > 1 ? 5 : 8);
    return phrase && LONE_GERUND.test(phrase) ? null : phrase;
  });
}

/** "tired of managing": a verb whose object is elsewhere names no complaint on its own. */
const LONE_GERUND = /^\p{L}+ing$/iu;

/** The body of a note line without its bullet or quote mark. */
export function body(unit: Unit): string {
  return unit.text.replace(wording.LEADING_BULLET_OR_QUOTE, "");
}

const ARROW = /\s*(?:->|→|=>)\s*/;
/** Items of a labelled list; not " + ", which joins the nouns of one item ("bookings run on WhatsApp + Excel"). */
const LABELLED_PARTS = /\s*(?:;|,)\s*/;
const AND = /\s+and\s+/;
/** "the crew's backs and knees are shot": with a verb, "and" joins the subjects of one complaint, not two items. */
const CLAUSE_VERB_WORD = /\b(?:is|are|was|were|gets?|got|has|have|had)\b/i;
/** "no online booking": a lack, which the leading-filler cut ("No, ...") would turn into its opposite. */
const LACK = /^\s*no\s+(?=[\p{L}\d])/iu;
const BRACKETS = /\s*\([^)]*\)/g;
const CHAT_TAGS = /\b(?:lol|tbh)\b/gi;
/** "... on our tool": in notes "our" is the note-taker's product, where the pain shows, not what it is. */
const ON_OUR_TOOL = /\s+(?:on|in|with|using)\s+(?:our|your)\s+[\p{L}-]+(?:\s[\p{L}-]+)?\s*[.!]?$/u;
const ALSO = /^also\b/i;
/** "Pain: see above": a pointer to other notes names nothing. */
const CROSS_REFERENCE = /^(?:see|as|per)\s+(?:above|below|earlier|before|notes?|last|previous)\b/i;
/** "~20% no-shows": the figure measures the pain; the item is what it measures. */
const LEADING_FIGURE = /^[~≈]?\s*\d+(?:[.,]\d+)?\s*(?:%|percent)\s+(?=\p{L})/iu;
/**
 * A part that only counts something ("two vendors", "3 sites") or reports who complains ("members complain"): a
 * fact beside the complaint in a run of commas, not a pain of its own.
 */
const NOT_A_PAIN_PART =
  /^(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many)\s+[\p{L}-]+|[\p{L}-]+\s+(?:complain|complains|complained|moan|moans|grumble|grumbles))$/iu;

/**
 * "Pain: X. Also Y, Z.": the later sentence adds to the list in prose, whose commas join the parts of one statement
 * (first contact: a count of suppliers and what none of them allows were cut from one statement), so only its first clause is an item.
 */
const LATER_SENTENCE = /^(?:also|plus|and|another)\b[\s:,]*/i;
const LATER_SENTENCE_END = /\s*(?:[,;]|\s[-—–]\s|[—–])/;
/**
 * "current thermostats from 2008", "their tills are from 2012": equipment of that year, i.e. outdated (as damaged);
 * years up to 2019 only, as there: a recent year is not old.
 */
const FROM_A_YEAR =
  /^(?:(?:the|our|their|his|her|my|current|existing|old)\s+)*([\p{L}-]+(?:\s+[\p{L}-]+){0,2}?)\s+(?:(?:is|are)\s+)?from\s+(?:19\d\d|20[01]\d)$/iu;

/** "X -> compliance risk": the arrow leads to a consequence; the complaint is what comes before it. */
export function labelledPains(m: RegExpExecArray): (string | null)[] {
  const cause = m[0].split(ARROW)[0] ?? "";
  const later = LATER_SENTENCE.exec(cause);
  const parts = later
    ? [cause.slice(later[0].length).split(LATER_SENTENCE_END)[0] ?? ""]
    : // A bracket glosses the item before it ("forms filed twice (paper, portal)"): its commas part no items.
      cause
        .replace(BRACKETS, "")
        .split(LABELLED_PARTS)
        .flatMap((part) => (CLAUSE_VERB_WORD.test(part) ? [part] : part.split(AND)));
  return parts.map((part) => {
    const lack = LACK.exec(part);
    const dated = FROM_A_YEAR.exec(part.trim());
    if (dated) return `outdated ${dated[1]}`;
    const rest = (lack ? part.slice(lack[0].length) : part).replace(LEADING_FIGURE, "");
    const phrase = painPhrase(rest.replace(BRACKETS, "").replace(CHAT_TAGS, "").replace(ON_OUR_TOOL, ""), 8);
    if (!phrase || ALSO.test(phrase) || NOT_A_PAIN_PART.test(phrase) || CROSS_REFERENCE.test(phrase)) return null;
    return lack ? `no ${phrase}` : phrase;
  });
}

/** Words before the thing that costs more, including a note's verb of saying ("complains flour costs double"). */
const COST_FILLER =
  /^(?:the|a|an|my|our|their|his|her|good|new|now|so|and|but|also|plus|then|that|this|of|on|top|says|said|complains|complained|mentions|mentioned|notes|noted|reports|reported)\s+/i;
const COST_POINTER = /\b(?:it|this|that|which|what|everything|one|i|we|you|he|she|they)\b/;
const COST_NOUN = /\b(?:rent|rents|prices?|fees?|costs?|premiums?|insurance|fuel|electricity|bills?|rates?|tuition)$/;

/** "good walnut costs twice what it did" -> "rising walnut prices"; "our rent has tripled" -> "rising rent". */
export function risingCost(m: RegExpExecArray): string | null {
  let item = (m[1] ?? "").trim();
  while (COST_FILLER.test(item)) item = item.replace(COST_FILLER, "");
  item = item.toLowerCase();
  if (item === "" || COST_POINTER.test(item)) return null;
  const rising = COST_NOUN.test(item) ? `rising ${item}` : `rising ${item} prices`;
  return wording.wordCount(rising) <= 5 ? rising : null;
}

const DAMAGE_WORD: Record<string, string> = wording.wordTable({
  "not stable": "unstable",
  "not reliable": "unreliable",
  "out of date": "outdated",
  obsolete: "outdated",
  "too slow": "slow",
  spotty: "patchy",
});
const PLACE_TAIL = /\s+(?:here|there|now|today)$/;
const DAMAGED_PERSON = /\b(?:i|me|my|you|we|they|he|she|is|are|was|not)\b/;
const A_YEAR = /^from /;

export function damagedItem(m: RegExpExecArray): string | null {
  const damaged = wording
    .trimPunctuation(m[2] ?? "")
    .toLowerCase()
    .replace(PLACE_TAIL, "");
  const state = (m[3] ?? "").toLowerCase();
  // NOT_A_THING is one word: tested on the first word, it covers the whole phrase too.
  if (!damaged || NOT_A_THING.test(damaged.split(" ")[0] ?? "") || DAMAGED_PERSON.test(damaged)) return null;
  return `${A_YEAR.test(state) ? "outdated" : (DAMAGE_WORD[state] ?? state)} ${damaged}`;
}

export const FAULT_VERB: readonly [RegExp, string][] = [
  [/crash/i, "crashes"],
  [/disconnect/i, "disconnects"],
];
export const NOT_A_FEATURE =
  /^(?:idea|clue|time|doubt|problems?|issues?|complaints?|regrets?|plans?|intention|interest|choice|reason|way|money|budget|one|sense|patience|respect|experience)$/i;
/** "keeps disconnecting" is a fault; "keep making games" is not; "keeps crashing" is read as "X crashes". */
export const FAULT_GERUND =
  /^(?:disconnect|fail|drop|break|tim|log|hang|los|reset|restart|glitch|error|jam|stick|overheat|leak|stall|lag|buffer|flicker|cut|shut|reboot)/i;
export const KEEPS = /^ke/i;
/**
 * What a thing that "isn't/doesn't ..." fails to do: a device's or a delivery's job ("invoices aren't sending").
 * Any other "-ing" is people or events ("my students aren't reading", "the trams aren't running").
 */
export const DEVICE_VERB = /^(?:work|load|send|sync|open|connect|arriv|print|sav)(?:e|ing)?$/i;
export const SUBJECT_LINE = /^subject:\s*/i;
export const REPLY_LINE = /^re:/i;

/** The first words of an answer to "what's hardest?" ("The distances.", "Discoverability."). */
const SUBORDINATE_CUT =
  /\s(?:when|whenever|while|because|since|if|until|unless|after|before|so|but|and|which|who|than)\s/i;
const TIMED_CUT = /^\s(?:when|whenever|while|who)\s/i;
const CLAUSE_VERB = /\b(?:I|is|are|was|were|have|has|do|does)\b/i;
const TIMED_END = /\s+and\s+|[,;.!?—–]/;

/** The subject writes under a "Frustrations" heading. */
export function underPainHeading(unit: Unit): boolean {
  return PAIN_SECTION.test(unit.section) && unit.topic === "subject";
}

/**
 * Whether a text holds a complaint word, remembered for the last text: the complained-topic rule asks it of a unit's
 * text in its condition and again in its value, and the pattern is one of the costliest a sentence is read with.
 */
export const complains = memoTest(COMPLAINT);

export function complaining(unit: Unit, at: Place): boolean {
  return (
    complains(unit.text) || (isSelf(unit) && asksPain(questionOf(at.units, at.i))) || PAIN_SECTION.test(unit.section)
  );
}

/**
 * A short noun fragment ("The distances."), or a stub whose time clause names the problem ("Deliveries arrive when
 * I'm asleep", "Suppliers who never answer"). Longer lines are not cut down to their first words: under a
 * "Pain points" heading those were as often the setting ("Orders through a stock shop template + email") as the pain.
 */
export function answerFragment(m: RegExpExecArray): string | null {
  const opener = wording.stripLeadingFillers(m[0]);
  const fragment = wording.firstClause(opener);
  // Cut before a conjunction, the words are a clause ("noun + verb"), not a noun.
  const cutAtConjunction = SUBORDINATE_CUT.exec(opener)?.index === fragment.length;
  if (!cutAtConjunction && wording.wordCount(fragment) <= 4 && !CLAUSE_VERB.test(fragment))
    return painPhrase(fragment, 4);
  if (cutAtConjunction && wording.wordCount(fragment) <= 3 && TIMED_CUT.test(opener.slice(fragment.length))) {
    const timed = wording.trimPunctuation(wording.stripDeterminers(opener.split(TIMED_END)[0] ?? ""));
    return wording.wordCount(timed) <= 9 && !wording.POINTING_HEAD.test(timed) ? timed : null;
  }
  return null;
}

/** "drought-tolerant wheat", "drought- and heat-tolerant": the word modifies a compound; nothing is complained of. */
const COMPOUND_MODIFIER = /^-(?:\s*(?:and|or)\s|\p{L})/u;

/** Per lexicon table, one test for all its patterns: most sentences hold none, and are then read once, not per pattern. */
const anyIn = new WeakMap<readonly [RegExp, string][], (text: string) => boolean>();

const anyOfTable = (table: readonly [RegExp, string][]) => anyOf(table.map(([pattern]) => pattern));

/**
 * Named pains a person suffers in themself: "they burn out" is someone else's, while a pain done to the person keeps
 * its third-person culprit ("they pay me late", "guests double-book").
 */
const SUFFERED_PAINS: ReadonlySet<string> = new Set([
  "burnout",
  "login problems",
  "loneliness",
  "grief",
  "homesickness",
  "imposter syndrome",
]);
/**
 * Right before a suffered pain: a third person as its subject ("they burn out", "she can't sleep") or as its owner
 * ("my sister struggles with burnout", "my wife's burnout", "her patients are often lonely").
 */
const OTHERS_SUBJECT =
  /\b(?:he|she|they)\s+(?:(?:just|all|often|always|also|still|eventually|quickly)\s+)?$|\b(?:my|our|his|her|their)\s+(?:wife|husband|partner|son|daughter|sister|brother|mother|father|mum|mom|dad|parents?|friends?|kids?|children|colleagues?|patients?|clients?|customers?|students?|pupils?|residents?|tenants?)(?:['’]s)?\s+(?:[\p{L}'’]+\s+){0,2}$/iu;
/**
 * "a grief counsellor", "bushfire fighters", "back pain clients", "loneliness among the elderly": a role's work or a
 * group's pain.
 */
const SERVICE_HEAD =
  /^\s+(?:counsell?(?:ors?|ing)|coach(?:es|ing)?|therap(?:y|ists?)|fighters?|research(?:ers?)?|awareness|prevention|support|workshops?|courses?|class(?:es)?|programm?e?s?|charit(?:y|ies)|campaigns?|experts?|specialists?|services?|clients?|patients?|customers?|students?|sufferers?|among)\b/i;
/** Right before a named pain: work on it for others ("research into drought", "help families cope with grief"). */
const WORK_ON_IT =
  /\b(?:(?:research(?:es|ing)?|stud(?:y|ies|ying))(?:\s+(?:into|on|of))?|(?:writes?|writing|talks?|talking|speaks?|speaking|blogs?|blogging)\s+(?:about|on)|help(?:s|ing)?\s+(?:[\p{L}'’-]+\s+){1,3}(?:cope|deal|live)\s+with)\s+(?:(?:the|a|an)\s+)?$/iu;
/**
 * The scopes a pain point must be outside of, for every rule (pain-points.ts) and for named pains where their words
 * stand: an option left unticked, a negation right before it, a clause in the past. A pain is read inside a sentence
 * whose negation further back often governs an earlier verb ("no one told us about the parking fees", "no reminder
 * = no-shows"): read over the whole clause (the denied scope), 4 right named pains were lost on the tuned and
 * tune-allowed sets and no wrong one removed.
 */
export const PAIN_SCOPES: readonly Scope[] = ["unticked", "negated", "past"];

/**
 * The labels of a lexicon table whose pattern occurs in the text (an empty label: the words as written), not as part
 * of a compound or a role's work ("grief counsellor") nor as an option left unticked; `owned` (named pains, not
 * complained topics): only pains the text does not deny, put in the past, work on for others or give to a third person.
 */
export function lexiconLabels(table: readonly [RegExp, string][], text: string, owned = false): string[] {
  if (!memo(anyIn, table, anyOfTable)(text)) return [];
  const found: string[] = [];
  for (const [pattern, label] of table) {
    const m = pattern.exec(text);
    if (!m) continue;
    const after = text.slice(m.index + m[0].length);
    if (COMPOUND_MODIFIER.test(after) || SERVICE_HEAD.test(after)) continue;
    // Read where the words stand (the label is not in the text to be checked later): "[ ] Staff shortage" is an option
    // left unticked, "never paid late" denied, "we used to get no-shows" over.
    if (!statedAt(text, m.index, owned ? PAIN_SCOPES : ["unticked"])) continue;
    if (owned && notOwned(label, text.slice(Math.max(0, m.index - 40), m.index))) continue;
    found.push(label || m[0].toLowerCase());
  }
  return found;
}

/** Whether the words `before` a named pain make it work for others or someone else's. */
function notOwned(label: string, before: string): boolean {
  return WORK_ON_IT.test(before) || (SUFFERED_PAINS.has(label) && OTHERS_SUBJECT.test(before));
}

/**
 * "... where most traders cannot afford", "families who can't afford": a strain in a relative clause is the people
 * it describes, unless they are the speaker ("a town where I can't afford a car").
 */
export const OTHERS_RELATIVE_CLAUSE = /\b(?:who|where|whose)\s+(?:(?!I\b|we\b)[\p{L}'’]+\s+){0,2}$/iu;
/** "shops that can't afford a fridge": a "that" or "which" with no subject of its own has the noun before as subject. */
export const SUBJECT_RELATIVE = /\b(?:that|which)\s+$/i;

/**
 * Things whose fall is good news ("costs are down 10%", "no-shows are down 30%"): not a pain. Not prices, whose fall
 * hurts whoever sells.
 */
export const GOOD_TO_LOSE =
  /\b(?:costs?|bills?|expenses?|fees?|rents?|complaints?|errors?|mistakes?|defects?|returns?|no-?shows?|cancell?ations?|loss(?:es)?|waste|churn|delays?|accidents?|injur(?:y|ies)|crime|unemployment|emissions|debts?|absences?|turnover|waits?|waiting times?)$/i;

/** "expensive, but worth it", "from 2009 but runs fine": the clause after the complaint takes it back. */
const TAKEN_BACK =
  /^\s*,?\s*but\s+(?:(?:it|they)(?:['’]s|['’]re| is| are)\s+|still\s+)?(?:worth|fine|ok|okay|good|great|reliable|runs?|works?|does the job)\b/i;
export const correctedAfter = (m: RegExpExecArray) => TAKEN_BACK.test(m.input.slice(m.index + m[0].length));

/** "the kids are always fighting": a state of others ("are" after someone not the speaker); "we are" is kept. */
const WE_ARE = /\bwe\s+are\s+$/i;
export function othersAlways(m: RegExpExecArray): boolean {
  if (!m[2]) return false;
  const lead = wording.textBefore(m, 30);
  return OTHERS_ARE.test(lead) && !WE_ARE.test(lead);
}

/** A value from the thing named in the match's first group (see `thing`), or nothing when it names none. */
export const ofThing =
  (maxWords: number, item: (named: string, m: RegExpExecArray) => string | null) =>
  (m: RegExpExecArray): string | null => {
    const named = thing(m[1] ?? "", maxWords);
    return named ? item(named, m) : null;
  };

/** Where a run-on unit's sentences part ("I lose things. for overtime swaps pls text me"), or a label ends. */
const CLAUSE_BREAK = /(?<=[.;!?])\s+|:\s+/;

/**
 * The part of a sentence a complaint covers: all of it under a pain question or heading, else only its clauses with
 * a complaint word ("My inbox is a mess, I lose things. for overtime swaps pls text me": the overtime is not complained of).
 */
export function complainedText(text: string): string {
  if (!complains(text)) return text;
  return text
    .split(CLAUSE_BREAK)
    .filter((clause) => COMPLAINT.test(clause))
    .join(" ");
}

/** "Paperwork isn't a problem for me", "I don't mind the overtime": the topic is named to say it does not hurt. */
export const NOT_A_COMPLAINT =
  /(?:\bnot|\bnever|\bno longer|n['’]t)(?:\s+[\p{L}'’]+){0,4}?\s+(?:a|an|much of a)\s+(?:problem|issue|nightmare|pain|hassle|struggle|worry|big deal)\b|\b(?:don['’]?t|do not|never) mind\b/iu;
/** "at all three", "at both of those", "at it": the object points back to things named before. */
export const AT_WHAT_CAME_BEFORE =
  /\bat (?:it|them|this|that|these|those|either|(?:both|all|each|any)(?: (?:two|three|four|five|of (?:it|them|these|those)))?)\s*$/i;
/** "my kids are bad at ...": a third person's or a group's weakness, not the speaker's ("I am", "I was" are kept). */
export const OTHERS_ARE =
  /\b(?:is|are|were)\s+(?:(?:so|really|very|pretty|quite|terribly|just)\s+)?$|(?:he|she|they)['’](?:s|re)\s+$/i;
