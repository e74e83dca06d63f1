/** Rules for traits: adjectives the person uses of themself, others use of them, or a note uses of them. */

import { answerDepth, memoTest, questionOf, statedOnly } from "../engine/context.ts";
import { anyOf, tableCues } from "../engine/cues.ts";
import { listCandidates, WHOLE } from "../engine/items.ts";
import { fieldRule, type Place, type Rule, unmatched } from "../engine/rules.ts";
import { wordTable } from "../engine/text.ts";
import { topicNamed, type Unit } from "../engine/unit.ts";
import { TRAIT_BEHAVIOURS, TRAIT_NOUNS, TRAIT_WORDS } from "../lexicon/traits.ts";

const INTENSIFIERS =
  "(?:(?:a bit|a little|very|quite|pretty|really|more|so|too|fairly|extremely|super|kind of|naturally|always|muy|bastante|un poco)\\s+|\\.{3}\\s*)*";

/** What follows a self-description: "but (I'm) very systematic". */
const CONTRAST_TRAIT = new RegExp(
  `^\\s*,?\\s*but\\s+(?:also\\s+)?(?:I'm\\s+|I’m\\s+|I am\\s+)?${INTENSIFIERS}([\\p{L}-]+)`,
  "iu",
);

const RUN_WORD =
  /^(?:[-•*]\s*)?(?:(?:very|really|quite|so|pretty|extremely|super|incredibly|a bit|a little)\s+)?([\p{L}-]+)/iu;
const RUN_JOIN = /^\s*(?:,\s*(?:and\s+|but\s+)?|\s+(?:and|but)\s+)/i;
const WORD_BREAK = /[^\p{L}-]+/u;
const NOTE_JOIN = /,|\band\b|\bbut\b/;

const DESCRIBE_QUESTION =
  /\b(?:describe (?:you|yourself)|definir[ií]as|one word for (?:you|yourself)|words? (?:to describe|for) (?:you|yourself)|in (?:one|two|three|3|a few) words|what are you like|your personality|what kind of person|how would (?:you|others|colleagues))\b/i;
const asksDescribe = memoTest(DESCRIBE_QUESTION);

const NOUN_TRAIT: Record<string, string> = wordTable({
  patience: "patient",
  calm: "calm",
  honesty: "honest",
  warmth: "warm",
  directness: "direct",
});

const word = (w: string) => TRAIT_WORDS[w.toLowerCase()] ?? null;
const wordOrNoun = (w: string) => {
  const key = w.toLowerCase();
  return TRAIT_WORDS[key] ?? TRAIT_NOUNS[key] ?? null;
};

/** A trait word or noun, or the first word of a two-word phrase ("the bossy one" -> bossy). */
function traitOf(phrase: string): string | null {
  const lower = phrase.toLowerCase();
  const single = lower.split(" ")[0] ?? "";
  return TRAIT_NOUNS[lower] ?? TRAIT_NOUNS[single] ?? TRAIT_WORDS[lower] ?? TRAIT_WORDS[single] ?? null;
}

/** The traits among a text's words (the first `max` words). */
function traitsIn(text: string, read: (w: string) => string | null, max = Number.POSITIVE_INFINITY): string[] {
  return text
    .split(WORD_BREAK)
    .slice(0, max)
    .map(read)
    .filter((t) => t !== null);
}

/** The trait words a clause opens on, joined by commas, "and" or "but" ("Chatty, warm, very funny"). */
function traitRun(clause: string): string[] {
  const found: string[] = [];
  let rest = clause;
  for (let n = 0; n < 6; n += 1) {
    const opening = RUN_WORD.exec(rest);
    const trait = opening?.[1] ? word(opening[1]) : null;
    if (!opening || !trait) break;
    found.push(trait);
    rest = rest.slice(opening[0].length);
    const join = RUN_JOIN.exec(rest);
    if (!join) break;
    rest = rest.slice(join[0].length);
  }
  return found;
}

/** The person's own "I" clause describes them, whoever the sentence is about ("My aunt always said I was the quiet one"). */
const speaksAsSelf = (unit: Unit): boolean => unit.speaker === "subject" && unit.firstPerson;

