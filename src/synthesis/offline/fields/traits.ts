/** Rules for traits. */
import { type Candidate, fromUnit } from "../engine/candidate.ts";
import { answerDepth, isQuestion, owned, questionOf } from "../engine/context.ts";
import { collapseNear } from "../engine/select.ts";
import { isAboutSubject, isSelf, type Unit } from "../engine/unit.ts";
import { TRAIT_BEHAVIOURS, TRAIT_NOUNS, TRAIT_WORDS } from "../lexicon/traits.ts";

const INTENSIFIERS =
  "(?:(?:a bit|a little|very|quite|pretty|really|more|so|too|fairly|extremely|super|kind of|naturally|always|muy|bastante|un poco)\\s+|\\.{3}\\s*)*";

const SELF_TRAIT = new RegExp(
  `\\b(?:I'm|I’m|I am|Im|I was|soy|I've always been|I can be|I tend to be|I've been called|I'm told I'm|I get called)\\s+${INTENSIFIERS}(?:["“]\\s*)?(?:a |an |the )?(?:["“]\\s*)?([\\p{L}-]+(?: [\\p{L}-]+)?)`,
  "giu",
);

const THIRD_TRAIT = new RegExp(
  `\\b(?:is|was|she's|he's|seems)\\s+(?:(?:known|famous|renowned|loved) for being\\s+)?${INTENSIFIERS}([\\p{L}-]+)`,
  "giu",
);

