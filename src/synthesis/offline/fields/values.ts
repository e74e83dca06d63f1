/** Rules for values. */
import { type Candidate, fromUnit } from "../engine/candidate.ts";
import { answerDepth, isQuestion, labelledText, owned, questionOf } from "../engine/context.ts";
import { collapseNear } from "../engine/select.ts";
import {
  dropDiscourseTail,
  escapeRegExp,
  firstClause,
  POINTING_HEAD,
  shorten,
  stripDeterminers,
  stripLeadingFillers,
  trimPunctuation,
  wordCount,
} from "../engine/text.ts";
import { isSelf, type Unit } from "../engine/unit.ts";
import { VALUE_CUE, VALUE_PHRASE_WORDS, VALUE_WORDS } from "../lexicon/values.ts";

const VALUE_PHRASES: readonly [RegExp, number][] = [
  [/\bnon-negotiable\s*:\s*([^.;!?]+)/gi, 0.8],
  [/\b(?:it's|it’s|it is|everything is)\s+(?:all\s+)?about\s+([^.;!?]+)/gi, 0.62],
  [/\b(?:never|won'?t|will not|don'?t|do not|refuse to)\s+compromise\s+on\s+([^.;!?]+)/gi, 0.72],
  [
    /^(?:[-•*]\s*)?([\p{L}][\p{L}' -]{2,40}?)\s+(?:is|are)\s+(?:at the (?:heart|core) of (?:everything|what) (?:I|we) do|in my (?:DNA|blood)|close to my heart|(?:really |very |super )?important to (?:me|us)|a big deal (?:to|for) me|what (?:it's|it is) all about)\b/giu,
    0.7,
  ],
  [/\bcares?\s+(?:a lot\s+|deeply\s+|so much\s+)?about\s+([^.;!?]+)/gi, 0.75],
  [/\bI(?:'d|’d| would) rather be\s+([^.;!?"”]+)/gi, 0.7],
  [/^([^.;!?—–]{3,60}?)\s*[—–-]+\s*protect (?:this|that|it)\b/gi, 0.7],
  [/\bI value\s+([^.;!?]+)/gi, 0.8],
  // "Animal welfare matters most", "Honesty comes first": the sentence's subject is the value.
  [
    /^(?:[-•*]\s*)?([\p{L}][\p{L}' -]{2,40}?)\s+(?:matters? (?:most|more than anything|above all)|comes? first|is (?:everything|non-negotiable|sacred) to (?:me|us|her|him))\b/giu,
    0.7,
  ],
  [/\bwhat matters (?:most )?(?:to (?:me|us|her|him) )?(?:most )?is\s+([^.;!?]+)/gi, 0.7],
];

/** "big believer in protecting the ocean + respecting elders", "believes in fair pay". */
/** "X — that I really care about", "X is why I do this job": the value is the clause before the pointer. */
const POINTED_VALUE =
  /^(?:[-•*]\s*)?([^.;!?—–]{3,60}?)\s*(?:[—–:-]+\s*(?:that|this)(?:'s| is)?\s+(?:what\s+)?I\s+(?:really\s+|truly\s+|deeply\s+)?(?:care about|value|believe in|live by)|\s+(?:is|are)\s+(?:the reason\s+|exactly\s+)?why I\s+(?:do|started|got into)\b)/iu;

/** "big on injury prevention", "a stickler for punctuality". */
const BIG_ON =
  /\b(?:big|huge|really big|strong|hot)\s+on\s+([^,.;!?—–"“]+)|\ba stickler for\s+([^,.;!?—–"“]+)|\bI\s+(?:really\s+)?(?:care for|look after)\s+(?:my|our)\s+([\p{L}-]+)/giu;

/** "Fair rota > fast rota": a note that ranks one thing above another. */
const RANKED_VALUE = /^(?:[-•*]\s*)?([\p{L}][\p{L} -]{2,30}?)(?:\s*>+\s*|\s+over\s+)([\p{L}][\p{L} -]{2,30}?)[.!]?$/u;

const VALUE_ANSWER_QUESTION = /\b(?:matters?|important|priorit|values?|care (?:about|for)|believe in|stand for)\b/i;

/** "I believe every kid deserves a good teacher": a conviction, not a guess ("I believe it's on Tuesday"). */
const CONVICTION =
  /\bI\s+(?:really\s+|truly\s+|firmly\s+|strongly\s+|genuinely\s+)?believe\s+(?:that\s+)?((?:every|everyone|everybody|nobody|no one|people|kids|children|farmers|workers|patients|customers|women|animals)\b[^.;!?]{3,60}\b(?:deserves?|should|must|ought|need|has the right|have the right)\b[^.;!?]{0,40})/giu;

/**
 * A value word given weight in other words: "History deserves accuracy", "Privacy = huge for her", "will pay for
 * reliability", "trust is worth more than money", "X is non-negotiable for me".
 */
const VALUE_WEIGHT =
  /\bdeserves?\b|\s=\s*(?:huge|key|everything|top|priority|must)\b|\b(?:huge|big|everything|key) (?:deal )?(?:for|to) (?:her|him|them|me|us)\b|\b(?:will|would|happy to|willing to) (?:happily |gladly )?pay (?:more |extra |a premium )?for\b|\bworth more than\b|\bcan'?t compromise on\b|\bwon'?t compromise on\b/i;

const BELIEVES_IN = /\bbeliever in\s+([^.;!?]+)|\bbelieves? in\s+([^.;!?]+)/gi;

const CHECKBOX = /\[x\]\s*([^[\]]+)/gi;

const VALUE_QUESTION = /\b(?:matters?|important|priorit|value|care about)\b/i;

function valueWordsIn(text: string): string[] {
  const found: string[] = [];
  const lower = text.toLowerCase();
  for (const [surface, value] of Object.entries(VALUE_WORDS)) {
    if (new RegExp(`(?:^|[^\\p{L}])${escapeRegExp(surface)}(?:[^\\p{L}]|$)`, "u").test(lower))
      found.push(surface === "patient safety" ? surface : value);
  }
  // "patient safety" already covers "safety".
  return found.filter((v, _, all) => !all.some((other) => other !== v && other.includes(v)));
}

/** "Values: honesty, craft", "Core values:", "What matters to her:": a labelled list of values. */
const VALUE_LABEL =
  /^(?:(?:core|key|her|his|their|my)\s+)?(?:values|what matters(?: most)?(?: to (?:her|him|them|me))?)\s*:\s*(.+)$/i;

const VALUE_SECTION = /^(?:(?:core|key|her|his|their|my)\s+)?(?:values|what matters(?: most)?(?: to \w+)?)\s*:?$/i;

/** A clause stated as a value ("Nobody gets hurt in my room"): kept whole when short, else its head. */
function valueClause(raw: string): string | null {
  const phrase = shorten(stripLeadingFillers(trimPunctuation(raw)), 6);
  if (!phrase || POINTING_HEAD.test(phrase) || /^(?:I|I'm|it's|that's)\b/i.test(phrase)) return null;
  return phrase;
}

/** A value item must be a short noun phrase: not a quote, not a clause in the first person. */
function valueItem(raw: string): string | null {
  const phrase = trimPunctuation(stripDeterminers(dropDiscourseTail(trimPunctuation(raw))));
  if (phrase === "" || wordCount(phrase) > 5 || /["“”]/.test(raw)) return null;
  if (/\b(?:I|I'd|I'm|me|my|we|is|are|was|were)\b/i.test(phrase) || POINTING_HEAD.test(phrase)) return null;
  return phrase;
}

export function valueCandidates(units: readonly Unit[]): Candidate[] {
  const out: Candidate[] = [];
  units.forEach((unit, i) => {
    if (!owned(unit) || isQuestion(unit)) return;
    const labelled = labelledText(units, i, VALUE_LABEL);
    const inSection = VALUE_SECTION.test(unit.section) && /^[-•*]\s/.test(unit.line);
    const listed = labelled ?? (inSection ? unit.text.replace(/^[-•*]\s*/, "") : null);
    if (listed) {
      for (const part of listed.split(/\s*(?:;|,|\s\+\s|\band\b|\.\s)\s*/)) {
        const item = valueItem(part);
        if (item) out.push(fromUnit(unit, "values", item, 0.7));
      }
    }
    for (const [pattern, confidence] of VALUE_PHRASES) {
      for (const m of unit.text.matchAll(pattern)) {
        // Values keep their comparisons ("nobody on call more than 1 week in 4"), so cut only at hard breaks.
        let phrase = trimPunctuation(
          (m[1] ?? "").split(/[;:!?()]|\s[—–]\s|\.\s|\.$|,\s+(?:and|but|so|because|which|though)\s/)[0] ?? "",
        );
        // "rather be slow than make an error": keep the preferred side only when it says more than one word.
        const comparative = /^(.*?)\s+than\s/i.exec(phrase);
        if (comparative) phrase = wordCount(comparative[1] ?? "") >= 2 ? trimPunctuation(comparative[1] ?? "") : "";
        // ", which ..." describes the value; the value is what came before.
        phrase = dropDiscourseTail(trimPunctuation(phrase.split(/,?\s+which\s/i)[0] ?? ""));
        phrase = stripDeterminers(phrase);
        if (
          phrase &&
          wordCount(phrase) <= 10 &&
          !POINTING_HEAD.test(phrase) &&
          !/^(?:nothing|everything|money)$/i.test(phrase)
        )
          out.push(fromUnit(unit, "values", phrase, confidence));
      }
    }
    for (const m of unit.text.matchAll(BELIEVES_IN)) {
      for (const part of (m[1] ?? m[2] ?? "").split(/\s*\+\s*|\s+and\s+(?:in\s+)?/)) {
        // Commas stay: "sustainable, chemical-free beekeeping" is one value, not two.
        const phrase = trimPunctuation(part.replace(/\p{Extended_Pictographic}/gu, "").replace(/^in\s+/i, ""));
        if (phrase && wordCount(phrase) <= 6) out.push(fromUnit(unit, "values", phrase, 0.7));
      }
    }
    if (VALUE_CUE.test(unit.text) || VALUE_WEIGHT.test(unit.text)) {
      for (const value of valueWordsIn(unit.text)) out.push(fromUnit(unit, "values", value, 0.65));
    } else if (
      isSelf(unit) &&
      answerDepth(units, i, true) <= 3 &&
      VALUE_ANSWER_QUESTION.test(questionOf(units, i, true))
    ) {
      // "What matters most?" ... "Also confidentiality, ...": a value word anywhere early in the answer.
      for (const value of valueWordsIn(unit.text)) out.push(fromUnit(unit, "values", value, 0.6));
    }
    for (const m of unit.text.matchAll(CONVICTION)) {
      const item = shorten(trimPunctuation(m[1] ?? ""), 8);
      if (item) out.push(fromUnit(unit, "values", item, 0.62));
    }
    for (const [pattern, value] of VALUE_PHRASE_WORDS) {
      if (pattern.test(unit.text)) out.push(fromUnit(unit, "values", value, 0.62));
    }
    const pointed = POINTED_VALUE.exec(unit.text.replace(/^[-•*>]\s*/, ""));
    const pointedItem = pointed?.[1] ? valueClause(pointed[1]) : null;
    if (pointedItem && !VALUE_PHRASE_WORDS.some(([pattern]) => pattern.test(pointedItem)))
      out.push(fromUnit(unit, "values", pointedItem, 0.68));
    for (const m of unit.text.matchAll(BIG_ON)) {
      const cared = m[3] ? `caring for ${m[3].toLowerCase()}` : null;
      const item = cared ?? valueItem(shorten(firstClause(m[1] ?? m[2] ?? ""), 5) ?? "");
      if (item) out.push(fromUnit(unit, "values", item, 0.65));
    }
    const ranked = unit.topic === "subject" ? RANKED_VALUE.exec(unit.text) : null;
    const preferred = ranked?.[1] ? valueItem(ranked[1]) : null;
    if (preferred && wordCount(preferred) <= 4) out.push(fromUnit(unit, "values", preferred.toLowerCase(), 0.6));
    // "Dignity.", "Confidentiality, full stop.": a bare noun answering "what matters to you?".
    if (isSelf(unit) && VALUE_ANSWER_QUESTION.test(questionOf(units, i)) && answerDepth(units, i) <= 1) {
      const head = trimPunctuation(
        stripLeadingFillers(unit.text.replace(/^[-•*>"“]\s*/, "")).split(/[,.;:!?—–]/)[0] ?? "",
      );
      const item = valueItem(head);
      if (item && wordCount(item) <= 3 && !/\b(?:yes|no|not|nothing|sure|well|it|that|this|yeah)\b/i.test(item))
        out.push(fromUnit(unit, "values", item, 0.6));
    }
    const hasBoxes = unit.text.includes("[x]");
    if (hasBoxes && (VALUE_QUESTION.test(unit.question) || VALUE_QUESTION.test(unit.text.split("[x]")[0] ?? ""))) {
      for (const m of unit.text.matchAll(CHECKBOX)) {
        const item = trimPunctuation(m[1] ?? "");
        // A checked option that is a clause ("Kids will eat it") is a preference, not a value.
        if (item && wordCount(item) <= 5 && !/\b(?:will|can|is|are|do|does|would)\b/i.test(item))
          out.push(fromUnit(unit, "values", item, 0.7));
      }
    }
  });
  return collapseNear(out);
}
