/** Rules for pain points: what the person says goes wrong, costs too much or wears them down. */

import type { Candidate } from "../engine/candidate.ts";
import { statedAt, statedOnly } from "../engine/context.ts";
import { tableCues, unspacedCues } from "../engine/cues.ts";
import { dropCovered, labelled, WHOLE } from "../engine/items.ts";
import { fieldRule, nearMisses, type Rule, runRules, unmatched } from "../engine/rules.ts";
import { collapseNear } from "../engine/select.ts";
import { POINTING_HEAD, textBefore, toGerund, trimPunctuation } from "../engine/text.ts";
import type { Unit } from "../engine/unit.ts";
import { PAIN_TOPICS, PAIN_WORDS } from "../lexicon/pain-points.ts";
import { PAIN_CUES } from "./pain-cues.ts";
import {
  AT_WHAT_CAME_BEFORE,
  answerFragment,
  body,
  complainedText,
  complaining,
  correctedAfter,
  cued,
  DEVICE_VERB,
  damagedItem,
  FAULT_GERUND,
  FAULT_VERB,
  GOOD_TO_LOSE,
  I_AM,
  KEEPS,
  labelledPains,
  lexiconLabels,
  NOT_A_COMPLAINT,
  NOT_A_FEATURE,
  NOT_A_THING,
  OTHERS_ARE,
  OTHERS_RELATIVE_CLAUSE,
  ofThing,
  othersAlways,
  PAIN_LABEL,
  PAIN_SCOPES,
  painPhrase,
  REPLY_LINE,
  risingCost,
  SUBJECT_LINE,
  SUBJECT_RELATIVE,
  thing,
  underPainHeading,
} from "./pain-phrases.ts";

export { PAIN_LABEL } from "./pain-phrases.ts";

const OWNED = ["aboutSubject", "statement"] as const;
const SPACES = /\s/g;

/** Near misses of the cue phrases ("killing it", someone else's worry): guards on the patterns of the rows they cue. */
const CUE_NEAR_MISSES = [
  "The garden is lovely in June.",
  "They're worn out and I hate it, honestly, I know how it feels.",
  "The main thing is to enjoy the ride.",
  "Our little bakery is killing it this winter.",
  "My tenants' biggest worry is the heating.",
  "The hardest part for a beginner is the footwork.",
  "The biggest problem is never the weather.",
  "My landlord is worried about the damp.",
  "It was so annoying when the van broke down in May.",
];
/** Texts the cue rows read and must give nothing for: a verb without its object, someone's quoted words. */
const CUE_READ_MISSES = [
  "Honestly, I'm tired of organising.",
  'What bugs me is the new portal: "Log in daily or lose your slot."',
];

