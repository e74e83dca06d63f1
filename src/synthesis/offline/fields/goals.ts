/** Rules for goals: aims the person states ("My plan is to open a second café"), in a labelled list or an answer. */
import { answerDepth, isFirstAnswer, labelledText, memoTest, questionOf, statedOnly } from "../engine/context.ts";
import { labelled, listCandidates, WHOLE } from "../engine/items.ts";
import {
  type Example,
  fieldRule,
  nearMisses,
  type Place,
  type Predicate,
  type Rule,
  unmatched,
} from "../engine/rules.ts";
import * as wording from "../engine/text.ts";
import type { Unit } from "../engine/unit.ts";
import { cuedGoal, goalPhrase, goalPhrases } from "./goal-phrase.ts";

const GOAL_QUESTION =
  /\b(?:what'?s next|next for you|what next|looking ahead|next (?:year|step|chapter)|hoping for|working towards?|goals?|success look like|where do you (?:want|see)|in (?:a|one|five) years?|(?:your|any|future|career) plans|plans for|hope to|(?:want|like) to achieve|achieve this year|dream)\b/i;
const asksGoal = memoTest(GOAL_QUESTION);

/**
 * "Goals:", "Goals for 2025:", "Aims this year:"; not "Plan:", which in tickets names a subscription, nor "Next
 * steps:", which in call notes lists the note-taker's actions ("JP to mail the price sheet").
 */
const GOAL_LABEL =
  /^(?:(?:main|key|her|his|their|my)\s+)?(?:goals?|aims?|objectives?|ambitions?|plans|wishlist|wish list|to-?do this year)(?:\s+(?:for|this|in|by|over)\s+[^:]{1,20})?\s*:\s*(.+)$/i;

/** A sentence that opens on an aim's verb, as in a list of plans: "Finish my degree.", "Maybe hire a second cook". */
const FILLER_WORDS = "(?:and|also|then|maybe|hopefully|ideally|eventually|probably|finally)";
const ACTION_FILLER = new RegExp(`^(?:${FILLER_WORDS}\\s+)+`, "i");

const ACTION_OPENING = new RegExp(
  `^(?:${FILLER_WORDS}\\s+)*(?:finish|complete|build|cut|open|start|launch|hire|mentor|train|grow|learn|write|move|buy|pass|publish|expand|reduce|double|save|retire|become|get|take|run|teach|travel|visit|record|release|sell|find|switch|hit|reach|set up|pay off|go)\\s+\\S`,
  "i",
);

/** "If I want to borrow the van, ...": a condition, not an aim. */
const CONDITIONAL =
  /\b(?:if|when|whenever|unless|whether|every time)\s+(?:I|we|you)\s+(?:\w+\s+)?(?:want|wanna|need|plan|hope)\s+to\b/i;

const SEMICOLON = /\s*;\s*/;
const COMMA_PART = /(,\s+(?:and\s+)?)/;

/**
 * The goals of a labelled line: a semicolon parts two; a comma only when an aim's verb opens what follows ("cut
 * costs, hire a cook"), else it lists things inside one goal ("a website showing prices, photos and opening hours").
 */
function labelledGoals(line: string): string[] {
  const goals: string[] = [];
  for (const chunk of line.split(SEMICOLON)) {
    const [first = "", ...rest] = chunk.split(COMMA_PART);
    let goal = first;
    for (let k = 0; k + 1 < rest.length; k += 2) {
      const part = rest[k + 1] ?? "";
      if (ACTION_OPENING.test(part)) {
        goals.push(goal);
        goal = part;
      } else goal += `${rest[k]}${part}`;
    }
    goals.push(goal);
  }
  return goals;
}
/** Where a later aim of an answer starts: a comma, "and" before a word, a "+" joining two items of a note. */
const LATER_PARTS = /,\s+(?:and\s+|then\s+)?|\s+and\s+(?=(?:also\s+)?[a-z]+\s)|\s+\+\s+/i;

const notConditional = (unit: Unit) => !CONDITIONAL.test(unit.text);
/** A labelled goal line is read as a list by its own rule, not by the cue rules. */
const unlabelled = (_unit: Unit, at: Place) => labelledText(at.units, at.i, GOAL_LABEL) === null;

/** Cue phrases that introduce an aim: [name, cue words, pattern, prefix, confidence, an example and its goal]. */
const CUED: readonly (readonly [string, readonly string[], RegExp, string, number, string, string])[] = [
  [
    "goal-is",
    ["goal"],
    /\b(?:my |the |end |main |big |real )*goal(?:\s+(?:this|for|is)\s+[\w ]{0,15}?)?\s*(?:\bis\b|:)\s*(?:to\s+)?(.+)/i,
    "",
    0.8,
    "My goal is to cut packaging waste.",
    "cut packaging waste",
  ],
  [
    "dream",
    ["dream"],
    /\b(?:the real dream|my dream|the dream)(?: is)?,?\s*(?:is\s+)?to\s+(.+)/i,
    "",
    0.75,
    "The dream is to buy a farm.",
    "buy a farm",
  ],
  [
    "would-like",
    ["like to", "love to"],
    /\bI(?:'d| would) (?:like|love) to\s+(.+)/i,
    "",
    0.65,
    "I'd love to write a cookbook.",
    "write a cookbook",
  ],
  [
    "hoping",
    ["hoping to"],
    /\b(?:I'm |I am )?hoping to\s+(.+)/i,
    "",
    0.7,
    "Hoping to expand the shop in May.",
    "expand the shop",
  ],
  [
    "intend",
    ["hope to", "plan to", "intend to", "aim to"],
    /\bI (?:hope|plan|intend|aim) to\s+(.+)/i,
    "",
    0.7,
    "I plan to retire at sixty.",
    "retire at sixty",
  ],
  [
    "planning",
    // Not "going to": a plain future ("If I'm going to miss the ferry I text"), not an aim.
    ["planning to", "aiming to"],
    /\b(?:I'm|I am) (?:planning|aiming) to\s+(.+)/i,
    "",
    0.7,
    "I'm planning to open a bakery.",
    "open a bakery",
  ],
  ["want-to", ["want to"], /\b(?:I|[Ww]e) want to\s+(.+)/, "", 0.55, "I want to learn Italian.", "learn Italian"],
  [
    "third-wants",
    ["wants to", "hopes to", "plans to", "intends to", "aims to"],
    /\b(?:[Ss]he|[Hh]e) (?:wants|hopes|plans|intends|aims) to\s+(.+)/,
    "",
    0.65,
    "She wants to open a clinic.",
    "open a clinic",
  ],
  [
    "working-towards",
    ["working toward"],
    /\bworking towards?\s+(.+)/i,
    "",
    0.65,
    "I'm working towards chartership.",
    "chartership",
  ],
  [
    "looking-to",
    ["looking to"],
    /\b(?:I'm|I am|we're|we are|I've been)\s+(?:really\s+)?looking to\s+(.+)/i,
    "",
    0.62,
    "We're looking to open a stall at the market.",
    "open a stall at the market",
  ],
  [
    "way-to",
    ["looking for"],
    /\blooking for (?:a |an |some )?(?:way|ways|tool|help) to\s+(.+)/i,
    "",
    0.6,
    "Looking for a way to automate reminders.",
    "automate reminders",
  ],
  [
    "saving-for",
    ["saving"],
    /\b(?:I'm|I am|we're|we are)\s+saving\s+(?:up\s+)?(?:for|to buy)\s+(?:a |an |the |my |our )?(.+)/i,
    "save for ",
    0.62,
    "I'm saving up for a sailboat.",
    "save for sailboat",
  ],
  [
    "training-for",
    ["training for"],
    /\b(?:I'm|I am)\s+training for\s+(?:the |a |an |my first )?((?:[\p{L}\d-]+\s+){0,3}(?:marathon|half marathon|half|ultra|triathlon|ironman|race|10k|5k|trek))\b/iu,
    "run ",
    0.65,
    "I'm training for the Oslo half marathon.",
    "run Oslo half marathon",
  ],
  [
    "working-on",
    ["working on"],
    /\b(?:I'm|I am|we're|we are)\s+working on\s+((?:getting|opening|building|finishing|writing|launching|learning|improving|growing|setting up|starting)\b.+)/i,
    "",
    0.62,
    "I'm working on getting my pilot's licence.",
    "get my pilot's licence",
  ],
  [
    "opening",
    ["opening"],
    /\b(?:I'm|I am|we're|we are) opening\s+(.+)/i,
    "open ",
    0.7,
    "We're opening a second site.",
    "open second site",
  ],
  [
    "focus",
    ["focus"],
    /\b(?:current|main) focus is\s+(.+)/i,
    "",
    0.6,
    "My main focus is growing the team.",
    "grow the team",
  ],
  [
    "plan-is",
    ["plan", "aim", "ambition", "hope", "intention", "target", "objective", "mission", "dream"],
    /\b(?:my|the|our|her|his)\s+(?:(?:main|big|real|long-term|next|first|ultimate)\s+)?(?:plan|aim|ambition|hope|intention|target|objective|mission|dream)(?:\s+(?:for|this|next)\s+[\w ]{1,15}?)?\s*(?:\bis\b|\bwas\b|:)\s*(?:to\s+)?(.+)/i,
    "",
    0.72,
    "My plan is to open a second shop by next year.",
    "open a second shop",
  ],
  [
    "want-them-to",
    ["want"],
    /\bI\s+(?:really\s+)?want\s+(?:us|them|the team|my team)\s+to\s+(.+)/i,
    "",
    0.6,
    "I want my team to own the roadmap.",
    "own the roadmap",
  ],
  [
    "someday",
    ["someday", "one day", "some day", "eventually"],
    /(?:^|[,;:—–]\s*|\b(?:and|but|so|then)\s+|\b(?:I'd|I would|I'll|I will)\s+)(?:someday|one day|some day|eventually)(?!\s*(?:a|per|each|every|last|of|in|at|off|later|before|after|we|they|he|she)\b),?\s+(?:I(?:'d| would)? (?:like|love|want) to\s+|I(?:'ll| will| want to| hope to)\s+)?(.+)/i,
    "",
    0.6,
    "One day, a small vineyard of my own.",
    "small vineyard of my own",
  ],
  [
    "learning",
    ["learning"],
    /\b(?:I'm |I am )?[Ll]earning\s+(\p{Lu}[\p{L}+#]*(?:\s\p{Lu}[\p{L}]*)?)/u,
    "learn ",
    0.65,
    "I'm learning Rust.",
    "learn Rust",
  ],
  [
    "started-course",
    ["started"],
    /\bI started an? (?:part-time |full-time |new )?((?:MSc|MA|MBA|PhD|BSc|degree|diploma|master'?s|course|apprenticeship)\b[^.;!?]*)/i,
    "complete ",
    0.7,
    "I started a diploma in horticulture.",
    "complete diploma in horticulture",
  ],
  // Concrete aims read whatever else the sentence says: courses, exams, certifications, applications.
  [
    "doing-course",
    ["doing", "taking", "studying", "working on", "enrolled", "halfway"],
    /\b(?:I'm|I am|currently|now)\s+(?:doing|taking|studying for|working on|enrolled in|halfway through)\s+(?:an?\s+|my\s+)?((?:part-time\s+|full-time\s+|online\s+|evening\s+|night\s+)?(?:MSc|MA|MBA|PhD|BSc|BA|degree|diploma|master'?s|masters|bachelor'?s|doctorate|apprenticeship|certificate|certification|course|qualification)\b[^.;!?—–]*)/i,
    "complete ",
    0.7,
    "I'm doing a part-time MSc in data science.",
    "complete part-time MSc in data science",
  ],
  [
    "studying-for",
    ["for"],
    /\b(?:study|studying|revising|training|preparing)\s+for\s+(?:the|my|an?)\s+((?:[\p{L}\d-]+\s+){0,4}?(?:certification|certificate|qualification|licen[cs]e|exam|diploma))\b/iu,
    "get ",
    0.68,
    "I'm studying for the advanced sommelier certification.",
    "get advanced sommelier certification",
  ],
  [
    "booked-exam",
    ["booked", "registered", "signed up", "sitting", "taking", "entered"],
    /\b(?:booked|registered for|signed up for|sitting|taking|entered)\s+(?:the|my|an?)\s+((?:[\p{L}\d-]+\s+){0,4}?(?:exam|test|marathon|half marathon|race|triathlon))\b/iu,
    "pass ",
    0.62,
    "I booked the B1 Italian exam.",
    "pass B1 Italian exam",
  ],
  [
    "applied-for",
    ["applied"],
    /\bapplied\s+(?:for|to)\s+(?:the|a|an)\s+((?:[\p{L}-]+\s+){0,4}?)(?:role|job|position|post|promotion)\b/iu,
    "become ",
    0.65,
    "I applied for the head chef role last week.",
    "become head chef",
  ],
];

/** A sentence that states an aim with one of the cue phrases above is read by those rules alone (tests them all: last). */
const uncued = (unit: Unit) => !CUED.some(([, , pattern]) => pattern.test(unit.text));

/**
 * One of the first sentences of a goal answer (a quoted ">" prompt counts as the question) opening on an action verb.
 * The first sentence after a question that shares its line ("What would you like to achieve? Learn to weld.") counts
 * however many form lines came before it.
 */
function actionInGoalAnswer(unit: Unit, at: Place): boolean {
  return (
    ACTION_OPENING.test(unit.text.replace(wording.OPENING_MARK, "")) &&
    asksGoal(questionOf(at.units, at.i, true)) &&
    (answerDepth(at.units, at.i, true) <= 3 || isFirstAnswer(at.units, at.i))
  );
}

/** "That's the goal this year" right after the sentence points back at it. */
const POINTER_TO_GOAL = /^(?:that'?s|that is|this is) (?:the|my|our) (?:goal|aim|plan)\b/i;
function pointedAtAsGoal(unit: Unit, at: Place): boolean {
  const next = at.units[at.i + 1];
  return next !== undefined && next.source === unit.source && POINTER_TO_GOAL.test(next.text);
}

/** Where the aim sits in the sentence a later "that's the goal" points back at, most telling first. */
const POINTED_AIMS = [
  /\buntil\s+(?:we're|we are|I'm|I am|it's|it is)?\s*([^.;!?]+)/i,
  /\bso that\s+([^.;!?]+)/i,
  /\bto\s+([^.;!?]+)/i,
];

function pointedAim(m: RegExpExecArray): string | null {
  for (const cue of POINTED_AIMS) {
    const found = cue.exec(m[0])?.[1];
    const phrase = found ? goalPhrase(found) : null;
    if (found) return phrase ? `get ${phrase}` : null;
  }
  return null;
}

/**
 * "Goals: ...; later she's studying for the bar": an item of a goal list with its own subject and verb is a statement of
 * what is being done, not an aim as a person would list it.
 */
const CLAUSE_ITEM = /\b(?:she|he|they|I|we)(?:'s|’s|'re|’re|'m|’m|\s+(?:is|are|am|was|has|have))\b/i;

const COMMON = ["aboutSubject", "statement"] as const;

/** "My cousin says I'm too tidy, she wants a new sofa": when the subject says "I", "she"/"he" is someone else. */
const notBesideSelf = (unit: Unit) => !(unit.speaker === "subject" && unit.firstPerson);

/**
 * "I'd like to confirm what we agreed on Tuesday", "I want to mention before we begin": a courtesy that performs its act
 * in the message or conversation itself, not an aim.
 */
const COURTESY =
  /\bI(?:(?:'d| would) (?:like|love)| want) to\s+(?:(?:just|briefly|quickly|also)\s+)?(?:confirm|thank|ask (?:you|a (?:quick )?question)|say|mention|introduce myself|follow up|clarify|summari[sz]e|recap|point out|remind|apologi[sz]e|let you know|discuss|talk (?:about|through)|go (?:through|over)|share|show you|walk you through)\b/i;
const notCourtesy = (unit: Unit) => !COURTESY.test(unit.text);

/** Conditions and silent examples some cue rules add to the shared ones. */
const CUED_EXTRA: Readonly<
  Record<
    string,
    {
      when: readonly Predicate[];
      silent: readonly Example[];
      fires?: readonly (readonly [string, readonly string[]])[];
    }
  >
> = {
  "third-wants": {
    when: [notBesideSelf],
    silent: [
      "My cousin says I'm too tidy, she wants to buy a new sofa.",
      // A relative clause without "that": what is to be published is the phrase before the comma, not "as a download".
      "She is collecting her family's old recipes, a book she hopes to publish as a download.",
    ],
    // The cue in a relative clause: what is to be published is the phrase the clause describes.
    fires: [
      [
        "She is writing a field guide to mosses that she hopes to publish next spring.",
        ["publish field guide to mosses"],
      ],
    ],
  },
  "want-to": {
    when: [notCourtesy],
    // One aim is not cut into pieces: not at "and" before a whole first aim, not at a preposition mid-phrase.
    fires: [
      ["I want to buy and restore an old sailing boat.", ["buy and restore an old sailing boat"]],
      [
        "I want to persuade my landlord to replace the boiler and the old windows.",
        ["persuade my landlord to replace the boiler and the old windows"],
      ],
      ["I want to teach the new cooks, half of them never held a knife.", ["teach the new cooks"]],
      ["I want to paint harbours, ferries, storms.", ["paint harbours, ferries, storms"]],
      // A denial in another clause of the sentence leaves the aim stated.
      ["I don't want to run the shop forever, I want to teach pottery.", ["teach pottery"]],
      // A "that" after a verb of thinking opens what is thought, not a relative clause.
      ["I think that I want to teach pottery.", ["teach pottery"]],
      ["After that I want to be a ward manager.", ["be a ward manager"]],
      // An indefinite object is named by the noun phrase set beside it.
      ["I want to make something, a small boat for the lake.", ["make a small boat for the lake"]],
    ],
    silent: [
      "I want to make something.",
      "I want to quit being the, uh, the help desk for the whole floor.",
      "I'm new to all this, I want to mention that before we begin.",
      "If I want to borrow the van, I ask Teodor.",
    ],
  },
  "goal-is": {
    when: [],
    // What the aim acts on is named only by pointing back to it.
    silent: ["My goal is to write up these findings for a journal."],
    fires: [
      ["Big news: my goal is my own album, written and produced by me.", ["own album, written and produced"]],
      [
        "Goal this year is 90 hives and getting into three shops in town.",
        ["90 hives", "get into three shops in town"],
      ],
    ],
  },
  "plan-is": {
    when: [],
    silent: [],
    fires: [["Our target for 2030 is 60 stalls, up from 25 now.", ["60 stalls"]]],
  },
  planning: { when: [], silent: [unmatched("If I'm going to miss the ferry I call ahead.")] },
  // The table's denied and past scopes (statedOnly below): an aim the clause denies, or one that was.
  hoping: { when: [], silent: ["I'm not hoping to expand this year.", "Back then I was hoping to sell the farm."] },
  "working-towards": {
    when: [],
    silent: [],
    fires: [["She is working towards a pilot licence and hopes to fly cargo.", ["pilot licence", "fly cargo"]]],
  },
  "would-like": {
    when: [notCourtesy],
    silent: [
      "Before we finish, I would like to confirm what we agreed.",
      "Two points I would like to discuss tomorrow:",
    ],
    fires: [
      ["I'd like to add French and raise my rates.", ["add French", "raise my rates"]],
      ["I'd like to buy a bigger oven, maybe.", ["buy a bigger oven"]],
      ["I'd love to win the county cup before my knees give out.", ["win the county cup"]],
      [
        "I'd like to start a second, smaller market stall in the covered square.",
        ["start a second, smaller market stall"],
      ],
    ],
  },
};

const GOAL_READINGS: readonly Rule[] = [
  fieldRule("goals", "labelled", {
    cue: [":"],
    // "Goals for 2027: cut packaging waste by a fifth; move half the stock online": each item of a labelled list is a goal.
    pattern: WHOLE,
    when: COMMON,
    read: labelled(GOAL_LABEL),
    value: (m) =>
      labelledGoals(m[0])
        .flatMap((part) => goalPhrases(part))
        .filter((phrase) => phrase !== null && wording.wordCount(phrase) >= 2 && !CLAUSE_ITEM.test(phrase)),
    confidence: 0.7,
    examples: {
      fires: [
        [
          "Goals for 2027: cut packaging waste; move half the stock online",
          ["cut packaging waste", "move half the stock online"],
        ],
        ["Goals: cut packaging waste, hire a second baker", ["cut packaging waste", "hire a second baker"]],
        [
          "Goals: a website showing prices, photos and opening hours",
          ["website showing prices, photos and opening hours"],
        ],
      ],
      silent: [
        unmatched("Goals: none really"),
        unmatched("Next steps: JP to mail the price sheet; a follow-up call with their finance team."),
        "Goals: later on she's studying part-time for the bar exam",
      ],
    },
  }),
  ...CUED.map(
    ([name, cue, pattern, prefix, confidence, text, goal]): Rule =>
      fieldRule("goals", name, {
        cue,
        pattern,
        when: [...COMMON, notConditional, unlabelled, ...(CUED_EXTRA[name]?.when ?? [])],
        value: cuedGoal(prefix),
        confidence,
        examples: {
          fires: [[text, goal], ...(CUED_EXTRA[name]?.fires ?? [])],
          // A denied plan is not a cue phrase of any of these rules: a guard on the patterns, not the conditions.
          silent: [...nearMisses(cue, ["I don't plan to move."]), ...(CUED_EXTRA[name]?.silent ?? [])],
        },
      }),
  ),
  fieldRule("goals", "pointed-back", {
    cue: ["until", "so that", "to "],
    pattern: WHOLE,
    when: ["statement", pointedAtAsGoal],
    value: pointedAim,
    confidence: 0.65,
    examples: { fires: [], silent: ["We keep pumping until we're under the target."] },
  }),
  fieldRule("goals", "answer-action", {
    cue: "always",
    // "Where do you want to be in 3 years?" ... "Drop the night shifts and build up my own customers. Maybe teach
    // younger welders.": the first sentences of the answer that open on an action verb are aims.
    pattern: WHOLE,
    when: [...COMMON, "self", actionInGoalAnswer, uncued],
    value: (m) =>
      m[0]
        .replace(wording.OPENING_MARK, "")
        .split(LATER_PARTS)
        .map((part) => (ACTION_OPENING.test(part) ? goalPhrase(part.replace(ACTION_FILLER, "")) : null))
        .filter((phrase) => phrase !== null && wording.wordCount(phrase) >= 2),
    confidence: 0.58,
    examples: {
      fires: [
        ["Maybe teach younger welders.", "teach younger welders", { question: "where do you want to be in 3 years?" }],
        [
          "Buy a second kiln + a course in glazing.",
          "Buy a second kiln",
          { question: "what do you want to achieve this year?" },
        ],
      ],
      silent: ["Maybe teach younger welders."],
    },
  }),
];

/**
 * Every value of the table must be stated of the person where it sits (engine/context.ts: statedOnly): not denied
 * ("I don't plan to move"), not put in the past, not an option left unticked.
 */
export const GOAL_RULES = statedOnly(GOAL_READINGS, ["denied", "unticked", "past"]);

export function goalCandidates(units: readonly Unit[]) {
  return listCandidates(GOAL_RULES, units);
}