/** The subject says it, or it is in the first person ("my team would say ..."). */
function saidBySubject(unit: Unit): boolean {
  return unit.firstPerson || (unit.speaker === "subject" && unit.topic !== "other");
}

/** A note line about the subject that joins several words ("Calm, kind, very tidy; replies were short"). */
const joinedNote = (unit: Unit): boolean => NOTE_JOIN.test(unit.text);

/** The first sentences of an answer to "describe yourself" (or "one word for you?"). */
function answersDescribe(_unit: Unit, at: Place): boolean {
  return asksDescribe(questionOf(at.units, at.i)) && answerDepth(at.units, at.i) <= 2;
}

/**
 * Whether any behaviour pattern occurs, in one scan: the rule reads every sentence, and trying its patterns one by one
 * on each was a noticeable share of a long input's time; most sentences hold none.
 */
const mayShowBehaviour = anyOf(TRAIT_BEHAVIOURS.map(([pattern]) => pattern));

/** Behaviour phrases are first-person by construction (also in pro-drop languages), or in a bio about the subject. */
function behaviourOfSubject(unit: Unit): boolean {
  return unit.speaker === "subject" ? unit.topic !== "other" : unit.topic === "subject" && unit.topicBy !== "implicit";
}

const MANNER_LABEL =
  /^(?:[-•*]\s*)?(?:style|personality|demeanou?r|vibe|temperament|character|manner|attitude)\s*:\s*(.+)$/i;

/** "Style: VERY direct, fast.", "Personality: warm but blunt" on the line's own first sentence. */
function onMannerLine(unit: Unit): string | null {
  const body = unit.topic === "subject" ? MANNER_LABEL.exec(unit.line) : null;
  return body?.[1] && unit.line.startsWith(unit.text.slice(0, 8)) ? body[1] : null;
}

/** "if I'm honest", "when I'm tired": a condition, not a statement of what the person is. */
const CONDITION_BEFORE = /\b(?:if|unless|when|whenever|whether)\s+$/i;
const conditional = (m: RegExpExecArray) => CONDITION_BEFORE.test(m.input.slice(Math.max(0, m.index - 20), m.index));

/**
 * "counselling a patient.", "thanks to the calm": a trait word after an article or possessive that ends its phrase is
 * a noun there ("a patient person" keeps the adjective).
 */
const DETERMINER_BEFORE = /\b(?:a|an|the|every|each|this|that|my|our|your|his|her|their)\s+$/i;
const PHRASE_ENDS_AFTER = /^([\p{L}-]*)\s*(?:[.;!?)]|$)/u;
function usedAsAdjective(text: string, place: number): boolean {
  const ending = PHRASE_ENDS_AFTER.exec(text.slice(place));
  // The trait nouns ("the organiser", "his directness") are read as nouns on purpose.
  const noun = (ending?.[1] ?? "").toLowerCase();
  if (!ending || TRAIT_NOUNS[noun] !== undefined || NOUN_TRAIT[noun] !== undefined) return true;
  return !DETERMINER_BEFORE.test(text.slice(0, place));
}