/** "I'm patient, curious, and more than a little obsessive", "She's cautious and thorough": a copula then a list. */
const TRAIT_LIST =
  /(?:\bI'm|\bI’m|\bI am|\bi['’]?m|\b(?:she|he)(?:'s|’s| is)|\bsoy|\bknown\b[^,.;]{0,30}?\bas an?)\s+([^.;!?:—–]{2,90})/giu;

/** "Warm, funny, but asks pointed questions.": a note that opens on two or more trait words. */
const OPENING_TRAITS = /^(?:[-•*]\s*)?([\p{L}-]+)\s*(?:,|\band\b)\s*([\p{L}-]+)/iu;

const BULLET_TRAIT = /^(?:[-•*]\s*)?([\p{L}-]+)\s*[—–:-]\s/u;

/** What follows a self-description: "but (I'm) very systematic". */
const CONTRAST_TRAIT = new RegExp(
  `^\\s*,?\\s*but\\s+(?:also\\s+)?(?:I'm\\s+|I’m\\s+|I am\\s+)?${INTENSIFIERS}([\\p{L}-]+)`,
  "iu",
);

const RUN_WORD =
  /^(?:[-•*]\s*)?(?:(?:very|really|quite|so|pretty|extremely|super|incredibly|a bit|a little)\s+)?([\p{L}-]+)/iu;

const RUN_JOIN = /^\s*(?:,\s*(?:and\s+|but\s+)?|\s+(?:and|but)\s+)/i;

/** The trait words a clause opens on, joined by commas, "and" or "but" ("Chatty, warm, very funny"). */
function traitRun(clause: string): string[] {
  const found: string[] = [];
  let rest = clause;
  for (let n = 0; n < 6; n += 1) {
    const word = RUN_WORD.exec(rest);
    const trait = word?.[1] ? TRAIT_WORDS[word[1].toLowerCase()] : undefined;
    if (!word || !trait) break;
    found.push(trait);
    rest = rest.slice(word[0].length);
    const join = RUN_JOIN.exec(rest);
    if (!join) break;
    rest = rest.slice(join[0].length);
  }
  return found;
}

function traitOf(word: string): string | null {
  const lower = word.toLowerCase();
  const single = lower.split(" ")[0] ?? "";
  return TRAIT_NOUNS[lower] ?? TRAIT_NOUNS[single] ?? TRAIT_WORDS[lower] ?? TRAIT_WORDS[single] ?? null;
}

/** "My team would say patient", "people call me stubborn", "they tell me I'm the bossy one". */
const OTHERS_SAY =
  /\b(?:people|friends|colleagues|everyone|others|they|(?:my|her|his)\s+(?:team|partner|wife|husband|kids|children|family|friends|colleagues|students|staff|boss|mum|mom|dad|mother|father|sister|brother))\s+(?:would\s+|will\s+|always\s+|often\s+|usually\s+|probably\s+|might\s+)?(?:say|call|tell me|describe me as|think|reckon|used to say)\s+(?:me\s+|that\s+)?(?:I'm|I’m|I am|I was|she's|he's)?\s*(?:a |an |the )?(?:bit |little |very |too |quite |really |so )?([\p{L}-]+)(?:\s+(?:one|person|type))?/giu;

const DESCRIBE_QUESTION =
  /\b(?:describe (?:you|yourself)|definir[ií]as|one word for (?:you|yourself)|words? (?:to describe|for) (?:you|yourself)|in (?:one|two|three|3|a few) words|what are you like|your personality|what kind of person)\b/i;

/** "Style: VERY direct, fast.", "Personality: warm but blunt": a note label naming the subject's manner. */
/** "Colleagues describe her as calm and methodical", "she describes herself as a workaholic". */
const DESCRIBED_AS =
  /\bdescribes?\s+(?:herself|himself|themselves|myself|me|her|him|them)\s+as\s+(?:a |an )?([^.;!?]{3,60})/giu;

/** "Known for her no-nonsense style", "famous for his dry humour". */
const KNOWN_FOR =
  /\b(?:known|famous|renowned|loved|respected)\s+for\s+(?:her|his|their|my)\s+((?:[\p{L}-]+\s+){0,2}?)(?:style|attitude|approach|manner|humou?r|energy|way|temper|patience|calm|honesty|warmth|directness)\b/giu;

const MANNER_LABEL =
  /^(?:[-•*]\s*)?(?:style|personality|demeanou?r|vibe|temperament|character|manner|attitude)\s*:\s*(.+)$/i;

export function traitCandidates(units: readonly Unit[]): Candidate[] {
  const out: Candidate[] = [];
  for (const [i, unit] of units.entries()) {
    if (owned(unit) && !isQuestion(unit)) {
      for (const m of unit.text.matchAll(OTHERS_SAY)) {
        const trait = traitOf(m[1] ?? "");
        if (trait && (isSelf(unit) || unit.firstPerson)) out.push(fromUnit(unit, "traits", trait, 0.65));
      }
      if (isSelf(unit) && DESCRIBE_QUESTION.test(questionOf(units, i)) && answerDepth(units, i) <= 2) {
        for (const word of unit.text.split(/[^\p{L}-]+/u)) {
          const trait = TRAIT_WORDS[word.toLowerCase()] ?? TRAIT_NOUNS[word.toLowerCase()];
          if (trait) out.push(fromUnit(unit, "traits", trait, 0.7));
        }
      }
      for (const m of [...unit.text.matchAll(DESCRIBED_AS), ...unit.text.matchAll(KNOWN_FOR)]) {
        for (const word of (m[1] ?? "").split(/[^\p{L}-]+/u).slice(0, 6)) {
          const trait = traitOf(word);
          if (trait) out.push(fromUnit(unit, "traits", trait, 0.68));
        }
        const noun = (m[0] ?? "").match(
          /\bfor\s+(?:her|his|their|my)\s+(patience|calm|honesty|warmth|directness)\b/i,
        )?.[1];
        const nounTrait: Record<string, string> = {
          patience: "patient",
          calm: "calm",
          honesty: "honest",
          warmth: "warm",
          directness: "direct",
        };
        if (noun && nounTrait[noun.toLowerCase()])
          out.push(fromUnit(unit, "traits", nounTrait[noun.toLowerCase()] ?? "", 0.68));
      }
      const manner = unit.topic === "subject" ? MANNER_LABEL.exec(unit.line) : null;
      if (manner?.[1] && unit.line.startsWith(unit.text.slice(0, 8))) {
        for (const word of manner[1].split(/[^\p{L}-]+/u).slice(0, 8)) {
          const trait = TRAIT_WORDS[word.toLowerCase()];
          if (trait) out.push(fromUnit(unit, "traits", trait, 0.65));
        }
      }
    }
    // "She used to say I was the sensible one": an "I" clause describes the speaker, whoever the sentence is about.
    if (unit.speaker === "subject" && unit.firstPerson) {
      for (const match of unit.text.matchAll(SELF_TRAIT)) {
        const trait = traitOf(match[1] ?? "");
        if (trait) out.push(fromUnit(unit, "traits", trait, 0.8));
        // "I am old-fashioned but very systematic", "I'm shy but stubborn": the contrast is a trait too.
        const firstWord = (match[1] ?? "").split(" ")[0] ?? "";
        const after = unit.text.slice(
          (match.index ?? 0) + match[0].length - (match[1] ?? "").length + firstWord.length,
        );
        const contrast = CONTRAST_TRAIT.exec(after)?.[1];
        const second = contrast ? TRAIT_WORDS[contrast.toLowerCase()] : undefined;
        if (second) out.push(fromUnit(unit, "traits", second, 0.72));
      }
    }
    // "Chatty, warm, very funny; answers were long", "He speaks slowly; very warm, but firm when he disagrees":
    // a note clause that runs two or more trait words together describes the subject.
    if (unit.topic === "subject" && !unit.firstPerson && /,|\band\b|\bbut\b/.test(unit.text)) {
      for (const clause of unit.text.split(/\s*[;—–]\s*/)) {
        const run = traitRun(clause);
        if (run.length >= 2) for (const trait of run) out.push(fromUnit(unit, "traits", trait, 0.64));
      }
    }
    // Behaviour phrases are first-person by construction, also in pro-drop languages ("lo digo claro").
    if (isSelf(unit)) {
      for (const [pattern, trait] of TRAIT_BEHAVIOURS) {
        if (pattern.test(unit.text)) out.push(fromUnit(unit, "traits", trait, 0.6, "inferred"));
      }
    }
    if (isSelf(unit) && unit.firstPerson) {
      if (
        /\bdescribe you|describe yourself|what are you like|how would (?:you|others|colleagues)/i.test(unit.question)
      ) {
        for (const word of unit.text.split(/[^\p{L}-]+/u)) {
          const trait = TRAIT_WORDS[word.toLowerCase()];
          if (trait) out.push(fromUnit(unit, "traits", trait, 0.7));
        }
      }
    }
    // Only the words of a list right after the copula count: "I'm patient with patients" adds patient, not patients.
    if (isAboutSubject(unit) && unit.topic !== "other") {
      for (const match of unit.text.matchAll(TRAIT_LIST)) {
        // "I'm not patient", "she's never late": a denied trait is not one.
        if (/^(?:not|never|no longer|hardly|barely|far from|anything but)\b/i.test((match[1] ?? "").trim())) continue;
        const list =
          (match[1] ?? "")
            .replace(/\b(?:kind|sort) of\b/gi, "")
            .split(/\s+(?:but|because|so|when|with|about|which|who)\b/i)[0] ?? "";
        for (const word of list.split(/[^\p{L}-]+/u)) {
          const trait = TRAIT_WORDS[word.toLowerCase()];
          if (trait) out.push(fromUnit(unit, "traits", trait, 0.7));
        }
      }
      const opening = OPENING_TRAITS.exec(unit.text);
      const first = opening?.[1] ? TRAIT_WORDS[opening[1].toLowerCase()] : undefined;
      const second = opening?.[2] ? TRAIT_WORDS[opening[2].toLowerCase()] : undefined;
      if (first && second && !unit.firstPerson) {
        out.push(fromUnit(unit, "traits", first, 0.65));
        out.push(fromUnit(unit, "traits", second, 0.65));
      }
    }
    // Answers to "describe yourself" are often bare adjectives ("Precise. Introverted."), with no "I" in sight.
    if (isSelf(unit) && !unit.firstPerson && /\bdescribe (?:you|yourself)|\bdefinir[ií]as\b/i.test(unit.question)) {
      for (const word of unit.text.split(/[^\p{L}-]+/u)) {
        const trait = TRAIT_WORDS[word.toLowerCase()] ?? TRAIT_NOUNS[word.toLowerCase()];
        if (trait) out.push(fromUnit(unit, "traits", trait, 0.7));
      }
    }
    if (unit.topic === "subject" && !unit.firstPerson) {
      // "Very data-driven, asked for ROI twice": a note about the subject that opens on an intensified trait.
      const opener = /^(?:[-•*]\s*)?(?:very|extremely|really|quite|super|incredibly)\s+([\p{L}-]+)/iu.exec(unit.text);
      const described = opener?.[1] ? TRAIT_WORDS[opener[1].toLowerCase()] : undefined;
      if (described) out.push(fromUnit(unit, "traits", described, 0.65));
      // "Thorough — double-checks everything": a note about the subject that opens on a trait.
      const bullet = BULLET_TRAIT.exec(unit.text);
      const trait = bullet?.[1] ? TRAIT_WORDS[bullet[1].toLowerCase()] : undefined;
      if (trait) out.push(fromUnit(unit, "traits", trait, 0.7));
    }
    if (unit.topic === "subject" && !unit.firstPerson && unit.topicBy !== "implicit") {
      for (const match of unit.text.matchAll(THIRD_TRAIT)) {
        const trait = TRAIT_WORDS[(match[1] ?? "").toLowerCase()];
        if (trait) out.push(fromUnit(unit, "traits", trait, 0.7));
      }
      for (const [pattern, behaviour] of TRAIT_BEHAVIOURS) {
        if (pattern.test(unit.text)) out.push(fromUnit(unit, "traits", behaviour, 0.6, "inferred"));
      }
    }
    // Quoted self-description in a third-person document ("Calm under pressure, I hope. And stubborn").
    if (unit.quoted && unit.speaker === "subject" && /\bdescribe you/i.test(unit.text)) {
      for (const word of unit.text.split(/[^\p{L}-]+/u)) {
        const trait = TRAIT_WORDS[word.toLowerCase()];
        if (trait && !/describe/i.test(word)) out.push(fromUnit(unit, "traits", trait, 0.7));
      }
    }
  }
  return collapseNear(out);
}
