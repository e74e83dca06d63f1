/** Rules for pain points. */
import { type Candidate, fromUnit } from "../engine/candidate.ts";
import { answerDepth, isFirstAnswer, isQuestion, labelledText, owned, questionOf } from "../engine/context.ts";
import { anyOf } from "../engine/cues.ts";
import { collapseNear } from "../engine/select.ts";
import {
  dropDiscourseTail,
  firstClause,
  limitWords,
  POINTING_HEAD,
  shorten,
  stripDeterminers,
  stripLeadingFillers,
  trimPunctuation,
  wordCount,
} from "../engine/text.ts";
import { isSelf, type Unit } from "../engine/unit.ts";
import { COMPLAINT, PAIN_TOPICS, PAIN_WORDS } from "../lexicon/pain-points.ts";

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

// Bounded word (see ROLE_PLACE_WORD): unbounded, a long hyphenated run was rescanned from each of its pieces.
const EXPENSIVE = /\b([\p{L}-]{1,64})\s+(?:is|are)\s+(?:so |too |really |very )?expensive\b/giu;

/** "Pain: ...", "struggling with: a and b", "Biggest problems: ...": a labelled list of complaints. */
export const PAIN_LABEL =
  /^(?:[-•*]\s*)?(?:pains?|pain points?|struggling with|struggles?|frustrations?|complaints?|blockers?|objections?|concerns?|worries|(?:biggest|main|key|current) (?:problems?|issues?|headaches?|challenges?|risks?))\s*:\s*(.+)$/i;

const PAIN_QUESTION =
  /\b(?:hard|hardest|worst|frustrat|dislike|problem|challenge|scariest|difficult|pain|struggle|annoy|lo peor|headache|drives? you (?:crazy|nuts|mad)|keeps? you (?:up|awake)|bugs? you|bother|worr|hate|gripe|complain|nightmare|what'?s wrong|go(?:es)? wrong|fix one thing|change one thing)\w*\b/i;

const PAIN_SECTION =
  /\b(?:frustrations?|pains?|pain points?|challenges?|problems?|struggles?|issues?|gripes?|complaints?)\b/i;

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

/** One test per table: most sentences match none of a table's patterns, and then its loop is skipped. */
const anyPainCue = anyOf(PAIN_CUES.map(([pattern]) => pattern));
const anyPainWord = anyOf(PAIN_WORDS.map(([pattern]) => pattern));
const anyPainTopic = anyOf(PAIN_TOPICS.map(([pattern]) => pattern));

function faultVerb(verb: string): string {
  if (/crash/i.test(verb)) return "crashes";
  if (/fr(?:ee|o)z/i.test(verb)) return "freezes";
  if (/disconnect/i.test(verb)) return "disconnects";
  return "keeps failing";
}

export function painCandidates(units: readonly Unit[]): Candidate[] {
  const out: Candidate[] = [];
  const readByQuote = new Map<string, string[]>();
  let indexed = 0;
  units.forEach((unit, i) => {
    if (!owned(unit) || isQuestion(unit)) return;
    const body = unit.text.replace(/^[-•*>]\s*/, "");
    for (const [pattern, confidence] of anyPainCue(body) ? PAIN_CUES : []) {
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
    // Indexed as candidates arrive: filtering all of `out` for every unit grew quadratically with the input.
    for (; indexed < out.length; indexed += 1) {
      const c = out[indexed];
      if (!c) continue;
      const read = readByQuote.get(c.quote) ?? [];
      read.push(String(c.value).toLowerCase());
      readByQuote.set(c.quote, read);
    }
    const readHere = readByQuote.get(unit.text) ?? [];
    const covered = (surface: string) => readHere.some((item) => item.includes(surface.toLowerCase()));
    for (const [pattern, label] of anyPainWord(unit.text) ? PAIN_WORDS : []) {
      const m = pattern.exec(unit.text);
      if (m && !covered(m[0])) out.push(fromUnit(unit, "pain_points", label || m[0].toLowerCase(), 0.6));
    }
    const question = questionOf(units, i);
    const complaining =
      COMPLAINT.test(unit.text) || (isSelf(unit) && PAIN_QUESTION.test(question)) || PAIN_SECTION.test(unit.section);
    if (complaining && anyPainTopic(unit.text)) {
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
