/** Rules for interests: pastimes the person says they do or love, read from free-time sentences and answers. */
import type { Candidate } from "../engine/candidate.ts";
import { answerDepth, isFirstAnswer, memoTest, questionOf, statedOnly } from "../engine/context.ts";
import { patternCues } from "../engine/cues.ts";
import { dropCovered, WHOLE } from "../engine/items.ts";
import { fieldRule, type Place, type Rule, runRules, unmatched } from "../engine/rules.ts";
import { collapseNear } from "../engine/select.ts";
import {
  allMatches,
  ENDS_WITH_COLON,
  firstClause,
  OPENING_MARK,
  PICTOGRAPHS,
  SPACED_ASIDE,
  toGerund,
  trimPunctuation,
  wordCount,
  wordTable,
} from "../engine/text.ts";
import { isSelf, type Unit } from "../engine/unit.ts";
import { INTEREST_ENTRIES, LEISURE_CONTEXT, LEISURE_QUESTION, YOUTH_SPORTS } from "../lexicon/interests.ts";
import { phrases } from "../lexicon/words.ts";

/** The leisure-question test, remembered for the last question (interests and skills ask it unit after unit). */
export const asksLeisure = memoTest(LEISURE_QUESTION);

const WORK_CONTEXT =
  /\b(?:since \d{1,2}(?:am|pm)|shift|at work|for work|customers?|orders?|clients?|the job|my job|patients)\b/i;
const noWork = (unit: Unit) => !WORK_CONTEXT.test(unit.text);

const SPANISH_TOPICS: Record<string, string> = wordTable({
  historia: "history",
  música: "music",
  ciencia: "science",
  cocina: "cooking",
  viajes: "travel",
  deporte: "sport",
  política: "politics",
});

function interestLabel(label: string, match: RegExpExecArray, text: string): string | null {
  if (label === "podcasts") {
    const topic = (match[1] ?? match[2] ?? "").toLowerCase();
    const english = SPANISH_TOPICS[topic] ?? (PODCAST_FILLER.test(topic) ? "" : topic);
    return english ? `${english} podcasts` : "podcasts";
  }
  if (label === "collecting") {
    const thing = (match[1] ?? "").toLowerCase();
    return thing && !NOT_COLLECTED.test(thing) ? `collecting ${thing}` : null;
  }
  // A family of hobbies whose name is the matched word itself ("sailing", "quilting").
  if (label === "") return match[0].toLowerCase();
  if (label === "instrument") return `playing ${(match[1] ?? "").toLowerCase()}`;
  if (label === "fan") return match[1] ? `${match[1]} fan` : null;
  if (label === "youth sports coaching") {
    const sport = SPORT.exec(text)?.[1]?.toLowerCase();
    return sport ? `${sport} coaching` : null;
  }
  return label;
}

/** Words after "podcasts" that name no topic. */
const PODCAST_FILLER = /^(?:to|the|and|listen|escucho)$/;
/** Things one collects at work, not as a hobby. */
const NOT_COLLECTED = /^(?:the|a|my|data|information|feedback|money)\b/;
/** The sport a youth team plays. */
const SPORT = new RegExp(String.raw`\b(${YOUTH_SPORTS})\b`, "i");
/** Where a liked activity ends. */
const LIKED_TAIL = /\s+(?:and|but|so|because|when|with|at|on|in)\b.*$/;
const DASH_TAIL = /\s+[—–-]\s.*$/;
const I_OPENING = /^I\b/i;
/** "learning to bake sourdough": the verb and object learnt. */
const LEARNT = /^to\s+(\p{Ll}+)\s+(.+)$/u;
const NOUN_FILLER = /^(?:mostly|usually|lots of|a lot of|some|also)\s+/i;
/** "nope", "badly": answers and adverbs, not pastimes. */
const NOT_A_PASTIME_NOUN =
  /\b(?:have|has|do|does|were|my|go|get|got|just|yes|no|nope|nah|nothing|not|much)\b|^\p{L}+ly$/iu;
const LEISURE_PARTS = /\s*(?:,\s*(?:and|or)?|;|\s(?:and|or|&)\s)\s*/i;
const PROPER_NOUN = /^\p{Lu}\p{Ll}+$/u;

