/** Rules for values: what the person says matters to them, as short noun phrases ("patient safety", "fair pay"). */
import { answerDepth, memoTest, questionOf, statedOnly } from "../engine/context.ts";
import { anyOf, tableCues } from "../engine/cues.ts";
import { labelled, listCandidates, WHOLE } from "../engine/items.ts";
import { type Example, fieldRule, nearMisses, type Place, type Rule, unmatched } from "../engine/rules.ts";
import * as wording from "../engine/text.ts";
import { subjectTopic, type Unit } from "../engine/unit.ts";
import { VALUE_PHRASE_WORDS } from "../lexicon/values.ts";
import { NAMES_A_CHANNEL } from "./communication-style.ts";

/** One test for all the value phrases: most sentences hold none, and are then not read once per phrase. */
const mayStateValuePhrase = anyOf(VALUE_PHRASE_WORDS.map(([pattern]) => pattern));

/** "Values: honesty, craft", "Core values:", "What matters to her:": a labelled list of values. */
const VALUE_LABEL =
  /^(?:(?:core|key|her|his|their|my)\s+)?(?:values|what matters(?: most)?(?: to (?:her|him|them|me))?)\s*:\s*(.+)$/i;

const VALUE_SECTION = /^(?:(?:core|key|her|his|their|my)\s+)?(?:values|what matters(?: most)?(?: to \w+)?)\s*:?$/i;

const RATHER_THAN_TAIL = /\s+(?:rather than|instead of)\s.*$/i;
const COPULA_TAIL = /\s+(?:is|are)\s.*$/i;
const LIST_SEPARATORS = /\s*(?:;|,|\s\+\s|\band\b|\.\s)\s*/;

