import { type Candidate, fromUnit } from "../engine/candidate.ts";
import { answerDepth, isFirstAnswer, isQuestion, labelledText, owned, questionOf } from "../engine/context.ts";
import { collapseNear } from "../engine/select.ts";
import {
  firstClause,
  shorten,
  stripDeterminers,
  stripLeadingFillers,
  trimPunctuation,
  wordCount,
} from "../engine/text.ts";
import { isSelf, type Unit } from "../engine/unit.ts";

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