// "I love trail running", "She enjoys baking sourdough": an activity (a gerund) the subject says they like.
const THIRD_LIKES =
  /\b(?:[Ss]he|[Hh]e)\s+(?:really\s+|also\s+)?(?:loves|enjoys|adores|likes)\s+((?:[\p{Ll}-]+\s+){0,2}[\p{Ll}-]+ing(?:\s+[\p{Ll}-]+){0,2})/gu;

const LIKES =
  /\bI\s+(?:really\s+|also\s+)?(?:love|enjoy|adore|like)\s+((?:[\p{Ll}-]+\s+){0,2}[\p{Ll}-]+ing(?:\s+[\p{Ll}-]+){0,2})/gu;

// "I like to keep everything labelled": an infinitive, or an "-ing" that is a pronoun ("everything"), is no pastime.
const NOT_HOBBY =
  /^(?:working|being|having|getting|doing|making sure|seeing|knowing|thinking|feeling|going to|trying|to)\b|\b(?:every|some|any|no)thing\b|\b(?:things?|stuff)\b/;

/** "I like helping people", "I enjoy meeting customers": a way with people, a disposition rather than a pastime. */
const PEOPLE_OBJECT = /\b(?:people|others|folks|customers|clients|guests|patients|someone|everyone|them)\b/i;

function likedActivities(unit: Unit): string[] {
  const found: string[] = [];
  const third = unit.topic === "subject" && !unit.firstPerson && unit.topicBy !== "implicit";
  for (const m of [...allMatches(LIKES, unit.text), ...(third ? allMatches(THIRD_LIKES, unit.text) : [])]) {
    const phrase = trimPunctuation(firstClause(m[1] ?? "").replace(LIKED_TAIL, ""));
    if (phrase && !NOT_HOBBY.test(phrase) && !PEOPLE_OBJECT.test(phrase) && wordCount(phrase) <= 4) found.push(phrase);
  }
  return found;
}

/** Labels that say the rest of a note line is free time ("Personal: ...", "Off the clock: ..."). */
const FREE_TIME_LABELS =
  "personal|privat|private|hobbies|interests|outside (?:of )?work|off duty|off the clock|off work|after work|" +
  "after hours|away from (?:work|the job)|downtime|free time|spare time|for fun";

// "When I'm not in the yard, I'm ...", "At the weekends I ...": the lead-in says the rest of the sentence is free time.
export const LEISURE_LEAD = new RegExp(
  String.raw`^(?:(?:when (?:I'm|I’m|I am|she's|he's|she is|he is) not\b(?:[^,]{0,40},|[^,]{0,30}?\s(?=(?:I'm|I’m|I am|I|you'll|she's|he's|she|he)\s))|outside (?:of )?(?:work|the office|the day job|office hours)|in (?:my|her|his) (?:free|spare) time|(?:at |on |most |some )?(?:the )?weekends?(?: ritual| routine)?(?=[\s,:])|on (?:my|her|his) days? off|(?:in the )?evenings|(?:${FREE_TIME_LABELS})\s*(?=:))\s*[,:]?\s*)`,
  "i",
);

/** "Personal: ...", "Hobbies: ...": a note line whose label says the rest is free time. */
const LEISURE_LABEL = new RegExp(
  String.raw`^(?:[-•*]\s*)?(?:${FREE_TIME_LABELS}|weekends?(?: ritual| routine)?)\s*:`,
  "i",
);

