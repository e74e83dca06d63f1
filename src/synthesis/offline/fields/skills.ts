/** Rules for skills. */
import type { EvidenceKind } from "../../../personas/schemas.ts";
import { type Candidate, fromUnit } from "../engine/candidate.ts";
import { owned } from "../engine/context.ts";
import { containsAny } from "../engine/cues.ts";
import { lowerText } from "../engine/rules.ts";
import { collapseNear } from "../engine/select.ts";
import {
  escapeRegExp,
  firstClause,
  stripDeterminers,
  stripLeadingFillers,
  toGerund,
  trimPunctuation,
  wordCount,
} from "../engine/text.ts";
import { isSelf, type Unit } from "../engine/unit.ts";
import { AMBIGUOUS_TOOLS, LANGUAGES, TOOL_WORDS } from "../lexicon/skills.ts";
import { AT_HOME, LEISURE_LEAD } from "./interests.ts";
import { PAIN_LABEL } from "./pain-points.ts";

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

/** Verbs that name a post unless their object is people ("leads the unit" vs "leads a team of 40"). */
const MANAGING = /^(?:run|lead|manage|oversee|supervise|handle|organi[sz]e)s?$/i;
const CLUB_OR_SIDE = /\b(?:club|society|committee|association|side|branch|choir|league|meetup)\b/i;
const PEOPLE = /\b(?:team|crew|staff|people|nurses|volunteers|instructors|group|class(?:es)?|\d+)\b/i;

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

/**
 * Cheap pre-checks: words without which a pattern cannot match (all its alternatives contain one), found in one scan
 * of the lowercased sentence; the tool patterns are case-sensitive, so their words are looked for as written.
 */
