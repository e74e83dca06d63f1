/** Rules for skills: what the person is good at, trained in, uses or does for a living. */
import type { Candidate } from "../engine/candidate.ts";
import { questionOf, statedAt, statedOnly } from "../engine/context.ts";
import { patternCues } from "../engine/cues.ts";
import { listCandidates, WHOLE } from "../engine/items.ts";
import { applyRules, fieldRule, type Place, type Rule, unmatched } from "../engine/rules.ts";
import { collapseNear } from "../engine/select.ts";
import { SPACED_ASIDE, toGerund } from "../engine/text.ts";
import { isAboutSubject, topicNamed, type Unit } from "../engine/unit.ts";
import { LANGUAGES, SENTENCE_WORD_TOOLS, TOOL_WORDS } from "../lexicon/skills.ts";
import { AT_HOME, asksLeisure, LEISURE_LEAD } from "./interests.ts";
import { PAIN_LABEL } from "./pain-points.ts";
import { skillObject, skillPhrase } from "./skill-phrase.ts";
import { namesOccupation, OCCUPATION_SKILL_RULES } from "./skills-occupation.ts";
import { INTERPRETS, LANGUAGE_LIST, PROFICIENCY_OPENING, TOOL_USE } from "./skills-patterns.ts";

const GOOD_AT =
  /\b(?:I'm|I’m|I am|Im|she's|he's|is|are|really|very)\s+(?!not\b|never\b)(?:\w+\s+)?(?:good|great|skilled|brilliant|excellent|strong|handy|decent|solid|confident|comfortable|quick|fast)\s+(?:at|with)\s+([^,.;!?]+)/gi;

/** "15 years of experience in logistics", "a background in structural engineering". */
const EXPERIENCE_IN =
  /\b(?:experience|expertise|background|grounding)\s+(?:in|with)\s+([^,.;!?()]+?)(?=\s+(?:at|for|since|from|when|but|and then)\b|[,.;!?()]|$)/gi;

/** "I'm the go-to person for spreadsheets", "I've got a crane licence". */
const GO_TO =
  /\b(?:I'm|I’m|I am|she's|he's|she is|he is)\s+(?:the|our|their)\s+go-?to\s+(?:person|guy|girl|woman|man|one)?\s*(?:for|on)\s+([^,.;!?]+)|\b(?:I've got|I have|I hold|I've got my|got my|holds?)\s+(?:a |an |my |the )?((?:[\p{L}\d-]+\s+){1,3}(?:licen[cs]e|certificate|certification|qualification|ticket))\b/giu;

/** A credential whose words before its noun are all names or acronyms ("RYA certificate", "Red Cross certificate"). */
const BODY_ONLY = /^(?:(?:\p{Lu}[\p{L}\d-]*|and|&|of)\s+)+[\p{Ll}]+$/u;

/** "Skills: welding, AutoCAD and first aid", "skills I've learnt over the years: ...". */
const SKILL_FIELD = /^(?:[-•*]\s*)?(?:my\s+)?(?:key\s+)?skills?\b[^:]{0,40}:\s*(.+)$/i;

const EXPERT_IN =
  /\b(?:specialist|expert|skilled|experienced|proficient|trained|certified)\s+(?:in|at|on)\s+([^,.;!?]+)/gi;

/**
 * Other marks of expertise: "she specialises in soil chemistry and X", "our wheel-building specialist", "the
 * person to ask about hub gears".
 */
const EXPERTISE_MARK =
  /\bspeciali[sz](?:es|ed|ing|e)\s+in\s+([^.;!?()]+)|\b(?:our|the|their|a|an)\s+((?:[\p{L}-]+\s+){0,1}[\p{L}-]+)\s+(?:specialist|expert|guru|wizard)\b|\b(?:the )?(?:person|one|guy|woman|man) to ask about\s+([^,.;!?()]+)/giu;

const QUALIFIED_FOR = /\bqualified\s+(?:for|in)\s+([^.;!?]+)/gi;

/** The verbs DID_MYSELF reads, past form to base verb; the pattern takes both forms of each. */
const PAST_TO_BASE: Readonly<Record<string, string>> = {
  did: "do",
  made: "make",
  built: "build",
  wrote: "write",
  designed: "design",
  handled: "handle",
  ran: "run",
  managed: "manage",
  fixed: "fix",
  edited: "edit",
  cut: "cut",
  shot: "shoot",
  sewed: "sew",
};

const DID_MYSELF = new RegExp(
  `\\bI\\s+(${[...new Set(Object.entries(PAST_TO_BASE).flat())].join("|")})\\s+((?:all\\s+)?(?:the\\s+|my\\s+|our\\s+)?[^,.;!?]{2,40}?)\\s+myself\\b`,
  "gi",
);

/**
 * "I do the accounts myself and I hate it": a task the person says they hate doing is a chore they are stuck with (a
 * pain), not something they are good at. Read only by the rules that take a task done for a skill.
 */
const DISLIKED = /\b(?:hate|hates|loathe|loathes|dread|dreads|detest|detests|can't stand|cannot stand|can’t stand)\b/i;
const notDisliked = (unit: Unit) => !DISLIKED.test(unit.text);

/** Verbs that name a post unless their object is people ("leads the unit" vs "leads a team of 40"). */
const MANAGING = /^(?:run|lead|manage|oversee|supervise|handle|organi[sz]e)s?$/i;
// "a group of volunteers" is people; "the timber structures group" is a unit of a firm, a post like "the unit".
const PEOPLE = /\b(?:team|crew|staff|people|nurses|volunteers|instructors|group of|class(?:es)?|\d+)\b/i;

/** A relative clause opening just before a match: its object is the noun before "that". */
const RELATIVE_BEFORE = /\b(?:that|which)\s+$/i;
/** "an evening course in pottery glazing": a course and the subject it teaches. */
const TAUGHT_SUBJECT =
  /^(?:[\p{L}'-]+\s+){0,4}?(?:workshops?|class(?:es)?|courses?|seminars?|lessons?|sessions?)\s+(?:in|on)\s+(.+)$/iu;

/** "She runs a kitchen crew of six", "Priya leads a team of 40": what a bio says the subject does. */
const THIRD_SKILL_VERBS =
  /^(?:(?:she|he|they)|\p{Lu}[\p{L}'-]+)\s+(?:also\s+|now\s+)?(runs|leads|manages|teaches|trains|coaches|mentors|designs|builds|repairs|translates|interprets|roasts|edits|writes|develops|supervises|oversees|organi[sz]es|negotiates|handles)\s+([^,.;!?—–]{3,60})/u;

/** "I've been translating Korean into French for ten years", "Been teaching for eleven years". */
const YEARS_PRACTISING =
  /\b(?:I've|I have|I’ve|I'd|she's|he's|has|have)?\s*been\s+(\p{Ll}{3,}ing)\b\s*((?:[\p{L}-]+\s+){0,4}?)(?:for|since)\s+(?:\d|a\b|an\b|over|almost|nearly|about|more than|the (?:last|past)|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|decades|years|ages)/giu;

const NOT_A_PRACTICE =
  /^(?:living|working|waiting|trying|thinking|going|doing|using|coming|married|dating|saving|looking|struggling|getting|feeling|sleeping|staying|meaning|planning|hoping|wanting|talking|asking|telling|putting|paying|chasing)$/i;

/** "Her day job is 'half paperwork': grant reports, budget tables and ...": what the job consists of. */
const DAY_JOB =
  /\b(?:(?:my|her|his|the)\s+day\s+job\b([^.;!?]{0,60}?)\s(?:is|was|consists of|means|involves)\s+(?:mostly\s+|basically\s+|mainly\s+)?|(?:my|her|his)\s+(?:job|work)\s+(?:consists of|involves|is mostly|is mainly|is basically)\s+)([^.;!?]+)/iu;

const PAST_WORK = /\bI was (?:doing|working (?:as|in|on))\s+(?:a |an )?([^,.;!?]{2,40}?)\s+(?:for|at|in)\b/gi;

/** Learning a tool is not knowing it yet: "learning", "studying", "teaching herself". */
const LEARNING =
  /\b(?:learn|learning|teach you|taught me|want to|studying|(?:teach|teaches|teaching|taught)\s+(?:myself|herself|himself|themselves))\b/i;

/**
 * Words that put a sentence in free time, where "I bake" is a hobby rather than a skill: also "outside school" and a
 * place of worship ("I play the organ at church"). Not a weekday: "I chase invoices myself on
 * Monday evenings", "I teach a watercolour painting class on Sundays" are work.
 */
const FREE_TIME =
  /\b(?:weekends?|free time|spare time|for fun|hobby|hobbies|days? off|holidays?|outside (?:of )?(?:work|school|class|the office|office hours)|after (?:work|school)|when I'?m not|at (?:church|the mosque|the temple|the synagogue))\b/i;
const FIELD_PARTS = /\s*(?:,|;|\+|\band\b)\s*/;
const AND_PARTS = /\s*(?:,|\band\b)\s*/;
const MARK_PARTS = /\s*,\s*(?:and\s+)?|\s+and\s+/;
const ARTICLE = /^(?:the|a|an)\s+/i;
const OWNED_OBJECT = /^\s*(?:my|her|his|their|our|your)\b/i;
const ARTICLE_OR_OWNER = /^(?:the|a|an|my|her|his|their|our)\s+/i;
const NAME_NEXT = /^\s+\p{Lu}\p{Ll}+\b/u;
const NOT_A_SPECIALITY = /^(?:in-house|resident|local|leading|world|real|true|certified|our|the)$/i;
/** "want to be qualified for tax audits" is an aim; only a held credential is a skill. */
const AIMED_AT = /\b(?:to be|to become|become|becoming|get|getting|want|hope|plan)\s*$/i;
/** Who speaks, just before "speak(s)" or "fluent in": the person ("I", "we", "I'm") or someone else. */
const SPEAKS = /^(?:speaks?|fluent in)\b/i;
const SPEAKER_IS_SELF = /(?:^|\b(?:I|we|I'm|I’m|I am)\s+(?:\p{Ll}+ly\s+|also\s+|still\s+|can\s+|do\s+|all\s+)?)$/u;
const LIKE_ME = /\b(?:like me|as I do|as well as me)\b/i;
const LANGUAGE_PARTS = /\s*(?:,|\band\b|\by\b)\s*/;
const ALL_OF = /^all\s+/i;
const PRACTICE_CUT = /\s+(?:in|at|for|with|on|from|as)\s+/;
const TRANSLATION = /translat/i;
const TRANSLATION_NOUN = /\btranslation$/i;
const TRANSLATION_PARTS = /\s*(?:,|\band\b|&|\/|-|\bto\b|\binto\b)\s*/;
const THIRD_PERSON_S = /e?s$/;
const COLON = /:\s*/;
const OPENING_QUOTE = /^["“]/;
const DAY_JOB_PARTS = /\s*(?:,|;|\band\b)\s*/;
/** "a fair amount of plastering", "lots of": how much of a task, not the task. */
const QUANTITY = /^(?:a (?:great|good|fair) (?:deal|amount|bit) of|lots of|a lot of|plenty of|some)\s+/i;
const NOT_A_TASK = /["“”]|\b(?:I|it|is|was|half)\b/i;

/**
 * Not free time: "I bake at the weekend", or "I repair old radios" answering "and outside work?", is a hobby, not a
 * skill.
 */
function atWork(unit: Unit, at: Place): boolean {
  if (FREE_TIME.test(unit.text) || AT_HOME.test(unit.text) || LEISURE_LEAD.test(unit.text)) return false;
  return !asksLeisure(questionOf(at.units, at.i));
}

/** The subject says it, or a bio sentence names them. */
function selfOrNamed(unit: Unit): boolean {
  return (unit.speaker === "subject" && unit.topic !== "other") || (unit.topic === "subject" && topicNamed(unit));
}

/** Tools named outside talk of learning them and outside a "Pain:" line or a pain section (the setup complained of). */
function usesTools(unit: Unit): boolean {
  return !LEARNING.test(unit.text) && !PAIN_LABEL.test(unit.line) && !PAIN_HEADING.test(unit.section);
}

const PAIN_HEADING = /\b(?:pains?|pain points?|frustrations?|problems?|issues?|complaints?)\b/i;
/** A one-letter tool ("R") only after a word of use: at a line start it is a transcript's speaker tag ("R = respondent"). */
const USE_WORD_FIRST = /^[\p{L}]{2,}/u;
/** "Trained in Lyon, France": "in" names where, when a single capitalised word follows a training verb. */
const WHERE_TRAINED =
  /^(?:[Tt]rained|[Ee]xperienced|[Cc]ertified)\s+(?:in|at|on)\s+\p{Lu}[\p{L}-]*(?:\s*,\s*\p{Lu}|\s*$)/u;

/** "Skills: welding, AutoCAD": the line's own first sentence. */
function skillsLine(unit: Unit): string | null {
  return unit.line.startsWith(unit.text.slice(0, 12)) ? (SKILL_FIELD.exec(unit.line)?.[1] ?? null) : null;
}

const notAimed = (m: RegExpExecArray) => !AIMED_AT.test(m.input.slice(0, m.index));
const TOOL_CUES = [...new Set(TOOL_WORDS.map((tool) => tool.toLowerCase()))];
const OWNED = ["aboutSubject"] as const;

const SKILL_READINGS: readonly Rule[] = [
  fieldRule("skills", "good-at", {
    cue: patternCues([GOOD_AT]),
    pattern: GOOD_AT,
    when: OWNED,
    // "I'm not very good with spreadsheets": the field's denied scope (statedOnly below) reads the words before it.
    // "good with my hands", "great at my job": what the person owns names no ability.
    value: (m) => (OWNED_OBJECT.test(m[1] ?? "") ? null : skillPhrase(m[1] ?? "")),
    confidence: 0.8,
    examples: {
      fires: [["I'm really good at negotiating contracts.", "negotiating contracts"]],
      silent: [
        unmatched("I'm not good at maths."),
        // The value drops a head that names no ability ("bits", "stuff", "steps").
        "I keep the café's books, so I'm comfortable with the admin bits.",
        "I'm not very good with spreadsheets.",
        "I'm quite good with my hands.",
      ],
    },
  }),
  fieldRule("skills", "skills-line", {
    cue: "always",
    pattern: WHOLE,
    when: OWNED,
    read: skillsLine,
    value: (m) => m[0].split(FIELD_PARTS).map((part) => skillPhrase(part.replace(SPACED_ASIDE, ""), 4)),
    confidence: 0.75,
    examples: {
      fires: [
        ["Skills: welding, AutoCAD and first aid", ["welding", "AutoCAD", "first aid"]],
        ["Skills: internship in bookbinding, gilding", ["bookbinding", "gilding"]],
      ],
      silent: [unmatched("Skilled people are hard to find.")],
    },
  }),
  fieldRule("skills", "expert-in", {
    cue: patternCues([EXPERT_IN]),
    pattern: EXPERT_IN,
    when: OWNED,
    value: (m) => (WHERE_TRAINED.test(m[0]) ? null : skillPhrase(m[1] ?? "", 6)),
    confidence: 0.75,
    examples: {
      fires: [
        ["She is an expert in soil chemistry.", "soil chemistry"],
        // How it was learnt is no part of the skill.
        ["He is trained in boat building through a long apprenticeship.", "boat building"],
      ],
      silent: [unmatched("Ask an expert."), "Trained in Lyon, France (pastry)."],
    },
  }),
  fieldRule("skills", "expertise-mark", {
    cue: ["speciali", "expert", "guru", "wizard", "to ask about"],
    pattern: EXPERTISE_MARK,
    when: OWNED,
    value: (m) => {
      // "our payroll specialist Dana handles it": the name right after the title is the specialist, someone named.
      if (m[2] && NAME_NEXT.test(m.input.slice(m.index + m[0].length, m.index + m[0].length + 30))) return null;
      return (m[1] ? m[1].split(MARK_PARTS) : [m[2] ?? m[3] ?? ""]).map((part) => {
        const item = skillPhrase(part.replace(ARTICLE, ""), 5);
        return item && !NOT_A_SPECIALITY.test(item) ? item : null;
      });
    },
    confidence: 0.68,
    examples: {
      fires: [["She specialises in soil chemistry.", "soil chemistry"]],
      silent: [unmatched("We need a specialist."), "Our tax specialist Priya checks the returns."],
    },
  }),
  fieldRule("skills", "experience-in", {
    cue: patternCues([EXPERIENCE_IN]),
    pattern: EXPERIENCE_IN,
    when: OWNED,
    // "experience in pipe fitting and a licence for ...": a part opening on a determiner is the verb's next object.
    value: (m) => {
      const parts = (m[1] ?? "").split(AND_PARTS);
      const own = parts.findIndex((part, k) => k > 0 && ARTICLE_OR_OWNER.test(part));
      return (own > 0 ? parts.slice(0, own) : parts).map((part) => skillPhrase(part, 4));
    },
    confidence: 0.68,
    examples: {
      fires: [
        ["15 years of experience in logistics.", "logistics"],
        ["He has experience in tiling and a van of his own.", "tiling"],
      ],
      silent: [unmatched("No experience needed.")],
    },
  }),
  fieldRule("skills", "go-to", {
    cue: patternCues([GO_TO]),
    pattern: GO_TO,
    when: OWNED,
    // A credential named only by its issuing body ("the RYA certificate") says who certified, not in what.
    value: (m) => (m[2] && BODY_ONLY.test(m[2]) ? null : skillPhrase(m[1] ?? m[2] ?? "", 5)),
    confidence: 0.7,
    examples: {
      fires: [
        ["I'm the go-to person for spreadsheets.", "spreadsheets"],
        ["Yes, I have a crane licence now.", "crane licence"],
      ],
      silent: [unmatched("Where do I go to vote?"), "I got my ABRSM certificate last spring."],
    },
  }),
  fieldRule("skills", "does-all", {
    cue: ["do all"],
    // "I do all our social media": everything of a kind done by the subject.
    pattern: /\bI\s+(?:also\s+)?do\s+all\s+(?:of\s+)?(?:the|our|my)\s+([^,.;!?—–]{3,40})/i,
    when: [...OWNED, "self", notDisliked],
    value: (m) => skillObject(m[1] ?? ""),
    confidence: 0.62,
    examples: { fires: [["I do all our social media.", "social media"]], silent: [unmatched("We do all sorts.")] },
  }),
  fieldRule("skills", "qualified-for", {
    cue: ["qualified"],
    pattern: QUALIFIED_FOR,
    when: OWNED,
    value: (m) => (notAimed(m) ? (m[1] ?? "").split(AND_PARTS).map((part) => skillPhrase(part)) : null),
    confidence: 0.7,
    examples: {
      fires: [["I'm qualified for heavy goods vehicles.", "heavy goods vehicles"]],
      // A hope (the table's "wished" scope); a qualification under way ("getting", notAimed).
      silent: ["I hope to be qualified for forklift work.", "I'm getting qualified for forklift work."],
    },
  }),
  fieldRule("skills", "languages", {
    cue: ["speak", "fluent in", "language", "hablo"],
    pattern: LANGUAGE_LIST,
    when: OWNED,
    value: (m, unit) => {
      // When the person speaks of themself, who speaks is named before the verb ("my wife speaks Polish" is hers), and a
      // past habit ("I used to speak German", the shared past scope) is not held now.
      const before = m.input.slice(Math.max(0, m.index - 40), m.index);
      const after = m.input.slice(m.index, m.index + 160);
      if (unit.speaker === "subject" && SPEAKS.test(m[0]) && !SPEAKER_IS_SELF.test(before) && !LIKE_ME.test(after))
        return null;
      if (!statedAt(m.input, m.index, ["past"])) return null;
      const languages = (m[1] ?? "")
        .split(LANGUAGE_PARTS)
        .map((l) => l.replace(PROFICIENCY_OPENING, ""))
        .filter((l) => LANGUAGES.includes(l));
      if (languages.length >= 3) return `multilingual (${languages.join(", ")})`;
      return languages.filter((language) => language !== "English");
    },
    confidence: 0.75,
    examples: {
      fires: [
        ["I speak Welsh and English.", "Welsh"],
        ["I speak Finnish, English and decent Spanish.", "multilingual (Finnish, English, Spanish)"],
        ["Languages: Norwegian, English, German.", "multilingual (Norwegian, English, German)"],
        // A language name ends its word: not "Malay" from "Malayalam".
        ["At home we speak Malayalam.", "Malayalam"],
      ],
      silent: [
        unmatched("I speak my mind."),
        unmatched("I speak Germanic languages badly."),
        ["My husband speaks Danish and Dutch.", { speaker: "subject", firstPerson: true }],
        "I used to speak Russian at school.",
        "New people don't speak Polish always.",
        unmatched("Session: B-12 · Language: Greek, interpreted consecutively into English"),
      ],
    },
  }),
  fieldRule("skills", "did-myself", {
    cue: ["myself"],
    pattern: DID_MYSELF,
    // Not in free time: "I bake rye bread on weekends myself" is a pastime.
    when: [...OWNED, "self", atWork, notDisliked],
    // The skill is the activity, verb and object ("I fix the engine myself" is fixing engines, not "engine"), the
    // object cut before where and to whom ("I wrote to the buyer myself" names no object: nothing).
    value: (m) => {
      const object = skillObject((m[2] ?? "").replace(ALL_OF, "").replace(QUANTITY, ""));
      const verb = (m[1] ?? "").toLowerCase();
      const base = PAST_TO_BASE[verb] ?? verb;
      return object ? `${base === "do" ? "doing" : toGerund(base)} ${object}` : null;
    },
    confidence: 0.7,
    examples: {
      fires: [
        ["I built the website myself.", "building website"],
        ["I fix the outboard myself.", "fixing outboard"],
        ["I do the payroll myself.", "doing payroll"],
        ["I do a good deal of welding myself.", "doing welding"],
      ],
      silent: [
        unmatched("I hurt myself."),
        unmatched("I bake rye bread on weekends myself."),
        "I wrote to the landlord myself.",
        "I edit everything myself.",
        "I do the tax returns myself every quarter and I dread it.",
      ],
    },
  }),
  fieldRule("skills", "past-work", {
    cue: patternCues([PAST_WORK]),
    pattern: PAST_WORK,
    when: [...OWNED, "self"],
    value: (m) => skillPhrase(m[1] ?? "", 3),
    confidence: 0.6,
    examples: { fires: [["I was doing payroll for a big firm.", "payroll"]], silent: [unmatched("I was doing fine.")] },
  }),
  fieldRule("skills", "tool-use", {
    cue: TOOL_CUES,
    pattern: TOOL_USE,
    when: [...OWNED, usesTools],
    value: (m) => {
      const tool = m[1] ?? "";
      // A tool name that is also a word ("Go, Brian!") counts only after a word of use ("written in Go").
      const afterUseWord = m[0].length > tool.length && USE_WORD_FIRST.test(m[0]);
      if (SENTENCE_WORD_TOOLS.has(tool) && !afterUseWord) return null;
      return tool.length > 1 || USE_WORD_FIRST.test(m[0]) ? tool : null;
    },
    confidence: 0.65,
    examples: {
      fires: [
        ["Everything is in Excel.", "Excel"],
        ["I wrote the model in R.", "R"],
        ["The backend is written in Go.", "Go"],
      ],
      silent: [
        unmatched("I'm learning Excel."),
        "R = respondent",
        "Go, Brian! Sorry.",
        // Teaching oneself a tool is learning it.
        "He is teaching himself to script in Python.",
      ],
    },
  }),
  fieldRule("skills", "translation", {
    cue: patternCues([INTERPRETS]),
    pattern: INTERPRETS,
    when: OWNED,
    value: (m, unit) => {
      const kind = TRANSLATION.test(m[0]) ? "translation" : "interpreting";
      // "Original in Polish; German translation.": the noun names a document's translation; a skill only when
      // the person says it of their own work ("I do English translation").
      if (m[2] && TRANSLATION_NOUN.test(m[0]) && !unit.firstPerson) return null;
      const languages = (m[1] ?? m[2] ?? "").split(TRANSLATION_PARTS);
      if (m[2] && languages.length === 2 && kind === "translation")
        return `${languages[0]}-${languages[1]} translation`;
      return languages.filter((language) => LANGUAGES.includes(language)).map((language) => `${language} ${kind}`);
    },
    confidence: 0.7,
    examples: {
      fires: [
        ["I'm a Polish interpreter.", "Polish interpreting"],
        ["I do English translation on the side.", "English translation"],
      ],
      silent: [
        unmatched("We need an interpreter."),
        ["Original in Polish; German translation.", { firstPerson: false }],
      ],
    },
  }),
  fieldRule("skills", "years-practising", {
    cue: ["been"],
    pattern: YEARS_PRACTISING,
    when: [...OWNED, selfOrNamed],
    value: (m) => {
      const verb = (m[1] ?? "").toLowerCase();
      // "the recipe list that I have been collecting since 2015": the object went before, in the main clause.
      if (NOT_A_PRACTICE.test(verb) || RELATIVE_BEFORE.test(m.input.slice(0, m.index))) return null;
      const object = skillPhrase((m[2] ?? "").split(PRACTICE_CUT)[0] ?? "", 4);
      return object ? `${verb} ${object}` : verb;
    },
    confidence: 0.65,
    examples: {
      fires: [["I've been translating Korean into French for ten years.", "translating Korean into French"]],
      silent: ["I've been living here for years.", "The list of recipes that I have been collecting since 2015."],
    },
  }),
  fieldRule("skills", "third-verbs", {
    cue: "always",
    pattern: THIRD_SKILL_VERBS,
    when: [...OWNED, "thirdPerson", topicNamed, atWork],
    value: (m) => {
      // "teaches an evening course in pottery glazing": what is taught is the course's subject.
      const taught = TAUGHT_SUBJECT.exec(m[2] ?? "")?.[1];
      const object = skillObject(taught ?? m[2] ?? "");
      // "leads the veterinary unit" names a post; "runs a crew of nine" names what they are good at.
      if (!object || (MANAGING.test(m[1] ?? "") && !PEOPLE.test(m[2] ?? ""))) return null;
      return `${toGerund((m[1] ?? "").replace(THIRD_PERSON_S, ""))} ${object}`;
    },
    confidence: 0.6,
    examples: {
      fires: [
        ["She runs a kitchen crew of six.", "running kitchen crew of six", { firstPerson: false, topicBy: "pronoun" }],
        [
          "Marta teaches an evening course in pottery glazing for beginners.",
          "teaching pottery glazing",
          { firstPerson: false, topicBy: "name" },
        ],
      ],
      silent: [
        ["She leads the veterinary unit.", { firstPerson: false, topicBy: "pronoun" }],
        ["She leads the firm's bridge inspection group.", { firstPerson: false, topicBy: "pronoun" }],
      ],
    },
  }),
  fieldRule("skills", "day-job", {
    cue: ["day job", "job", "work"],
    pattern: DAY_JOB,
    when: OWNED,
    value: (m) => {
      const [head, afterColon] = (m[2] ?? "").split(COLON, 2);
      const listed = OPENING_QUOTE.test((head ?? "").trim()) && afterColon ? afterColon : head;
      return (listed ?? "").split(DAY_JOB_PARTS).map((part) => {
        const item = skillPhrase(part.replace(QUANTITY, ""), 3);
        return item && !NOT_A_TASK.test(item) ? item : null;
      });
    },
    confidence: 0.6,
    examples: {
      fires: [["My job involves budgeting, hiring and rota planning.", ["budgeting", "hiring", "rota planning"]]],
      silent: [unmatched("My job is fine.")],
    },
  }),
];

/** Every value of the table must be stated of the person where it sits (engine/context.ts: statedOnly). */
export const SKILL_RULES = statedOnly(SKILL_READINGS, ["denied", "wished", "seeming", "unticked"]);

/** The rules, and the skills the occupation found implies, inferred from the first sentence about the subject naming it. */
export function skillCandidates(units: readonly Unit[], occupation: string | null): Candidate[] {
  const out = listCandidates(SKILL_RULES, units);
  if (!occupation) return out;
  const at = (i: number): Place => ({ units, i, occupation });
  const i = units.findIndex((unit, k) => isAboutSubject(unit) && namesOccupation(unit, at(k)));
  const unit = units[i];
  if (!unit) return out;
  out.push(...applyRules(OCCUPATION_SKILL_RULES, unit, undefined, at(i)));
  return collapseNear(out);
}
