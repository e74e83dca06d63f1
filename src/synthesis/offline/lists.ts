/** Rules for traits, interests, skills, values, goals and pain points. Precision first: each needs a cue. */
import { type Candidate, fromUnit } from "./candidate.ts";
import { isAboutSubject, isSelf, type Unit } from "./document.ts";
import { foreignListItems, GERMAN_CUES, translateGerman } from "./german.ts";
import {
  AMBIGUOUS_TOOLS,
  COMPLAINT,
  ENTHUSIAST_HOBBIES,
  INTEREST_ENTRIES,
  LANGUAGES,
  LEISURE_CONTEXT,
  LEISURE_QUESTION,
  PAIN_TOPICS,
  PAIN_WORDS,
  TOOL_WORDS,
  TRAIT_BEHAVIOURS,
  TRAIT_NOUNS,
  TRAIT_WORDS,
  VALUE_CUE,
  VALUE_PHRASE_WORDS,
  VALUE_WORDS,
} from "./lexicon.ts";
import { SPANISH_CUES, translateSpanish } from "./spanish.ts";
import {
  escapeRegExp,
  firstClause,
  limitWords,
  stripDeterminers,
  stripLeadingFillers,
  toGerund,
  trimPunctuation,
  wordCount,
} from "./text.ts";

const WORK_CONTEXT =
  /\b(?:since \d{1,2}(?:am|pm)|shift|at work|for work|customers?|orders?|clients?|the job|my job|patients)\b/i;

function owned(unit: Unit): boolean {
  return isAboutSubject(unit) && unit.topic !== "other";
}

/** Words after which a long phrase can be cut without losing its head ("course for new translators in India"). */
const CUT_POINTS = /\s(?:in|at|on|from|with|for|by|during|after|before|to|of|into|about|because|while|when)\s/gi;

/** Keeps a phrase to `max` words by cutting at its last preposition that leaves at most `max` words; null if none. */
export function shorten(phrase: string, max: number, min = 1): string | null {
  const trimmed = trimPunctuation(phrase);
  if (wordCount(trimmed) <= max) return trimmed === "" ? null : trimmed;
  let best: string | null = null;
  for (const m of trimmed.matchAll(CUT_POINTS)) {
    const head = trimPunctuation(trimmed.slice(0, m.index));
    if (wordCount(head) <= max && wordCount(head) >= min) best = head;
  }
  return best;
}

/**
 * The question a unit answers: the unit's own, or a question on an earlier sentence of the same line or just above
 * it ("What matters most? Confidentiality.", "> When you're not in the cellar..."), which segmentation can miss.
 */