const TRAIT_READINGS: readonly Rule[] = [
  fieldRule("traits", "self", {
    cue: ["i", "soy"],
    pattern: new RegExp(
      `\\b(?:I'm|I’m|I am|Im|I was|soy|I've always been|I can be|I tend to be|I've been called|I'm told I'm|I get called)\\s+${INTENSIFIERS}(?:["“]\\s*)?(?:a |an |the )?(?:["“]\\s*)?([\\p{L}-]+(?: [\\p{L}-]+)?)`,
      "giu",
    ),
    when: ["statement", speaksAsSelf],
    value: (m) => {
      const trait = traitOf(m[1] ?? "");
      return trait && !conditional(m) ? trait : null;
    },
    confidence: 0.8,
    examples: {
      fires: [
        ["I'm kind of strict about deadlines.", "strict"],
        ["I can be impatient.", "impatient"],
        ["My students say I am patient.", "patient"],
        ["My brother calls me lazy because I sleep in, but I'm really organised.", "organized"],
      ],
      silent: [
        "I'm at the depot.",
        // The table's past and seeming scopes: a trait of the past, or one said of the person and then corrected.
        "I was very quiet as a child, these days I never stop talking.",
        "My sister says I'm messy, but I just work fast.",
        "Mostly the radio, if I'm honest.",
      ],
    },
  }),
  fieldRule("traits", "self-contrast", {
    cue: ["but"],
    // "I am quiet but very determined", "I'm shy but stubborn": the contrast is a trait too.
    pattern: new RegExp(
      `\\b(?:I'm|I’m|I am|Im|I was|soy|I've always been|I can be|I tend to be)\\s+${INTENSIFIERS}(?:a |an |the )?[\\p{L}-]+(${CONTRAST_TRAIT.source.slice(1)})`,
      "giu",
    ),
    when: ["statement", speaksAsSelf],
    value: (m) => {
      const contrast = CONTRAST_TRAIT.exec(m[1] ?? "")?.[1];
      return contrast ? word(contrast) : null;
    },
    confidence: 0.72,
    examples: { fires: [["I'm shy but stubborn.", "stubborn"]], silent: ["I'm shy but it passes."] },
  }),
  fieldRule("traits", "others-say", {
    cue: ["say", "call", "tell me", "describe me", "think", "reckon"],
    pattern:
      /\b(?:people|friends|colleagues|everyone|others|they|(?:my|her|his)\s+(?:team|partner|wife|husband|kids|children|family|friends|colleagues|students|staff|boss|mum|mom|dad|mother|father|sister|brother))\s+(?:would\s+|will\s+|always\s+|often\s+|usually\s+|probably\s+|might\s+)?(?:say|call|tell me|describe me as|think|reckon|used to say)\s+(?:me\s+|that\s+)?(?:I'm|I’m|I am|I was|she's|he's)?\s*(?:a |an |the )?(?:bit |little |very |too |quite |really |so )?([\p{L}-]+)(?:\s+(?:one|person|type))?/giu,
    when: ["aboutSubject", "statement", saidBySubject],
    // "my colleagues think I'm cold, but I'm only shy": the speaker corrects the view (the table's seeming scope).
    value: (m) => traitOf(m[1] ?? ""),
    confidence: 0.65,
    examples: {
      fires: [
        ["My friends would say loyal.", "loyal"],
        ["My mum used to say I was stubborn.", "stubborn"],
      ],
      silent: ["My friends would say no.", "My colleagues think I'm cold, but I'm only shy."],
    },
  }),
  fieldRule("traits", "describe-answer", {
    cue: "always",
    // Answers to "describe yourself" are often bare adjectives ("Precise. Introverted."), with no "I" in sight.
    pattern: WHOLE,
    when: ["aboutSubject", "statement", "self", answersDescribe],
    value: (m) => traitsIn(m[0], wordOrNoun),
    confidence: 0.7,
    examples: {
      fires: [["Stubborn.", "stubborn", { question: "one word for yourself?" }]],
      silent: ["Stubborn."],
    },
  }),
  fieldRule("traits", "described-as", {
    cue: ["describe"],
    // "Neighbours describe him as patient and thorough", "she describes herself as a workaholic".
    pattern:
      /\bdescribes?\s+(?:herself|himself|themselves|myself|me|her|him|them)\s+as\s+(?:a |an )?([^.;!?]{3,60})/giu,
    when: ["aboutSubject", "statement"],
    value: (m) => traitsIn(m[1] ?? "", traitOf, 6),
    confidence: 0.68,
    examples: {
      fires: [["Neighbours describe him as patient and thorough.", ["patient", "thorough"]]],
      silent: [unmatched("She describes the process as slow.")],
    },
  }),
  fieldRule("traits", "known-for", {
    cue: ["known", "famous", "renowned", "loved", "respected"],
    // "Known for her no-nonsense style", "famous for his dry humour", "respected for her patience".
    pattern:
      /\b(?:known|famous|renowned|loved|respected)\s+for\s+(?:her|his|their|my)\s+((?:[\p{L}-]+\s+){0,2}?)(style|attitude|approach|manner|humou?r|energy|way|temper|patience|calm|honesty|warmth|directness)\b/giu,
    when: ["aboutSubject", "statement"],
    value: (m) => {
      const noun = NOUN_TRAIT[(m[2] ?? "").toLowerCase()];
      return [...traitsIn(m[1] ?? "", traitOf, 6), ...(noun ? [noun] : [])];
    },
    confidence: 0.68,
    examples: {
      fires: [["She is known for her patience.", "patient"]],
      silent: [unmatched("Known for her cakes.")],
    },
  }),
  fieldRule("traits", "manner-label", {
    cue: [":"],
    pattern: WHOLE,
    when: ["aboutSubject", "statement"],
    read: onMannerLine,
    value: (m) => traitsIn(m[0], word, 8),
    confidence: 0.65,
    examples: {
      fires: [["Style: VERY direct, fast.", "direct"]],
      silent: ["Style: see the notes."],
    },
  }),
  fieldRule("traits", "note-run", {
    cue: "always",
    // "Calm, kind, very tidy; replies were short": a note clause running two or more trait words together.
    pattern: /[^;—–]+/g,
    when: ["thirdPerson", joinedNote],
    value: (m) => {
      const run = traitRun(m[0].trim());
      return run.length >= 2 ? run : null;
    },
    confidence: 0.64,
    examples: {
      fires: [["Calm, kind, very tidy; replies were short.", ["calm", "kind", "tidy"], { firstPerson: false }]],
      silent: [["Chatty; answers were long.", { firstPerson: false }]],
    },
  }),
  fieldRule("traits", "note-opening", {
    cue: "always",
    // "Very data-driven, asked for ROI twice", "Thorough — double-checks everything": a note line opening on a trait.
    pattern:
      /^(?:[-•*]\s*)?(?:(?:very|extremely|really|quite|super|incredibly)\s+([\p{L}-]+)|([\p{L}-]+)\s*[—–:-]\s|([\p{L}-]+)\s*(?:,|\band\b)\s*([\p{L}-]+))/iu,
    when: ["aboutSubject", "statement", "thirdPerson"],
    value: (m) => {
      const lone = m[1] ?? m[2];
      if (lone) return word(lone);
      const first = word(m[3] ?? "");
      const second = word(m[4] ?? "");
      return first && second ? [first, second] : null;
    },
    confidence: 0.67,
    examples: {
      fires: [
        ["Very data-driven, asked for ROI twice.", "data-driven", { firstPerson: false }],
        ["Kind, cheerful, but pushes back hard.", ["kind", "cheerful"], { firstPerson: false }],
      ],
      silent: [["Very late again.", { firstPerson: false }]],
    },
  }),
  fieldRule("traits", "third-copula", {
    cue: ["is", "was", "she", "he", "seems"],
    pattern: new RegExp(
      `\\b(?:is|was|she's|he's|seems)\\s+(?:(?:known|famous|renowned|loved) for being\\s+)?${INTENSIFIERS}([\\p{L}-]+)`,
      "giu",
    ),
    when: ["statement", "thirdPerson", topicNamed],
    value: (m) => word(m[1] ?? ""),
    confidence: 0.7,
    examples: {
      fires: [["She is very meticulous.", "meticulous", { firstPerson: false, topicBy: "pronoun" }]],
      silent: [["She is at the depot.", { firstPerson: false, topicBy: "pronoun" }]],
    },
  }),
  fieldRule("traits", "behaviour", {
    cue: tableCues(TRAIT_BEHAVIOURS),
    pattern: WHOLE,
    when: ["statement", behaviourOfSubject],
    value: (m) =>
      mayShowBehaviour(m[0])
        ? TRAIT_BEHAVIOURS.filter(([pattern]) => pattern.test(m[0])).map(([, trait]) => trait)
        : [],
    confidence: 0.6,
    kind: "inferred",
    examples: { fires: [["I colour-code everything.", "organized"]], silent: [unmatched("I drove to the depot.")] },
  }),
];

/** Every value of the table must be stated of the person where it sits (engine/context.ts: statedOnly). */
export const TRAIT_RULES = statedOnly(
  TRAIT_READINGS,
  ["denied", "wished", "seeming", "unticked", "past"],
  usedAsAdjective,
);

export function traitCandidates(units: readonly Unit[]) {
  return listCandidates(TRAIT_RULES, units);
}