/** Values keep their comparisons ("no driver on the road more than 9 hours a day"), so a stated value is cut only at hard breaks. */
const HARD_BREAK = /[;:!?()]|\s[—–]\s|\.\s|\.$|,\s+(?:and|but|so|because|which|though)\s/;
const COMPARATIVE = /^(.*?)\s+than\s/i;
const WHICH_TAIL = /,?\s+which\s/i;
const EMPTY_VALUE = /^(?:nothing|everything|money)$/i;
const PERSONAL = /\b(?:I|I'd|I'm|me|my|we|is|are|was|were)\b/i;
const QUOTED = /["“”]/;
const CLAUSE_OPENER = /^(?:I|I'm|it's|that's)\b/i;
const BELIEF_JOIN = /\s*\+\s*|\s+and\s+(?:in\s+)?/;
const LEADING_IN = /^in\s+/i;
const NOT_AN_ANSWER = /\b(?:yes|no|not|nothing|sure|well|it|that|this|yeah)\b/i;
const ANSWER_HEAD_CUT = /[,.;:!?—–]/;
/** "That every nurse is treated with respect": an answer that is a clause, not a bare noun. */
const CLAUSE_ANSWER = /^(?:that|if|when|whether)\s|\s(?:is|are|was|were|gets?|has|have|should|must|can|will)\s/i;
const CHECKED_CLAUSE = /\b(?:will|can|is|are|do|does|would)\b/i;

/** "nothing identifying students": an absence someone insists on is a rule's detail, not a value held. */
const ABSENCE = /^(?:nothing|nobody|no one|none)\b/i;

/** A value item must be a short noun phrase: not a quote, not a clause in the first person. */
function valueItem(raw: string): string | null {
  // "buying from local growers rather than wholesalers": the value is the side preferred; "fairness is a hard line":
  // the value is what the clause is about.
  const bare = raw.replace(RATHER_THAN_TAIL, "").replace(COPULA_TAIL, "");
  const phrase = wording.trimPunctuation(
    wording.stripDeterminers(wording.dropDiscourseTail(wording.trimPunctuation(bare))),
  );
  if (phrase === "" || wording.wordCount(phrase) > 5 || QUOTED.test(raw)) return null;
  if (PERSONAL.test(phrase) || wording.POINTING_HEAD.test(phrase) || ABSENCE.test(phrase)) return null;
  return phrase;
}

/** The value a cue phrase introduces: up to a hard break, the preferred side of "rather X than Y", before "which". */
function statedValue(m: RegExpExecArray): string | null {
  let phrase = wording.trimPunctuation((m[1] ?? "").split(HARD_BREAK)[0] ?? "");
  // "rather be slow than make an error": keep the preferred side only when it says more than one word.
  const comparative = COMPARATIVE.exec(phrase);
  if (comparative)
    phrase = wording.wordCount(comparative[1] ?? "") >= 2 ? wording.trimPunctuation(comparative[1] ?? "") : "";
  // ", which ..." describes the value; the value is what came before.
  phrase = wording.stripDeterminers(
    wording.dropDiscourseTail(wording.trimPunctuation(phrase.split(WHICH_TAIL)[0] ?? "")),
  );
  if (!phrase || wording.wordCount(phrase) > 10 || wording.POINTING_HEAD.test(phrase) || EMPTY_VALUE.test(phrase))
    return null;
  return phrase;
}

/** A clause stated as a value ("Nobody goes home hungry from my kitchen"): kept whole when short, else its head. */
function valueClause(raw: string): string | null {
  const phrase = wording.shorten(wording.stripLeadingFillers(wording.trimPunctuation(raw)), 6);
  if (!phrase || wording.POINTING_HEAD.test(phrase) || CLAUSE_OPENER.test(phrase)) return null;
  return phrase;
}

const VALUE_ANSWER_QUESTION = /\b(?:matters?|important|priorit|values?|care (?:about|for)|believe in|stand for)\b/i;
const asksValue = memoTest(VALUE_ANSWER_QUESTION);
const VALUE_QUESTION = /\b(?:matters?|important|priorit|value|care about)\b/i;

/** "Which skills matter most?", "What tools are important?": the question names the field it asks for. */
const ASKS_OTHER_FIELD = /\b(?:skills?|tools?|software|apps?|goals?|hobb(?:y|ies))\b/i;

/** The first sentence or two of an answer to "what matters to you?". */
function firstAnswerToValueQuestion(_unit: Unit, at: Place): boolean {
  const question = questionOf(at.units, at.i);
  return asksValue(question) && !ASKS_OTHER_FIELD.test(question) && answerDepth(at.units, at.i) <= 1;
}

/** A bullet under a "Values" heading, or the body of a "Values: ..." line. */
function listedValues(unit: Unit, at: Place): string | null {
  const body = labelled(VALUE_LABEL)(unit, at);
  if (body !== null) return body;
  return VALUE_SECTION.test(unit.section) && wording.BULLET_START.test(unit.line)
    ? unit.text.replace(wording.LEADING_BULLET_OR_QUOTE, "")
    : null;
}

/** Ticked boxes asked about values ("What matters? [x] price [x] local"). */
function valueCheckboxes(unit: Unit): boolean {
  return VALUE_QUESTION.test(unit.question) || VALUE_QUESTION.test(unit.text.split("[x]")[0] ?? "");
}

/** Rules whose cue phrase introduces the value; they share the cut of `statedValue`. */
const STATED: readonly (readonly [
  name: string,
  cue: readonly string[],
  pattern: RegExp,
  confidence: number,
  fires: string,
  value: string,
])[] = [
  [
    "non-negotiable",
    ["non-negotiable"],
    /\bnon-negotiable\s*:\s*([^.;!?]+)/gi,
    0.8,
    "Non-negotiable: clean kit.",
    "clean kit",
  ],
  [
    "never-compromise",
    ["compromise"],
    /\b(?:never|won'?t|will not|don'?t|do not|refuse to)\s+compromise\s+on\s+([^.;!?]+)/gi,
    0.72,
    "I'd never compromise on hygiene.",
    "hygiene",
  ],
  [
    "cares-about",
    ["care"],
    /\bcares?\s+(?:a lot\s+|deeply\s+|so much\s+)?about\s+([^.;!?]+)/gi,
    0.75,
    "I really care about getting the details right, and that takes time.",
    "getting the details right",
  ],
  [
    "rather-be",
    ["rather be"],
    /\bI(?:'d|’d| would) rather be\s+([^.;!?"”]+)/gi,
    0.7,
    "I'd rather be slow and careful than make an error.",
    "slow and careful",
  ],
  [
    "comes-first",
    ["matter", "first", "everything", "non-negotiable", "sacred"],
    // A value is a quality, named by an abstract noun ("honesty", "patient safety", "fairness"): "the dogs come
    // first" ranks things, not values.
    /^(?:[-•*]\s*)?((?:[\p{L}'-]+\s+){0,3}[\p{L}'-]+(?:ty|ness|ism|ment|ance|ence|ship|dom|ion|cy))\s+(?:matters? (?:most|more than anything|above all)|comes? first|is (?:everything|non-negotiable|sacred) to (?:me|us|her|him))\b/giu,
    0.7,
    "Punctuality matters most.",
    "Punctuality",
  ],
];

/** "whatever her family says", "what the board wants": the word names who says or wants something, not a value. */
const SAYS_AFTER =
  /^[\p{L}-]*\s+(?:says?|said|thinks?|thought|wants?|wanted|tells?|told|decides?|decided|expects?|expected)\b/iu;
const notAnAgent = (text: string, place: number) => !SAYS_AFTER.test(text.slice(place));

/** Texts a stated-value rule of that name must not fire on, beside the guards every one of them shares. */
const STATED_SILENT: Readonly<Record<string, readonly Example[]>> = {
  // "the dogs come first" ranks things, not values.
  "comes-first": [unmatched("The dogs come first, the garden second.")],
  // The table's past scope: what the person cared about once is not held now.
  "cares-about": ["I used to care about winning at all costs."],
};

const VALUE_READINGS: readonly Rule[] = [
  ...STATED.map(
    ([name, cue, pattern, confidence, fires, value]): Rule =>
      fieldRule("values", name, {
        cue,
        pattern,
        when: ["aboutSubject", "statement"],
        value: statedValue,
        confidence,
        examples: {
          fires: [[fires, value]],
          // Plain sentences no stated-value phrase reads: guards on the patterns.
          silent: [
            ...nearMisses(cue, ["I drove to the depot at six.", "So prices are going up again."]),
            ...(STATED_SILENT[name] ?? []),
          ],
        },
      }),
  ),
  fieldRule("values", "listed", {
    cue: "always",
    pattern: WHOLE,
    when: ["aboutSubject", "statement"],
    read: listedValues,
    // A bracketed aside explains an item ("punctuality (trains, meetings, replies, all of it)"); its commas do not
    // part values.
    value: (m) =>
      m[0]
        .replace(wording.BRACKETED_ASIDE, " ")
        .split(LIST_SEPARATORS)
        .map(valueItem)
        .filter((v) => v !== null),
    confidence: 0.7,
    examples: {
      fires: [
        ["Values: honesty, craft and patience", ["honesty", "craft", "patience"]],
        ["Values: punctuality (trains, meetings, replies, all of it), honesty", ["punctuality", "honesty"]],
        ["Values: buying from local growers rather than wholesalers", ["buying from local growers"]],
        ["Values: fairness is a must — nobody gets special treatment", ["fairness"]],
        ["Values: fairness, nothing said behind anyone's back", ["fairness"]],
      ],
      silent: [unmatched("Honesty matters to her: she said so twice?")],
    },
  }),
  fieldRule("values", "believes-in", {
    cue: ["believe"],
    pattern: /\bbeliever in\s+([^.;!?]+)|\bbelieves? in\s+([^.;!?]+)/gi,
    when: ["aboutSubject", "statement"],
    // Commas stay: "sustainable, chemical-free beekeeping" is one value, not two.
    value: (m) =>
      (m[1] ?? m[2] ?? "")
        .split(BELIEF_JOIN)
        .map((part) => wording.trimPunctuation(part.replace(wording.PICTOGRAPHS, "").replace(LEADING_IN, "")))
        .filter((phrase) => phrase !== "" && wording.wordCount(phrase) <= 6),
    confidence: 0.7,
    examples: {
      fires: [
        [
          "Big believer in fixing before buying + paying people on time.",
          ["fixing before buying", "paying people on time"],
        ],
      ],
      silent: [unmatched("I believe it's on Tuesday.")],
    },
  }),
  fieldRule("values", "conviction", {
    cue: ["believe"],
    // "I believe every kid deserves a good teacher": a conviction, not a guess ("I believe it's on Tuesday").
    pattern:
      /\bI\s+(?:really\s+|truly\s+|firmly\s+|strongly\s+|genuinely\s+)?believe\s+(?:that\s+)?((?:every|everyone|everybody|nobody|no one|people|kids|children|farmers|workers|patients|customers|women|animals)\b[^.;!?]{3,60}\b(?:deserves?|should|must|ought|need|has the right|have the right)\b[^.;!?]{0,40})/giu,
    when: ["aboutSubject", "statement"],
    value: (m) => wording.shorten(wording.trimPunctuation(m[1] ?? ""), 8),
    confidence: 0.62,
    examples: {
      fires: [["I believe every patient deserves time.", "every patient deserves time"]],
      silent: [unmatched("I believe it's on Tuesday.")],
    },
  }),
  fieldRule("values", "phrase-word", {
    cue: tableCues(VALUE_PHRASE_WORDS),
    pattern: WHOLE,
    when: ["aboutSubject", "statement"],
    value: (m) =>
      mayStateValuePhrase(m[0])
        ? VALUE_PHRASE_WORDS.filter(([pattern]) => pattern.test(m[0])).map(([, value]) => value)
        : null,
    confidence: 0.62,
    examples: {
      fires: [["Nobody gets hurt on my watch.", "safety"]],
      silent: [unmatched("I drove to the depot at six.")],
    },
  }),
  fieldRule("values", "pointed", {
    cue: ["care", "value", "believe", "live by", "why i"],
    // "X — that I really care about", "X is why I started the firm": the value is the clause before the pointer.
    pattern:
      /^(?:[-•*>]\s*)?([^.;!?—–]{3,60}?)\s*(?:[—–:-]+\s*(?:that|this)(?:'s| is)?\s+(?:what\s+)?I\s+(?:really\s+|truly\s+|deeply\s+)?(?:care about|value|believe in|live by)|\s+(?:is|are)\s+(?:the reason\s+|exactly\s+)?why I\s+(?:do|started|got into)\b)/iu,
    when: ["aboutSubject", "statement"],
    value: (m) => {
      const item = valueClause(m[1] ?? "");
      return item && !VALUE_PHRASE_WORDS.some(([pattern]) => pattern.test(item)) ? item : null;
    },
    confidence: 0.68,
    examples: {
      fires: [["Clean water for the village is why I do this work.", "Clean water for the village"]],
      silent: [unmatched("That is why I left.")],
    },
  }),
  fieldRule("values", "ranked", {
    cue: [">", " over "],
    // "Fair rota > fast rota": a note that ranks one thing above another.
    pattern: /^(?:[-•*]\s*)?([\p{L}][\p{L} -]{2,30}?)(?:\s*>+\s*|\s+over\s+)([\p{L}][\p{L} -]{2,30}?)[.!]?$/u,
    // Channels ranked ("Prefers phone calls over long emails") say how to reach someone: communication style.
    when: ["aboutSubject", "statement", subjectTopic, (unit: Unit) => !NAMES_A_CHANNEL.test(unit.text)],
    value: (m) => {
      const preferred = valueItem(m[1] ?? "");
      return preferred && wording.wordCount(preferred) <= 4 ? preferred.toLowerCase() : null;
    },
    confidence: 0.6,
    examples: {
      fires: [["Fair rota > fast rota", "fair rota"]],
      silent: [unmatched("Game over."), "Prefers phone calls over long emails."],
    },
  }),
  fieldRule("values", "bare-answer", {
    cue: "always",
    // "Dignity.", "Confidentiality, full stop.": a bare noun answering "what matters to you?".
    pattern: WHOLE,
    when: ["aboutSubject", "statement", "self", firstAnswerToValueQuestion],
    value: (m) => {
      const head = wording.trimPunctuation(
        wording.stripLeadingFillers(m[0].replace(wording.OPENING_MARK, "")).split(ANSWER_HEAD_CUT)[0] ?? "",
      );
      const item = CLAUSE_ANSWER.test(head) ? null : valueItem(head);
      return item && wording.wordCount(item) <= 3 && !NOT_AN_ANSWER.test(item) ? item : null;
    },
    confidence: 0.6,
    examples: {
      fires: [["Honesty, full stop.", "Honesty", { question: "what matters most to you?" }]],
      silent: [
        ["Yes, sure.", { question: "what matters most to you?" }],
        "Honesty, full stop.",
        // A question that names another field asks for that field: these are skills.
        ["Patient listening, quick typing.", { question: "which skills count most at work?" }],
        // A clause answer says more than its subject noun: "nurse" is not what matters.
        ["That every nurse is treated with respect.", { question: "what matters most to you?" }],
      ],
    },
  }),
  fieldRule("values", "checked", {
    cue: ["[x]"],
    pattern: /\[x\]\s*([^[\]]+)/gi,
    when: ["aboutSubject", "statement", valueCheckboxes],
    // A checked option that is a clause ("Kids will eat it") is a preference, not a value.
    value: (m) => {
      const item = wording.trimPunctuation(m[1] ?? "");
      return item && wording.wordCount(item) <= 5 && !CHECKED_CLAUSE.test(item) ? item : null;
    },
    confidence: 0.7,
    examples: {
      fires: [["What matters? [x] price [x] Kids will eat it", "price"]],
      silent: ["Which days? [x] Monday"],
    },
  }),
];

/**
 * Every value of the table must be stated of the person where it sits (engine/context.ts: statedOnly): not denied, not
 * an option left unticked, not one the clause puts in the past.
 */
export const VALUE_RULES = statedOnly(VALUE_READINGS, ["denied", "unticked", "past"], notAnAgent);

export function valueCandidates(units: readonly Unit[]) {
  return listCandidates(VALUE_RULES, units);
}