function questionOf(units: readonly Unit[], i: number, quotedAnswers = false): string {
  const unit = units[i];
  if (!unit) return "";
  for (let j = i - 1; j >= Math.max(0, i - 4); j -= 1) {
    const previous = units[j];
    if (!previous || previous.source !== unit.source) break;
    const text = previous.text.trim();
    // A quoted ">" line is the question it replies to, unless the answer is itself in the same ">" block.
    // (Only where asked: the older rules were tuned to the first reading.)
    const quotedPrompt = /^>\s*\S/.test(text) && !(quotedAnswers && /^>/.test(unit.line));
    if (/\?["”]?$/.test(text) || quotedPrompt || /^(?:Q\d*|Question)\s*[:.]/i.test(text)) {
      return previous.question && previous.question === text.toLowerCase() ? previous.question : text;
    }
    if (previous.question !== unit.question) break;
  }
  return unit.question;
}

/** How many sentences into its answer a unit is (0 = the first sentence after the question). */
function answerDepth(units: readonly Unit[], i: number, quotedAnswers = false): number {
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

const SCORE_STOP = new Set(["a", "an", "the", "of", "and", "to", "in", "for", "with"]);
function tokens(value: string): string[] {
  return value
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t !== "" && !SCORE_STOP.has(t));
}

/** Two items that say the same thing (half or more of their words shared): keep one. */
function sameItem(a: string, b: string): boolean {
  const ta = new Set(tokens(a));
  const tb = new Set(tokens(b));
  if (ta.size === 0 || tb.size === 0) return false;
  const shared = [...ta].filter((t) => tb.has(t));
  const ratio = shared.length / Math.max(ta.size, tb.size);
  // "playing violin" and "playing accordion" share only a generic word: two items.
  // "safety" is "student safety", but "Arabic" is not "Arabic and French": a joined list holds several items.
  const joined = /\s(?:and|&|or)\s|,/.test(a) || /\s(?:and|&|or)\s|,/.test(b);
  const subset =
    !joined &&
    Math.abs(ta.size - tb.size) <= 2 &&
    shared.length === Math.min(ta.size, tb.size) &&
    shared.some((t) => t.length >= 4 && !/ing$/.test(t));
  return ratio > 0.5 || subset || (ratio === 0.5 && shared.some((t) => t.length >= 5 && !/ing$/.test(t)));
}

/**
 * Near-duplicate values of one field ("short-staffed" and "short staffing") become one value: the most confident
 * (then the shorter) spelling wins and the others keep their quotes as corroboration.
 */
function collapseNear(candidates: readonly Candidate[]): Candidate[] {
  const ranked = [...candidates].sort(
    (a, b) => b.confidence - a.confidence || String(a.value).length - String(b.value).length,
  );
  const kept: Candidate[] = [];
  const canonical = new Map<Candidate, string | number>();
  for (const c of ranked) {
    const twin = kept.find((k) => k.field === c.field && sameItem(String(k.value), String(c.value)));
    canonical.set(c, twin ? twin.value : c.value);
    if (!twin) kept.push(c);
  }
  return candidates.map((c) => ({ ...c, value: canonical.get(c) ?? c.value }));
}

// ---------------------------------------------------------------- traits

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

// ---------------------------------------------------------------- interests

const SPANISH_TOPICS: Record<string, string> = {
  historia: "history",
  música: "music",
  ciencia: "science",
  cocina: "cooking",
  viajes: "travel",
  deporte: "sport",
  política: "politics",
};

function interestLabel(label: string, match: RegExpExecArray, text: string): string | null {
  if (label === "podcasts") {
    const topic = (match[1] ?? match[2] ?? "").toLowerCase();
    const english = SPANISH_TOPICS[topic] ?? (/^(?:to|the|and|listen|escucho)$/.test(topic) ? "" : topic);
    return english ? `${english} podcasts` : "podcasts";
  }
  if (label === "collecting") {
    const thing = (match[1] ?? "").toLowerCase();
    return thing && !/^(?:the|a|my|data|information|feedback|money)$/.test(thing) ? `collecting ${thing}` : null;
  }
  // A family of hobbies whose name is the matched word itself ("sailing", "quilting").
  if (label === "") return match[0].toLowerCase();
  if (label === "instrument") return `playing ${(match[1] ?? "").toLowerCase()}`;
  if (label === "fan") return match[1] ? `${match[1]} fan` : null;
  if (label === "youth sports coaching") {
    const sport =
      /\b(rugby|football|soccer|netball|hockey|basketball|cricket|volleyball|baseball|softball|handball|tennis|swimming|athletics)\b/i
        .exec(text)?.[1]
        ?.toLowerCase();
    return sport ? `${sport} coaching` : null;
  }
  return label;
}

// "I love trail running", "I enjoy baking sourdough": an activity (a gerund) the subject says they like.
const THIRD_LIKES =
  /\b(?:[Ss]he|[Hh]e)\s+(?:really\s+|also\s+)?(?:loves|enjoys|adores|likes)\s+((?:[\p{Ll}-]+\s+){0,2}[\p{Ll}-]+ing(?:\s+[\p{Ll}-]+){0,2})/gu;
const LIKES =
  /\bI\s+(?:really\s+|also\s+)?(?:love|enjoy|adore|like)\s+((?:[\p{Ll}-]+\s+){0,2}[\p{Ll}-]+ing(?:\s+[\p{Ll}-]+){0,2})/gu;
const NOT_HOBBY =
  /^(?:working|being|having|getting|doing|making sure|seeing|knowing|thinking|feeling|going to|trying)\b/;

function likedActivities(unit: Unit): string[] {
  const found: string[] = [];
  const third = unit.topic === "subject" && !unit.firstPerson && unit.topicBy !== "implicit";
  for (const m of [...unit.text.matchAll(LIKES), ...(third ? unit.text.matchAll(THIRD_LIKES) : [])]) {
    const phrase = trimPunctuation(
      firstClause(m[1] ?? "").replace(/\s+(?:and|but|so|because|when|with|at|on|in)\b.*$/, ""),
    );
    if (phrase && !NOT_HOBBY.test(phrase) && wordCount(phrase) <= 4) found.push(phrase);
  }
  return found;
}

// "When I'm not in the yard, I'm ...", "At the weekends I ...": the lead-in says the rest of the sentence is free time.
const LEISURE_LEAD =
  /^(?:(?:when (?:I'm|I’m|I am|she's|he's|she is|he is) not\b(?:[^,]{0,40},|[^,]{0,30}?\s(?=(?:I'm|I’m|I am|I|you'll|she's|he's|she|he)\s))|outside (?:of )?(?:work|the office|the day job|office hours)|in (?:my|her|his) (?:free|spare) time|(?:at |on |most |some )?(?:the )?weekends?(?: ritual| routine)?(?=[\s,:])|on (?:my|her|his) days? off|(?:in the )?evenings|(?:personal|privat|private|hobbies|interests|outside (?:of )?work|off duty|off the clock|off work|after work|after hours|away from (?:work|the job)|downtime|free time|spare time|for fun)\s*(?=:))\s*[,:]?\s*)/i;
/** "Personal: ...", "Hobbies: ...": a note line whose label says the rest is free time. */
const LEISURE_LABEL =
  /^(?:[-•*]\s*)?(?:personal|privat|private|hobbies|interests|outside (?:of )?work|off duty|off the clock|off work|after work|after hours|away from (?:work|the job)|downtime|free time|spare time|for fun|weekends?(?: ritual| routine)?)\s*:/i;
/** "I'm really into bouldering", "obsessed with sourdough", "my hobby is chess". */
const INTO =
  /\b(?:I'm|I’m|I am|she's|he's|she is|he is)\s+(?:really\s+|very\s+|super\s+|totally\s+|also\s+|completely\s+|a bit\s+|kind of\s+)?(?:into|obsessed with|hooked on|addicted to|mad about|crazy about|a (?:big |huge |massive )?fan of)\s+([^,.;!?()—–]+)|\b(?:my|her|his) (?:hobby|hobbies|passion|obsession|guilty pleasure|weekend thing) (?:is|are|:)\s+([^.;!?()—–]+)/giu;
/** "shouting for the Lotte Giants", "cheering on Boca Juniors": a team the subject supports. */
const SUPPORTS_TEAM =
  /\b(?:shout(?:s|ing)?|cheer(?:s|ing)?(?: on)?|root(?:s|ing)?|scream(?:s|ing)?)\s+(?:for\s+)?(?:the\s+)?((?:\p{Lu}[\p{L}'-]+\s?){1,4})/gu;
const ENTHUSIAST =
  /\b(?:keen|avid|amateur|passionate|enthusiastic|obsessive|lifelong|committed|dedicated|weekend|hobby)\s+((?:home |trail )?[\p{L}]+)\b/giu;
const SPENDS_TIME =
  /\bI\s+spend\s+(?:most of\s+)?(?:my|the)\s+(?:evenings|weekends|free time|spare time|sundays|saturdays|mornings|days off|holidays|summers)\s+(\p{Ll}+ing\b[^,.;!?]*)/iu;
/** "I sing", "I play", "I love": a first-person verb of doing or liking a pastime. */
const SELF_PASTIME =
  /\bI\s+(?:also\s+|still\s+|really\s+|absolutely\s+)?(?:love|enjoy|adore|do|play|go|sing|knit|climb|surf|sail|hike|dance|practi[cs]e|swim|paddle|row|fish|crochet|sew|paint|draw|skate|ski|box)\b/i;
/** Lexicon pastimes that are hobbies wherever someone says they do them (not trades like baking or cooking). */
const STANDALONE_HOBBY =
  /choir|knit|crochet|birdwatch|bouldering|climbing|karaoke|board games|chess|surfing|sailing|hiking|yoga|dancing|pottery|kayak|badminton|tennis|padel|golf|volleyball|football|basketball|martial arts|triathlon|bike polo|tabletop|anime|comics|LEGO|puzzles|meditation|ice bathing|sauna|open-water|swimming|running|cycling|drumming|taiko|instrument|gaming|photography|fishing|theatre|stand-up/i;

/** Free time stated around a first-person pastime: "I brew makgeolli at home", "I paint for fun". */
const AT_HOME = /\b(?:at home|for fun|as a hobby|in my (?:spare|free) time|to (?:relax|unwind|switch off))\b/i;
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
  /\s(?:on|at|in|with|for|from|every|each|most|mostly|twice|once|along|when|while|after|before|around|near|whenever|badly|all|most|online|whatever|until|which|because|so|sadly|though)\b.*$|\s+(?:a|per) (?:week|month|day)\b.*$|\s+[—–]\s.*$/i;
const OBJECT_FILLER =
  /^(?:the|a|an|my own|my|our|her|his|some|lots of|a lot of|loads of|tons of|far too many|far too much|way too many|way too much|too many|so many)\s+/i;
const NOT_AN_OBJECT = /\b(?:I|it|is|are|was|them|that|this|which|who|me|you|very|really)\b/i;
const NOT_GERUND_HOBBY =
  /^(?:morning|evening|nothing|something|anything|everything|thing|during|bring|sing|cheering|shouting|rooting|screaming|heading|sitting|waiting|standing|staying|living|ring|king|spring|string|wing|ceiling|building|meeting|wedding|feeling|ending|evening|pudding)$/i;

function hobbyObject(raw: string): string | null {
  let object = trimPunctuation(raw.replace(/\p{Extended_Pictographic}/gu, ""));
  for (let i = 0; i < 3; i += 1) object = object.replace(OBJECT_FILLER, "");
  object = trimPunctuation(` ${object}`.replace(OBJECT_END, ""));
  object = object.replace(/\s+[—–-]\s.*$/, "").replace(/\s*\([^)]*\)?/g, "");
  if (NOT_AN_OBJECT.test(object) || wordCount(object) > 4) return null;
  return object;
}

/** One part of a free-time sentence: "I grow tomatoes on my balcony" -> "growing tomatoes"; "Board games" as is. */
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
  if (gerund && (self || !/^I\b/i.test(part))) {
    const verb = (gerund[1] ?? "").toLowerCase();
    if (NOT_HOBBY.test(verb) || NOT_GERUND_HOBBY.test(verb)) return null;
    // "learning to bake sourdough": the hobby is the thing being learnt.
    const learnt = verb === "learning" ? /^to\s+(\p{Ll}+)\s+(.+)$/u.exec(gerund[2] ?? "") : null;
    if (learnt) {
      const object = hobbyObject(learnt[2] ?? "");
      return object ? `${toGerund(learnt[1] ?? "")} ${object}` : null;
    }
    const object = hobbyObject(gerund[2] ?? "");
    if (object === null) return null;
    return object === "" ? verb : `${verb} ${object}`;
  }
  if (!nounsAllowed || /^I\b/i.test(part)) return null;
  const noun = hobbyObject(part.replace(/^(?:mostly|usually|lots of|a lot of|some|also)\s+/i, ""));
  // "nope", "badly": answers and adverbs, not pastimes.
  if (
    !noun ||
    /\b(?:have|has|do|does|were|my|go|get|got|just|yes|no|nope|nah|nothing|not|much)\b|^\p{L}+ly$/iu.test(noun)
  )
    return null;
  return noun.toLowerCase();
}

/** Free-time items in a sentence that is about free time by its lead-in or by the question it answers. */
function leisureItems(
  unit: Unit,
  answersLeisureQuestion: boolean,
  nounsAllowed = answersLeisureQuestion,
  text = unit.text,
): { items: string[]; parts: string[] } {
  const body = text.replace(/^[-•*>"“]\s*/, "");
  const lead = LEISURE_LEAD.exec(body);
  // A later sentence of a "Personal: ..." note line is free time too.
  const labelled = !lead && LEISURE_LABEL.test(unit.line) && !unit.line.startsWith(body);
  if (!lead && !labelled && !answersLeisureQuestion) return { items: [], parts: [] };
  const rest = body
    .slice(lead?.[0].length ?? 0)
    .replace(FOUND_DOING, "")
    .replace(/\s*\([^)]*\)?/g, "");
  const parts = rest.split(/\s*(?:,\s*(?:and|or)?|;|\s(?:and|or|&)\s)\s*/i).filter((p) => p.trim() !== "");
  const known = (text: string) => INTEREST_ENTRIES.find((entry) => entry.pattern.test(text));
  // A lead-in fragment ("Cold water.") followed by a recognised hobby on its line is that hobby's preamble.
  const preamble = !known(body) && known(unit.line.slice(unit.line.indexOf(body) + body.length)) !== undefined;
  const items: string[] = [];
  const used: string[] = [];
  for (const part of parts) {
    const self = (isSelf(unit) && unit.firstPerson) || lead !== null || labelled;
    // "Off the clock: roller derby and houseplants": a label lead names pastimes as bare nouns.
    const labelLead = lead !== null && /:\s*$/.test(lead[0]);
    let item =
      hobbyOf(trimPunctuation(part), nounsAllowed && !preamble, self) ??
      (labelLead && !known(part) ? hobbyOf(trimPunctuation(part), !preamble, self) : null);
    // The lexicon names the pastime better than a bare verb ("Climbing at the bouldering gym" -> bouldering) or
    // than an equally long paraphrase ("singing alto" -> choir singing).
    const entry = item ? known(part) : undefined;
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
    if (item && wordCount(item) <= 4) {
      items.push(item);
      used.push(part.toLowerCase());
    }
  }
  return { items, parts: used };
}

export function interestCandidates(units: readonly Unit[]): Candidate[] {
  const out: Candidate[] = [];
  units.forEach((unit, i) => {
    if (!owned(unit)) return;
    const question = questionOf(units, i);
    const leisureQuestion = isSelf(unit) && LEISURE_QUESTION.test(question);
    const firstAnswer = leisureQuestion && (isFirstAnswer(units, i) || answerDepth(units, i) === 0);
    // Later sentences of the answer still count when they name a pastime by its verb ("And I go birdwatching").
    const answersLeisure = firstAnswer || (leisureQuestion && answerDepth(units, i) <= 2);
    const taken = new Set<string>();
    // Parts already read as a hobby: a lexicon word inside them ("bake" in "learning to bake sourdough") is covered.
    const usedParts: string[] = [];
    if (!WORK_CONTEXT.test(unit.text) || answersLeisure) {
      // A free-time lead-in after an emoji or mid-unit ("... 😅 Weekends I do community theatre").
      const pieces = unit.text.split(/(?<=[.!?…\p{Extended_Pictographic}])\s+(?=\p{Lu})/u);
      for (const [k, piece] of pieces.entries()) {
        if (k > 0 && !LEISURE_LEAD.test(piece)) continue;
        const { items, parts } = leisureItems(unit, answersLeisure && k === 0, firstAnswer && k === 0, piece);
        for (const item of items) {
          if (taken.has(item)) continue;
          taken.add(item);
          out.push(fromUnit(unit, "interests", item, 0.7));
        }
        usedParts.push(...parts);
      }
    }
    const free = !WORK_CONTEXT.test(unit.text) || LEISURE_CONTEXT.test(unit.text);
    if (free) {
      for (const m of unit.text.matchAll(INTO)) {
        // "My hobbies are chess and birding": a list of pastimes.
        const listed = m[2] ? firstClause(m[2]).split(/\s*(?:,|\band\b|&|\+)\s*/) : [firstClause(m[1] ?? "")];
        for (const raw of listed) {
          const item = hobbyObject(raw.replace(/\s+(?:these days|lately|now|recently)$/i, ""));
          if (item && wordCount(item) <= 3 && !taken.has(item.toLowerCase())) {
            taken.add(item.toLowerCase());
            out.push(fromUnit(unit, "interests", item, 0.7));
            usedParts.push(item.toLowerCase());
          }
        }
      }
      // "a keen gardener", "an avid reader".
      for (const m of unit.text.matchAll(ENTHUSIAST)) {
        const hobby = ENTHUSIAST_HOBBIES[(m[1] ?? "").toLowerCase()];
        if (hobby && !taken.has(hobby)) {
          taken.add(hobby);
          out.push(fromUnit(unit, "interests", hobby, 0.7));
          usedParts.push(m[0].toLowerCase());
        }
      }
      // "I spend my evenings painting miniatures".
      const spend = SPENDS_TIME.exec(unit.text);
      const spent = spend ? hobbyOf(trimPunctuation(spend[1] ?? ""), false, true) : null;
      if (spent && !taken.has(spent) && isSelf(unit)) {
        taken.add(spent);
        out.push(fromUnit(unit, "interests", spent, 0.68));
        usedParts.push((spend?.[1] ?? "").toLowerCase());
      }
    }
    // "I sing in a choir", "I play chess": a first-person pastime the lexicon knows, with no work in the sentence.
    if (isSelf(unit) && unit.firstPerson && !WORK_CONTEXT.test(unit.text) && SELF_PASTIME.test(unit.text)) {
      for (const entry of INTEREST_ENTRIES) {
        if (!STANDALONE_HOBBY.test(entry.label || entry.pattern.source)) continue;
        const match = entry.pattern.exec(unit.text);
        const label = match ? interestLabel(entry.label, match, unit.text) : null;
        const covered = match && usedParts.some((part) => part.includes(match[0].toLowerCase()));
        if (label && !covered && !taken.has(label) && ![...taken].some((t) => t.includes(label) || label.includes(t))) {
          taken.add(label);
          out.push(fromUnit(unit, "interests", label, 0.62));
        }
      }
    }
    if (LEISURE_CONTEXT.test(unit.text)) {
      for (const m of unit.text.matchAll(SUPPORTS_TEAM)) {
        const team = trimPunctuation(m[1] ?? "");
        if (team && !taken.has(team)) {
          taken.add(team);
          out.push(fromUnit(unit, "interests", team, 0.68));
        }
      }
    }
    // "I brew makgeolli at home": a pastime verb with a free-time phrase, anywhere in the answer.
    if (isSelf(unit) && unit.firstPerson && AT_HOME.test(unit.text) && !WORK_CONTEXT.test(unit.text)) {
      for (const clause of unit.text.split(/,\s*|\s+and\s+|;\s*/)) {
        const item = /^(?:and\s+)?I\s/i.test(clause.trim())
          ? hobbyOf(trimPunctuation(clause.trim().replace(/^and\s+/i, "")), false, true)
          : null;
        if (item && !taken.has(item) && !/^(?:making|doing|keeping|going|playing)$/.test(item)) {
          taken.add(item);
          out.push(fromUnit(unit, "interests", item, 0.65));
          usedParts.push(clause.toLowerCase());
        }
      }
    }
    if ((isSelf(unit) || unit.topic === "subject") && !WORK_CONTEXT.test(unit.text)) {
      for (const activity of likedActivities(unit)) {
        if (taken.has(activity)) continue;
        taken.add(activity);
        out.push(fromUnit(unit, "interests", activity, 0.75));
      }
    }
    // "a keen open-water swimmer": only when the sentence names its person, not one carried over from a heading.
    const keen = /\b(?:keen|avid)\s+[\p{L}-]+(?:er|ist)\b/u.test(unit.text) && unit.topicBy !== "implicit";
    const leisure = keen || LEISURE_CONTEXT.test(unit.text) || LEISURE_QUESTION.test(unit.question);
    if (!leisure || (WORK_CONTEXT.test(unit.text) && !LEISURE_CONTEXT.test(unit.text))) return;
    for (const entry of INTEREST_ENTRIES) {
      const match = entry.pattern.exec(unit.text);
      if (!match) continue;
      const label = interestLabel(entry.label, match, unit.text);
      if (!label || taken.has(label)) continue;
      if (usedParts.some((part) => part.includes(match[0].toLowerCase()))) continue;
      // "open-water swimming" already covers "swimming" in the same sentence.
      if ([...taken].some((t) => t.includes(label) || label.includes(t))) continue;
      taken.add(label);
      out.push(fromUnit(unit, "interests", label, 0.7));
    }
  });
  return collapseNear(out);
}

// ---------------------------------------------------------------- skills

const GOOD_AT =
  /\b(?:I'm|I’m|I am|Im|she's|he's|is|are|really|very)\s+(?!not\b|never\b)(?:\w+\s+)?(?:good|great|skilled|brilliant|excellent|strong|handy|decent|solid|confident|comfortable|quick|fast)\s+(?:at|with)\s+([^,.;!?]+)/gi;
/** "15 years of experience in logistics", "a background in structural engineering". */
const EXPERIENCE_IN =
  /\b(?:experience|expertise|background|grounding)\s+(?:in|with)\s+([^,.;!?()]+?)(?=\s+(?:at|for|since|from|when|but|and then)\b|[,.;!?()]|$)/gi;
/** "I'm the go-to person for spreadsheets", "I've got a forklift licence". */
const GO_TO =
  /\b(?:I'm|I’m|I am|she's|he's|she is|he is)\s+(?:the|our|their)\s+go-?to\s+(?:person|guy|girl|woman|man|one)?\s*(?:for|on)\s+([^,.;!?]+)|\b(?:I've got|I have|I hold|I've got my|got my|holds?)\s+(?:a |an |my |the )?((?:[\p{L}\d-]+\s+){1,3}(?:licen[cs]e|certificate|certification|qualification|ticket))\b/giu;
/** "Skills: planting design, AutoCAD and hand sketching", "skills I've picked up along the way: ...". */
const SKILL_FIELD = /^(?:[-•*]\s*)?(?:my\s+)?(?:key\s+)?skills?\b[^:]{0,40}:\s*(.+)$/i;
const EXPERT_IN =
  /\b(?:specialist|expert|skilled|experienced|proficient|trained|certified)\s+(?:in|at|on)\s+([^,.;!?]+)/gi;
/**
 * Other marks of expertise: "she specialises in wavefront sensing and X", "our wheel-building specialist", "the
 * person to ask about hub gears".
 */
const EXPERTISE_MARK =
  /\bspeciali[sz](?:es|ed|ing|e)\s+in\s+([^.;!?()]+)|\b(?:our|the|their|a|an)\s+((?:[\p{L}-]+\s+){0,1}[\p{L}-]+)\s+(?:specialist|expert|guru|wizard)\b|\b(?:the )?(?:person|one|guy|woman|man) to ask about\s+([^,.;!?()]+)/giu;
const QUALIFIED_FOR = /\bqualified\s+(?:for|in)\s+([^.;!?]+)/gi;
const DID_MYSELF =
  /\bI\s+(did|do|made|make|built|build|wrote|write|designed|design|handle|handled|run|ran|manage|managed|fix|fixed|edit|edited|cut|shoot|shot|sew|sewed)\s+((?:all\s+)?(?:the\s+|my\s+|our\s+)?[^,.;!?]{2,40}?)\s+myself\b/gi;
const SKILL_VERBS =
  /\bI\s+(?:already\s+|also\s+|mainly\s+|mostly\s+|usually\s+|still\s+)?(mentor|train|teach|coach|sign off|manage|lead|run|design|install|repair|fix|translate|interpret|roast|edit|write|build|code|program|develop|service|weld|wire|photograph|illustrate|animate|negotiate|audit|prune|graft|blend|ferment|distil|tailor|diagnose|triage|assess|restore|maintain|supervise|schedule|plan|organi[sz]e|draft|moderate|facilitate|research|analy[sz]e|survey|inspect|calibrate|program)\s+([^,.;!?—–]{3,60})/gi;
/** "She runs a cellar crew of nine", "Priya leads a team of 40": what a bio says the subject does. */
const THIRD_SKILL_VERBS =
  /^(?:(?:she|he|they)|\p{Lu}[\p{L}'-]+)\s+(?:also\s+|now\s+)?(runs|leads|manages|teaches|trains|coaches|mentors|designs|builds|repairs|translates|interprets|roasts|edits|writes|develops|supervises|oversees|organi[sz]es|negotiates|handles)\s+([^,.;!?—–]{3,60})/u;
/** "I've been translating Japanese into English for fifteen years", "Been teaching for eleven years". */
const YEARS_PRACTISING =
  /\b(?:I've|I have|I’ve|I'd|she's|he's|has|have)?\s*been\s+(\p{Ll}{3,}ing)\b\s*((?:[\p{L}-]+\s+){0,4}?)(?:for|since)\s+(?:\d|a\b|an\b|over|almost|nearly|about|more than|the (?:last|past)|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|decades|years|ages)/giu;
const NOT_A_PRACTICE =
  /^(?:living|working|waiting|trying|thinking|going|doing|using|coming|married|dating|saving|looking|struggling|getting|feeling|sleeping|staying|meaning|planning|hoping|wanting|talking|asking|telling|putting|paying|chasing)$/i;
/** "licensed Q Grader", "UDT-certified trainer", "certified scuba instructor": a credential names a skill. */
const CERTIFIED_AS =
  /\b((?:[\p{L}\d]+-)?(?:certified|licensed|qualified|accredited|registered|chartered|trained))\s+((?:[\p{L}\d-]+\s+){0,3}(?:[\p{L}-]{3,}(?:er|or|ist|ian)|nurse|pilot|guide|coach|instructor|trainer|engineer|accountant|surveyor|electrician|plumber|grader|sommelier|midwife|paramedic|therapist|interpreter|translator|diver|mechanic|technician))\b/giu;
/** "Her day job is 'half chemistry': native-yeast fermentations, blending trials and ...": what the job consists of. */
const DAY_JOB =
  /\b(?:(?:my|her|his|the)\s+day\s+job\b([^.;!?]{0,60}?)\s(?:is|was|consists of|means|involves)\s+(?:mostly\s+|basically\s+|mainly\s+)?|(?:my|her|his)\s+(?:job|work)\s+(?:consists of|involves|is mostly|is mainly|is basically)\s+)([^.;!?]+)/iu;
const PAST_WORK = /\bI was (?:doing|working (?:as|in|on))\s+(?:a |an )?([^,.;!?]{2,40}?)\s+(?:for|at|in)\b/gi;
const YEARS_DOING = /\b(?:years?|decades?)\s+(?:of\s+)?((?:\p{Ll}+ing)\b[^.;!?]{3,200})/giu;
const LANGUAGE_ALT = LANGUAGES.map(escapeRegExp).join("|");
/** "sign language interpreter — ASL and LSQ", "Polish interpreter": languages someone interprets or translates. */
const INTERPRETS = new RegExp(
  `\\b(?:interpreter|translator|interpreting|translating|translation)\\b[^.;!?]{0,25}?[—–:-]\\s*((?:${LANGUAGE_ALT})(?:\\s*(?:,|and|&|/)\\s*(?:${LANGUAGE_ALT}))*)\\b|\\b((?:${LANGUAGE_ALT})(?:\\s*(?:,|and|&|/|-|to|into)\\s*(?:${LANGUAGE_ALT}))*)\\s+(?:interpreter|translator|interpreting|translation)\\b`,
  "gu",
);
const LANGUAGE_LIST = new RegExp(
  `\\b(?:speaks?|fluent in|languages?:?|hablo)\\s+((?:(?:${LANGUAGES.join("|")})(?:,\\s*|\\s+and\\s+|\\s+y\\s+)?){1,8})`,
  "gi",
);
/** Distinctive tool names wherever the subject mentions them ("I still think Figma auto-layout is magic"). */
const TOOL_MENTION = new RegExp(`(?<![\\p{L}\\d])(${TOOL_WORDS.map(escapeRegExp).join("|")})(?![\\p{L}\\d])`, "gu");
const TOOL_USE = new RegExp(
  `(?:\\b(?:in|with|using|on|is|uses?|around|know|knows|learned|learnt|master(?:ed)?)\\s+|^(?:[-•*]\\s*)?|\\+\\s*)(${TOOL_WORDS.map(escapeRegExp).join("|")})(?=$|[^\\p{L}])(?!\\s+(?:for real|properly))`,
  "gu",
);
const LEARNING = /\b(?:learn|learning|teach you|taught me|want to|studying)\b/i;
const OCCUPATION_SKILLS: readonly [RegExp, (m: RegExpExecArray) => string][] = [
  [
    /\b((?:ICU|A&E|critical care|intensive care|paediatric|pediatric|theatre|district|mental health)\s+)?nurse\b/i,
    (m) => `${m[1] ?? ""}nursing`,
  ],
  [/\bmidwife\b/i, () => "midwifery"],
];

// "... in wild fermentation and speaks Welsh": a second verb starts a new statement.
const NEXT_PREDICATE =
  /\s+and\s+(?:is|was|has|had|speaks|lives|works|runs|leads|trains|teaches|holds|enjoys|loves|plays|spends)\b.*$/i;

/** Words that put a sentence in free time, where "I bake" is a hobby rather than a skill. */
const FREE_TIME =
  /\b(?:weekends?|free time|spare time|for fun|hobby|hobbies|days? off|holidays?|outside (?:of )?work|after work|when I'?m not)\b/i;

/** The object of a skill verb, cut before where, when and why ("chemistry at a public school" -> chemistry). */
function skillObject(raw: string): string | null {
  const head = (raw.split(/\s+and\s+/)[0] ?? "")
    .replace(/^(?:all|most|some|many)\s+(?:of\s+)?/i, "")
    .split(/\s+(?:at|in|for|to|on|from|with|because|so|since|every|each|when|while|as|like|into|by)\s+/i)[0];
  const object = skillPhrase(head ?? "", 4);
  if (
    !object ||
    /^(?:it|them|you|me|us|her|him|this|that|what|things|stuff|sure|everything|something|to|for|at|in|on|with|about|from|back|up|out|down)\b/i.test(
      object,
    )
  )
    return null;
  return object;
}

function skillPhrase(raw: string, maxWords = 5): string | null {
  const phrase = trimPunctuation(stripDeterminers(firstClause(stripLeadingFillers(raw.replace(NEXT_PREDICATE, "")))));
  if (phrase === "" || wordCount(phrase) > maxWords) return null;
  return phrase;
}

export function skillCandidates(units: readonly Unit[], occupation: string | null): Candidate[] {
  const out: Candidate[] = [];
  const push = (unit: Unit, value: string | null, confidence: number, kind: "stated" | "inferred" = "stated") => {
    if (value) out.push(fromUnit(unit, "skills", value, confidence, kind));
  };
  for (const unit of units) {
    if (!owned(unit)) continue;
    for (const m of unit.text.matchAll(GOOD_AT)) push(unit, skillPhrase(m[1] ?? ""), 0.8);
    const field = unit.line.startsWith(unit.text.slice(0, 12)) ? SKILL_FIELD.exec(unit.line) : null;
    if (field?.[1]) {
      for (const part of field[1].split(/\s*(?:,|;|\+|\band\b)\s*/)) {
        const item = skillPhrase(part.replace(/\s*\([^)]*\)?/g, ""), 4);
        if (item) push(unit, item, 0.75);
      }
    }
    for (const m of unit.text.matchAll(EXPERT_IN)) push(unit, skillPhrase(m[1] ?? "", 6), 0.75);
    for (const m of /speciali|expert|guru|wizard|to ask about/i.test(unit.text)
      ? unit.text.matchAll(EXPERTISE_MARK)
      : []) {
      const parts = m[1] ? m[1].split(/\s*,\s*(?:and\s+)?|\s+and\s+/) : [m[2] ?? m[3] ?? ""];
      for (const part of parts) {
        const item = skillPhrase(part.replace(/^(?:the|a|an)\s+/i, ""), 5);
        if (item && !/^(?:in-house|resident|local|leading|world|real|true|certified|our|the)$/i.test(item))
          push(unit, item, 0.68);
      }
    }
    for (const m of /experience|expertise|background|grounding/i.test(unit.text)
      ? unit.text.matchAll(EXPERIENCE_IN)
      : []) {
      for (const part of (m[1] ?? "").split(/\s*(?:,|\band\b)\s*/)) push(unit, skillPhrase(part, 4), 0.68);
    }
    for (const m of /go-?to|licen|certif|qualif|ticket/i.test(unit.text) ? unit.text.matchAll(GO_TO) : [])
      push(unit, skillPhrase(m[1] ?? m[2] ?? "", 5), 0.7);
    // "I do all our social media": everything of a kind done by the subject.
    const doesAll = isSelf(unit)
      ? /\bI\s+(?:also\s+)?do\s+all\s+(?:of\s+)?(?:the|our|my)\s+([^,.;!?—–]{3,40})/i.exec(unit.text)
      : null;
    if (doesAll) push(unit, skillObject(doesAll[1] ?? ""), 0.62);
    for (const m of unit.text.matchAll(QUALIFIED_FOR)) {
      if (/\b(?:to be|to become|become|becoming|get|getting|want|hope|plan)\s*$/i.test(unit.text.slice(0, m.index)))
        continue;
      for (const part of (m[1] ?? "").split(/\s*(?:,|\band\b)\s*/)) push(unit, skillPhrase(part), 0.7);
    }
    for (const m of unit.text.matchAll(LANGUAGE_LIST)) {
      const languages = (m[1] ?? "").split(/\s*(?:,|\band\b|\by\b)\s*/).filter((l) => LANGUAGES.includes(l));
      if (languages.length >= 3) push(unit, `multilingual (${languages.join(", ")})`, 0.75);
      else for (const language of languages) if (language !== "English") push(unit, language, 0.75);
    }
    if (isSelf(unit)) {
      for (const m of unit.text.matchAll(DID_MYSELF)) {
        const verb = (m[1] ?? "").toLowerCase();
        const object = skillPhrase((m[2] ?? "").replace(/^all\s+/i, ""));
        if (object) push(unit, verb === "do" ? `doing ${object}` : object, 0.7);
      }
      const leisureHere = FREE_TIME.test(unit.text) || AT_HOME.test(unit.text) || LEISURE_LEAD.test(unit.text);
      for (const m of leisureHere ? [] : unit.text.matchAll(SKILL_VERBS)) {
        // "mentor new starters and the international nurses": the first object names the skill well enough.
        const object = skillObject(m[2] ?? "");
        if (object) push(unit, toGerund(`${m[1] ?? ""} ${object}`), 0.6);
      }
      for (const m of unit.text.matchAll(PAST_WORK)) push(unit, skillPhrase(m[1] ?? "", 3), 0.6);
    }
    if (unit.topic === "subject" && !unit.firstPerson) {
      for (const m of unit.text.matchAll(YEARS_DOING)) {
        for (const part of (m[1] ?? "").split(/\s*(?:,|\band\b)\s*/)) {
          const cut = part.split(/\s+(?:in|at|for|with|on|across)\s+/)[0] ?? part;
          if (/^\p{Ll}+ing\b/u.test(cut)) push(unit, skillPhrase(cut, 4), 0.6);
        }
      }
    }
    if (!LEARNING.test(unit.text) && !PAIN_LABEL.test(unit.line)) {
      for (const m of unit.text.matchAll(TOOL_USE)) push(unit, m[1] ?? null, 0.65);
      for (const m of unit.text.matchAll(TOOL_MENTION)) {
        // A tool the subject uses or knows, not one that failed them ("The Xero sync pushed duplicates") or that
        // they want a certificate in ("get my AWS certification").
        const before = unit.text.slice(Math.max(0, (m.index ?? 0) - 50), m.index);
        const after = unit.text.slice((m.index ?? 0) + (m[1] ?? "").length, (m.index ?? 0) + (m[1] ?? "").length + 25);
        const used = /\b(?:I|I'm|I've|my|she|he|uses?|used|using|in|with|on|via|through|know|knows|and)\b/i.test(
          before,
        );
        const notUse =
          /^\s*(?:certification|certificate|cert|exam|course|sync|integration|support|outage|update)\b/i.test(after);
        if (!AMBIGUOUS_TOOLS.has(m[1] ?? "") && used && !notUse) push(unit, m[1] ?? null, 0.62);
      }
    }
    const credentialed = /certified|licensed|qualified|accredited|registered|chartered|trained/i.test(unit.text);
    for (const m of credentialed ? unit.text.matchAll(CERTIFIED_AS) : []) {
      // "want to be qualified for court work" is an aim; only a held credential is a skill.
      const before = unit.text.slice(0, m.index);
      if (!/\b(?:to be|to become|become|becoming|get|getting|want|hope|plan)\s*$/i.test(before))
        push(unit, `${m[1]} ${m[2]}`, 0.68);
    }
    for (const m of /interpret|translat/i.test(unit.text) ? unit.text.matchAll(INTERPRETS) : []) {
      const kind = /translat/i.test(m[0]) ? "translation" : "interpreting";
      const languages = (m[1] ?? m[2] ?? "").split(/\s*(?:,|\band\b|&|\/|-|\bto\b|\binto\b)\s*/);
      if (m[2] && languages.length === 2 && kind === "translation")
        push(unit, `${languages[0]}-${languages[1]} translation`, 0.7);
      else for (const language of languages) if (LANGUAGES.includes(language)) push(unit, `${language} ${kind}`, 0.7);
    }
    if (isSelf(unit) || (unit.topic === "subject" && unit.topicBy !== "implicit")) {
      for (const m of /\bbeen\b/i.test(unit.text) ? unit.text.matchAll(YEARS_PRACTISING) : []) {
        const verb = (m[1] ?? "").toLowerCase();
        if (NOT_A_PRACTICE.test(verb)) continue;
        const object = skillPhrase((m[2] ?? "").split(/\s+(?:in|at|for|with|on|from|as)\s+/)[0] ?? "", 4);
        push(unit, object ? `${verb} ${object}` : verb, 0.65);
      }
    }
    const leisure = FREE_TIME.test(unit.text) || AT_HOME.test(unit.text) || LEISURE_LEAD.test(unit.text);
    if (unit.topic === "subject" && !unit.firstPerson && unit.topicBy !== "implicit" && !leisure) {
      const m = THIRD_SKILL_VERBS.exec(unit.text);
      const object = m ? skillObject(m[2] ?? "") : null;
      // "leads the veterinary unit" names a post; "runs a crew of nine" names what they are good at.
      const people = /\b(?:team|crew|staff|people|nurses|volunteers|instructors|group|class(?:es)?|\d+)\b/i;
      const managing = /^(?:runs|leads|manages|oversees|supervises|handles|organi[sz]es)$/i.test(m?.[1] ?? "");
      if (m && object && (!managing || people.test(m[2] ?? "")))
        push(unit, `${toGerund((m[1] ?? "").replace(/e?s$/, ""))} ${object}`, 0.6);
    }
    const dayJob = owned(unit) ? DAY_JOB.exec(unit.text) : null;
    if (dayJob?.[2]) {
      const [head, afterColon] = dayJob[2].split(/:\s*/, 2);
      const quotedHead = /^["“]/.test((head ?? "").trim());
      const listed = quotedHead && afterColon ? afterColon : head;
      for (const part of (listed ?? "").split(/\s*(?:,|;|\band\b)\s*/)) {
        const item = skillPhrase(
          part.replace(/^(?:a (?:great|good) deal of|lots of|a lot of|plenty of|some)\s+/i, ""),
          3,
        );
        if (item && !/["“”]|\b(?:I|it|is|was|half)\b/i.test(item)) push(unit, item, 0.6);
      }
    }
  }
  if (occupation) {
    const subjectUnit = units.find(
      (u) => owned(u) && u.text.toLowerCase().includes(occupation.toLowerCase().split(" ").pop() ?? "\u0000"),
    );
    for (const [pattern, build] of OCCUPATION_SKILLS) {
      const m = pattern.exec(occupation);
      if (m && subjectUnit) push(subjectUnit, build(m).trim(), 0.5, "inferred");
    }
  }
  return collapseNear(out);
}

// ---------------------------------------------------------------- values

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

// ---------------------------------------------------------------- goals

const GOAL_CUES: readonly [RegExp, string, number][] = [
  [
    /\b(?:my |the |end |main |big |real )*goal(?:\s+(?:this|for|is)\s+[\w ]{0,15}?)?\s*(?:is|:)\s*(?:to\s+)?(.+)/i,
    "",
    0.8,
  ],
  [/\b(?:the real dream|my dream|the dream)(?: is)?,?\s*(?:is\s+)?to\s+(.+)/i, "", 0.75],
  [/\bI(?:'d| would) (?:like|love) to\s+(.+)/i, "", 0.65],
  [/\b(?:I'm |I am )?hoping to\s+(.+)/i, "", 0.7],
  [/\bI (?:hope|plan|intend|aim) to\s+(.+)/i, "", 0.7],
  [/\b(?:I'm|I am) (?:planning|aiming|going) to\s+(.+)/i, "", 0.7],
  [/\b(?:I|[Ww]e) want to\s+(.+)/, "", 0.55],
  [/\b(?:[Ss]he|[Hh]e) (?:wants|hopes|plans|intends|aims) to\s+(.+)/, "", 0.65],
  [/\bworking towards?\s+(.+)/i, "", 0.65],
  [/\b(?:I'm|I am|we're|we are|I've been)\s+(?:really\s+)?looking to\s+(.+)/i, "", 0.62],
  [/\blooking for (?:a |an |some )?(?:way|ways|tool|help) to\s+(.+)/i, "", 0.6],
  [
    /^(?:[-•*]\s*)?(?:(?:[Ss]he|[Hh]e)\s+)?[Ww]ants\s+(?:a |an |the |to have |one |proper )((?:[\p{L}-]+\s*){1,6})/u,
    "",
    0.58,
  ],
  [
    /\b(?:I'm|I am|we're|we are)\s+saving\s+(?:up\s+)?(?:for|to buy)\s+(?:a |an |the |my |our )?(.+)/i,
    "save for ",
    0.62,
  ],
  [
    /\b(?:I'm|I am)\s+training for\s+(?:the |a |an |my first )?((?:[\p{L}\d-]+\s+){0,3}(?:marathon|half marathon|half|ultra|triathlon|ironman|race|10k|5k|trek))\b/iu,
    "run ",
    0.65,
  ],
  [
    /\b(?:I'm|I am|we're|we are)\s+working on\s+((?:getting|opening|building|finishing|writing|launching|learning|improving|growing|setting up|starting)\b.+)/i,
    "",
    0.62,
  ],
  [/\b(?:I'm|I am|we're|we are) opening\s+(.+)/i, "open ", 0.7],
  [/\b(?:current|main) focus is\s+(.+)/i, "", 0.6],
  [/\bmi objetivo(?: este año| para [\w ]{1,15})? es\s+(.+)/i, "", 0.7],
  [
    /\b(?:my|the|our|her|his)\s+(?:(?:main|big|real|long-term|next|first|ultimate)\s+)?(?:plan|aim|ambition|hope|intention|target|objective|mission|dream)(?:\s+(?:for|this|next)\s+[\w ]{1,15}?)?\s*(?:is|was|:)\s*(?:to\s+)?(.+)/i,
    "",
    0.72,
  ],
  [/\bI\s+(?:really\s+)?want\s+(?:us|them|the team|my team)\s+to\s+(.+)/i, "", 0.6],
  [
    /\b(?:I'd|I would|I'll|I will)?\s*(?:someday|one day|some day|eventually)(?!\s*(?:a|per|each|every|last|of|in|at|off|later|before|after|we|they|he|she)\b),?\s+(?:I(?:'d| would)? (?:like|love|want) to\s+|I(?:'ll| will| want to| hope to)\s+)?(.+)/i,
    "",
    0.6,
  ],
  [/\b(?:I'm |I am )?[Ll]earning\s+(\p{Lu}[\p{L}+#]*(?:\s\p{Lu}[\p{L}]*)?)/u, "learn ", 0.65],
  [
    /\bI started an? (?:part-time |full-time |new )?((?:MSc|MA|MBA|PhD|BSc|degree|diploma|master'?s|course|apprenticeship)\b[^.;!?]*)/i,
    "complete ",
    0.7,
  ],
];
/** Concrete aims read whatever else the sentence says: courses, exams, certifications, applications. */
const GOAL_EXTRA_CUES: readonly [RegExp, string, number][] = [
  [
    /\b(?:I'm|I am|currently|now)\s+(?:doing|taking|studying for|working on|enrolled in|halfway through)\s+(?:an?\s+|my\s+)?((?:part-time\s+|full-time\s+|online\s+|evening\s+|night\s+)?(?:MSc|MA|MBA|PhD|BSc|BA|degree|diploma|master'?s|masters|bachelor'?s|doctorate|apprenticeship|certificate|certification|course|qualification)\b[^.;!?—–]*)/i,
    "complete ",
    0.7,
  ],
  [
    /\b(?:study|studying|revising|training|preparing)\s+for\s+(?:the|my|an?)\s+((?:[\p{L}\d-]+\s+){0,4}?(?:certification|certificate|qualification|licen[cs]e|exam|diploma))\b/iu,
    "get ",
    0.68,
  ],
  [
    /\b(?:booked|registered for|signed up for|sitting|taking|entered)\s+(?:the|my|an?)\s+((?:[\p{L}\d-]+\s+){0,4}?(?:exam|test|marathon|half marathon|race|triathlon))\b/iu,
    "pass ",
    0.62,
  ],
  [
    /\bapplied\s+(?:for|to)\s+(?:the|a|an)\s+((?:[\p{L}-]+\s+){0,4}?)(?:role|job|position|post|promotion)\b/iu,
    "become ",
    0.65,
  ],
];

const GOAL_QUESTION =
  /\b(?:what'?s next|next for you|what next|looking ahead|next (?:year|step|chapter)|hoping for|working towards?|goals?|success look like|where do you (?:want|see)|in (?:a|one|five) years?|(?:your|any|future|career) plans|plans for|hope to|(?:want|like) to achieve|achieve this year|dream)\b/i;
/** "Goals:", "Goals for 2025:", "Aims this year:"; not "Plan:", which in tickets names a subscription. */
const GOAL_LABEL =
  /^(?:(?:main|key|her|his|their|my)\s+)?(?:goals?|aims?|objectives?|ambitions?|plans|next steps|wishlist|wish list|to-?do this year)(?:\s+(?:for|this|in|by|over)\s+[^:]{1,20})?\s*:\s*(.+)$/i;
/** A sentence that opens on an aim's verb, as in a list of plans: "Finish my degree.", "Maybe hire a second cook". */
const ACTION_FILLER = /^(?:(?:and|also|then|maybe|hopefully|ideally|eventually|probably|finally)\s+)+/i;
const ACTION_OPENING =
  /^(?:(?:and|also|then|maybe|hopefully|ideally|eventually|probably|finally)\s+)*(?:finish|complete|build|cut|open|start|launch|hire|mentor|train|grow|learn|write|move|buy|pass|publish|expand|reduce|double|save|retire|become|get|take|run|teach|travel|visit|record|release|sell|find|switch|hit|reach|set up|pay off|go)\s+\S/i;
const GOAL_SECTION = /\b(?:goals?|plans?|objectives?|aims?|ambitions?)\b/i;
const NEGATED = /\b(?:don'?t|do not|never|not)\s+(?:want|plan|hope|intend)\b/i;
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

function goalPhrase(raw: string, prefix: string): string | null {
  // "a mobile lab that can run diagnostics ...": the relative clause describes, the head names the goal.
  const head = raw.replace(/\s(?:that|which|who)\s(?:can|could|will|would|lets?|helps?|allows?)\b.*$/i, "");
  let phrase = firstClause(
    stripLeadingFillers(
      head.replace(/^(?:(?:she|he)\s+)?(?:wants|hopes|plans|aims)\s+(?:to\s+)?/i, "").replace(/^to\s+/i, ""),
    ),
  );
  phrase = stripDeterminers(phrase);
  const withoutTime = phrase.replace(TIME_TAIL, "");
  if (wordCount(withoutTime) >= 2) phrase = withoutTime;
  phrase = trimPunctuation(
    phrase
      .replace(/\s+with my name on (?:the|it).*$/i, "")
      .replace(
        /\s+and\s+(?:then\s+|also\s+)?(?:start|open|launch|become|get|build|finish|run|write|grow|teach|learn|move|buy|hire|pass|take|make)\b.*$/i,
        "",
      ),
  );
  // "working on getting my CPA" -> "get my CPA".
  phrase = phrase.replace(
    /^(getting|opening|building|finishing|writing|launching|learning|improving|growing|setting|starting)\b/i,
    (gerund) => GOAL_INFINITIVE[gerund.toLowerCase()] ?? gerund,
  );
  phrase = phrase.replace(/\s+(?:someday|some day|eventually|in the future|long term)$/i, "");
  // "get the shipment out the door": ship it.
  phrase = phrase.replace(/^get\s+(.+?)\s+out (?:of )?the door\b.*$/i, "ship $1");
  phrase = phrase.replace(/\s+(?:live\s+)?(?:before|by) then$|\s+(?:asap|soon)$/i, "");
  if (wordCount(phrase) > 8) phrase = shorten(phrase, 8, 2) ?? "";
  if (phrase === "" || /^(?:it|this|that|them|me|you)$/i.test(phrase)) return null;
  return `${prefix}${phrase}`.trim();
}

function anaphoraTopic(unit: Unit): string | null {
  const topic = /^(?:[-•*]\s*)?([\p{L} ]{3,30}):\s/u.exec(unit.line)?.[1];
  return topic && !/goal/i.test(topic) ? topic.trim().toLowerCase() : null;
}

export function goalCandidates(units: readonly Unit[]): Candidate[] {
  const out: Candidate[] = [];
  let lastLineTopic: string | null = null;
  units.forEach((unit, i) => {
    const topicLabel = anaphoraTopic(unit);
    if (topicLabel) lastLineTopic = topicLabel;
    if (!owned(unit) || NEGATED.test(unit.text) || isQuestion(unit)) return;
    // "Goals for 2025: cut fuel costs by 10%; switch a third of the fleet": each item of a labelled list is a goal.
    const labelled = labelledText(units, i, GOAL_LABEL);
    if (labelled) {
      for (const part of labelled.split(/\s*;\s*|,\s+(?:and\s+)?/)) {
        const phrase = goalPhrase(part, "");
        if (phrase && wordCount(phrase) >= 2) out.push(fromUnit(unit, "goals", phrase, 0.7));
      }
      return;
    }
    let cued = false;
    for (const [pattern, prefix, confidence] of GOAL_CUES) {
      const m = pattern.exec(unit.text);
      if (!m?.[1]) continue;
      // "If I want to swap a shift, ...": a condition, not an aim.
      if (
        /\b(?:if|when|whenever|unless|whether|every time)\s+(?:I|we|you)\s+(?:\w+\s+)?(?:want|wanna|need|plan|hope)\s+to\b/i.test(
          unit.text,
        )
      )
        continue;
      cued = true;
      let phrase = goalPhrase(m[1], prefix);
      if (phrase && /\bit\b/.test(phrase)) {
        // "Booked the B2 exam. Hoping to pass it": "it" is the exam, course or project named just before.
        const previous = units[i - 1];
        const antecedent =
          previous && previous.source === unit.source ? GOAL_ANTECEDENT.exec(previous.text)?.[1] : undefined;
        if (antecedent) phrase = phrase.replace(/\bit\b/, antecedent.trim());
        else if (lastLineTopic && /^[-•*]/.test(unit.line)) phrase = phrase.replace(/\bit\b/, lastLineTopic);
        else if (/^\S+\s+it$/i.test(phrase)) phrase = null;
      }
      if (phrase) out.push(fromUnit(unit, "goals", phrase, confidence));
      // "... working towards chartership and hopes to publish a guide": a second aim in the same sentence.
      const more =
        /\b(?:and|then)\s+(?:eventually\s+|also\s+|later\s+)?(?:(?:hopes?|plans?|wants?|aims?|intends?) to\s+|I(?:'d| would) like to\s+)?((?:open|start|launch|become|get|publish|build|buy|move|learn|finish|run|write|grow|reduce|switch|add|raise)\b.+)/i.exec(
          m[1].slice((phrase ?? "").length),
        );
      const second = more?.[1] ? goalPhrase(more[1], "") : null;
      if (second && second !== phrase) out.push(fromUnit(unit, "goals", second, confidence - 0.05));
      break;
    }
    for (const [pattern, prefix, confidence] of GOAL_EXTRA_CUES) {
      const m = pattern.exec(unit.text);
      const phrase = m?.[1] ? goalPhrase(m[1], prefix) : null;
      if (phrase) {
        cued = true;
        out.push(fromUnit(unit, "goals", phrase, confidence));
      }
    }
    // "That's the goal this year" points back at the previous sentence.
    if (/^(?:that'?s|that is|this is) (?:the|my|our) (?:goal|aim|plan)\b/i.test(unit.text)) {
      const previous = units[i - 1];
      const target = previous ? antecedentGoal(previous.text) : undefined;
      const phrase = target ? goalPhrase(target, "") : null;
      if (phrase && previous) out.push(fromUnit(previous, "goals", `get ${phrase}`, 0.65));
    }
    // "... so I can plan the bake": a purpose clause is a goal when the sentence states a want.
    const purpose = /\bso (?:that )?I can\s+([^.;!?]+?)(?:\s+and\s+|[.;!?]|$)/i.exec(unit.text);
    if (purpose?.[1] && /\b(?:want|hope|plan|goal|need|would like)\b/i.test(unit.text)) {
      const phrase = goalPhrase(purpose[1], "");
      if (phrase) out.push(fromUnit(unit, "goals", phrase, 0.55));
    }
    const inGoalSection = GOAL_SECTION.test(unit.section) && unit.topic === "subject";
    const goalQuestion = questionOf(units, i);
    const answersGoalQuestion =
      isSelf(unit) && GOAL_QUESTION.test(goalQuestion) && (isFirstAnswer(units, i) || answerDepth(units, i) === 0);
    const body = unit.text.replace(/^[-•*>"“]\s*/, "");
    const marker = /^[-•*>"“]\s*/.exec(unit.line)?.[0].length ?? 0;
    const afterQuestion = units[i - 1]?.line === unit.line && units[i - 1]?.text.trim() === goalQuestion;
    const opensItsLine = unit.line.startsWith(body, marker) || afterQuestion;
    // "Where do you want to be in 2 years?" ... "Cut agency work to half and build my own client list. Maybe mentor
    // newer interpreters.": later sentences of the answer that open on an action verb are aims too.
    const laterGoal =
      !cued &&
      !answersGoalQuestion &&
      isSelf(unit) &&
      ACTION_OPENING.test(body) &&
      answerDepth(units, i, true) <= 3 &&
      GOAL_QUESTION.test(questionOf(units, i, true));
    if (laterGoal) {
      for (const part of body.split(/,\s+(?:and\s+|then\s+)?|\s+and\s+(?=(?:also\s+)?[a-z]+\s)/i)) {
        const phrase = ACTION_OPENING.test(part) ? goalPhrase(part.replace(ACTION_FILLER, ""), "") : null;
        if (phrase && wordCount(phrase) >= 2) out.push(fromUnit(unit, "goals", phrase, 0.58));
      }
    }
    if (!cued && opensItsLine && (inGoalSection || answersGoalQuestion)) {
      for (const part of body.split(/,\s+(?:and\s+|then\s+)?|\s+then\s+|\s+and\s+(?=[a-z]+\s)/i)) {
        const phrase = goalPhrase(part, "");
        if (phrase && wordCount(phrase) >= 2) out.push(fromUnit(unit, "goals", phrase, 0.6));
      }
    }
  });
  return collapseNear(out);
}

/** The aim inside a sentence a later "that's the goal" points back at ("... until we're under the target"). */
function antecedentGoal(text: string): string | undefined {
  for (const cue of [
    /\buntil\s+(?:we're|we are|I'm|I am|it's|it is)?\s*([^.;!?]+)/i,
    /\bso that\s+([^.;!?]+)/i,
    /\bto\s+([^.;!?]+)/i,
  ]) {
    const found = cue.exec(text)?.[1];
    if (found) return found;
  }
  return undefined;
}

/**
 * What a "Label: ..." note line gives this unit: the text after the label in the line's first sentence, or a later
 * sentence of the same line that adds to it ("Pain: X. Also Y."). Null when the unit is not on such a line.
 */
function labelledText(units: readonly Unit[], i: number, label: RegExp): string | null {
  const unit = units[i];
  if (!unit || !label.test(unit.line.replace(/^[-•*]\s*/, ""))) return null;
  const body = unit.text.replace(/^[-•*>]\s*/, "");
  const own = label.exec(body)?.[1];
  // "Goals: none really", "Pain: n/a": the label is filled in with "nothing", so the line gives nothing.
  if (own)
    return /^(?:none|nothing|n\/?a|tbd|tbc|unknown|not sure|no idea|not yet|-+|\?+)(?=$|[^\p{L}])/iu.test(own.trim())
      ? null
      : own;
  const previous = units[i - 1];
  const sameLine = previous !== undefined && previous.line === unit.line && previous.source === unit.source;
  return sameLine && /^(?:also|plus|and|another)\b/i.test(body) ? body : null;
}

/** The first sentence the subject says after a question (later sentences drift off the question). */
function isFirstAnswer(units: readonly Unit[], i: number): boolean {
  const unit = units[i];
  const previous = units[i - 1];
  if (!unit || !previous) return true;
  return previous.question !== unit.question || previous.speaker !== "subject" || previous.source !== unit.source;
}

// ---------------------------------------------------------------- pain points

const PAIN_CUES: readonly [RegExp, number][] = [
  [/\bnobody warned me about\s+([^.;!?]+)/gi, 0.7],
  [/\b(?:I'm|I’m|I am|Im) not (?:very )?good at\s+([^,.;!?]+)/gi, 0.65],
  [/\b(bad at [^,.;!?]+)/gi, 0.65],
  [/\bfrustrat\w*\s+(?:by|with|about|that)\s+([^.;!?]+)/gi, 0.7],
  [
    /\b(?:hardest|worst|biggest|scariest|toughest|main|greatest) (?:part|thing|problem|headaches?|challenge|issue|frustration|complaint|gripe|struggle|pain|worry)s?[^:?]{0,45}?(?:is|are|:)\s+([^.;!?]+)/gi,
    0.65,
  ],

  [/^([\p{L}' -]{3,50}?)\s+(?:is|are)\s+killing\b/giu, 0.6],
  // "What drives me crazy is X", "what drives me nuts: X", "The thing that really gets me is X".
  [
    /\b(?:drives?|drove|driving) me (?:absolutely |completely |a bit |slightly )?(?:crazy|nuts|mad|insane|bananas|up the wall|round the bend|to despair)\b[^.;!?]{0,20}?(?:\s(?:is|are|was)|:|—|–)\s*([^.;!?]+)/giu,
    0.7,
  ],
  [
    /\b(?:what|the thing that|one thing that)\s+(?:really\s+)?(?:keeps me (?:up|awake)(?: at night)?|gets (?:to )?me|bugs me|annoys me|frustrates me|kills me|stresses me out|worries me)\b[^.;!?]{0,20}?(?:\s(?:is|are|was)|:|—|–)\s*([^.;!?]+)/giu,
    0.7,
  ],
  // "The rota drives me nuts": the thing before the verb.
  [/^([\p{L}' -]{3,40}?)\s+(?:really\s+)?(?:drives?|drove) me (?:crazy|nuts|mad|insane|up the wall)\b/giu, 0.65],
  [
    /\b(?:most|really|super) (?:frustrating|annoying|stressful|exhausting|painful|difficult) (?:part|thing|bit)[^:?]{0,30}?(?:is|are|:)\s+([^.;!?]+)/giu,
    0.65,
  ],
  [
    /\bI\s+(?:really\s+|absolutely\s+|honestly\s+|just\s+)?(?:hate|can'?t stand|cannot stand|despise|dread|loathe|detest)\s+((?:\p{Ll}+ing\b|the\b|when\b|how\b|that\b|all\b|having\b|dealing\b)[^.;!?]*)/giu,
    0.65,
  ],
  [/\b(?:I'm|I’m|I am|we're|we are)\s+(?:so\s+|really\s+)?(?:sick|tired|fed up)\s+(?:of|with)\s+([^.;!?]+)/giu, 0.7],
  [/\bI\s+(?:always\s+|really\s+|still\s+)?struggle\s+with\s+([^.;!?]+)/giu, 0.65],
  [
    /\b(?:my|our|the)\s+(?:biggest|main|constant|daily|ongoing|real)\s+(?:headache|nightmare|bugbear|pet peeve|gripe|worry|fear|struggle|challenge|problem|issue|pain point)s?\s*(?:is|are|was|:|—|–)\s*([^.;!?]+)/giu,
    0.7,
  ],
  [/\b(?:things?|stuff)\s+nobody (?:tells|told|warns|warned) you about\b[^:]{0,40}:\s*([^.;!?]+)/giu, 0.65],
  // "It's so frustrating when suppliers don't call back".
  [
    /\b(?:it's|it’s|it is|it gets|it was)\s+(?:so\s+|really\s+|incredibly\s+|super\s+|just\s+)?(?:frustrating|annoying|exhausting|stressful|maddening|infuriating|demoralising|demoralizing|painful)\s+(?:when|that|how)\s+([^.;!?]+)/giu,
    0.62,
  ],
  [/\bI\s+(?:really\s+|constantly\s+|always\s+|still\s+)?worry\s+(?:a lot\s+)?about\s+([^,.;!?]+)/giu, 0.6],
  // "Concerned about data migration" (notes), "I'm worried about the cost of switching".
  [
    /(?:^|\b(?:I'm|I am|she's|he's|she is|he is|is|was|very|really|a bit|quite)\s+)(?:concerned|worried|anxious|nervous|stressed)\s+(?:about|that|by)\s+([^.;!?]+)/giu,
    0.62,
  ],
];

/** "We can't afford a second bad season", "always behind on admin", "never enough time for the kids". */
/**
 * A cost that has risen: "good maple costs twice what it did", "our rent has tripled", "fuel prices went up 40%".
 * Only cost nouns rise into a pain ("my followers doubled" is good news).
 */
const COSTS_MORE =
  /\b((?:[\p{L}-]+\s+){0,2}?[\p{L}-]+)\s+(?:now\s+)?costs?\s+(?:(?:about|almost|nearly|roughly)\s+)?(?:twice|double|triple|three times|\d+x|\d+\s*%\s+more|way more|much more)\b/giu;
const COST_ROSE =
  /\b((?:[\p{L}-]+\s+){0,2}?(?:rent|rents|prices?|fees?|costs?|premiums?|insurance|fuel|electricity|bills?|interest rates?|tuition))\s+(?:has\s+|have\s+|had\s+)?(?:(?:almost|nearly|more than|basically)\s+)?(?:doubled|tripled|quadrupled|gone up|went up|shot up|risen|rose|skyrocketed|jumped|keeps? (?:going up|rising)|(?:is|are) rising)\b/giu;
const COST_FILLER = /^(?:the|a|an|my|our|their|his|her|good|new|now|so|and|but|also|plus|then|that|this|of|on|top)\s+/i;

function risingCost(raw: string): string | null {
  let thing = raw.trim();
  while (COST_FILLER.test(thing)) thing = thing.replace(COST_FILLER, "");
  thing = thing.toLowerCase();
  if (thing === "" || /\b(?:it|this|that|which|what|everything|one|i|we|you|he|she|they)\b/.test(thing)) return null;
  if (/\b(?:rent|rents|prices?|fees?|costs?|premiums?|insurance|fuel|electricity|bills?|rates?|tuition)$/.test(thing))
    return `rising ${thing}`;
  return `rising ${thing} prices`;
}

const STRAIN =
  /\b(?:can'?t|cannot|couldn'?t)\s+afford\s+([^,.;!?—–]{3,40})|\b(?:always|constantly|forever|permanently|chronically)\s+(behind on [^,.;!?]{2,30}|short of [^,.;!?]{2,30}|running out of [^,.;!?]{2,30}|fighting (?:with )?[^,.;!?]{2,30})|\b(?:never|not)\s+(?:have\s+|having\s+|get\s+|getting\s+)?enough\s+([\p{L}]+(?:\s+for\s+[^,.;!?]{2,25})?)/giu;
const HAS_FAILED = /\b(?:the|my|our|your)\s+([\p{L}-]+(?:\s[\p{L}-]+)?)\s+(?:has|have|had)\s+failed\b/giu;
/** "Yields are down 30%", "bookings were off 20% last year". */
const FALLING =
  /(?:^|\b(?:but|and|so)\s|[,:;—–]\s)(?:the |our |my )?([\p{L}][\p{L} -]{2,30}?)\s+(?:are|is|were|was)\s+(?:down|off)\s+(?:by\s+)?(\d{1,3}\s?%)/giu;
/** "Support never answers", "the courier never shows up". */
const NEVER_DOES =
  /(?:^|\b(?:but|and|so)\s|[,:;—–]\s)(?:the |our |my )?([\p{L}][\p{L} -]{2,30}?)\s+(never|rarely|hardly ever|doesn'?t|don'?t|won'?t)\s+(answers?|responds?|repl(?:y|ies)|calls? back|picks? up|shows? up|turns? up|pays?(?: on time)?)\b/giu;
/** "Invoices get lost all the time": things that go astray. */
const GO_ASTRAY =
  /(?:^|\b(?:but|and|so)\s|[,:;—–]\s)(?:the |our |my )?([\p{L}][\p{L} -]{2,30}?)\s+(?:get|gets|got|keep getting|keeps getting|always get)\s+(lost|delayed|cancell?ed|stuck|rejected|ignored|damaged|stolen|missed|mixed up|double-booked)\b/giu;

/** "X is a nightmare", "X takes forever": what is being complained about comes first; the verb says it is a pain. */
const COMPLAINED_THING =
  /(?:^|\bbut\s|\band\s|,\s|:\s|[—–]\s)([\p{L}' -]{3,40}?)\s+(?:is|are|was|were|has been|have been)\s+(?:always\s+|still\s+|just\s+|honestly\s+|such\s+)?(?:a|an)\s+(?:absolute\s+|total\s+|complete\s+|real\s+|constant\s+|huge\s+|massive\s+)?(?:pain|headache|mess|hassle|disaster|joke|struggle|battle|nightmare|problem|drag|chore|time-?sink)\b/giu;
const SLOW_THING =
  /(?:^|\bbut\s|\band\s|,\s|:\s)([\p{L}' -]{3,40}?)\s+(?:takes?|took|is taking)\s+(?:forever|ages|hours|days|weeks|months|way too long|too long)\b/giu;
/** "Half the burettes are cracked", "the scanners are from 2016", "the internet is not stable": a damaged thing. */
const DAMAGED_THING =
  /(?:^|\b(?:but|and|also|plus|so|because|since|where|sadly|again)\s|[,:;—–]\s)((?:half|most|all|some|many|two|three) (?:of )?)?(?:the |our |my |their )?([\p{L}-]+(?: [\p{L}-]+)?)\s+(?:here\s+)?(?:is|are|was|were)\s+(?:all\s+|still\s+|so\s+|really\s+|completely\s+)?(cracked|broken|outdated|out of date|obsolete|ancient|worn out|falling apart|dead|dying|not stable|unstable|not reliable|unreliable|patchy|spotty|too slow|slow|overpriced|from (?:19|20)\d\d)\b/giu;
const DAMAGE_WORD: Record<string, string> = {
  "not stable": "unstable",
  "not reliable": "unreliable",
  "out of date": "outdated",
  ancient: "outdated",
  obsolete: "outdated",
  "too slow": "slow",
  dying: "failing",
  dead: "broken",
  "falling apart": "worn-out",
  "worn out": "worn-out",
  spotty: "patchy",
};
const NOT_A_THING =
  /^(?:it|this|that|which|what|who|he|she|they|we|you|I|everything|nothing|something|everyone|one|life|people|things|he's|she's|i'm)$/i;

function damagedItem(m: RegExpExecArray): string | null {
  const thing = trimPunctuation(m[2] ?? "")
    .toLowerCase()
    .replace(/\s+(?:here|there|now|today)$/, "");
  const state = (m[3] ?? "").toLowerCase();
  if (!thing || NOT_A_THING.test(thing) || NOT_A_THING.test(thing.split(" ")[0] ?? "")) return null;
  if (/\b(?:i|me|my|you|we|they|he|she|is|are|was|not)\b/.test(thing)) return null;
  const adjective = /^from /.test(state) ? "outdated" : (DAMAGE_WORD[state] ?? state);
  return `${adjective} ${thing}`;
}
// "the signal in the basement is terrible", "the app is useless on my phone".
const BAD_THING =
  /(?:^|\bbut\s|\band\s|,\s)([\p{L}' -]{3,50}?)\s+(is|are)\s+(?:completely |totally |just |so |really )?(useless|terrible|awful|broken|a nightmare|chaos|unreliable|brutal|clunky|patchy|painful)([^,.;!?]{0,30})/giu;
// "invoices arnt sending", "card reader keeps disconnecting".
const FAILING_THING =
  /(?:^|\bbut\s|\band\s|,\s)([\p{L}' -]{3,40}?)\s+(aren'?t|arnt|isn'?t|isnt|won'?t|wont|doesn'?t|don'?t|keeps?|kept)\s+(\p{Ll}+ing|work|load|send|sync|open|connect|arrive|print|save)\b/giu;
const EXPENSIVE = /\b([\p{L}-]+)\s+(?:is|are)\s+(?:so |too |really |very )?expensive\b/giu;
/** "Pain: ...", "struggling with: a and b", "Biggest problems: ...": a labelled list of complaints. */
const PAIN_LABEL =
  /^(?:[-•*]\s*)?(?:pains?|pain points?|struggling with|struggles?|frustrations?|complaints?|blockers?|objections?|concerns?|worries|(?:biggest|main|key|current) (?:problems?|issues?|headaches?|challenges?|risks?))\s*:\s*(.+)$/i;
const PAIN_QUESTION =
  /\b(?:hard|hardest|worst|frustrat|dislike|problem|challenge|scariest|difficult|pain|struggle|annoy|lo peor|headache|drives? you (?:crazy|nuts|mad)|keeps? you (?:up|awake)|bugs? you|bother|worr|hate|gripe|complain|nightmare|what'?s wrong|go(?:es)? wrong|fix one thing|change one thing)\w*\b/i;
const PAIN_SECTION =
  /\b(?:frustrations?|pains?|pain points?|challenges?|problems?|struggles?|issues?|gripes?|complaints?)\b/i;

/** Pronoun or relative heads ("which is a nightmare", "it keeps ...") point elsewhere; they are not the item. */
const POINTING_HEAD = /^(?:which|that|it|this|these|those|they|them|who|what|there|he|she|we|you)\b/i;
/** Conversational tails that add nothing to an item ("late payments, always", "the rota, to be honest"). */
const DISCOURSE_TAIL =
  /(?:,?\s+(?:to be (?:honest|fair)|tbh|lol|haha|I guess|I think|you know|honestly|though|anyway|always|mostly|really|as well|too|constantly|all the time|every day|these days))+\s*$/i;

/** Removes discourse tails; the item itself is what came before. */
function dropDiscourseTail(phrase: string): string {
  const cut = phrase.replace(DISCOURSE_TAIL, "");
  return cut.trim() === "" ? phrase : cut;
}

/** "how short-staffed we are" -> "short-staffed"; "the way agencies pay" -> "agencies pay". */
function complaintCore(raw: string): string {
  let phrase = raw
    .trim()
    .replace(/^(?:how|the way|the fact that|the way that|that|when|whenever|having to|the whole)\s+/i, "");
  phrase = phrase.replace(/\s+(?:we|I|they|you|he|she|it)\s+(?:are|is|am|were|was|get|feel|feels)\s*$/i, "");
  return phrase;
}

function painPhrase(raw: string, maxWords = 7): string | null {
  const cleaned = raw.replace(/\p{Extended_Pictographic}/gu, "").replace(/["“”]/g, "");
  const clause = trimPunctuation(dropDiscourseTail(stripDeterminers(firstClause(stripLeadingFillers(cleaned)))));
  const phrase = shorten(complaintCore(clause), maxWords);
  if (!phrase || phrase === "" || POINTING_HEAD.test(phrase)) return null;
  // "the curriculum says experiment": reported speech, not the thing that hurts.
  if (/\b(?:says?|said|thinks?|asks?|tells?|told)\b/i.test(phrase) && !/\basking\b/i.test(phrase)) return null;
  return phrase;
}

/** "X when ...", "X because ...": the words before a subordinating conjunction form a clause with its own verb. */
const SUBORDINATE_CUT =
  /\s(?:when|whenever|while|because|since|if|until|unless|after|before|so|but|and|which|who|than)\s/i;

// "The rota app crashes every Friday", "the till keeps freezing": a named thing with a fault verb.
const FAULTY_THING =
  /(?:^|\bbut\s|\band\s|,\s)([\p{L}' -]{3,40}?)\s+(?:(?:still|always|often|constantly|regularly|randomly)\s+)?(crash(?:es|ed)?|freezes|froze|disconnect(?:s|ed)|keeps? (?:crashing|freezing|failing))\b/giu;

// "the app has no offline mode": a thing that lacks a feature. People "have no idea/time" (not a missing feature).
const LACKS_FEATURE =
  /\b(?:the|your|this|our|their|its)\s+([\p{L}-]+(?:\s[\p{L}-]+)?)\s+(?:has|have|had)\s+no\s+([\p{L}-]+(?:\s[\p{L}-]+){0,2}?)(?=\s*(?:$|[,.;!?—–]|\s(?:and|but|so|which|for|when|at|in|on|whatsoever)\b))/giu;
const NOT_A_FEATURE =
  /^(?:idea|clue|time|doubt|problems?|issues?|complaints?|regrets?|plans?|intention|interest|choice|reason|way|money|budget|one|sense|patience|respect|experience)$/i;
// "the mite counts can't be exported": a thing that cannot be used as needed.
const CANNOT_BE =
  /(?:^|\bbut\s|\band\s|,\s)([\p{L}' -]{3,40}?)\s+(can'?t|cannot|won'?t|couldn'?t)\s+be\s+(\p{Ll}+ed)\b/giu;

function faultVerb(verb: string): string {
  if (/crash/i.test(verb)) return "crashes";
  if (/fr(?:ee|o)z/i.test(verb)) return "freezes";
  if (/disconnect/i.test(verb)) return "disconnects";
  return "keeps failing";
}

/** A question is not a statement: "Biggest frustration with invoicing?" states no frustration. */
function isQuestion(unit: Unit): boolean {
  return /\?["”]?\s*$/.test(unit.text) && !/[.!]\s/.test(unit.text);
}

export function painCandidates(units: readonly Unit[]): Candidate[] {
  const out: Candidate[] = [];
  units.forEach((unit, i) => {
    if (!owned(unit) || isQuestion(unit)) return;
    const body = unit.text.replace(/^[-•*>]\s*/, "");
    for (const [pattern, confidence] of PAIN_CUES) {
      for (const m of body.matchAll(pattern)) {
        const full = m[0].toLowerCase();
        const raw =
          full.startsWith("bad at") || /not (?:very )?good at/.test(full)
            ? m[0].replace(/^(?:I'm|I’m|I am|Im)\s+/i, "")
            : (m[1] ?? "");
        const parts = raw.split(/,\s*(?:and\s+)?|\s+and\s+(?=I\b)/);
        for (const part of parts) {
          // Items of a list of complaints must be short to be items at all.
          const phrase = painPhrase(part, parts.length > 1 ? 5 : 8);
          if (phrase) out.push(fromUnit(unit, "pain_points", phrase, confidence));
        }
      }
    }
    const labelled = labelledText(units, i, PAIN_LABEL);
    if (labelled) {
      // "X -> compliance risk": the arrow leads to a consequence; the complaint is what comes before it.
      const cause = labelled.split(/\s*(?:->|→|=>)\s*/)[0] ?? "";
      for (const part of cause.split(/\s*(?:;|,|\s\+\s|\band\b)\s*/)) {
        // "... on our tool": in notes "our" is the note-taker's product, where the pain shows, not what it is.
        const cleaned = part
          .replace(/\s*\([^)]*\)/g, "")
          .replace(/\b(?:lol|tbh)\b/gi, "")
          .replace(/\s+(?:on|in|with|using)\s+(?:our|your)\s+[\p{L}-]+(?:\s[\p{L}-]+)?\s*[.!]?$/u, "");
        const phrase = painPhrase(cleaned, 8);
        if (phrase && wordCount(phrase) >= 1 && !/^also\b/i.test(phrase))
          out.push(fromUnit(unit, "pain_points", phrase, 0.6));
      }
    }
    const statement = unit.label?.toLowerCase() === "subject" ? body.replace(/^subject:\s*/i, "") : body;
    if (!/^re:/i.test(statement)) {
      for (const m of statement.matchAll(FAILING_THING)) {
        const thing = painPhrase(m[1] ?? "", 4);
        const negated = !/^ke/i.test(m[2] ?? "");
        // "keeps disconnecting" is a fault; "keep making games" is not.
        const fault =
          negated ||
          /^(?:disconnect|crash|fail|drop|freez|break|tim|log|hang|los|reset|restart|glitch|error|jam|stick|overheat|leak|stall|lag|buffer|flicker|cut|shut|reboot)/i.test(
            m[3] ?? "",
          );
        // "keeps crashing/freezing/failing" is read below as "X crashes"; one item per fault.
        const readAsFault = !negated && /^(?:crash|freez|fail)/i.test(m[3] ?? "");
        if (
          thing &&
          fault &&
          !readAsFault &&
          !/\b(?:i|you|we|they|it|he|she|can|could|will|would|should)\b/i.test(thing)
        ) {
          out.push(fromUnit(unit, "pain_points", `${thing} ${negated ? "not " : ""}${m[3] ?? ""}`, 0.6));
        }
      }
    }
    for (const m of body.matchAll(FAULTY_THING)) {
      const thing = painPhrase(m[1] ?? "", 4);
      // "I crash", "my phone": only things, not people or possessed bodies, have faults worth listing.
      if (thing && !/\b(?:i|me|my|you|we|our|they|he|she|can|could|will|would|should)\b/i.test(thing))
        out.push(fromUnit(unit, "pain_points", `${thing} ${faultVerb(m[2] ?? "")}`, 0.62));
    }
    for (const m of body.matchAll(LACKS_FEATURE)) {
      const feature = trimPunctuation(m[2] ?? "");
      if (feature && !NOT_A_FEATURE.test(feature) && !POINTING_HEAD.test(m[1] ?? ""))
        out.push(fromUnit(unit, "pain_points", `no ${feature}`, 0.6));
    }
    for (const m of body.matchAll(CANNOT_BE)) {
      const thing = painPhrase(m[1] ?? "", 4);
      if (thing && !/\b(?:i|me|you|we|they|he|she)\b/i.test(thing))
        out.push(fromUnit(unit, "pain_points", `${thing} can't be ${m[3] ?? ""}`, 0.6));
    }
    for (const m of body.matchAll(BAD_THING)) {
      const thing = painPhrase(m[1] ?? "", 6);
      if (!thing) continue;
      // A bare noun ("app") needs its complaint to mean anything: keep "app is useless on my phone".
      const value = wordCount(thing) === 1 ? trimPunctuation(`${thing} ${m[2]} ${m[3]}${m[4] ?? ""}`) : thing;
      out.push(fromUnit(unit, "pain_points", value, 0.6));
    }
    for (const m of body.matchAll(EXPENSIVE)) {
      const thing = (m[1] ?? "").toLowerCase();
      if (!/^(?:it|this|that|which|everything)$/.test(thing))
        out.push(fromUnit(unit, "pain_points", `expensive ${thing}`, 0.6));
    }
    // A named pain inside a phrase already read from this sentence ("the housing market" in "things nobody tells
    // you about moving: the housing market") is that item, not a second one.
    const readHere = out.filter((c) => c.quote === unit.text).map((c) => String(c.value).toLowerCase());
    const covered = (surface: string) => readHere.some((item) => item.includes(surface.toLowerCase()));
    for (const [pattern, label] of PAIN_WORDS) {
      const m = pattern.exec(unit.text);
      if (m && !covered(m[0])) out.push(fromUnit(unit, "pain_points", label || m[0].toLowerCase(), 0.6));
    }
    const question = questionOf(units, i);
    const complaining =
      COMPLAINT.test(unit.text) || (isSelf(unit) && PAIN_QUESTION.test(question)) || PAIN_SECTION.test(unit.section);
    if (complaining) {
      for (const [pattern, label] of PAIN_TOPICS) {
        const m = pattern.exec(unit.text);
        if (m && !covered(m[0])) out.push(fromUnit(unit, "pain_points", label || m[0].toLowerCase(), 0.58));
      }
    }
    for (const m of /pain|headache|mess|hassle|disaster|joke|struggle|battle|nightmare|problem|drag|chore|sink/i.test(
      body,
    )
      ? body.matchAll(COMPLAINED_THING)
      : []) {
      const thing = painPhrase(m[1] ?? "", 5);
      if (thing && !NOT_A_THING.test(thing) && !/\b(?:i|you|he|she|we|they)\b/i.test(thing))
        out.push(fromUnit(unit, "pain_points", thing, 0.62));
    }
    for (const m of /\bt[ao]ok|\btak/i.test(body) ? body.matchAll(SLOW_THING) : []) {
      const thing = painPhrase(m[1] ?? "", 4);
      if (thing && !NOT_A_THING.test(thing) && !/\b(?:i|you|he|she|we|they|it)\b/i.test(thing))
        out.push(fromUnit(unit, "pain_points", `slow ${thing}`, 0.6));
    }
    // "the sync has failed again" -> "sync failures".
    for (const m of /failed/.test(body) ? body.matchAll(HAS_FAILED) : []) {
      const thing = (m[1] ?? "").toLowerCase();
      if (!NOT_A_THING.test(thing)) out.push(fromUnit(unit, "pain_points", `${thing} failures`, 0.58));
    }
    if (/\b(?:costs?|rents?|prices?|fees?|premiums?|insurance|fuel|electricity|bills?|rates?|tuition)\b/i.test(body)) {
      const rise =
        /\b(?:twice|double|triple|three times|\d+x|more|doubled|tripled|quadrupled|up|risen|rose|skyrocketed|jumped|rising)\b/i;
      for (const m of rise.test(body) ? [...body.matchAll(COSTS_MORE), ...body.matchAll(COST_ROSE)] : []) {
        const item = risingCost(m[1] ?? "");
        if (item && wordCount(item) <= 5) out.push(fromUnit(unit, "pain_points", item, 0.62));
      }
    }
    for (const m of /afford|always|constantly|forever|permanently|chronically|enough/i.test(body)
      ? body.matchAll(STRAIN)
      : []) {
      const phrase = m[1]
        ? painPhrase(`can't afford ${m[1]}`, 6)
        : m[2]
          ? painPhrase(m[2], 6)
          : m[3]
            ? painPhrase(`not enough ${m[3]}`, 6)
            : null;
      if (phrase) out.push(fromUnit(unit, "pain_points", phrase, 0.6));
    }
    for (const m of /%/.test(body) ? body.matchAll(FALLING) : []) {
      const thing = painPhrase(m[1] ?? "", 3);
      if (thing && !NOT_A_THING.test(thing) && !/\b(?:i|we|you|he|she|they)\b/i.test(thing))
        out.push(fromUnit(unit, "pain_points", `${thing.toLowerCase()} down ${(m[2] ?? "").replace(/\s/g, "")}`, 0.6));
    }
    for (const m of /never|rarely|hardly|n'?t\b/i.test(body) ? body.matchAll(NEVER_DOES) : []) {
      const thing = painPhrase(m[1] ?? "", 3);
      if (thing && !NOT_A_THING.test(thing) && !/\b(?:i|we|you|he|she|it)\b/i.test(thing))
        out.push(fromUnit(unit, "pain_points", `${thing} ${m[2]?.toLowerCase()} ${m[3]}`, 0.6));
    }
    for (const m of /\bget/i.test(body) ? body.matchAll(GO_ASTRAY) : []) {
      const thing = painPhrase(m[1] ?? "", 3);
      if (thing && !NOT_A_THING.test(thing) && !/\b(?:i|we|you|he|she|it|they)\b/i.test(thing))
        out.push(fromUnit(unit, "pain_points", `${m[2]} ${thing.toLowerCase()}`, 0.6));
    }
    for (const m of /crack|broke|outdated|out of date|obsolete|ancient|worn|falling apart|dead|dying|stable|reliable|patchy|spotty|slow|overpriced|from (?:19|20)/i.test(
      body,
    )
      ? body.matchAll(DAMAGED_THING)
      : []) {
      const item = damagedItem(m);
      if (item) out.push(fromUnit(unit, "pain_points", item, 0.62));
    }
    const depth = answerDepth(units, i);
    const answersPain = isSelf(unit) && PAIN_QUESTION.test(question) && (isFirstAnswer(units, i) || depth <= 2);
    if (answersPain || (PAIN_SECTION.test(unit.section) && unit.topic === "subject")) {
      // Short noun fragments in an answer are the pains themselves ("The distances.", "Discoverability.").
      const opener = stripLeadingFillers(body);
      const fragment = firstClause(opener);
      // "Parcels arrive when I'm at work": cut before a conjunction, the words are a clause ("noun + verb"), not a noun.
      const cutAtConjunction = SUBORDINATE_CUT.exec(opener)?.index === fragment.length;
      const isFragment =
        !cutAtConjunction && wordCount(fragment) <= 4 && !/\b(?:I|is|are|was|were|have|has|do|does)\b/i.test(fragment);
      if (isFragment) {
        const phrase = painPhrase(fragment, 4);
        if (phrase) out.push(fromUnit(unit, "pain_points", phrase, 0.55));
      } else if (
        cutAtConjunction &&
        wordCount(fragment) <= 3 &&
        /^\s(?:when|whenever|while|who)\s/i.test(opener.slice(fragment.length))
      ) {
        // "Deliveries arrive when I'm asleep": the stub says nothing wrong; with its time clause it names the problem.
        // "Suppliers who never answer": likewise the relative clause carries the complaint.
        const timed = trimPunctuation(stripDeterminers(opener.split(/\s+and\s+|[,;.!?—–]/)[0] ?? ""));
        if (wordCount(timed) <= 9 && !POINTING_HEAD.test(timed)) out.push(fromUnit(unit, "pain_points", timed, 0.5));
      } else if (PAIN_SECTION.test(unit.section)) {
        const phrase = painPhrase(limitWords(fragment, 8), 8);
        if (phrase) out.push(fromUnit(unit, "pain_points", phrase, 0.5));
      }
    }
  });
  return collapseNear(out);
}

// ---------------------------------------------------------------- Spanish, German and French cues

/** Cue phrases in Spanish, German and French, with the item translated to English (persona values are English). */
export function foreignCandidates(units: readonly Unit[]): Candidate[] {
  const out: Candidate[] = [];
  for (const unit of units) {
    if (!owned(unit)) continue;
    // German and French snippets in the same way ("Was mich wahnsinnig macht: Ersatzteile").
    for (const cue of GERMAN_CUES) {
      const m = cue.pattern.exec(unit.text);
      if (!m?.[1]) continue;
      // "repariert statt weggeschmissen" already reads as a named value.
      if (cue.field === "values" && VALUE_PHRASE_WORDS.some(([pattern]) => pattern.test(unit.text))) continue;
      const parts = cue.list ? foreignListItems(m[1]) : [m[1].replace(/\([^)]*\)?/g, " ")];
      for (const part of parts) {
        const english = translateGerman(part.trim());
        const item = english ? shorten(english, 6) : null;
        if (item && !POINTING_HEAD.test(item)) out.push(fromUnit(unit, cue.field, item, cue.confidence));
      }
    }
    for (const cue of SPANISH_CUES) {
      const m = cue.pattern.exec(unit.text);
      const english = m?.[1] ? translateSpanish(m[1]) : null;
      if (english && wordCount(english) <= 8) out.push(fromUnit(unit, cue.field, english, cue.confidence));
    }
  }
  return out;
}