const PAIN_READINGS: readonly Rule[] = [
  ...PAIN_CUES.map(
    ([name, cue, pattern, confidence, text, pain]): Rule =>
      fieldRule("pain_points", name, {
        cue,
        pattern,
        when: OWNED,
        read: body,
        value: cued,
        confidence,
        examples: {
          fires: [[text, pain]],
          silent: [
            ...nearMisses(cue, CUE_NEAR_MISSES),
            ...CUE_READ_MISSES.filter((miss) => cue.some((c) => miss.toLowerCase().includes(c))),
          ],
        },
      }),
  ),
  fieldRule("pain_points", "not-good-at", {
    cue: ["good at", "bad at"],
    pattern: /\b(?:(?:I'm|I’m|I am|Im) not (?:very )?good at\s+[^,.;!?]+|bad at [^,.;!?]+)/gi,
    when: OWNED,
    read: body,
    // "bad at all three", "bad at it": an object that only points back names no weakness of its own.
    value: (m) =>
      OTHERS_ARE.test(textBefore(m, 30)) || AT_WHAT_CAME_BEFORE.test(m[0])
        ? null
        : painPhrase(m[0].replace(I_AM, ""), 8),
    confidence: 0.65,
    examples: {
      fires: [
        ["I'm bad at saying no.", "bad at saying no"],
        ["I'm fine with numbers, bad at small talk.", "bad at small talk"],
      ],
      silent: [
        unmatched("I'm good at saying no."),
        "My kids are bad at tidying up.",
        "As a kid I was bad at maths.",
        "Filing, billing, the phones: I'm bad at both of those.",
      ],
    },
  }),
  fieldRule("pain_points", "labelled", {
    // "Pain: X. Also Y.": the line's later sentence has no label of its own.
    cue: "always",
    pattern: WHOLE,
    when: OWNED,
    read: labelled(PAIN_LABEL),
    value: labelledPains,
    confidence: 0.6,
    examples: {
      fires: [
        ["Blocker: procurement approval.", "procurement approval"],
        ["Pains: double-booked slots, no online booking.", ["double-booked slots", "no online booking"]],
        ["Pain: orders kept on paper + Google Sheets.", "orders kept on paper + Google Sheets"],
        ["Pain: ~15% no-shows on Fridays.", "no-shows on Fridays"],
        [
          "Also: their scales are from 2011, one supplier, nobody calibrates them.",
          "outdated scales",
          { previous: "Pain: card fees.", line: "Pain: card fees." },
        ],
        ["Pains: current tills from 2012, slow wifi.", ["outdated tills", "slow wifi"]],
        // With a verb, "and" joins the subjects of one complaint.
        [
          "Pain: heavy ladders; the crew's backs and knees are sore.",
          ["heavy ladders", "crew's backs and knees are sore"],
        ],
      ],
      silent: [
        unmatched("Pain: n/a"),
        "Pain: three vendors, 2 sites.",
        "Pain: parents complain.",
        unmatched("Objection: price."),
        unmatched("Concerns: price, data migration."),
        unmatched("Key risks: the new law, staff leaving."),
        "Pain: see notes from March.",
      ],
    },
  }),
  fieldRule("pain_points", "not-working", {
    cue: ["n't", "nt ", "keep", "wont"],
    // "invoices arnt sending", "card reader keeps disconnecting". Present only: "the printer kept jamming" is a fault
    // that was. Not "open up" (people do: "kids don't open up").
    pattern:
      /(?:^|\bbut\s|\band\s|,\s)([\p{L}' -]{3,40}?)\s+(aren'?t|arnt|isn'?t|isnt|won'?t|wont|doesn'?t|don'?t|keeps?)\s+(\p{Ll}+ing|work|load|send|sync|open(?!\s+up\b)|connect|arrive|print|save)\b(\s+(?:on time|in time|properly|reliably|correctly))?/giu,
    when: OWNED,
    read: (unit) => {
      const statement = unit.label?.toLowerCase() === "subject" ? body(unit).replace(SUBJECT_LINE, "") : body(unit);
      return REPLY_LINE.test(statement) ? null : statement;
    },
    value: (m) => {
      const negated = !KEEPS.test(m[2] ?? "");
      const verb = m[3] ?? "";
      if (negated ? !DEVICE_VERB.test(verb) : !FAULT_GERUND.test(verb)) return null;
      const broken = thing(m[1] ?? "", 4);
      // "the printer doesn't print" -> "printer not printing": a phrase a person would write.
      // "trains don't arrive on time": the qualifier is the fault ("not arriving" alone says they never come).
      return broken ? `${broken} ${negated ? "not " : ""}${toGerund(verb)}${m[4] ?? ""}` : null;
    },
    confidence: 0.6,
    examples: {
      fires: [
        ["The card reader keeps disconnecting.", "card reader disconnecting"],
        ["The label printer doesn't print barcodes.", "label printer not printing"],
        ["The buses don't arrive on time.", "buses not arriving on time"],
      ],
      silent: [
        unmatched("I keep making games."),
        unmatched("The till kept freezing during the sale last week."),
        unmatched("Teenagers don't open up to adults easily."),
        "Please don't send me paper forms any more.",
        "My students aren't reading at home.",
        "The trams aren't running today.",
      ],
    },
  }),
  fieldRule("pain_points", "crashes", {
    cue: ["crash", "disconnect", "failing"],
    // "The rota app crashes every Friday", "the reader keeps disconnecting". Not "freezes": at first contact it was
    // the cold ("the wood freezes in the yard", 0/1), as often said of water, pipes and hands as of a screen.
    pattern:
      /(?:^|\bbut\s|\band\s|,\s)([\p{L}' -]{3,40}?)\s+(?:(?:still|always|often|constantly|regularly|randomly)\s+)?(crash(?:es|ed)?|disconnect(?:s|ed)|keeps? (?:crashing|failing))\b/giu,
    when: OWNED,
    read: body,
    // "A notebook won't crash": a negation right before the fault verb denies it.
    value: ofThing(4, (broken, m) =>
      !statedAt(m.input, m.index + m[0].length - (m[2] ?? "").length, ["negated"])
        ? null
        : `${broken} ${FAULT_VERB.find(([pattern]) => pattern.test(m[2] ?? ""))?.[1] ?? "keeps failing"}`,
    ),
    confidence: 0.62,
    examples: {
      fires: [["The rota app crashes every Friday.", "rota app crashes"]],
      silent: [
        unmatched("I crash early on Fridays."),
        "A paper notebook won't crash on you.",
        unmatched("The water trough freezes at night."),
      ],
    },
  }),
  fieldRule("pain_points", "lacks-feature", {
    cue: ["no "],
    // "the scanner has no night mode"; people "have no idea/time" (not a missing feature). Not "had no": a state that
    // was, often one incident in a report ("the ladder had no feet", 0/1 at first contact). Not cut before "for": what
    // the missing thing is for is the complaint ("no field for notes"; "no field" alone is thin, 0/1 at first contact).
    pattern:
      /\b(?:the|your|this|our|their|its)\s+([\p{L}-]+(?:\s[\p{L}-]+)?)\s+(?:has|have)\s+no\s+([\p{L}-]+(?:\s[\p{L}-]+){0,2}?)(?=\s*(?:$|[,.;!?—–]|\s(?:and|but|so|which|when|at|in|on|whatsoever)\b))/giu,
    when: OWNED,
    read: body,
    value: (m) => {
      const feature = trimPunctuation(m[2] ?? "");
      return feature && !NOT_A_FEATURE.test(feature) && !POINTING_HEAD.test(m[1] ?? "") ? `no ${feature}` : null;
    },
    confidence: 0.6,
    examples: {
      fires: [
        ["The scanner has no night mode.", "no night mode"],
        ["The intake sheet has no box for allergies.", "no box for allergies"],
      ],
      silent: [
        "The new manager has no idea.",
        unmatched("On Monday the trailer had no brake lights."),
        unmatched("The new portal has no space for the parents' own notes."),
      ],
    },
  }),
  fieldRule("pain_points", "cannot-be", {
    cue: ["be "],
    // "the mite counts can't be exported": a thing that cannot be used as needed. Present only (not "couldn't").
    pattern: /(?:^|\bbut\s|\band\s|,\s)([\p{L}' -]{3,40}?)\s+(can'?t|cannot|won'?t)\s+be\s+(\p{Ll}+ed)\b/giu,
    when: OWNED,
    read: body,
    value: ofThing(4, (stuck, m) => `${stuck} can't be ${m[3] ?? ""}`),
    confidence: 0.6,
    examples: {
      fires: [["The mite counts can't be exported.", "mite counts can't be exported"]],
      silent: [unmatched("I can't be bothered."), unmatched("Last year the forms couldn't be signed online.")],
    },
  }),
  fieldRule("pain_points", "expensive", {
    cue: ["expensive"],
    // Bounded word: unbounded, a long hyphenated run was rescanned from each of its pieces.
    pattern: /\b([\p{L}-]{1,64})\s+(?:is|are)\s+(?:so |too |really |very )?expensive\b/giu,
    when: OWNED,
    read: body,
    value: (m) => {
      const costly = (m[1] ?? "").toLowerCase();
      return NOT_A_THING.test(costly) || correctedAfter(m) ? null : `expensive ${costly}`;
    },
    confidence: 0.6,
    examples: {
      fires: [["Childcare is so expensive.", "expensive childcare"]],
      silent: ["It is expensive.", "The workshop is expensive, but worth every cent."],
    },
  }),
  fieldRule("pain_points", "named-pain", {
    // Reads nothing but the lexicon's words: only a unit holding one is read.
    cue: tableCues(PAIN_WORDS),
    pattern: WHOLE,
    when: OWNED,
    value: (m) => lexiconLabels(PAIN_WORDS, m[0], true),
    confidence: 0.6,
    examples: {
      fires: [
        ["You charged me twice for March.", "double charging"],
        ["We lose a table a night to no-shows.", "no-shows"],
        ["They pay me late every single month.", "late payments"],
        ["I burned out last winter.", "burnout"],
      ],
      silent: [
        "When they're exhausted they get careless, they burn out, they quit.",
        "My sister says they can't log in either.",
        unmatched("The river runs low in the dry season."),
        unmatched("Back then the foreman couldn't log in from the yard."),
        "The landlord wants rent on the 1st and I have never paid late, not once in ten years.",
        "We don't get no-shows since the deposit.",
        "We used to get double bookings every summer.",
        "We no longer get late payers.",
        unmatched("The garden is lovely in June."),
        unmatched("Funding for the second-stage sensor upgrade."),
        "Agenda: field trials of drought- and salt-resistant rice.",
        // Someone else's, or the person's work on it for others.
        "My brother's burnout started last spring.",
        "I trained as a grief counsellor after nursing.",
        "Our lab does research into drought in the Sahel.",
        "I help new parents cope with loneliness.",
        "My clients are often lonely after a move.",
        "She runs a group against loneliness among pensioners.",
        "On Fridays I run pilates for back pain clients.",
        "The new till means no more double-charging.",
        "Good grief, the kids grew fast.",
        "We still use an old Lonely Planet guide.",
        // Over, denied, or left unticked on a form.
        "Our worst headache used to be no-shows.",
        "In ten years I've never had a late payment.",
        "[ ] Staff shortage",
      ],
    },
  }),
  fieldRule("pain_points", "complained-topic", {
    // The lexicon reads the complaining clauses joined by spaces: its words, not the spaces between them, are the cue.
    cue: unspacedCues(tableCues(PAIN_TOPICS)),
    // Topics that are pains only when the sentence complains ("Turnover is killing us", "overtime again").
    pattern: WHOLE,
    when: [...OWNED, complaining],
    value: (m) => (NOT_A_COMPLAINT.test(m[0]) ? [] : lexiconLabels(PAIN_TOPICS, complainedText(m[0]))),
    confidence: 0.58,
    examples: {
      fires: [["Overtime again this week, ugh.", "overtime"]],
      silent: [
        "I did some overtime to buy a bike.",
        "My inbox is a mess, I lose things. for overtime swaps pls text me.",
        "The paperwork was never a problem for me, I still enjoy it.",
        "Overtime again this month, but honestly I don't mind it.",
        "Still can't believe we secured new funding for the lab!",
        "The best bit is the overtime pay, again and again.",
      ],
    },
  }),
  fieldRule("pain_points", "is-a-nightmare", {
    cue: [
      "pain",
      "headache",
      "mess",
      "hassle",
      "disaster",
      "joke",
      "struggle",
      "battle",
      "nightmare",
      "problem",
      "drag",
      "chore",
      "sink",
    ],
    // "X is a nightmare": what is being complained about comes first; the verb says it is a pain. Present only: "the
    // move was a nightmare" is over.
    pattern:
      /(?:^|\bbut\s|\band\s|,\s|:\s|[—–]\s)([\p{L}' -]{3,40}?)\s+(?:is|are|has been|have been)\s+(?:always\s+|still\s+|just\s+|honestly\s+|such\s+)?(?:a|an)\s+(?:absolute\s+|total\s+|complete\s+|real\s+|constant\s+|huge\s+|massive\s+)?(?:pain|headache|mess|hassle|disaster|joke|struggle|battle|nightmare|problem|drag|chore|time-?sink)\b/giu,
    when: OWNED,
    read: body,
    value: (m) => thing(m[1] ?? "", 5),
    confidence: 0.62,
    examples: {
      fires: [["Scheduling is a total nightmare.", "Scheduling"]],
      silent: ["She is a nightmare.", unmatched("The flat hunt last spring was a total nightmare.")],
    },
  }),
  fieldRule("pain_points", "takes-forever", {
    cue: ["take", "taking"],
    // Only words that complain of the time: "takes hours/weeks" states how long a thing lasts ("the drive to the coast
    // takes hours"). Present only: "took too long" is one time that was (its one first-contact value, 0/1).
    pattern:
      /(?:^|\bbut\s|\band\s|,\s|:\s)([\p{L}' -]{3,40}?)\s+(?:takes?|is taking)\s+(?:forever|ages|way too long|too long)\b/giu,
    when: OWNED,
    read: body,
    value: ofThing(4, (slow) => `slow ${slow}`),
    confidence: 0.6,
    examples: {
      fires: [["Onboarding takes forever.", "slow Onboarding"]],
      silent: [
        unmatched("It takes ages."),
        unmatched("The ferry to the island takes hours."),
        unmatched("On Monday the courier took forever to turn up."),
      ],
    },
  }),
  fieldRule("pain_points", "has-failed", {
    cue: ["failed"],
    // "the sync has failed again" -> "sync failures".
    pattern: /\b(?:the|my|our|your)\s+([\p{L}-]+(?:\s[\p{L}-]+)?)\s+(?:has|have|had)\s+failed\b/giu,
    when: OWNED,
    read: body,
    value: (m) => {
      const failed = (m[1] ?? "").toLowerCase();
      return NOT_A_THING.test(failed) ? null : `${failed} failures`;
    },
    confidence: 0.58,
    examples: {
      fires: [["Once again the backup has failed.", "backup failures"]],
      silent: [unmatched("I have failed.")],
    },
  }),
  fieldRule("pain_points", "costs-more", {
    cue: ["cost"],
    // Only cost nouns rise into a pain ("my followers doubled" is good news).
    pattern:
      /\b((?:[\p{L}-]+\s+){0,2}?[\p{L}-]+)\s+(?:now\s+)?costs?\s+(?:(?:about|almost|nearly|roughly)\s+)?(?:twice|double|triple|three times|\d+x|\d+\s*%\s+more|way more|much more)\b/giu,
    when: OWNED,
    read: body,
    value: risingCost,
    confidence: 0.62,
    examples: {
      fires: [
        ["Good walnut costs twice what it did five years ago.", "rising walnut prices"],
        ["Called Tom. Says hay costs double since spring.", "rising hay prices"],
      ],
      silent: ["It costs twice as much."],
    },
  }),
  fieldRule("pain_points", "strain", {
    cue: ["afford", "always", "constantly", "forever", "permanently", "chronically", "enough"],
    // "We can't afford a second bad season", "always behind on admin", "never enough time for the kids"; not "can't
    // afford to lose hives", which states what is at stake, not something that goes wrong.
    pattern:
      /\b(?:can'?t|cannot|couldn'?t)\s+afford\s+(?!to\s)([^,.;!?—–]{3,40})|\b(?:always|constantly|forever|permanently|chronically)\s+(behind on [^,.;!?]{2,30}|short of [^,.;!?]{2,30}|running out of [^,.;!?]{2,30}|fighting (?:with )?[^,.;!?]{2,30})|\b(?:never|not)\s+(?:have\s+|having\s+|get\s+|getting\s+)?enough\s+([\p{L}]+(?:\s+for\s+[^,.;!?]{2,25})?)/giu,
    when: OWNED,
    read: body,
    value: (m) =>
      OTHERS_RELATIVE_CLAUSE.test(textBefore(m, 40)) || SUBJECT_RELATIVE.test(textBefore(m, 40)) || othersAlways(m)
        ? null
        : m[1]
          ? painPhrase(`can't afford ${m[1]}`, 6)
          : m[2]
            ? painPhrase(m[2], 6)
            : painPhrase(`not enough ${m[3] ?? ""}`, 6),
    confidence: 0.6,
    examples: {
      fires: [
        ["We can't afford another flood.", "can't afford another flood"],
        ["I'm always behind on invoicing.", "behind on invoicing"],
        ["I moved to a town where I can't afford a car.", "can't afford a car"],
      ],
      silent: [
        unmatched("We can afford it."),
        unmatched("Varroa is spreading. Can't afford to lose hives."),
        // A relative clause describes other people: their strain, not the speaker's.
        "One day I want a stall in the market where most traders cannot afford a fridge.",
        "We treat pets of families who can't afford private vets.",
        "We print menus for small cafés that can't afford a designer.",
        // Someone else's state ("the kids are"), not the speaker's ("I'm", "we are").
        "My two dogs are always fighting over the sofa.",
      ],
    },
  }),
  fieldRule("pain_points", "down-by", {
    cue: ["%"],
    // "Yields are down 30%", "bookings were off 20% last year".
    pattern:
      /(?:^|\b(?:but|and|so)\s|[,:;—–]\s)(?:the |our |my )?([\p{L}][\p{L} -]{2,30}?)\s+(?:are|is|were|was)\s+(?:down|off)\s+(?:by\s+)?(\d{1,3}\s?%)/giu,
    when: OWNED,
    read: body,
    value: ofThing(3, (fallen, m) =>
      GOOD_TO_LOSE.test(fallen) ? null : `${fallen.toLowerCase()} down ${(m[2] ?? "").replace(SPACES, "")}`,
    ),
    confidence: 0.6,
    examples: {
      fires: [["Orders are down 12% on last spring.", "orders down 12%"]],
      silent: [unmatched("Prices are up 12%."), "Since we take deposits, cancellations are down 40%."],
    },
  }),
  fieldRule("pain_points", "never-answers", {
    cue: ["never", "rarely", "hardly", "n't"],
    // "Support never answers", "the courier never shows up". Not "doesn't pay": said of a trip or a crop it means
    // "is not worth it", and at first contact it was read that way (0/1).
    pattern:
      /(?:^|\b(?:but|and|so)\s|[,:;—–]\s)(?:the |our |my )?([\p{L}][\p{L} -]{2,30}?)\s+(never|rarely|hardly ever|doesn'?t|don'?t|won'?t)\s+(answers?|responds?|repl(?:y|ies)|calls? back|picks? up|shows? up|turns? up)\b/giu,
    when: OWNED,
    read: body,
    value: ofThing(3, (who, m) => `${who} ${m[2]?.toLowerCase()} ${m[3]}`),
    confidence: 0.6,
    examples: {
      fires: [["The courier never shows up before noon.", "courier never shows up"]],
      silent: ["She never shows up late.", unmatched("Some weeks the market stall doesn't pay for its pitch.")],
    },
  }),
  fieldRule("pain_points", "gets-lost", {
    cue: ["get"],
    // "Invoices get lost all the time": things that go astray.
    pattern:
      /(?:^|\b(?:but|and|so)\s|[,:;—–]\s)(?:the |our |my )?([\p{L}][\p{L} -]{2,30}?)\s+(?:get|gets|got|keep getting|keeps getting|always get)\s+(lost|delayed|cancell?ed|stuck|rejected|ignored|damaged|stolen|missed|mixed up|double-booked)\b/giu,
    when: OWNED,
    read: body,
    value: ofThing(3, (lost, m) => `${m[2]} ${lost.toLowerCase()}`),
    confidence: 0.6,
    examples: {
      fires: [["Parcels get lost at the depot.", "lost parcels"]],
      // The words before a clause word are not what gets lost.
      silent: [unmatched("We got lost."), "Three bins, labelled so nothing gets lost."],
    },
  }),
  fieldRule("pain_points", "damaged", {
    cue: [
      "crack",
      "broke",
      "outdated",
      "out of date",
      "obsolete",
      "stable",
      "reliable",
      "patchy",
      "spotty",
      "slow",
      "overpriced",
      "from 19",
      "from 20",
    ],
    // "Half the ladders are cracked", "our tills are from 2012", "the signal is not stable". Present only: "the vans
    // were unreliable" is a state that was, often followed by how it ended. Not the words said as often of the living
    // and of the past as of things (dead, dying, worn out, falling apart, ancient: "the kids are worn out", "the
    // plants are dying", "the ruins are ancient"); none was ever read on a labelled set.
    pattern:
      /(?:^|\b(?:but|and|also|plus|so|because|since|where|sadly|again)\s|[,:;—–]\s)((?:half|most|all|some|many|two|three) (?:of )?)?(?:the |our |my |their |your |his |her )?([\p{L}-]+(?: [\p{L}-]+)?)\s+(?:here\s+)?(?:is|are)\s+(?:all\s+|still\s+|so\s+|really\s+|completely\s+)?(cracked|broken|outdated|out of date|obsolete|not stable|unstable|not reliable|unreliable|patchy|spotty|too slow|slow|overpriced|from (?:19\d\d|20[01]\d))\b/giu,
    when: OWNED,
    read: body,
    value: (m) => (correctedAfter(m) ? null : damagedItem(m)),
    confidence: 0.62,
    examples: {
      fires: [
        ["Half the drills are broken.", "broken drills"],
        ["The wifi here is not stable.", "unstable wifi"],
        ["Trust me, your meter is broken.", "broken meter"],
      ],
      silent: [
        unmatched("I was slow."),
        unmatched("The old vans were unreliable, so we sold them."),
        unmatched("After the hike the children are worn out."),
        // A pronoun names no thing: what "mine" is stands in another sentence.
        "Saving for a new phone; mine is from 2017.",
        // Recent is not outdated; a "but" after the age takes it back.
        unmatched("Our tills are from 2024."),
        "The tractor is from 2004 but still runs fine.",
      ],
    },
  }),
  fieldRule("pain_points", "under-heading", {
    // Short lines under a "Frustrations" heading. Short answers to "what's hardest?" are not read: pooled over the
    // apart sets they were right 1 time in 5 ("Numbers", "Eleven at night").
    cue: "always",
    pattern: WHOLE,
    when: [...OWNED, underPainHeading],
    read: body,
    value: answerFragment,
    confidence: 0.52,
    examples: {
      fires: [["Late invoices", "Late invoices", { section: "Frustrations" }]],
      silent: [["The distances.", { question: "what's the hardest part?" }], "The distances."],
    },
  }),
];

/**
 * Every value of the table must be stated of the person where it sits (engine/context.ts: statedOnly): not an option
 * left unticked, not negated right before it, not put in the past ("as a kid I was bad at maths"). Not the
 * clause-wide denied scope: a complaint's clause often negates something else ("no one told us about ..."), and
 * read so it lost 5 right pains on the tuned and tune-allowed sets and removed no wrong one.
 */
export const PAIN_RULES = statedOnly(PAIN_READINGS, PAIN_SCOPES);

/**
 * Rules naming a pain from a lexicon, or taking an answer's words as they come: a word already read inside an item
 * of a more specific rule on the same sentence adds nothing.
 */
const LEXICON_RULES = new Set(["pain_points/named-pain", "pain_points/complained-topic", "pain_points/under-heading"]);

export function painCandidates(units: readonly Unit[]): Candidate[] {
  return collapseNear(dropCovered(runRules(PAIN_RULES, units), LEXICON_RULES));
}