const mayBeGoodAt = containsAny([
  "good",
  "great",
  "skilled",
  "brilliant",
  "excellent",
  "strong",
  "handy",
  "decent",
  "solid",
  "confident",
  "comfortable",
  "quick",
  "fast",
]);
const mayBeExpertIn = containsAny([
  "specialist",
  "expert",
  "skilled",
  "experienced",
  "proficient",
  "trained",
  "certified",
]);
const mayListLanguages = containsAny(["speak", "fluent in", "language", "hablo"]);
const mayNameTool = containsAny(TOOL_WORDS);

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
  const push = (rule: string, unit: Unit, value: string | null, confidence: number, kind: EvidenceKind = "stated") => {
    if (value) out.push({ ...fromUnit(unit, "skills", value, confidence, kind), rule: `skills/${rule}` });
  };
  for (const unit of units) {
    if (!owned(unit)) continue;
    const lower = lowerText(unit);
    for (const m of mayBeGoodAt(lower) ? unit.text.matchAll(GOOD_AT) : [])
      push("good-at", unit, skillPhrase(m[1] ?? ""), 0.8);
    const field = unit.line.startsWith(unit.text.slice(0, 12)) ? SKILL_FIELD.exec(unit.line) : null;
    if (field?.[1]) {
      for (const part of field[1].split(/\s*(?:,|;|\+|\band\b)\s*/)) {
        const item = skillPhrase(part.replace(/\s*\([^)]*\)?/g, ""), 4);
        if (item) push("skills-line", unit, item, 0.75);
      }
    }
    for (const m of mayBeExpertIn(lower) ? unit.text.matchAll(EXPERT_IN) : [])
      push("expert-in", unit, skillPhrase(m[1] ?? "", 6), 0.75);
    for (const m of /speciali|expert|guru|wizard|to ask about/i.test(unit.text)
      ? unit.text.matchAll(EXPERTISE_MARK)
      : []) {
      const parts = m[1] ? m[1].split(/\s*,\s*(?:and\s+)?|\s+and\s+/) : [m[2] ?? m[3] ?? ""];
      for (const part of parts) {
        const item = skillPhrase(part.replace(/^(?:the|a|an)\s+/i, ""), 5);
        if (item && !/^(?:in-house|resident|local|leading|world|real|true|certified|our|the)$/i.test(item))
          push("expertise-mark", unit, item, 0.68);
      }
    }
    for (const m of /experience|expertise|background|grounding/i.test(unit.text)
      ? unit.text.matchAll(EXPERIENCE_IN)
      : []) {
      for (const part of (m[1] ?? "").split(/\s*(?:,|\band\b)\s*/))
        push("experience-in", unit, skillPhrase(part, 4), 0.68);
    }
    for (const m of /go-?to|licen|certif|qualif|ticket/i.test(unit.text) ? unit.text.matchAll(GO_TO) : [])
      push("go-to", unit, skillPhrase(m[1] ?? m[2] ?? "", 5), 0.7);
    // "I do all our social media": everything of a kind done by the subject.
    const doesAll = isSelf(unit)
      ? /\bI\s+(?:also\s+)?do\s+all\s+(?:of\s+)?(?:the|our|my)\s+([^,.;!?—–]{3,40})/i.exec(unit.text)
      : null;
    if (doesAll) push("does-all", unit, skillObject(doesAll[1] ?? ""), 0.62);
    for (const m of unit.text.matchAll(QUALIFIED_FOR)) {
      if (/\b(?:to be|to become|become|becoming|get|getting|want|hope|plan)\s*$/i.test(unit.text.slice(0, m.index)))
        continue;
      for (const part of (m[1] ?? "").split(/\s*(?:,|\band\b)\s*/)) push("qualified-for", unit, skillPhrase(part), 0.7);
    }
    for (const m of mayListLanguages(lower) ? unit.text.matchAll(LANGUAGE_LIST) : []) {
      const languages = (m[1] ?? "").split(/\s*(?:,|\band\b|\by\b)\s*/).filter((l) => LANGUAGES.includes(l));
      if (languages.length >= 3) push("languages", unit, `multilingual (${languages.join(", ")})`, 0.75);
      else for (const language of languages) if (language !== "English") push("languages", unit, language, 0.75);
    }
    if (isSelf(unit)) {
      for (const m of lower.includes("myself") ? unit.text.matchAll(DID_MYSELF) : []) {
        const verb = (m[1] ?? "").toLowerCase();
        const object = skillPhrase((m[2] ?? "").replace(/^all\s+/i, ""));
        if (object) push("did-myself", unit, verb === "do" ? `doing ${object}` : object, 0.7);
      }
      const leisureHere = FREE_TIME.test(unit.text) || AT_HOME.test(unit.text) || LEISURE_LEAD.test(unit.text);
      for (const m of leisureHere ? [] : unit.text.matchAll(SKILL_VERBS)) {
        // "mentor new starters and the international nurses": the first object names the skill well enough.
        const object = skillObject(m[2] ?? "");
        // "I run the book club", "I run the dairy side": a role in a club or a family business, not a skill.
        if (object && MANAGING.test(m[1] ?? "") && CLUB_OR_SIDE.test(object)) continue;
        if (object) push("self-verbs", unit, toGerund(`${m[1] ?? ""} ${object}`), 0.6);
      }
      for (const m of unit.text.matchAll(PAST_WORK)) push("past-work", unit, skillPhrase(m[1] ?? "", 3), 0.6);
    }
    if (unit.topic === "subject" && !unit.firstPerson) {
      for (const m of unit.text.matchAll(YEARS_DOING)) {
        for (const part of (m[1] ?? "").split(/\s*(?:,|\band\b)\s*/)) {
          const cut = part.split(/\s+(?:in|at|for|with|on|across)\s+/)[0] ?? part;
          if (/^\p{Ll}+ing\b/u.test(cut)) push("years-doing", unit, skillPhrase(cut, 4), 0.6);
        }
      }
    }
    if (mayNameTool(unit.text) && !LEARNING.test(unit.text) && !PAIN_LABEL.test(unit.line)) {
      for (const m of unit.text.matchAll(TOOL_USE)) push("tool-use", unit, m[1] ?? null, 0.65);
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
        if (!AMBIGUOUS_TOOLS.has(m[1] ?? "") && used && !notUse) push("tool-mention", unit, m[1] ?? null, 0.62);
      }
    }
    const credentialed = /certified|licensed|qualified|accredited|registered|chartered|trained/i.test(unit.text);
    for (const m of credentialed ? unit.text.matchAll(CERTIFIED_AS) : []) {
      // "want to be qualified for court work" is an aim; only a held credential is a skill.
      const before = unit.text.slice(0, m.index);
      if (!/\b(?:to be|to become|become|becoming|get|getting|want|hope|plan)\s*$/i.test(before))
        push("certified-as", unit, `${m[1]} ${m[2]}`, 0.68);
    }
    for (const m of /interpret|translat/i.test(unit.text) ? unit.text.matchAll(INTERPRETS) : []) {
      const kind = /translat/i.test(m[0]) ? "translation" : "interpreting";
      const languages = (m[1] ?? m[2] ?? "").split(/\s*(?:,|\band\b|&|\/|-|\bto\b|\binto\b)\s*/);
      if (m[2] && languages.length === 2 && kind === "translation")
        push("translation", unit, `${languages[0]}-${languages[1]} translation`, 0.7);
      else
        for (const language of languages)
          if (LANGUAGES.includes(language)) push("translation", unit, `${language} ${kind}`, 0.7);
    }
    if (isSelf(unit) || (unit.topic === "subject" && unit.topicBy !== "implicit")) {
      for (const m of /\bbeen\b/i.test(unit.text) ? unit.text.matchAll(YEARS_PRACTISING) : []) {
        const verb = (m[1] ?? "").toLowerCase();
        if (NOT_A_PRACTICE.test(verb)) continue;
        const object = skillPhrase((m[2] ?? "").split(/\s+(?:in|at|for|with|on|from|as)\s+/)[0] ?? "", 4);
        push("years-practising", unit, object ? `${verb} ${object}` : verb, 0.65);
      }
    }
    const leisure = FREE_TIME.test(unit.text) || AT_HOME.test(unit.text) || LEISURE_LEAD.test(unit.text);
    if (unit.topic === "subject" && !unit.firstPerson && unit.topicBy !== "implicit" && !leisure) {
      const m = THIRD_SKILL_VERBS.exec(unit.text);
      const object = m ? skillObject(m[2] ?? "") : null;
      // "leads the veterinary unit" names a post; "runs a crew of nine" names what they are good at.
      const managing = MANAGING.test(m?.[1] ?? "");
      if (m && object && (!managing || PEOPLE.test(m[2] ?? "")))
        push("third-verbs", unit, `${toGerund((m[1] ?? "").replace(/e?s$/, ""))} ${object}`, 0.6);
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
        if (item && !/["“”]|\b(?:I|it|is|was|half)\b/i.test(item)) push("day-job", unit, item, 0.6);
      }
    }
  }
  if (occupation) {
    const subjectUnit = units.find(
      (u) => owned(u) && u.text.toLowerCase().includes(occupation.toLowerCase().split(" ").pop() ?? "\u0000"),
    );
    for (const [pattern, build] of OCCUPATION_SKILLS) {
      const m = pattern.exec(occupation);
      if (m && subjectUnit) push("from-occupation", subjectUnit, build(m).trim(), 0.5, "inferred");
    }
  }
  return collapseNear(out);
}