/** "I'm really into bouldering", "obsessed with sourdough", "my hobby is chess". */
const INTO =
  /\b(?:I'm|I’m|I am|she's|he's|she is|he is)\s+(?:really\s+|very\s+|super\s+|totally\s+|also\s+|completely\s+|a bit\s+|kind of\s+)?(?:into|obsessed with|hooked on|addicted to|mad about|crazy about|a (?:big |huge |massive )?fan of)\s+([^,.;!?()—–]+)|\b(?:my|her|his) (?:hobby|hobbies|passion|obsession|guilty pleasure|weekend thing) (?:is|are|:)\s+([^.;!?()—–]+)/giu;

/** "shouting for the Leeds Rhinos", "cheering on Boca Juniors": a team the subject supports. */
const SUPPORTS_TEAM =
  /\b(?:shout(?:s|ing)?|cheer(?:s|ing)?(?: on)?|root(?:s|ing)?|scream(?:s|ing)?)\s+(?:for\s+)?(?:the\s+)?((?:\p{Lu}[\p{L}'-]+\s?){1,4})/gu;

const SPENDS_TIME =
  /\bI\s+spend\s+(?:most of\s+)?(?:my|the)\s+(?:evenings|weekends|free time|spare time|sundays|saturdays|mornings|days off|holidays|summers)\s+(\p{Ll}+ing\b[^,.;!?]*)/iu;

/** Free time stated around a first-person pastime: "I brew cider at home", "I paint for fun". */
export const AT_HOME = /\b(?:at home|for fun|as a hobby|in my (?:spare|free) time|to (?:relax|unwind|switch off))\b/i;

/** "you will find her birdwatching", "she's usually ...": a third-person frame around gerund hobbies. */
const FOUND_DOING =
  /^(?:you(?:'ll|’ll| will| can)? (?:often |usually )?find (?:her|him|me|them)|(?:she|he)(?:'s|’s| is) (?:usually |often )?)\s+/i;

/** Verbs that name a pastime when the subject says "I <verb> <object>" about free time. */
const HOBBY_VERBS =
  "go|play|grow|brew|bake|make|build|repair|restore|fix|knit|sew|paint|sing|keep|ride|collect|forage|tinker|sail|swim|climb|cook|draw|practi[cs]e|do|surf|hike|fish|skate|ski|dance|shoot|develop|throw|coach|row|paddle|dive|camp|garden|volunteer|referee|DJ|spin|carve|whittle|crochet|embroider|sketch|write|read|watch|cycle|bike|run|walk|jog|train|lift|box|fence|kayak|snowboard";

const HOBBY_CLAUSE = new RegExp(
  `^(?:I\\s+|then\\s+|and\\s+|also\\s+)?(?:also\\s+|usually\\s+|sometimes\\s+|still\\s+|often\\s+|mostly\\s+)?(${HOBBY_VERBS})(?:e?s)?\\b\\s*(.*)$`,
  "iu",
);

const GERUND_PART =
  /^(?:(?:I'm|I’m|I am)\s+(?:also\s+|usually\s+|often\s+|still\s+)?(?:\p{Ll}+ly\s+)?)?(\p{Ll}{3,}ing)\b\s*(.*)$/iu;

/** Where, when, how often or with whom: these follow the hobby but are not part of it. */
const OBJECT_END =
  /\s(?:on|at|in|with|for|from|every|each|most|mostly|twice|once|along|when|while|after|before|around|near|whenever|badly|all|online|whatever|until|which|because|so|sadly|though)\b.*$|\s+(?:a|per) (?:week|month|day)\b.*$|\s+[—–]\s.*$/i;

const HOW_MUCH = /^\s*(?:a lot|lots|loads|a bit|a little|tons)\b(?!\s+of\b)/i;
const OBJECT_FILLER =
  /^(?:the|a|an|my own|my|our|her|his|some|lots of|a lot of|loads of|tons of|far too many|far too much|way too many|way too much|too many|so many)\s+/i;

const NOT_AN_OBJECT = /\b(?:I|it|is|are|was|them|that|this|which|who|me|you|very|really)\b/i;

const NOT_GERUND_HOBBY =
  /^(?:morning|evening|nothing|something|anything|everything|thing|during|bring|sing|cheering|shouting|rooting|screaming|heading|sitting|waiting|standing|staying|living|ring|king|spring|string|wing|ceiling|building|meeting|wedding|feeling|ending|pudding)$/i;

function hobbyObject(raw: string): string | null {
  // "reads a lot": how much, not what.
  let object = trimPunctuation(raw.replace(PICTOGRAPHS, "").replace(HOW_MUCH, ""));
  for (let i = 0; i < 3; i += 1) object = object.replace(OBJECT_FILLER, "");
  object = trimPunctuation(` ${object}`.replace(OBJECT_END, ""));
  object = object.replace(DASH_TAIL, "").replace(SPACED_ASIDE, "");
  if (NOT_AN_OBJECT.test(object) || wordCount(object) > 4) return null;
  return object;
}

/** One part of a free-time sentence: "I grow chillies on the windowsill" -> "growing chillies"; "Board games" as is. */
function hobbyOf(part: string, nounsAllowed: boolean, self: boolean): string | null {
  const clause = self ? HOBBY_CLAUSE.exec(part) : null;
  if (clause) {
    const verb = (clause[1] ?? "").toLowerCase();
    const object = hobbyObject(clause[2] ?? "");
    if (object === null) return null;
    // "I go bouldering", "I do pottery": the object is the hobby.
    if (verb === "go" || verb === "do") return object === "" ? null : object.toLowerCase();
    // toGerund leaves verbs ending in "ing" ("sing") as they are.
    const gerund = verb === "sing" ? "singing" : verb === "dj" ? "DJing" : toGerund(verb);
    return object === "" ? gerund : `${gerund} ${object}`;
  }
  const gerund = GERUND_PART.exec(part);
  if (gerund && (self || !I_OPENING.test(part))) {
    const verb = (gerund[1] ?? "").toLowerCase();
    if (NOT_HOBBY.test(verb) || NOT_GERUND_HOBBY.test(verb)) return null;
    // "learning to bake sourdough": the hobby is the thing being learnt.
    const learnt = verb === "learning" ? LEARNT.exec(gerund[2] ?? "") : null;
    if (learnt) {
      const object = hobbyObject(learnt[2] ?? "");
      return object ? `${toGerund(learnt[1] ?? "")} ${object}` : null;
    }
    const object = hobbyObject(gerund[2] ?? "");
    if (object === null) return null;
    return object === "" ? verb : `${verb} ${object}`;
  }
  if (!nounsAllowed || I_OPENING.test(part)) return null;
  const noun = hobbyObject(part.replace(NOUN_FILLER, ""));
  if (!noun || NOT_A_PASTIME_NOUN.test(noun)) return null;
  return noun.toLowerCase();
}

/** Free-time items in `text` (a piece of the unit), about free time by its lead-in or by the question it answers. */
function leisureItems(unit: Unit, answersLeisureQuestion: boolean, nounsAllowed: boolean, text: string): string[] {
  const body = text.replace(OPENING_MARK, "");
  const lead = LEISURE_LEAD.exec(body);
  // A later sentence of a "Personal: ..." note line is free time too.
  const labelled = !lead && LEISURE_LABEL.test(unit.line) && !unit.line.startsWith(body);
  if (!lead && !labelled && !answersLeisureQuestion) return [];
  const rest = body
    .slice(lead?.[0].length ?? 0)
    .replace(FOUND_DOING, "")
    .replace(SPACED_ASIDE, "");
  const parts = rest.split(LEISURE_PARTS).filter((p) => p.trim() !== "");
  const known = (text: string) => INTEREST_ENTRIES.find((entry) => entry.pattern.test(text));
  // A lead-in fragment ("Cold water.") followed by a recognised hobby on its line is that hobby's preamble.
  const preamble = !known(body) && known(unit.line.slice(unit.line.indexOf(body) + body.length)) !== undefined;
  const self = saysI(unit) || lead !== null || labelled;
  // "Off the clock: bouldering and houseplants": a label lead names pastimes as bare nouns.
  const labelLead = lead !== null && ENDS_WITH_COLON.test(lead[0]);
  const items: string[] = [];
  for (const [k, part] of parts.entries()) {
    // A lone capitalised word after the sentence's start names a person or a place ("Thanks so much, Ingrid."), unless
    // the lexicon knows it as a pastime ("Chess, Photography").
    const trimmed = trimPunctuation(part);
    const partEntry = known(part);
    if (k > 0 && PROPER_NOUN.test(trimmed) && !partEntry) continue;
    // "..., even when they lose": a subordinate clause says when or why, and names nothing done.
    if (k > 0 && SUBORDINATE_PART.test(part.trim())) continue;
    let item =
      hobbyOf(trimmed, nounsAllowed && !preamble, self) ??
      (labelLead && !partEntry ? hobbyOf(trimmed, !preamble, self) : null);
    // The lexicon names the pastime better than a bare verb ("Climbing at the bouldering gym" -> bouldering) or
    // than an equally long paraphrase ("singing alto" -> choir singing).
    const entry = item ? partEntry : undefined;
    const match = entry?.pattern.exec(part);
    const label = entry && match ? interestLabel(entry.label, match, part) : null;
    if (item && label) {
      const shares = label
        .toLowerCase()
        .split(" ")
        .some((w) => item?.split(" ").includes(w));
      const named = item.endsWith(` ${label.toLowerCase()}`);
      if (named || wordCount(item) === 1 || (shares && (wordCount(label) >= wordCount(item) || wordCount(item) > 3)))
        item = label;
    }
    // A lone word names a pastime as an activity ("gardening"), one the lexicon knows ("chess"), or a whole item of
    // a free-time list ("Off the clock: houseplants"); else it is a word cut from a clause ("I sing in the choir,
    // soprano"; "big on wine, knows every grower").
    const listed = (lone: string) =>
      (labelLead || labelled) && trimPunctuation(part.replace(PICTOGRAPHS, "")).toLowerCase().endsWith(lone);
    if (item && wordCount(item) === 1 && !ACTIVITY.test(item) && !known(item) && !listed(item)) continue;
    if (
      item &&
      wordCount(item) <= 4 &&
      !BARE_VERB_ITEM.test(item) &&
      !PAST_ROLE.test(item) &&
      !NO_COMPLEMENT.test(item)
    ) {
      items.push(item);
    }
  }
  return items;
}

const PIECE_BREAK = /(?<=[.!?…\p{Extended_Pictographic}])\s+(?=\p{Lu})/u;
const HOBBY_LIST = /\s*(?:,|\band\b|&|\+)\s*/;
const LATELY = /\s+(?:these days|lately|now|recently)$/i;
const CLAUSE_PARTS = /,\s*|\s+and\s+|;\s*/;
const I_CLAUSE = /^(?:and\s+)?I\s/i;
const ACTIVITY = /\p{L}{2,}ing$/iu;
const SUBORDINATE_PART = /^(?:even\s+)?(?:when|whenever|if|because|although|though|unless|while)\b/i;
const AND_OPENING = /^and\s+/i;
/** A verb without its object names no pastime ("trains for the amateur stage" -> "training"). */
const BARE_VERB_ITEM = /^(?:making|doing|keeping|going|playing|training)$/;
/** "big on wine", "still keen on the sport" cut before "on": a word that needs its complement names nothing alone. */
const NO_COMPLEMENT = /\b(?:keen|big|mad|crazy|fond|into|still|obsessed|hooked)$/i;
/** "ex-footballer", "former chef": a role the person had, not a pastime. */
const PAST_ROLE = /^(?:ex-|former\s|retired\s)/i;
const KEEN_NOUN = /\b(?:keen|avid)\s+[\p{L}-]+(?:er|ist)\b/u;

/** How the unit answers a free-time question: its first sentences ("first"), a later one ("later"), or not. */
function leisureAnswer(unit: Unit, at: Place): "first" | "later" | null {
  if (!isSelf(unit) || !asksLeisure(questionOf(at.units, at.i))) return null;
  if (isFirstAnswer(at.units, at.i) || answerDepth(at.units, at.i) === 0) return "first";
  // Later sentences of the answer still count when they name a pastime by its verb ("And I go birdwatching").
  return answerDepth(at.units, at.i) <= 2 ? "later" : null;
}

/** No work in the sentence ("since 6am", "customers", "my job"), unless it answers a free-time question. */
const notAtWork = (unit: Unit, at: Place): boolean => noWork(unit) || leisureAnswer(unit, at) !== null;

/**
 * A weekday says when, not that it is free time: beside a word of work ("yoga for her clients on Mondays") it does
 * not make the sentence leisure.
 */
const WEEKDAY =
  /\b(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)days?(?:\s+(?:nights?|mornings?|evenings?|afternoons?|at))?\b/gi;
const leisureDespiteWork = (text: string) => LEISURE_CONTEXT.test(text.replace(WEEKDAY, " "));

/** Free time: no work in the sentence, or free-time words despite it. */
const freeTime = (unit: Unit): boolean => noWork(unit) || leisureDespiteWork(unit.text);

/** "She plays cello, she is the musical one at home": in the subject's answer, a sentence about someone else. */
const OTHER_PERSON_OPENING = /^(?:[-•*>]\s*)?(?:she|he|they)\b/i;
const notAboutAnother = (unit: Unit): boolean => !(unit.speaker === "subject" && OTHER_PERSON_OPENING.test(unit.text));

const saysI = (unit: Unit) => isSelf(unit) && unit.firstPerson;

/** A name (not a pronoun) inside the sentence as a grammatical subject: "..., Matt is", "... Matt does". */
const NAMED_SUBJECT =
  /\s(?!(?:She|He|They|It|This|That|There|Who|What|When|Then|Also|And|But)\b)\p{Lu}\p{Ll}+\s+(?:is|was|does|has)\b/u;

/**
 * Unless the sentence's topic was found by the subject's name, a name that is a grammatical subject inside it is
 * another person ("Her husband Matt does the books and is a keen cyclist": Matt's pastime, not hers).
 */
const noOtherNamed = (unit: Unit): boolean => unit.topicBy === "name" || !NAMED_SUBJECT.test(unit.text);

/** A sentence set in free time: "a keen swimmer" naming its person, free-time words, or a free-time question. */
function inLeisure(unit: Unit): boolean {
  const keen = KEEN_NOUN.test(unit.text) && unit.topicBy !== "implicit";
  const leisure = keen || LEISURE_CONTEXT.test(unit.text) || LEISURE_QUESTION.test(unit.question);
  return leisure && freeTime(unit);
}

/** "Personal: she wants to slow down and travel for once": a wish, not a pastime being done. */
const WISH = /\b(?:wants?|wanna|hopes?|plans?|would like|'d like|wish(?:es)?)\s+to\b/i;
const notAWish = (unit: Unit) => !WISH.test(unit.text);

/** "I teach a watercolour painting class on Sundays": what the subject teaches is their trade, not a pastime. */
const TEACHES = /\b(?:I|[Ss]he|[Hh]e)\s+(?:also\s+|still\s+|now\s+)?teach(?:es)?\b/;
const notTaught = (unit: Unit) => !TEACHES.test(unit.text);

/** A sentence naming the subject's children: its bare nouns ("my evenings are soccer and homework") are theirs. */
const CHILDREN = /\b(?:kids?|children|sons?|daughters?|grandkids|grandchildren)\b/i;

/**
 * The pastimes of a free-time sentence, also after an emoji or mid-unit ("... 😅 Weekends I do community theatre").
 * A sentence about the subject's children gives only what the subject says they do ("I coach ..."), no bare nouns.
 */
function freeTimeItems(m: RegExpExecArray, unit: Unit, at: Place): string[] {
  const answer = leisureAnswer(unit, at);
  const found: string[] = [];
  for (const [k, piece] of m[0].split(PIECE_BREAK).entries()) {
    if (k > 0 && !LEISURE_LEAD.test(piece)) continue;
    const nouns = answer === "first" && k === 0 && !CHILDREN.test(piece);
    found.push(...leisureItems(unit, answer !== null && k === 0, nouns, piece));
  }
  return found;
}

/** A capitalised word not opening a sentence (nor "I"), or "&" before one: a neighbour that continues a name. */
const NAME_WORD_BEFORE = /[^\s.!?:;—–-]\s+(?:(?!I\s)\p{Lu}[\p{L}'-]*|&)\s+$/u;
const NAME_WORD_AFTER = /^\s+(?:&\s+)?\p{Lu}/u;
const STARTS_CAPITAL = /^(?!I\s)\p{Lu}/u;

/**
 * "Golden Yoga Studio", "Chess & Coffee": a capitalised pastime word inside a run of capitalised words is part of a
 * name (a shop, a club, a café), not a pastime.
 */
function inName(text: string, m: RegExpExecArray): boolean {
  if (!STARTS_CAPITAL.test(m[0])) return false;
  const before = text.slice(Math.max(0, m.index - 30), m.index);
  const after = text.slice(m.index + m[0].length, m.index + m[0].length + 30);
  return NAME_WORD_BEFORE.test(before) || NAME_WORD_AFTER.test(after);
}

/** "the podcast's page", "the choir's director": a pastime word as a possessive names whose thing, not a pastime. */
const POSSESSIVE_AFTER = /^['’]s\b/;
const ownerOf = (text: string, m: RegExpExecArray) => POSSESSIVE_AFTER.test(text.slice(m.index + m[0].length));

/** The lexicon's pastimes named in the text (labels as the lexicon spells them). */
function lexiconPastimes(text: string): string[] {
  const found: string[] = [];
  for (const entry of INTEREST_ENTRIES) {
    const match = entry.pattern.exec(text);
    // A fan names the team ("OFI Crete fan"); any other pastime word inside a name is the name's.
    const named = match !== null && entry.label !== "fan" && (inName(text, match) || ownerOf(text, match));
    const label = match && !named ? interestLabel(entry.label, match, text) : null;
    if (label) found.push(label);
  }
  return found;
}

const OWNED = ["aboutSubject"] as const;

const INTEREST_READINGS: readonly Rule[] = [
  fieldRule("interests", "free-time", {
    cue: "always",
    pattern: WHOLE,
    when: [...OWNED, "statement", notAtWork, notAWish],
    value: freeTimeItems,
    confidence: 0.7,
    examples: {
      fires: [
        ["Weekends I do amateur dramatics.", "amateur dramatics"],
        ["Football and photography.", ["football", "photography"], { question: "What do you enjoy outside work?" }],
        ["I sing in a choir, tenor.", "choir singing", { question: "And outside work?" }],
        // How much is no object; "big" cut from "big on jazz" names nothing.
        ["Personal: reads a lot, big on jazz.", "reading"],
        [
          "Cricket, I follow the county side, Wessex, even when they lose.",
          "cricket",
          { question: "What do you do outside of work?" },
        ],
      ],
      silent: [
        "I fix boilers for a living.",
        ["Nurse, nights.", { question: "what do you do for work?" }],
        ["I've got two kids, so my evenings are soccer and homework.", { question: "And outside work?" }],
        ["Add a help line that a real person picks up.", { question: "Anything else?" }],
        ["Thanks so much, Ingrid.", { question: "And when you're not at work?" }],
        "Personal: she wants to slow down and travel for once.",
        "Personal: trains for the spring qualifier on Sundays.",
        "Weekends I play in a salsa band.",
        "Personal: ex-boxer, still keen on the sport.",
      ],
    },
  }),
  fieldRule("interests", "into", {
    cue: phrases(
      "into, obsessed, hooked, addicted, mad about, crazy about, fan of, hobby, hobbies, passion, obsession, guilty pleasure, weekend thing",
    ),
    pattern: INTO,
    when: [...OWNED, freeTime],
    // "My hobbies are chess and birding": a list of pastimes.
    value: (m) =>
      (m[2] ? firstClause(m[2]).split(HOBBY_LIST) : [firstClause(m[1] ?? "")]).map((raw) => {
        const item = hobbyObject(raw.replace(LATELY, ""));
        return item && wordCount(item) <= 3 ? item : null;
      }),
    confidence: 0.7,
    examples: {
      fires: [["I'm really into bouldering these days.", "bouldering"]],
      silent: [unmatched("Big fan of clear invoices.")],
    },
  }),
  fieldRule("interests", "spends-time", {
    cue: ["spend"],
    // "I spend my evenings painting miniatures".
    pattern: SPENDS_TIME,
    when: [...OWNED, freeTime, "self"],
    value: (m) => hobbyOf(trimPunctuation(m[1] ?? ""), false, true),
    confidence: 0.68,
    examples: {
      fires: [["I spend my weekends restoring radios.", "restoring radios"]],
      silent: [unmatched("I spend my days answering email at work?")],
    },
  }),
  fieldRule("interests", "likes", {
    cue: ["love", "enjoy", "adore", "like"],
    pattern: WHOLE,
    when: [...OWNED, noWork],
    value: (_m, unit) => (isSelf(unit) || unit.topic === "subject" ? likedActivities(unit) : null),
    confidence: 0.75,
    examples: {
      fires: [["I love trail running.", "trail running"]],
      silent: [
        "I like to keep everything labelled.",
        "I like sorting stuff out myself.",
        "I enjoy meeting people at the counter.",
      ],
    },
  }),
  fieldRule("interests", "at-home", {
    cue: patternCues([AT_HOME]),
    // "I brew cider at home": a pastime verb with a free-time phrase, anywhere in the answer.
    pattern: WHOLE,
    when: [...OWNED, saysI, noWork],
    value: (m) =>
      AT_HOME.test(m[0])
        ? m[0].split(CLAUSE_PARTS).map((clause) => {
            const item = I_CLAUSE.test(clause.trim())
              ? hobbyOf(trimPunctuation(clause.trim().replace(AND_OPENING, "")), false, true)
              : null;
            return item && !BARE_VERB_ITEM.test(item) ? item : null;
          })
        : null,
    confidence: 0.65,
    examples: { fires: [["I brew cider at home.", "brewing cider"]], silent: [unmatched("I work from home.")] },
  }),
  fieldRule("interests", "supports-team", {
    cue: patternCues([SUPPORTS_TEAM]),
    pattern: SUPPORTS_TEAM,
    when: [...OWNED, (unit: Unit) => LEISURE_CONTEXT.test(unit.text)],
    value: (m) => trimPunctuation(m[1] ?? ""),
    confidence: 0.68,
    examples: {
      fires: [["At the weekend I'm cheering on Boca Juniors.", "Boca Juniors"]],
      silent: [unmatched("The fans were shouting at the referee.")],
    },
  }),
  fieldRule("interests", "leisure-word", {
    cue: "always",
    pattern: WHOLE,
    // Not in a sentence naming the subject's children: "my evenings are soccer" is the kids' soccer.
    when: [...OWNED, inLeisure, notAboutAnother, noOtherNamed, notTaught, (unit: Unit) => !CHILDREN.test(unit.text)],
    value: (m) => lexiconPastimes(m[0]),
    confidence: 0.7,
    examples: {
      fires: [
        [
          "She's a keen sea-swimmer.",
          "open-water swimming",
          { speaker: "unknown", firstPerson: false, topicBy: "pronoun" },
        ],
        ["On weekends I feed a sourdough starter.", "sourdough baking"],
        // The whole noun phrase, not its first word ("collecting tin").
        ["On weekends I go collecting old tin toys at car-boot sales.", "collecting tin toys"],
      ],
      silent: [
        "Swimming pool maintenance for clients.",
        ["She plays cello, she is the musical one at home.", { question: "and outside work?" }],
        ["Ha, I've got two kids, so my evenings are soccer and homework.", { question: "And outside work?" }],
        "Coaches his daughter's softball team on weekends.",
        ["Her husband Matt does the books and is a keen cyclist.", { firstPerson: false, topicBy: "pronoun" }],
        "When you're next in Leeds, I teach a watercolour painting class on Sundays.",
        "On Saturdays she helps out at the Blue Pottery Barn, doing the tills.",
        "He also runs a pilates session for his clients on Tuesdays.",
        "At weekends I answer comments on the podcast's website.",
      ],
    },
  }),
];

/** Every value of the table must be stated of the person where it sits (engine/context.ts: statedOnly). */
export const INTEREST_RULES = statedOnly(INTEREST_READINGS, ["denied", "wished", "unticked"]);

/** A sentence another rule read is not read again for lexicon pastimes: its words were parts of those items. */
const LEXICON_RULES = new Set(["interests/leisure-word"]);

export function interestCandidates(units: readonly Unit[]): Candidate[] {
  return collapseNear(dropCovered(runRules(INTEREST_RULES, units), LEXICON_RULES, "sentence"));
}
