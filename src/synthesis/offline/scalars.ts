/** Rules for age, occupation, location, background and communication style. */
import nlp from "compromise";
import { type Candidate, fromUnit } from "./candidate.ts";
import { isAboutSubject, isSelf, type Unit } from "./document.ts";
import { OCCUPATION_HEADS, OCCUPATION_VERBS, SPANISH_OCCUPATIONS, TRADE_WORDS } from "./lexicon.ts";
import { type NameMatcher, nameTokens } from "./names.ts";
import {
  agentFor,
  BUSINESS_NOUNS,
  BUSINESS_TRADE,
  FOREIGN_BUSINESSES,
  germanRole,
  isJobHead,
  ROMANCE_ROLES,
  workVerb,
} from "./occupations.ts";
import { isCountry, isKnownPlace, looksLikeOrganisation } from "./places.ts";
import { NUMBER_PATTERN, parseNumber, stripDeterminers, trimPunctuation } from "./text.ts";

// ---------------------------------------------------------------- age

const NUM = NUMBER_PATTERN;
const NOT_AN_AGE_AFTER =
  /^\s*(?:%|percent|minutes?|mins?|hours?|hrs?|km|miles?|kg|lbs?|pounds?|dollars?|euros?|times|x\b|weeks?|days?|months?|hectares?|ha\b|years? (?:in|of|at|with|on|experience)|nights?|people|kids|children|pages|copies|[£$€₱])/i;
const SELF_AGE: readonly [RegExp, number][] = [
  [new RegExp(`\\b(?:I'm|I’m|I am|Im)\\s+(?:now\\s+)?(${NUM})(?:\\s+years?\\s+old)?(?=\\s|[,.;!?)]|$)`, "gi"), 0],
  [new RegExp(`\\b(?:I\\s+)?(?:just\\s+)?turned\\s+(${NUM})\\b`, "gi"), 0],
  [new RegExp(`\\b(?:I'm|I’m|I am|Im)?\\s*turning\\s+(${NUM})(?=\\s+(?:next|this|in|on|tomorrow|soon))`, "gi"), -1],
  [new RegExp(`\\bI\\s+turn\\s+(${NUM})(?=\\s+(?:next|this|in|on|tomorrow|soon))`, "gi"), -1],
  [new RegExp(`\\b(?:I'll|I’ll|I will)\\s+be\\s+(${NUM})(?=\\s+(?:next|this|in|on|tomorrow|soon))`, "gi"), -1],
  [/\btengo\s+(\d{1,3})\s+años\b/gi, 0],
  [/\bcumpl[íi]\s+(\d{1,3})\b/gi, 0],
  [/\bcumplo\s+(\d{1,3})\b/gi, -1],
  [/\b(?:age|edad)\s*[:=]\s*(\d{1,3})(?!\s*[-–—]\s*\d)/gi, 0],
  // Profile shorthand: "27 y/o", "27yo", "27 yrs old".
  [/(?<![\d/])(\d{1,2})\s?(?:y\/o|y\.o\.|yo|yrs? old)(?![\p{L}])/giu, 0],
];
/** Ages stated in other languages ("ich bin 27", "j'ai 40 ans", "tenho 34 anos", "ik ben 34 jaar"). */
const FOREIGN_AGE: readonly [RegExp, number][] = [
  [/\b(?:ich bin|bin)\s+(\d{1,3})(?:\s+Jahre(?:\s+alt)?)?(?=\s*[,.;!?)]|\s+(?:und|Jahre)\b|$)/giu, 0],
  [/\b(?:j['’]ai|il a|elle a)\s+(\d{1,3})\s+ans\b/giu, 0],
  [/\b(?:tenho|tem)\s+(\d{1,3})\s+anos\b/giu, 0],
  [/\b(?:ho|ha)\s+(\d{1,3})\s+anni\b/giu, 0],
  [/\bik ben\s+(\d{1,3})(?:\s+jaar)?(?=\s*[,.;!?)]|\s+jaar\b|$)/giu, 0],
  [/\b(?:jeg er|jag är|eg er)\s+(\d{1,3})\s+år\b/giu, 0],
  [/\bmam\s+(\d{1,3})\s+lat[a]?\b/giu, 0],
  [/\b(\d{1,3})\s+yaşındayım\b/giu, 0],
  [/\bwerde\s+(\d{1,3})\b/giu, -1],
  [/\bj['’]aurai\s+(\d{1,3})\s+ans\b/giu, -1],
];
/** "my 40th is next Sat" -> 39; "my 40th was last week" -> 40: a birthday that belongs to the speaker. */
const OWN_BIRTHDAY =
  /\bmy\s+(\d{1,3})(?:st|nd|rd|th)(?:\s+birthday|\s+bday)?\s+(?:is|'s|’s|will be|falls)\s+(?:next|this|on|coming|tomorrow|in|soon|around)\b/giu;
const OWN_BIRTHDAY_PAST =
  /\b(?:my\s+(\d{1,3})(?:st|nd|rd|th)(?:\s+birthday|\s+bday)?\s+was\s+(?:yesterday|today|last|on)|(?:celebrated|celebrating)\s+my\s+(\d{1,3})(?:st|nd|rd|th))\b/giu;
/** Pronoun-dropped lines ("turning 41 in March", "26 today and ...", "Turned 29 last week") in posts and forms. */
const DROPPED_AGE = /^(?:just\s+)?(?:turned|turning)\s|^\d{1,3}\s+today\b/i;
const TODAY_AGE = /^(\d{1,3})\s+today\b/gi;
/** "Age: 41", "How old are you? 41": a form answer. */
const AGE_QUESTION = /\b(?:how old are you|your age|(?:^|\s)age(?:\s*\(.*?\))?)\s*\??\s*$/i;
const AGE_ANSWER = new RegExp(
  `^(?:(turning|turned|I'm|I’m|I am)\\s+)?(${NUM})(?:\\s+(?:years?(?:\\s+old)?|y\\/o|yo))?(?=\\s|[,.;!?]|$)`,
  "iu",
);
/** "aged 57", "Rosa, aged 57,": the age of the sentence's subject, never of a group ("children aged 5 to 11"). */
const AGED = /(?:^|,\s*|\b(?:I'm|I’m|I am|is|was)\s+)aged\s+(\d{1,3})(?!\s*(?:[-–—]|to|and|or|\+)\s*\d)/giu;
/** Profile shorthand "33F, nurse", "(M41)", "me (29f)": age with a sex marker, not a temperature. */
const AGE_SEX = /(?:^|[\s(,])(?:(\d{2})\s?[MFmf]|[MF](\d{2}))(?=\s*[,)/]|$)/gu;
const TEMPERATURE = /°|\bdegrees?\b|\btemperature|\boutside\b|\bcold\b|\bwarm\b|\bweather\b|\bfreezing\b|\bhot\b/i;
/** "36 years old, nurse, Quito" / "Maria — 36 years old": an age opening a profile segment. */
const SEGMENT_YEARS_OLD = new RegExp(
  `(?:^|[—–:|·]\\s*|(?:\\p{Lu}[\\p{Ll}'’-]+|here|me),\\s*)(${NUM})\\s+(?:years?|yrs?)\\s+old\\b(?!\\s+(?:this|next|last|in)\\b)`,
  "giu",
);
/** "I'm a retired teacher, 68, and ...": a role then the age. */
const ROLE_THEN_AGE = /\b(?:I'm|I’m|I am|Im)\s+(?:a|an)\s+[^,.;!?]{2,40},\s+(\d{2})\s*(?:,|and\b|$)/u;
/** "💬 Pieter (Data Engineer, Acme): I'm 34": someone else's words quoted in the subject's feed. */
const OTHER_LABEL =
  /^(?:💬|↳|>|—|-)?\s*(?:(?:Reply|Comment|Response|Answer|Message) (?:from|by)\s+)?\p{Lu}[\p{L}.’'-]*(?:\s(?:(?:de|van|von|der|den|da|di|del|la|le|du|dos|das|bin|al|el)\s)?\p{Lu}[\p{L}.’'-]*){0,3}\s*(?:\([^)]{1,60}\))?:\s/u;

/** "Q2. Age: 29": a numbered form answer belongs to the respondent even though the line reads like a question. */
const FORM_AGE = /^Q\s?\d{1,2}[.):]?\s*(?:your\s+)?(?:age|edad)\s*[:?]\s*(\d{1,3})\s*$/i;
const AGE_FIELD = /\b(?:age|edad)\s*[:=]\s*(\d{1,3})(?!\s*[-–—]\s*\d)/gi;
const YEAR_OLD = new RegExp(`\\b(?:is|I'm|I’m|I am|am|was)\\s+an?\\s+(${NUM})[- ]years?[- ]old\\b`, "giu");
const THIRD_AGE: readonly [RegExp, number][] = [
  [new RegExp(`^(?:[\\p{L}.’' ]{1,30}?)\\s+(?:just\\s+)?turned\\s+(${NUM})\\b`, "giu"), 0],
  [
    new RegExp(
      `^(?:she|he|[\\p{L}.’' ]{1,30}?)(?:\\s+is|\\s*'s|\\s*’s)\\s+(${NUM})(?:\\s+years?\\s+old)?(?=[,.;!?\\s]|$)`,
      "giu",
    ),
    0,
  ],
  [/^(?:[\p{L} ]{1,20}:\s*)?[\p{L}.’' ]{1,40}?,\s+(\d{2}),\s/gu, 0],
  // "Amara (she's 46, mentioned ...) owns": an aside in brackets right after the name.
  [new RegExp(`^[\\p{L}.’' ]{1,30}?\\s*\\((?:she|he|they)(?:'s|’s| is| are)\\s+(${NUM})(?=[,;)\\s])`, "giu"), 0],
];

function ageFrom(match: RegExpMatchArray, offset: number, text: string): number | null {
  const raw = match[1] ?? "";
  const after = text.slice((match.index ?? 0) + match[0].length);
  if (NOT_AN_AGE_AFTER.test(after)) return null;
  const value = parseNumber(raw);
  if (value === null) return null;
  const age = value + offset;
  return age >= 5 && age <= 110 ? age : null;
}

const INTRO_AGE_SHORT =
  /\b(?:I'm|I’m|I am|Im|[Mm]y name is|[Ii]ch bin|[Jj]e suis|[Mm]e llamo|[Ss]oy|[Ss]ono|[Ee]u sou|[Ii]k ben|[Jj]eg er|[Jj]ag är)\s+\p{Lu}[\p{Ll}'’-]+(?:\s\p{Lu}[\p{Ll}'’-]+){0,2}\s*(?:,|\s[—–-])\s+(\d{1,3})\s*(?:,|[—–·|]|\s-\s|years?\b|jaar\b|Jahre\b|ans\b|años\b|anos\b|anni\b|år\b|$)/u;
/** "Age 37, lives in Quito" / "…, age 52 |": a bare age label opening a segment. */
const AGE_LABEL = /(?:^|[|·—–]\s*|\p{Lu}[\p{Ll}'’-]+,\s*)[Aa]ge\s+(\d{1,2})\b(?!\s*(?:[-–—,&]|to|and|or)\s*\d)/gu;
/** "Kateryna (35) says …": an age in brackets right after a name that opens the sentence. */
const NAME_PAREN_AGE = /^(?:[-•*]\s*)?\p{Lu}[\p{Ll}'’-]+(?:\s\p{Lu}[\p{Ll}'’-]+)?\s*\((\d{2})\)/u;
/** "Koa here, 24, ...": a posted self-introduction. */
const HERE_AGE = /^(?:[\p{L}!,.]+\s+)?\p{Lu}[\p{Ll}'’-]+\s+here\s*[,—–-]\s*(\d{1,2})\s*(?:,|[—–-]|$)/u;
const INTRO_AGE = new RegExp(
  `\\b(?:I'm|I’m|I am|Im|[Mm]y name is)\\s+\\p{Lu}[^,]{1,40},\\s+an?\\s+(${NUM})[- ]years?[- ]old\\b`,
  "u",
);

export function ageCandidates(units: readonly Unit[]): Candidate[] {
  const out: Candidate[] = [];
  for (const [i, unit] of units.entries()) {
    const form = FORM_AGE.exec(unit.line);
    const formAge = form?.[1] && unit.text.includes(form[1]) ? parseNumber(form[1]) : null;
    if (formAge !== null && formAge >= 5 && formAge <= 110) out.push(fromUnit(unit, "age", formAge, 0.85));
    const intro = isSelf(unit)
      ? (INTRO_AGE.exec(unit.text) ?? INTRO_AGE_SHORT.exec(unit.text) ?? HERE_AGE.exec(unit.text))
      : null;
    const introAge = intro?.[1] ? parseNumber(intro[1]) : null;
    if (introAge !== null && introAge >= 5 && introAge <= 110) out.push(fromUnit(unit, "age", introAge, 0.85));
    if (unit.topic === "subject" && unit.topicBy === "name") {
      const paren = NAME_PAREN_AGE.exec(unit.text);
      const parenAge = paren?.[1] ? parseNumber(paren[1]) : null;
      if (parenAge !== null && parenAge >= 5 && parenAge <= 110) out.push(fromUnit(unit, "age", parenAge, 0.8));
    }
    if (isSelf(unit) || (unit.topic === "subject" && unit.topicBy !== "implicit")) {
      for (const match of unit.text.matchAll(AGE_LABEL)) {
        const age = ageFrom(match, 0, unit.text);
        if (age !== null) out.push(fromUnit(unit, "age", age, 0.8));
      }
    }
    if (unit.topic !== "other") {
      for (const match of unit.text.matchAll(AGE_FIELD)) {
        const age = ageFrom(match, 0, unit.text);
        if (age !== null) out.push(fromUnit(unit, "age", age, 0.85));
      }
      // "a 41-year-old architect" describes the sentence's subject; only trust it when that is our subject.
      if (isSelf(unit) || (unit.topic === "subject" && unit.topicBy !== "implicit")) {
        for (const match of unit.text.matchAll(YEAR_OLD)) {
          const age = parseNumber(match[1] ?? "");
          if (age !== null && age >= 5 && age <= 110) out.push(fromUnit(unit, "age", age, 0.85));
        }
      }
    }
    const quotedOther = OTHER_LABEL.test(unit.text) && !/^(?:💬|↳|>)?\s*(?:me|I)\b/i.test(unit.text);
    if (unit.speaker === "subject" && !quotedOther) {
      for (const match of unit.text.matchAll(OWN_BIRTHDAY)) {
        const age = ageFrom(match, -1, unit.text);
        if (age !== null) out.push(fromUnit(unit, "age", age, 0.85));
      }
      for (const match of unit.text.matchAll(OWN_BIRTHDAY_PAST)) {
        const value = parseNumber(match[1] ?? match[2] ?? "");
        if (value !== null && value >= 5 && value <= 110) out.push(fromUnit(unit, "age", value, 0.8));
      }
    }
    const firstOfLine = units[i - 1]?.line !== unit.line;
    if (firstOfLine && unit.speaker === "subject" && unit.topic !== "other" && AGE_QUESTION.test(unit.question)) {
      const answer = AGE_ANSWER.exec(unit.text.trim());
      const value = answer?.[2] ? parseNumber(answer[2]) : null;
      const offset = answer?.[1] && /^turning$/i.test(answer[1]) ? -1 : 0;
      if (
        value !== null &&
        value + offset >= 5 &&
        value + offset <= 110 &&
        !NOT_AN_AGE_AFTER.test(unit.text.slice((answer?.[0] ?? "").length))
      )
        out.push(fromUnit(unit, "age", value + offset, 0.85));
    }
    if (isSelf(unit) && !quotedOther) {
      for (const [pattern, offset] of FOREIGN_AGE) {
        for (const match of unit.text.matchAll(pattern)) {
          const before = unit.text.slice(Math.max(0, (match.index ?? 0) - 12), match.index ?? 0);
          if (/\b(?:war|als|quand|quando|toen|when)\s*$/i.test(before)) continue;
          const age = ageFrom(match, offset, unit.text);
          if (age !== null) out.push(fromUnit(unit, "age", age, 0.85));
        }
      }
      if (!TEMPERATURE.test(unit.text)) {
        for (const match of unit.text.matchAll(AGE_SEX)) {
          const value = parseNumber(match[1] ?? match[2] ?? "");
          if (value !== null && value >= 13 && value <= 99) out.push(fromUnit(unit, "age", value, 0.8));
        }
      }
      for (const match of unit.text.matchAll(SEGMENT_YEARS_OLD)) {
        const age = ageFrom(match, 0, unit.text);
        if (age !== null) out.push(fromUnit(unit, "age", age, 0.8));
      }
      const roleAge = ROLE_THEN_AGE.exec(unit.text);
      const roleAgeValue = roleAge?.[1] ? parseNumber(roleAge[1]) : null;
      if (roleAgeValue !== null && roleAgeValue >= 16 && roleAgeValue <= 110)
        out.push(fromUnit(unit, "age", roleAgeValue, 0.85));
      for (const match of unit.text.matchAll(TODAY_AGE)) {
        const age = ageFrom(match, 0, unit.text);
        if (age !== null) out.push(fromUnit(unit, "age", age, 0.85));
      }
    }
    if (
      unit.topic !== "other" &&
      (isSelf(unit) || (unit.topic === "subject" && unit.topicBy !== "implicit")) &&
      !quotedOther
    ) {
      for (const match of unit.text.matchAll(AGED)) {
        const age = ageFrom(match, 0, unit.text);
        if (age !== null) out.push(fromUnit(unit, "age", age, 0.85));
      }
    }
    if (isSelf(unit) && !quotedOther && (unit.firstPerson || DROPPED_AGE.test(unit.text))) {
      for (const [pattern, offset] of SELF_AGE) {
        for (const match of unit.text.matchAll(pattern)) {
          // "when I was 25" and "started at 25" describe the past, not the present age.
          const before = unit.text.slice(Math.max(0, (match.index ?? 0) - 12), match.index ?? 0);
          if (/\b(?:was|when|since|at)\s*$/i.test(before)) continue;
          const age = ageFrom(match, offset, unit.text);
          if (age !== null) out.push(fromUnit(unit, "age", age, offset === 0 ? 0.9 : 0.85));
        }
      }
    } else if (unit.topic === "subject" && !unit.firstPerson) {
      const body = unit.text.replace(/^[-•*]\s*/, "");
      for (const [pattern, offset] of THIRD_AGE) {
        for (const match of body.matchAll(pattern)) {
          const age = ageFrom(match, offset, body);
          if (age !== null) out.push(fromUnit(unit, "age", age, 0.8));
        }
      }
    }
  }
  return preferNewer(out, 0.3);
}

// ---------------------------------------------------------------- occupation

const EVALUATIVE_MODIFIERS =
  /^(?:\d{1,3}-years?-old|(?:third|second|first|fourth|fifth)-generation|experienced|proud|keen|big|small|busy|lifelong|former|full-time|part-time|qualified|fully|young|old|new|local|self-taught|award-winning|passionate|certified|licensed)\s+/i;
const CREDENTIAL = /\b(?:approved|certified|registered|licensed|chartered|accredited)\b/i;

const bareWord = (word: string | undefined) => (word ?? "").toLowerCase().replace(/[^\p{L}/-]/gu, "");

/** Whether words[i] heads a role phrase: the shared lexicon, then the broad one (with its modifier guards). */
function isHeadAt(words: readonly string[], i: number): boolean {
  const word = bareWord(words[i]);
  if (word === "") return false;
  // "founder/CEO", "owner/chef": either half names the job.
  if ((words[i] ?? "").includes("/")) {
    const halves = (words[i] ?? "").split("/");
    return halves.some((h) => h !== "" && isHeadAt([h], 0));
  }
  const previous = bareWord(words[i - 1]);
  if (OCCUPATION_HEADS.has(word))
    return !/^(?:owner|worker|leader|player|agent|partner|host)$/.test(word) || isJobHead(word, previous);
  return isJobHead(word, previous);
}

const HOBBY_HEADS =
  /^(?:cook|baker|gardener|photographer|writer|dancer|singer|painter|musician|artist|guitarist|pianist|drummer|knitter|potter|brewer|driver|reader|gamer|athlete|climber|sailor|swimmer|cyclist|runner|chef|host|hostess)$/;
const EVALUATIVE_BEFORE =
  /^(?:terrible|awful|good|great|bad|decent|lousy|amazing|excellent|average|mediocre|avid|keen|amateur|hobby|hobbyist|home|weekend|armchair|budding|wannabe|would-be|enthusiastic|occasional|competent|passable|fearless|careful|reluctant|nervous|slow|fast|messy|lazy|proud|happy|serial)$/;

/** Cuts a role phrase after its occupation head noun ("ICU nurse, band 6, at ..." -> "ICU nurse"). */
function occupationPhrase(raw: string): string | null {
  const phrase = trimPunctuation(stripDeterminers(raw.replace(/\s+/g, " ")));
  const words = phrase.split(" ");
  let headIndex = -1;
  for (let i = 0; i < Math.min(words.length, 7); i += 1) {
    const word = bareWord(words[i]);
    if (isHeadAt(words, i) || (word === "head" && (words[i + 1] ?? "").toLowerCase() === "of")) {
      headIndex = i;
      if (word === "head") {
        // "Head of Veterinary Unit": keep the capitalised run after "of".
        let end = i + 2;
        while (end < words.length && /^\p{Lu}/u.test(words[end] ?? "")) end += 1;
        return trimPunctuation(words.slice(i, end).join(" "));
      }
      // "Founder & Head Instructor", "owner and head chef": two titles joined keep both.
      if (/^(?:&|and|\/)$/.test(words[i + 1] ?? "") && i + 2 < words.length) {
        const rest = words.slice(i + 2, i + 5);
        const second = rest.findIndex((_, k) => isHeadAt(rest, k));
        if (second >= 0 && /[&/]/.test(words[i + 1] ?? "") && isTitleCase(words.slice(0, i + 3 + second).join(" "))) {
          headIndex = i + 2 + second;
          break;
        }
      }
      if (isHeadAt(words, i + 1)) continue;
      // "SRE team lead", "marine biology grad student": a head used as a modifier of a later head.
      const next = words[i + 1] ?? "";
      const later = words[i + 2] ?? "";
      if (
        !/[,;:]$/.test(words[i] ?? "") &&
        !/[,;:]$/.test(next) &&
        /^[\p{L}-]+$/u.test(next) &&
        !/^(?:at|in|of|for|with|and|or|but|is|was|on|to|from|by|who|that|which|the|a|an|my|our)$/i.test(next) &&
        isHeadAt(words, i + 2) &&
        !/^(?:owner|founder)$/i.test(bareWord(later))
      ) {
        i += 1;
        continue;
      }
      break;
    }
  }
  if (headIndex < 0) return null;
  // "ex-pro volleyball player", "former nurse": a past role, not the present one.
  if (
    words
      .slice(Math.max(0, headIndex - 3), headIndex + 1)
      .some((w) => /^(?:ex-|former|aspiring|wannabe|future)/i.test(w))
  )
    return null;
  // "a terrible cook", "an avid photographer": a judgement of a pastime, not a job.
  if (
    headIndex > 0 &&
    HOBBY_HEADS.test(bareWord(words[headIndex])) &&
    EVALUATIVE_BEFORE.test(bareWord(words[headIndex - 1]))
  )
    return null;
  // A bare generic head ("specialist in X", "lead on Y") says what someone is good at, not their job.
  if (headIndex === 0 && /^(?:specialist|expert|lead|head|officer|member|assistant|volunteer)$/i.test(words[0] ?? ""))
    return null;
  let start = Math.max(0, headIndex - 3);
  // Only keep modifiers from the same noun phrase (stop at a comma or a lowercase function word).
  for (let i = headIndex - 1; i >= start; i -= 1) {
    const word = words[i] ?? "";
    if (/[,;:]$/.test(word) || /^(?:at|in|of|for|with|and|or|but|is|was|a|an|the|my|as)$/i.test(word)) {
      start = i + 1;
      break;
    }
  }
  let result = trimPunctuation(words.slice(start, headIndex + 1).join(" "));
  for (let i = 0; i < 3; i += 1) result = result.replace(EVALUATIVE_MODIFIERS, "");
  return result === "" ? null : result;
}

const SELF_ROLE =
  /\b(?:I'm|I’m|I am|Im|I work as|I've been|I’ve been|I'm working as|I have been|(?:new|my|current) (?:job|role|position) as)\s+(?:a|an)\s+([^.;!?]{2,80})/gi;
/** "I'm the head winemaker at ...": a definite role (not "the only one", "the person who"). */
const SELF_THE_ROLE =
  /\b(?:I'm|I’m|I am|Im)\s+(?:now\s+|currently\s+)?the\s+(?!only\b|one\b|person\b|kind\b|type\b|sort\b|first\b|last\b|best\b|worst\b)([^.;!?,]{2,60}?)\s+(?:at|for|of|in|here)\b/gi;
/** "I'm Head of Product at Acme", "I'm Product Designer at Haventrack": a capitalised title with no article. */
const SELF_TITLE_AT =
  /\b(?:I'm|I’m|I am)\s+(?:now\s+)?((?:\p{Lu}[\p{L}-]*\s+){0,3}(?:of\s+)?\p{Lu}[\p{L}-]*)\s+(?:at|@|for|with)\s+\p{Lu}/u;
/** "My day job is nursing", "my day job: bookkeeper", "by day I'm a ...". */
const DAY_JOB =
  /\b(?:[Mm]y (?:day job|main job|job title|profession|occupation|actual job|real job)|[Bb]y day)\s*(?:is|:|—|–|-|,)?\s*(?:I'm\s+|I’m\s+|I am\s+)?(?:(?:being|as)\s+)?(?:a|an|the)?\s*([^.;!?]{2,60})/g;
/** "Started as Product Designer at ...", "joined Acme as a data analyst", "promoted to shift supervisor". */
const START_ROLE =
  /\b(?:[Ss]tarted|[Ss]tarting|[Bb]egan|[Jj]oined\s+[^.;!?]{1,40}?\s+as|[Hh]ired as|[Pp]romoted to|[Tt]ook (?:a|the|up a|up the) (?:job|role|post|position) as|[Tt]ook over as|[Ss]tepped (?:up|in) as|(?:[Ss]pent|been) the (?:last|past) \S+ (?:years?|months?) as|[Ww]ork(?:ing)?\b[^.;!?]{1,50}? as|(?:[Mm]y|[Aa]) (?:new )?(?:role|job|post|position) as|[Ii]n my (?:current )?role as|(?:now|currently) working as|[Ww]orking as|[Ww]ork as)\s+(?:(?:a|an|the|our|their)\s+)?([^.;!?]{2,70})/g;
/** "As a junior UX designer at Onda Studio I ran ...": a role that frames the speaker's sentence. */
const AS_ROLE = /(?:^|[.;:!?]\s+)As\s+(?:a|an|the)\s+([^,;.!?]{2,60}?)(?:,|\s+I\b|\s+I['’])/u;
/** Self-introductions in other languages: "Ich bin gelernter Tischler", "je suis infirmière", "trabajo como ...". */
const FOREIGN_INTRO =
  /\b(?:ich bin|(?<=^|[.!?]\s+)Bin|arbeite als|von Beruf|gelernte[rn]?|ausgebildete[rn]?|je suis|je travaille comme|sou|trabalho como|soy|trabajo como|sono|lavoro come|faccio (?:il|la|l['’])|ik ben|ik werk als|werk als)\b/gi;

function foreignRole(text: string): string | null {
  for (const cue of text.matchAll(FOREIGN_INTRO)) {
    const after = text
      .slice((cue.index ?? 0) + cue[0].length)
      .split(/\s+/)
      .slice(0, 6);
    for (const raw of after) {
      const word = raw.replace(/[^\p{L}-]/gu, "");
      if (!word) continue;
      const role = germanRole(word) ?? ROMANCE_ROLES[word.toLowerCase()] ?? SPANISH_OCCUPATIONS[word.toLowerCase()];
      if (role) return role;
    }
  }
  return null;
}

/**
 * A fragment answer in an interview or form: "Sure. Park Dong-hyun." then "Freelance sign language interpreter —
 * ASL and LSQ." A unit that opens with a bare role phrase describes the speaker.
 */
function fragmentRole(unit: Unit, previous: Unit | undefined): string | null {
  // "About me: Senior nurse on a cardiac ward": a self-description label introduces the fragment.
  const label = /^(?:about me|about|bio|me|who I am|intro|introduction|in short|tl;dr)\s*:\s*/i.exec(unit.text);
  if ((unit.firstPerson && !label) || (unit.topicBy !== "implicit" && !label) || unit.quoted) return null;
  const body = label ? unit.text.slice(label[0].length) : unit.text;
  const first = (body.split(/\s*(?:[,(;:]|\s[—–-]\s|[—–])\s*/)[0] ?? "").trim().replace(/[.!]$/, "");
  let words = first.split(/\s+/);
  // "Senior nurse on a cardiac ward in Leeds": keep the noun phrase before its preposition.
  const prep = words.findIndex((w, k) => k > 0 && /^(?:on|at|in|for|with|from)$/i.test(w));
  if (prep > 0 && prep <= 4) words = words.slice(0, prep);
  if (words.length === 0 || words.length > 6 || !isHeadAt(words, words.length - 1)) return null;
  if (
    /^(?:a|an|the|my|our|his|her|their|your|this|that|great|good|lovely|amazing|best|nice|awesome|terrible|bad|dear|hi|hello|thanks|thank)\b/i.test(
      first,
    )
  )
    return null;
  if (words.some((w) => /^(?:is|are|was|were|has|have|had|will|would|can|could|said|says)$/i.test(w))) return null;
  // Only right after a question, an introduction, or as the opening of the speaker's answer.
  const afterQuestion = previous !== undefined && (/\?\s*$/.test(previous.text) || previous.speaker !== unit.speaker);
  const asked = unit.question !== "" && previous?.line !== unit.line;
  if (!label && !afterQuestion && !asked && !(previous && isNameLine(previous.text))) return null;
  return occupationPhrase(words.join(" "));
}

const PAST_ROLE = /\bI (?:was|worked as|used to be)\s+(?:a|an)\s+([^.;!?]{2,80})/gi;
const THIRD_ROLE =
  /^(?:[\p{L}\d.,’' ]{1,40}?)(?:\s+(?:is|was|works as|has worked as|serves as|has been|is now)|['’]s(?:\s+been)?)\s+(?:a|an|the(?!\s+(?:only|one|person|kind|first|last|best)\b))\s+([^.;!?]{2,80})/giu;
const APPOSITIVE_ROLE = /^(?:a|an)\s+([^,]{2,60}),\s+\p{Lu}/iu;
/** "I am Maya Chen, a 34-year-old pediatric nurse": the appositive after a self-introduction. */
const INTRO_APPOSITIVE = /\b(?:I'm|I’m|I am|Im|[Mm]y name is)\s+\p{Lu}[^,]{1,40},\s+(?:a|an)\s+([^,.;!?]{2,80})/u;
/** "nurse in Denver", "farmer near Kumasi": where someone works is where they are. */
const ROLE_PLACE_WORD = /\b([\p{L}-]+)\s+(?:in|near|based in|from)\s+/gu;
const WORK_QUESTION =
  /\b(?:what(?:'s|’s| is) your (?:day job|job|occupation|profession|line of work|role|job title|current role|work)|what do you do(?: for (?:work|a living))?|(?:your )?(?:occupation|job title|profession|day job)|what is your job|(?:your )?current role)\s*\?\s*(.+)$/i;
const FIELD_ROLE = /^(?:occupation|job|role|title|position|profession|job title|ocupación|profesión)\s*:\s*(.+)$/i;
const DEGREE =
  /\b(MSc|MA|MBA|MPhil|PhD|BSc|BA|BEng|MEng|LLM|master'?s|bachelor'?s)\s+(?:in\s+)?((?:\p{Lu}[\p{L}&]*\s?){1,4})/u;
const STUDY_CONTEXT =
  /\b(?:starts?|started|starting|studying|student|enrolled|doing|year \d|semester|term|dissertation|course)\b/i;
/** "27 y/o marine biology grad student": a profile line puts the role right after the age. */
const AGE_THEN_ROLE =
  /\b\d{1,2}\s?(?:y\/o|yo|yrs? old|years? old|-year-old|[MFmf](?=[\s,]))\s*[,·|]?\s+([^,.;!?@|·]{2,60})/u;
/** "officially an apprentice welder now": a role announced without "I'm" (posts drop the pronoun). */
const NOW_ROLE = /\b(?:officially|finally|now)\s+(?:a|an)\s+([^,.;!?]{2,60})/giu;
/** "I own a family bakery", "she owns a 3-chair dental practice", "I run a guesthouse": owners are named after what they own. */
const OWNS_BUSINESS = new RegExp(
  `\\b(?:I|[Ss]he|[Hh]e|[Ww]e)?\\s*(?:own|owns|run|runs|running|co-own|co-owns|manage my|opened|founded|set up|started)\\s+(?:a|an|the|my|our|her|his)\\s+(?:(?:small|little|tiny|family|family-run|busy|local|\\d+-\\w+|independent|new|second|own)\\s+)*((?:[\\p{Ll}-]+\\s+)?(?:${BUSINESS_NOUNS}))\\b`,
  "gu",
);
/** "Head of Fleet Operations": titles that need no article ("is Head of X", not "is a Head of X"). */
const THIRD_TITLE =
  /^(?:[\p{L}\d.’' ]{1,40}?)\s+is\s+(?:the\s+)?((?:Head|Director|VP|Vice President|Chief)\s+of\s+[^,.;!?]{2,50})/u;
/** Seniority words that say how senior someone is, not what they do ("Associate Director · Landscape Architect"). */
const SENIORITY_ONLY =
  /^(?:(?:associate|assistant|deputy|senior|managing|executive|regional)\s+)?(?:director|manager|partner|principal|lead|head)$/i;
const RETIRED = /\bretired\b|\bjubilad[ao]\b/i;

function rolesFromSegments(line: string, matcher: NameMatcher | null): string | null {
  if (!matcher) return null;
  const tokens = matcher.tokens.map((t) => t.toLowerCase());
  const parts = line.split(/\s*(?:[—–|·]|,)\s*/);
  const nameIndex = parts.findIndex((part) => tokens.some((t) => part.toLowerCase().includes(t)));
  if (nameIndex < 0) return null;
  for (const part of parts.slice(nameIndex + 1)) {
    if (/^(?:plan|status|priority|channel)\b/i.test(part)) break;
    // A clause ("and I coach my daughter's team") is not a title segment.
    const head = part.replace(/\s*\(.*$/, "");
    if (/\b(?:I|we|my|our|he|she|they)\b/i.test(head) || head.split(/\s+/).length > 8) continue;
    const role = occupationPhrase(part);
    if (role) return role;
  }
  return null;
}

/** "Ana Ruiz — 1:1 notes — Data / Platform team": the author of a team's 1:1 notes leads that team. */
function ownTeam(line: string, matcher: NameMatcher | null): string | null {
  if (!matcher || !/\b1:1\b|\bone-on-one\b/i.test(line)) return null;
  const first = matcher.tokens[0];
  if (!first || !line.startsWith(first)) return null;
  const team = /[—–|]\s*([\p{L}& ]{2,30}?)(?:\s*\/[^—–|]*)?\s+team\s*$/u.exec(line)?.[1];
  return team ? `${team.trim()} team lead` : null;
}

/** "Priya Nair (Head of Operations, Acme)": the role in brackets after the subject's name. */
function parentheticalRole(text: string, matcher: NameMatcher | null): string | null {
  if (!matcher) return null;
  const own = nameTokens(matcher.full);
  const last = own[own.length - 1];
  if (!last || own.length < 2) return null;
  const inside = new RegExp(`\\b${last}\\s*\\(([^,)]{2,50})`, "u").exec(text)?.[1]?.trim();
  if (!inside) return null;
  return occupationPhrase(inside) ?? (isTitleCase(inside) ? inside : null);
}

/** Of "Associate Director · Landscape Architect", the part that names a trade rather than a rank. */
function preferredTitle(line: string): string {
  const parts = line.split(/\s+[·|]\s+/);
  if (parts.length < 2) return line;
  const trade = parts.find((part) => {
    const phrase = occupationPhrase(part);
    return phrase !== null && !SENIORITY_ONLY.test(phrase);
  });
  return trade ?? parts[0] ?? line;
}

/** "Orchard Manager", "Head of Veterinary Unit": a short capitalised job title line. */
function isTitleCase(text: string): boolean {
  const words = text.trim().split(/\s+/);
  if (words.length === 0 || words.length > 6) return false;
  return words.every((w) => /^\p{Lu}/u.test(w) || /^(?:of|and|&|for|the|de)$/.test(w)) && !/[.!?:]$/.test(text.trim());
}

function signatureRole(unit: Unit): string | null {
  const match =
    /^(owner|founder|co-founder|director|proprietor|managing director|manager|head \w+|[\p{L} ]{2,30}?)\s+[—–|-]\s+([^|]{2,60})/iu.exec(
      unit.line,
    );
  if (!match?.[1] || !match[2]) return null;
  const title = match[1].trim();
  const company = match[2].replace(/\s*\|.*$/, "").trim();
  if (/^(?:owner|founder|co-founder|proprietor|director|managing director)$/i.test(title)) {
    const words = company
      .replace(/\b(?:ltd|limited|llc|inc|pty|co)\b\.?/gi, "")
      .trim()
      .split(/\s+/);
    const last = (words[words.length - 1] ?? "").toLowerCase().replace(/[^\p{L}]/gu, "");
    if (TRADE_WORDS[last] !== undefined) return `${last} owner`;
    return `owner of ${company}`;
  }
  return occupationPhrase(title);
}

function tradeFromCompany(unit: Unit, matcher: NameMatcher | null): string | null {
  if (!matcher) return null;
  const own = nameTokens(matcher.full);
  const surname = own[own.length - 1];
  if (!surname || own.length < 2) return null;
  const company = new RegExp(
    `\\b${surname}\\s+(\\p{Lu}\\p{Ll}+)(?:\\s+(?:Ltd|Limited|LLC|Inc|& Sons|Co)\\b)?`,
    "u",
  ).exec(unit.text);
  const trade = company?.[1] ? TRADE_WORDS[company[1].toLowerCase()] : undefined;
  return trade ?? null;
}

function spanishRole(text: string): string | null {
  for (const word of text.toLowerCase().split(/[^\p{L}]+/u)) {
    const role = SPANISH_OCCUPATIONS[word];
    if (role) return role;
  }
  return null;
}

/** "Don Ana Ruiz", "Dr. Kwame Mensah": a line that is only a name (capitalised words, no label or sentence). */
function isNameLine(text: string): boolean {
  const words = text.trim().replace(/[.,]$/, "").split(/\s+/);
  return (
    !/[:!?]/.test(text) &&
    words.length <= 5 &&
    words.every((w) => /^\p{Lu}/u.test(w) || /^(?:de|da|del|van|von|der|den|di|du|la|le|bin|al|y)$/.test(w)) &&
    !words.some((w) =>
      /^(?:I|I'm|I’m|Im|My|Our|The|A|An|Hi|Hello|Hey|Dear|Thanks|Thank|Cheers|This|That|We|It)$/.test(w),
    )
  );
}

/** A capitalised title line that names a job ("Orchard Manager", "Head of Veterinary Unit"), not a company. */
function isJobTitle(text: string): boolean {
  if (!isTitleCase(text)) return false;
  const words = text.trim().split(/\s+/);
  return /^Head of\b/i.test(text.trim()) || words.some((_, k) => isHeadAt(words, k));
}

/** A form answer to "What do you do?": the role phrase before any elaboration. */
function answerRole(answer: string): string | null {
  const first = (answer.split(/\s*(?:[,(;]|\s[—–-]\s|[—–])\s*/)[0] ?? "").trim();
  const verb = verbRole(first);
  if (verb) return verb;
  if (/^(?:I|I'm|I’m|I am|Im)\b/i.test(first)) return occupationPhrase(first.replace(/^.*?\b(?:a|an|as)\s+/i, ""));
  return plainRole(first);
}

/**
 * A free-text role answer or field value, kept only when it reads as a job title: cut before an organisation or
 * place ("Nurse at St Mary's", "baker, near Kumasi"), at most five words, no pronouns, verbs or brackets.
 */
function plainRole(raw: string): string | null {
  const role = trimPunctuation((raw.split(/\s*[,(;|·]\s*|\s+(?:at|@|near|in|for|with|from)\s+/)[0] ?? "").trim());
  if (!role || role.split(/\s+/).length > 5) return null;
  if (/\b(?:I|I'm|we|my|our|you|it|is|are|was|need|want|would|like|please|tool|app)\b/i.test(role)) return null;
  const words = role.split(/\s+/);
  return occupationPhrase(role) ?? (words.some((_, k) => isHeadAt(words, k)) || isTitleCase(role) ? role : null);
}

/** Things people do for pleasure or occasionally: a verb of work in such a sentence is a hobby, not a job. */
const HOBBY_CONTEXT =
  /\b(?:weekends?|on (?:mon|tues|wednes|thurs|fri|satur|sun)days?|(?:mon|tues|wednes|thurs|fri|satur|sun)day (?:mornings?|evenings?|afternoons?|nights?)|evenings|in my (?:spare|free) time|for fun|hobby|hobbies|on the side|side hustle|volunteer\w*|sometimes|occasionally|once a|twice a|every (?:week|month|sunday|saturday)|when I'm not|when I’m not|outside (?:of )?work|after work|for (?:my )?(?:friends|family|kids)|at home|myself|used to|anymore|any more|never)\b/i;
/** A sentence that says a verb of work is the speaker's job ("It's my day job", "for a living"). */
const JOB_CONTEXT =
  /\b(?:(?:it'?s|it’s|that'?s|that’s|is)\s+my\s+(?:day\s+)?job|for a living|professionally|by trade|full[- ]time|my day job|for work)\b/i;
/** Where a job is done: "at a public high school", "at Lincoln High", "in a hospital". */
const WORKPLACE_AFTER =
  /^\s*(?:\S+\s+){0,4}?(?:at|in|for)\s+(?:(?:a|an|the|our|my|two|three|several|local|public|private|state|big|small)\s+){0,3}(?:\p{Lu}|(?:[\p{Ll}-]+\s+)?(?:school|college|university|academy|hospital|clinic|firm|company|agency|restaurant|café|cafe|bakery|roastery|farm|studio|practice|hotel|office|centre|center|institute|lab|nursery|kindergarten|department|ward|unit)\b)/u;
const WORKPLACE_LATER =
  /^[^.;!?]{0,80}?\b(?:at|in)\s+(?:a|an|the|our|my|two|three|several)\s+(?:[\p{L}-]+\s+){0,3}(?:school|college|university|academy|hospital|clinic|firm|company|agency|restaurant|café|cafe|bakery|farm|studio|practice|hotel|office|centre|center|institute|lab|nursery|kindergarten|workshop)\b/iu;
/** "I teach chemistry", "I've been nursing for twelve years": a verb of work names the agent. */
const PRESENT_WORK =
  /(?:^|[:;,—–]\s*|\b(?:and|so|basically|mainly|mostly|now)\s+)I\s+(?:(?:also|mainly|mostly|currently|now|still|basically|professionally|actually)\s+)?(\p{Ll}+)\b([^.;!?,—–(]{0,60})/gu;
const THIRD_WORK =
  /(?:^|[:;,—–]\s*)(?:She|He|[Ss]he|[Hh]e|\p{Lu}[\p{Ll}'’-]+)\s+(?:(?:also|mainly|mostly|currently|now|still)\s+)?(\p{Ll}+(?:es|s))\b([^.;!?,—–(]{0,60})/gu;
const TENURE_WORK =
  /\b(?:I've|I’ve|I have|I'd|I’d|we've|we’ve|she's|she has|he's|he has)?\s*been\s+(\p{Ll}+ing)\b([^.;!?]{0,60}?)\s*\b(?:for\s+(?:\S+\s+){0,2}(?:years?|decades?)|since\b|professionally\b|full[- ]time\b)/giu;

/** The object of a verb of work, cut before its place or time ("chemistry at a public high school" -> chemistry). */
function workObject(rest: string): string {
  return (
    rest.split(
      /\s+(?:at|in|on|for|to|from|with|into|since|and|but|because|every|each|here|there|now|full-time|part-time)\b/i,
    )[0] ?? ""
  ).trim();
}

/** "I teach chemistry" -> chemistry teacher: the agent noun for a verb of work plus its object. */
function verbRole(text: string): string | null {
  const match =
    /^I\s+(?:(?:also|mainly|mostly|currently|now|still|basically|professionally|actually)\s+)?(\p{Ll}+)\b(.*)$/u.exec(
      text.trim(),
    );
  if (!match?.[1]) return null;
  const verb = baseWorkVerb(match[1]);
  return verb ? agentFor(verb, workObject(match[2] ?? "")) : null;
}

/** First-person role statements that need no further check, with the confidence each gives. */
const SELF_ROLE_CUES: ReadonlyArray<readonly [RegExp, number]> = [
  [AGE_THEN_ROLE, 0.75],
  [NOW_ROLE, 0.75],
  [INTRO_APPOSITIVE, 0.85],
  [SELF_THE_ROLE, 0.75],
  [SELF_TITLE_AT, 0.8],
];

/** Only base forms ("teach", not "teaching"/"taught") for present-simple statements. */
function baseWorkVerb(form: string): string | null {
  const verb = workVerb(form);
  return verb === form.toLowerCase() ? verb : null;
}

function workRoles(units: readonly Unit[], i: number): [string, number][] {
  const unit = units[i];
  if (!unit) return [];
  const roles: [string, number][] = [];
  const hobby = HOBBY_CONTEXT.test(unit.text);
  const next = units[i + 1];
  const nearJob =
    JOB_CONTEXT.test(unit.text) || (next !== undefined && next.source === unit.source && JOB_CONTEXT.test(next.text));
  if (isSelf(unit)) {
    for (const match of unit.text.matchAll(TENURE_WORK)) {
      const verb = workVerb(match[1] ?? "");
      const object = workObject(match[2] ?? "");
      if (!verb || /^(?:myself|yourself|herself|himself|themselves|ourselves)\b/i.test(object)) continue;
      const role = agentFor(verb, object);
      if (role) roles.push([role, 0.7]);
    }
    if (!hobby) {
      const words = unit.text.split(/\s+/).length;
      for (const match of unit.text.matchAll(PRESENT_WORK)) {
        const verb = baseWorkVerb(match[1] ?? "");
        if (!verb) continue;
        const rest = match[2] ?? "";
        // "I teach chemistry, mostly seniors, in a public high school": the workplace may follow a comma.
        const after = unit.text.slice((match.index ?? 0) + match[0].length - rest.length, (match.index ?? 0) + 140);
        const atWork = WORKPLACE_AFTER.test(rest) || WORKPLACE_LATER.test(after);
        if (!nearJob && !atWork && words > 6) continue;
        const role = agentFor(verb, workObject(rest));
        if (role) roles.push([role, nearJob || atWork ? 0.7 : 0.6]);
      }
    }
  }
  if (unit.topic === "subject" && !unit.firstPerson && unit.topicBy !== "implicit" && !hobby) {
    for (const match of unit.text.matchAll(THIRD_WORK)) {
      const form = match[1] ?? "";
      const verb = workVerb(form);
      if (!verb || verb === form.toLowerCase()) continue;
      const rest = match[2] ?? "";
      if (!nearJob && !WORKPLACE_AFTER.test(rest)) continue;
      const role = agentFor(verb, workObject(rest));
      if (role) roles.push([role, 0.65]);
    }
  }
  return roles;
}

export function occupationCandidates(units: readonly Unit[], matcher: NameMatcher | null): Candidate[] {
  const out: Candidate[] = [];
  const retired = units.some((u) => isAboutSubject(u) && RETIRED.test(u.text));
  units.forEach((unit, i) => {
    const about = isAboutSubject(unit);
    // Line-level rules run once per line, not once per sentence of a (possibly huge) line.
    const firstOfLine = units[i - 1]?.line !== unit.line;
    const inline = firstOfLine ? WORK_QUESTION.exec(unit.line) : null;
    // Form answers carry their question separately ("Q4. What do you do for work?" -> "Plumber, self-employed").
    const asked =
      firstOfLine && unit.speaker === "subject" ? WORK_QUESTION.exec(`${unit.question} ${unit.text}`) : null;
    const answer = inline ?? asked;
    if (answer?.[1] && unit.text.includes(answer[1].slice(0, 10))) {
      const role = answerRole(answer[1]);
      if (role) out.push(fromUnit(unit, "occupation", role, 0.9));
    }
    const field = FIELD_ROLE.exec(unit.text);
    const fieldRole = field?.[1] && unit.topic !== "other" ? plainRole(field[1]) : null;
    if (fieldRole) out.push(fromUnit(unit, "occupation", fieldRole, 0.85));
    const parenthetical = parentheticalRole(unit.text, matcher);
    if (parenthetical) out.push(fromUnit(unit, "occupation", parenthetical, 0.75));
    const segmentRole = rolesFromSegments(unit.text, matcher);
    if (segmentRole && unit.text.length < 160) out.push(fromUnit(unit, "occupation", segmentRole, 0.8));
    const team = ownTeam(unit.text, matcher);
    if (team) out.push(fromUnit(unit, "occupation", team, 0.6, "inferred"));
    // A name line followed by a title line (team pages, speaker lists).
    const previous = units[i - 1];
    if (
      previous &&
      matcher &&
      unit.line.length < 90 &&
      previous.text.length < 60 &&
      previous.text.split(/\s+/).length <= 5 &&
      isNameLine(previous.text) &&
      !/[:!?]|\.$/.test(unit.text.split(",")[0] ?? "") &&
      !/^(?:my|our|his|her|their|the|a|an|I|we)\b/i.test(unit.text)
    ) {
      const tokens = matcher.tokens.map((t) => t.toLowerCase());
      const prevLower = previous.text.toLowerCase();
      if (tokens.filter((t) => prevLower.includes(t)).length >= Math.min(2, tokens.length)) {
        const title = preferredTitle(unit.text.split(",")[0] ?? "");
        const namesSubject = tokens.some((t) => title.toLowerCase().includes(t));
        const role = namesSubject ? null : (occupationPhrase(title) ?? (isJobTitle(title) ? title.trim() : null));
        if (role) out.push(fromUnit(unit, "occupation", role, 0.8));
      }
    }
    if (!about) return;
    const notBusiness =
      /\b(?:used to|anymore|any more|never|for fun|as a hobby|volunteer\w*|one day|someday|dream)\b/i.test(unit.text);
    const pastOrFuture = PAST_OR_FUTURE.test(unit.text);
    for (const match of notBusiness ? [] : unit.text.matchAll(OWNS_BUSINESS)) {
      const business = trimPunctuation(match[1] ?? "").replace(/^(?:café|cafe)$/, "café");
      // "we opened a second shop" is the business's history; "runs the company" is too vague to name a trade.
      if (!business || /^(?:company|business|startup|start-up|estate)$/.test(business)) continue;
      // "I run a workshop for new parents", "I started a new school": events and schooling, not businesses.
      if (/\b(?:kitchen|workshop|stall)$/.test(business)) continue;
      const founding = /\b(?:opened|founded|set up|started)\b/.test(match[0]);
      if (founding && (pastOrFuture || /\b(?:school|practice|nursery|daycare|kindergarten)$/.test(business))) continue;
      const core = business.split(" ").slice(-1)[0] ?? business;
      const trade = BUSINESS_TRADE[business] ?? BUSINESS_TRADE[core];
      out.push(fromUnit(unit, "occupation", trade ?? `${business} owner`, 0.7));
    }
    for (const [pattern, role] of FOREIGN_BUSINESSES) {
      if ((isSelf(unit) || unit.topic === "subject") && pattern.test(unit.text))
        out.push(fromUnit(unit, "occupation", role, 0.65));
    }
    for (const [role, confidence] of workRoles(units, i)) out.push(fromUnit(unit, "occupation", role, confidence));
    if (unit.topic === "subject" && unit.topicBy === "name") {
      const title = THIRD_TITLE.exec(unit.text.replace(/^[-•*]\s*/, ""));
      const role = title?.[1] ? occupationPhrase(title[1]) : null;
      if (role) out.push(fromUnit(unit, "occupation", role, 0.75));
    }
    if (isSelf(unit)) {
      for (const [pattern, confidence] of SELF_ROLE_CUES) {
        const matches = pattern.global ? [...unit.text.matchAll(pattern)] : [pattern.exec(unit.text)];
        for (const match of matches) {
          const role = match?.[1] ? occupationPhrase(match[1]) : null;
          if (role) out.push(fromUnit(unit, "occupation", role, confidence));
        }
      }
      for (const match of unit.text.matchAll(SELF_ROLE)) {
        const role = occupationPhrase(match[1] ?? "");
        // "a nurse by training, but these days I work in sales": the training, not the job.
        const past =
          /^[^.;!?]{0,40}?\b(?:by training|by education|by background|originally|in a past life|once upon)\b/i.test(
            match[1] ?? "",
          );
        if (role && !past) out.push(fromUnit(unit, "occupation", role, CREDENTIAL.test(role) ? 0.5 : 0.85));
      }
      for (const match of unit.text.matchAll(DAY_JOB)) {
        const role = occupationPhrase(match[1] ?? "");
        if (role && (match[1] ?? "").split(/\s+/).length <= 8) out.push(fromUnit(unit, "occupation", role, 0.8));
      }
      const formerly = /\b(?:used to|until|before|previously|back then|formerly)\b/i.test(unit.text);
      for (const match of formerly ? [] : unit.text.matchAll(START_ROLE)) {
        const role = occupationPhrase(match[1] ?? "");
        if (role) out.push(fromUnit(unit, "occupation", role, 0.75));
      }
      const asRole = AS_ROLE.exec(unit.text);
      const asPhrase = asRole?.[1] ? occupationPhrase(asRole[1]) : null;
      if (asPhrase) out.push(fromUnit(unit, "occupation", asPhrase, 0.7));
      const foreign = foreignRole(unit.text);
      if (foreign) out.push(fromUnit(unit, "occupation", foreign, 0.7));
      const fragment = fragmentRole(unit, units[i - 1]);
      if (fragment) out.push(fromUnit(unit, "occupation", fragment, 0.65));
      if (retired) {
        for (const match of unit.text.matchAll(PAST_ROLE)) {
          const role = occupationPhrase(match[1] ?? "");
          if (role) out.push(fromUnit(unit, "occupation", `retired ${role}`, 0.8));
        }
      }
      const sig = signatureRole(unit);
      if (sig) out.push(fromUnit(unit, "occupation", sig, 0.7));
      const degree = DEGREE.exec(unit.text);
      if (degree && STUDY_CONTEXT.test(unit.text)) {
        out.push(
          fromUnit(
            unit,
            "occupation",
            `${degree[1]} ${trimPunctuation(degree[2] ?? "")} student`.replace(/\s+/g, " "),
            0.7,
          ),
        );
      }
    }
    // "Omar joined Brightline as a logistics coordinator": a start in the third person.
    if (unit.topic === "subject" && !unit.firstPerson && unit.topicBy !== "implicit") {
      const formerly = /\b(?:used to|until|before|previously|back then|formerly)\b/i.test(unit.text);
      for (const match of formerly ? [] : unit.text.matchAll(START_ROLE)) {
        const role = occupationPhrase(match[1] ?? "");
        if (role) out.push(fromUnit(unit, "occupation", role, 0.7));
      }
    }
    // "X is a Y" names the subject's job only when X is the subject ("one of them is a landlord" is not).
    if (unit.topic === "subject" && !unit.firstPerson && unit.topicBy !== "implicit") {
      for (const match of unit.text.matchAll(THIRD_ROLE)) {
        const role = occupationPhrase(match[1] ?? "");
        if (role) out.push(fromUnit(unit, "occupation", role, CREDENTIAL.test(role) ? 0.5 : 0.75));
      }
    }
    const appositive = APPOSITIVE_ROLE.exec(unit.text);
    if (appositive?.[1] && unit.topic === "subject") {
      const role = occupationPhrase(appositive[1]);
      if (role) out.push(fromUnit(unit, "occupation", role, 0.75));
    }
    const spanish = spanishRole(unit.text);
    if (spanish && (unit.topic === "subject" || isSelf(unit))) out.push(fromUnit(unit, "occupation", spanish, 0.6));
    for (const [pattern, role] of OCCUPATION_VERBS) {
      if (pattern.test(unit.text)) out.push(fromUnit(unit, "occupation", role, 0.5, "inferred"));
    }
    const trade = tradeFromCompany(unit, matcher);
    if (trade) out.push(fromUnit(unit, "occupation", trade, 0.6, "inferred"));
  });
  // A bare "Owner" or "Founder" says nothing about the work; any fuller role for the same person should win.
  const scored = out
    .filter((c) => /^[^()[\]:@]+$/.test(String(c.value)) && String(c.value).split(/\s+/).length <= 6)
    .map((c) =>
      /^(?:owner|founder|co-founder|cofounder|proprietor|ceo|founder (?:&|and) ceo|co-founder (?:&|and) ceo|managing director|director|partner)$/i.test(
        String(c.value),
      )
        ? { ...c, confidence: c.confidence - 0.2 }
        : c,
    );
  return preferNewer(preferSpecific(scored), 0.2);
}

const flat = (value: string | number) =>
  String(value)
    .toLowerCase()
    .replace(/[^\p{L}\d]+/gu, " ")
    .trim();

/** "chemistry teacher" and "teacher" from the same person: the specific value is backed by the generic one. */
function preferSpecific(candidates: Candidate[]): Candidate[] {
  const values = [...new Set(candidates.map((c) => flat(c.value)))];
  return candidates.map((c) => {
    const value = flat(c.value);
    return values.some((other) => other !== value && value.endsWith(` ${other}`))
      ? { ...c, confidence: c.confidence + 0.02 }
      : c;
  });
}

/**
 * When dated statements conflict, the newer one wins ("Based in Porto" in 2022, "started in Rotterdam" in 2024):
 * a dated value is demoted when a different, reasonably confident value was stated at a later date.
 */
function preferNewer(candidates: Candidate[], penalty: number): Candidate[] {
  const dated = candidates.filter((c) => c.date !== null && c.confidence >= 0.6);
  if (dated.length < 2) return candidates;
  // The latest dated value, and the latest date of any other value (linear, not pairwise).
  const latest = dated.reduce((a, b) => ((b.date ?? 0) > (a.date ?? 0) ? b : a));
  const latestValue = flat(latest.value);
  const otherDate = dated.reduce(
    (max, o) => (flat(o.value) !== latestValue && (o.date ?? 0) > max ? (o.date ?? 0) : max),
    Number.NEGATIVE_INFINITY,
  );
  return candidates.map((c) => {
    if (c.date === null) return c;
    const newerOther = flat(c.value) === latestValue ? otherDate : (latest.date ?? 0);
    return newerOther > c.date ? { ...c, confidence: c.confidence - penalty } : c;
  });
}

// ---------------------------------------------------------------- location

const PLACE =
  "(\\p{Lu}[\\p{L}'’-]+(?:\\s(?:de\\s|del\\s|upon\\s|on\\s)?\\p{Lu}[\\p{L}'’-]+){0,2}(?:,\\s(?!I\\b|I['’])\\p{Lu}[\\p{L}'’-]+(?:\\s\\p{Lu}[\\p{L}'’-]+)?)?)";
/** One place name without a trailing ", Region". */
const PLACE_ONE = "(\\p{Lu}[\\p{L}'’-]+(?:\\s(?:de\\s|del\\s|upon\\s|on\\s)?\\p{Lu}[\\p{L}'’-]+){0,2})";
const NOT_PLACE =
  /^(?:The|A|An|My|Our|I|We|He|She|They|It|This|That|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Google|Steam|Excel|Python|English|Spanish)\b/;
/** Cue patterns with their confidence; `known` marks weak cues that need a gazetteer place ("I'm from X"). */
const LOCATION_PATTERNS: readonly [RegExp, number, boolean?][] = [
  [
    new RegExp(`\\b(?:[Bb]ased|[Ll]iving|[Ll]ocated|[Ss]ettled|[Rr]esiding)\\s+(?:in|near|out of)\\s+${PLACE}`, "gu"),
    0.8,
  ],
  // "a Lisbon-based illustrator", "Nairobi-based".
  [/\b(\p{Lu}[\p{L}'’]+(?:\s\p{Lu}[\p{L}'’]+)?)-based\b/gu, 0.7],
  // "calling from a very rainy Toronto", "writing to you from Hobart": where the speaker is right now.
  [
    new RegExp(
      `\\b(?:calling|writing|recording|dialing|dialling|joining|working|freelancing|posting|blogging|podcasting|broadcasting)\\s+(?:(?:to you|in|remotely|today|this)\\s+)?from\\s+(?:(?:a|an|the|my|our|very|sunny|rainy|snowy|freezing|cold|hot|grey|gray|chilly|windy|foggy|humid|beautiful|lovely|little|home in|flat in|office in|studio in|kitchen in)\\s+){0,3}${PLACE}`,
      "gu",
    ),
    0.65,
    true,
  ],
  // Sign-offs: "Greetings from Hobart!", "Grüße aus Plagwitz", "Saludos desde Quito".
  [
    new RegExp(
      `\\b(?:[Gg]reetings|[Gg]rüße|[Gg]rüsse|[Ss]aludos|[Bb]eijos|[Cc]heers|[Ll]ove)\\s+(?:from|aus|desde|de)\\s+${PLACE}`,
      "gu",
    ),
    0.6,
  ],
  // "I call Lisbon home", "home is Cork these days".
  [new RegExp(`\\b(?:I|[Ww]e)\\s+(?:now\\s+)?call\\s+${PLACE}\\s+home\\b`, "gu"), 0.8],
  [new RegExp(`\\b[Hh]ome(?:\\s+base)?\\s+(?:is|:)\\s+(?:now\\s+)?${PLACE}`, "gu"), 0.7],
  // Residence in other languages: "wohne in", "j'habite à", "moro em", "abito a", "woon in", "bor i".
  [
    new RegExp(
      `\\b(?:[Ww]ohne|[Ll]ebe|[Hh]abite|[Vv]is|[Mm]oro|[Vv]ivo|[Aa]bito|[Ww]oon|[Bb]or|[Mm]ieszkam)\\s+(?:in|à|a|em|en|i|w)\\s+${PLACE}`,
      "gu",
    ),
    0.8,
  ],
  // "a Werkstatt in Leipzig-Plagwitz", "Praxis in Graz": a German workplace's town.
  [
    new RegExp(
      `\\b(?:Werkstatt|Praxis|Laden|Büro|Firma|Schule|Klinik|Krankenhaus|Hof|Atelier|Betrieb|Geschäft|Bäckerei|Kanzlei)\\b[^.;!?]{0,50}?\\bin\\s+${PLACE}`,
      "gu",
    ),
    0.55,
  ],
  // "Started as Product Designer at Haventrack in Rotterdam": a job at a named employer in a city.
  [
    new RegExp(
      `\\b(?:[Ss]tarted|[Jj]oined|[Ww]ork(?:ing)?|[Jj]ob|[Rr]ole|[Pp]osition|[Hh]ired|[Ee]mployed|[Tt]each(?:ing)?)\\b[^.;!?]{0,60}?\\bat\\s+\\p{Lu}[\\p{L}&.'’-]*(?:\\s\\p{Lu}[\\p{L}&.'’-]*){0,3}\\s+in\\s+${PLACE}`,
      "gu",
    ),
    0.6,
  ],
  [new RegExp(`\\b(?:now|currently)\\s+(?:live|lives|living|based)\\s+in\\s+${PLACE}`, "gu"), 0.85],
  [new RegExp(`\\b(?:I|[Ww]e)\\s+work\\s+(?:(?:as|for|at|from home)\\s+[^.;!?]{0,40}?\\s+)?in\\s+${PLACE}`, "gu"), 0.6],
  // "a nurse from Leeds", "Anna, from Leeds": a known town after "from" is the weakest residence cue.
  [
    new RegExp(
      `(?:,\\s*|\\b(?:is|was|a|an)\\s+(?:(?!came|comes|arrived|shipped|sent|ordered|bought|flew|drove|returned|back|got|imported)[^.;!?]){0,30}?\\s)from\\s+${PLACE}(?!\\s+to\\b)`,
      "gu",
    ),
    0.4,
    true,
  ],
  // "I'm in Leeds", "we're in Lyon": a present location in an introduction (known towns only).
  [
    new RegExp(
      `\\b(?:I'm|I’m|I am|[Ww]e're|[Ww]e’re|[Ww]e are)\\s+(?:now\\s+|currently\\s+)?in\\s+${PLACE}(?!\\s+(?:for|this|on|until|till|next)\\b)`,
      "gu",
    ),
    0.55,
    true,
  ],
  // "a resident of Galway", "Galway, where I live".
  [new RegExp(`\\b(?:resident|residents|inhabitant)\\s+of\\s+${PLACE}`, "gu"), 0.7],
  [
    new RegExp(
      `${PLACE},?\\s+where\\s+(?:I|we|she|he|they)\\s+(?:now\\s+)?(?:live|lives|work|works|am based|is based)\\b`,
      "gu",
    ),
    0.75,
  ],
  // Third person: "she's from Leeds" (known towns only).
  [new RegExp(`\\b(?:[Ss]he|[Hh]e|[Tt]hey)(?:'s|’s| is| are)\\s+from\\s+${PLACE}`, "gu"), 0.45, true],
  // "I'm from Ohio": usually home when nothing better is said ("originally from" is filtered as the past).
  [new RegExp(`\\b(?:I'm|I’m|I am|Im)\\s+(?:just\\s+)?from\\s+${PLACE}`, "gu"), 0.45, true],
  // Pronoun-dropped profile lines: "Live in Boulder, CO.", "Based in Ghent."
  [new RegExp(`(?:^|[.!?]\\s+|[|·]\\s*)(?:Live|Living|Based|Currently in|Now in)\\s+(?:in\\s+)?${PLACE}`, "gu"), 0.75],
  // "I've lived in London for ten years now": present perfect residence.
  [
    new RegExp(
      `\\b(?:I've|I’ve|I have|[Ww]e've|[Ww]e’ve|[Ww]e have)\\s+(?:now\\s+)?lived\\s+in\\s+${PLACE}(?=[^.;!?]{0,12}\\b(?:for|since)\\b)`,
      "gu",
    ),
    0.75,
  ],
  // "a bus driver for the city of Zaragoza".
  [new RegExp(`\\b(?:for|in)\\s+the\\s+(?:city|town|municipality|borough)\\s+of\\s+${PLACE}`, "gu"), 0.5],
  // Dutch and Italian work/residence: "ik werk als verpleegkundige in Utrecht", "faccio il cuoco a Bologna".
  [new RegExp(`\\b(?:[Ii]k werk|[Ii]k woon|[Ww]erk)\\b[^.;!?]{0,40}?\\sin\\s+${PLACE}`, "gu"), 0.65],
  [
    new RegExp(`\\b(?:[Ff]accio (?:il|la|l['’])|[Ll]avoro (?:come|a|in))[^.;!?]{0,30}?\\s(?:a|in)\\s+${PLACE}`, "gu"),
    0.65,
  ],
  // "soy enfermera en Valencia", "sou enfermeira em Braga", "ich bin Tischlerin in Graz".
  [new RegExp(`\\b(?:[Ss]oy|[Tt]rabajo)\\b[^.;!?]{0,40}?\\sen\\s+${PLACE}`, "gu"), 0.6],
  [new RegExp(`\\b(?:[Ss]ou|[Tt]rabalho)\\b[^.;!?]{0,40}?\\sem\\s+${PLACE}`, "gu"), 0.6],
  [new RegExp(`\\b(?:[Ii]ch bin|[Ii]ch arbeite|[Aa]rbeite)\\b[^.;!?]{0,40}?\\sin\\s+${PLACE}`, "gu"), 0.6],
  // "je suis boulangère à Lyon", "je travaille à Genève".
  [new RegExp(`\\b(?:je suis|je travaille|j'habite|j’habite|je vis)\\b[^.;!?]{0,40}?\\sà\\s+${PLACE}`, "gu"), 0.65],
  [new RegExp(`\\b(?:I|[Ww]e)\\s+(?:currently\\s+|now\\s+)?live\\s+in\\s+${PLACE}`, "gu"), 0.85],
  [new RegExp(`\\blives\\s+in\\s+${PLACE}`, "gu"), 0.8],
  [new RegExp(`\\b(?:[Vv]ivo|[Rr]esido|[Vv]ivimos)\\s+en\\s+${PLACE}`, "gu"), 0.85],
  [new RegExp(`\\bhere in\\s+${PLACE}`, "gu"), 0.65],
  [new RegExp(`\\b(?:I'm|I’m|I am|Im)\\s+(?:a|an)\\s+[^.;!?]{0,80}?\\bin\\s+${PLACE}`, "gu"), 0.55],
  [new RegExp(`\\b(?:[Mm]oved|[Rr]elocated)\\s+(?:back\\s+)?to\\s+${PLACE}`, "gu"), 0.6],
  // "Moved to Lisbon in 2019 and then to Porto last year": the last move is home.
  [
    new RegExp(
      `\\b(?:[Mm]oved|[Rr]elocated)\\b[^.;!?]{0,60}?\\b(?:and|then)\\s+(?:then\\s+|later\\s+)?(?:on\\s+)?to\\s+${PLACE}`,
      "gu",
    ),
    0.66,
  ],
  [
    new RegExp(
      `(?<![-\\p{L}])(?:hospitals?|offices?|unit|clinics?|schools?|farms?|practice|company|firm|trust|conservancy|studios?|apartment|flat|house|home|shops?|bakery|restaurants?|café|cafe|team|lab|ward|garage|workshop|kitchen|barn|shed|warehouse|factory|stores?|salons?|gym|surgery|pharmacy|library|roastery|guesthouse|hotel|winery|vineyard|brewery|ranch|cafés|cafes|food truck|stall|market stall)\\b[^.;!?]{0,50}?\\bin\\s+${PLACE}`,
      "gu",
    ),
    0.55,
  ],
  [new RegExp(`\\b(?:farms?|lives?|living|works?|based)\\b[^.;!?]{0,80}?\\bnear\\s+${PLACE}`, "gu"), 0.5],
  [new RegExp(`\\b(?:live|lives|living|based|settled)\\s+(?:just\\s+)?(?:near|outside)\\s+${PLACE}`, "gu"), 0.7],
  // "Kia ora from Rotorua!", "Hello from Hobart": an opener that says where the writer is.
  [
    new RegExp(
      `(?:^|[.!?]\\s+)(?:Kia ora|Hello|Hi|Hey|Aloha|Hola|Ciao|Bonjour|Hallo|Moin|Howdy|Greetings|Namaste|Salut)(?:\\s+(?:all|everyone|folks|friends|again))?,?\\s+from\\s+${PLACE}`,
      "gu",
    ),
    0.6,
  ],
  // "runs 140 vans out of their Leeds depot", "in our Lyon office".
  [
    new RegExp(
      `\\b(?:in|at|out of|from)\\s+(?:the|our|their|his|her|my)\\s+${PLACE}\\s+(?:office|depot|site|warehouse|plant|branch|hub|store|clinic|studio|campus|factory|yard|location)\\b`,
      "gu",
    ),
    0.55,
  ],
  [new RegExp(`📍\\s*${PLACE}`, "gu"), 0.7],
  // "a village outside Kraków", "a town near Leeds": home is by the named place.
  [new RegExp(`\\b(?:village|town|suburb|hamlet)\\s+(?:just\\s+)?(?:outside|near|close to)\\s+${PLACE}`, "gu"), 0.6],
  // "a family farm outside Crowley", "the hillside blocks outside Lolol": land and homes just outside a town.
  [
    new RegExp(
      `\\b(?:farm|ranch|vineyards?|blocks|fields|estate|land|property|house|home|cabin|cottage|smallholding|orchards?|clinic|hospital|school|practice|office|plant|depot|warehouse|studio|workshop|shop|café|cafe|restaurant|bakery|site|base)\\s+(?:just\\s+)?(?:outside|east of|west of|north of|south of)\\s+${PLACE}`,
      "gu",
    ),
    0.6,
  ],
  // "maestra en un colegio público de Valencia": the workplace's town in Spanish.
  [
    new RegExp(
      `\\b(?:colegio|escuela|instituto|hospital|empresa|oficina|tienda|universidad|centro de salud|clínica|fábrica|taller)\\b[^.;!?]{0,40}?\\b(?:de|en)\\s+${PLACE}`,
      "gu",
    ),
    0.55,
  ],
];
/** A form label or question about residence; the place after it is matched case-sensitively (see fieldPlace). */
const LOCATION_LABEL =
  /(?:where do you (?:live|call home)\??|where are you (?:based|located)\??|(?:^|\b)(?:current\s+)?(?:location|city|town|based|lives in|residence|ciudad|ville|wohnort|stadt)(?:\s*(?:\/|&|and|or)\s*(?:neighbou?rhood|area|region|country|state|province|district|barrio))?(?:\s*\([^)]{0,20}\))?\s*[:?])\s*/i;
const PLACE_AT_START = new RegExp(`^${PLACE}`, "u");

/** "City / neighbourhood: Montréal (Plateau)" -> "Montréal". */
function fieldPlace(text: string): string | null {
  const label = LOCATION_LABEL.exec(text);
  if (!label) return null;
  return PLACE_AT_START.exec(text.slice((label.index ?? 0) + label[0].length))?.[1] ?? null;
}
const ADDRESS =
  /\b\d{1,5}\s+[\p{L} ]{2,30}?\s(?:St|Street|Rd|Road|Ave|Avenue|Lane|Ln|Track|Drive|Dr|Way|Place|Pl|Crescent|Close|Terrace|Parade|Calle|Av)\.?,\s+(\p{Lu}[\p{L}'’-]+(?:\s\p{Lu}[\p{L}'’-]+)?(?:\s[A-Z]{2,3})?)(?:\s+\d{4,5})?/u;
const PHONE_PLACE = new RegExp(`\\d{3,}[\\d ]{4,}\\s*[|·]\\s*${PLACE}`, "u");
const GUEST_FROM = /\b(?:guest|joining us|speaker)\b[^.;!?]{0,60}?\bfrom\s+/i;
const PAST_OR_FUTURE =
  /\b(?:spoke|speaking|presented|presenting|conference|summit|keynote|talk|talks|visited|visiting|travel(?:l)?ed|travel(?:l)?ing|tour|touring|vacation|stopover|layover|attended|attending|honeymoon|weekend in|week in|originally|founded|established|grew up|was born|born in|studied|used to|former|previously|moved from|second shop|opening|will open|planning|going to|want to|trip|holiday|visit|flew|flying to|until|in-house at|first job|back then|years ago)\b/i;
/** "open a studio in Bodrum by next summer": a plan, not where someone is. */
const FUTURE_AFTER =
  /^(?:(?!\band\b)[^.;!?]){0,25}?\b(?:by next|next (?:year|summer|spring|autumn|fall|winter|month)|someday|one day|eventually)\b/i;
const FUTURE_BEFORE =
  /\b(?:goal|plan|plans|hope|hoping|would like|wish|dream|open(?:ing)? (?:a|an|our|my|the)? ?\S+ (?:studio|shop|branch|location))\b/i;
/** Where other people or goods are, not the subject ("ships to customers in", "sells to clients in"). */
const OTHERS_THERE =
  /\b(?:customers?|clients?|guests?|buyers?|visitors?|tourists?|patients?|suppliers?|ships?|sells?|exports?|delivers?|sends?|shipping|selling|exporting)\b[^.;!?]{0,20}?\bin\s+\p{Lu}/u;
/** "my parents' garage in Porto", "my sister's flat in Leeds": someone else's place. */
const OTHERS_POSSESSION =
  /\b(?:parents?|mum|mom|mother|dad|father|sister|brother|friend|cousin|aunt|uncle|grandma|grandmother|grandpa|grandfather|grandparents|in-laws|neighbou?r|boyfriend|girlfriend|husband|wife|son|daughter|client|customer|colleague)(?:'s|’s|s'|s’)\s+(?:[\p{L}-]+\s+){0,2}(?:garage|house|home|flat|apartment|place|farm|shop|office|cabin|cottage|studio|restaurant|hotel)\b/iu;
/** "business partner Murat (finance, based in Istanbul": an aside about another named person. */
const ASIDE_ABOUT_OTHER =
  /\b(?:partner|colleague|co-?worker|boss|manager|friend|brother|sister|wife|husband|son|daughter|mother|father|mum|mom|dad|cousin|uncle|aunt|client|customer|rep|agent|neighbou?r|flatmate|roommate|in-law|grandson|granddaughter|nephew|niece|investor|co-?founder|supplier|mentor|mentee|guest|host)\s+(?:\p{Lu}[\p{L}.'’-]*\s*){1,3}\([^)]*$/u;
/** A site heading in notes: "DC Poznań-Komorniki", "Site: Leeds", "Plant Zwickau". */
const SITE_HEADING = new RegExp(
  `\\b(?:DC|[Ss]ite|[Pp]lant|[Dd]epot|[Hh]ub|[Bb]ranch|[Cc]ampus|[Ww]arehouse)\\s*:?\\s+${PLACE}`,
  "u",
);
/** European and Latin American addresses: "Calle de Xólotl 114, Barrio de Jalatlaco, Oaxaca de Juárez". */
const STREET_FIRST = new RegExp(
  `\\b(?:Calle|Avenida|Av\\.|Carrera|Rua|Rue|Via|Viale|Corso|Piazza|Plaza|Paseo|Camino|Calzada|Straße|Strasse|Str\\.|Gasse|Weg|Platz|Boulevard|Bd\\.?)\\s+[^,\\d]{2,40}?\\s+\\d{1,5}[A-Za-z]?,\\s+(?:(?:Barrio|Colonia|Col\\.|Bairro|Quartier|Ortsteil)\\s+[^,]{2,40},\\s+)?${PLACE_ONE}`,
  "u",
);
/** "…, 04229 Leipzig", "75011 Paris": a postcode followed by its town, at the end of an address line. */
const POSTCODE_PLACE = new RegExp(`(?:^|,\\s*|\\s[·|]\\s)(\\d{4,5})\\s+${PLACE_ONE}(?=\\s*(?:$|[,·|]))`, "u");
const EXCLUDED_CONTEXT = /\b(?:registered office|c\/o|level \d|head office|hq)\b/i;

function cleanPlace(raw: string): string | null {
  let place = raw.trim().replace(/\s+(?:office|area|region)$/i, "");
  place = place.split(/\s*(?:&|\band\b)\s*/)[0] ?? place;
  if (NOT_PLACE.test(place)) return null;
  place = trimPunctuation(place);
  // "Oaxaca de Juárez, Oax.": drop an abbreviated state after the town.
  place = place.replace(/,\s*\p{Lu}\p{Ll}{1,3}$/u, "");
  if (!place || looksLikeOrganisation(place)) return null;
  return place;
}

/** "Consultant Cardiologist, St Luke's Hospital, Accra": a signature line ending in a known town. */
function trailingPlace(line: string): string | null {
  const text = line.trim();
  if (
    text.length > 100 ||
    /[.!?]$/.test(text) ||
    /\b(?:I|I'm|we|my|our|is|are|was|were|love|like|visit(?:ed|ing)?)\b/i.test(text)
  )
    return null;
  const parts = text.split(/\s*,\s*|\s+[·|•—–]\s+/);
  if (parts.length < 2) return null;
  const last = trimPunctuation(parts[parts.length - 1] ?? "");
  if (!/^\p{Lu}/u.test(last) || !isKnownPlace(last) || isCountry(last)) return null;
  // Only after a role or an organisation, as in a signature block.
  const rest = parts.slice(0, -1).join(" ").split(/\s+/);
  const signatureLike = rest.some((_, k) => isHeadAt(rest, k)) || looksLikeOrganisation(parts[parts.length - 2] ?? "");
  return signatureLike ? cleanPlace(last) : null;
}

/** "Bayou Blu Farms · Crowley, LA": a signature or header segment that is only a place. */
function segmentPlace(line: string): string | null {
  if (line.length > 120 || !/\s[·|•]\s|\s[—–]\s/.test(line)) return null;
  for (const part of line.split(/\s+[·|•—–]\s+/)) {
    const segment = part.trim().replace(/^📍\s*/, "");
    const match = new RegExp(`^${PLACE}$`, "u").exec(segment);
    if (!match?.[1] || !isKnownPlace(match[1])) continue;
    const place = cleanPlace(match[1]);
    if (place) return place;
  }
  return null;
}

const WORKPLACE_ADJECTIVE = new RegExp(
  `\\b(?:at|for|with|in)\\s+(?:a|an|the|our|my)\\s+(?:(?:small|big|busy|tiny|local|leading)\\s+)?${PLACE_ONE}\\s+(?:start-?up|company|firm|law firm|agency|hospital|school|university|bakery|restaurant|café|cafe|studio|office|clinic|bank|newspaper|museum|NGO|charity|brewery|hotel)\\b`,
  "u",
);

/** Agent nouns that also name firms ("a car-parts maker in Chennai", "a builder in Leeds" may be either). */
const COMPANY_HEADS =
  /^(?:maker|producer|manufacturer|retailer|vendor|supplier|distributor|builder|contractor|provider)$/;

export function locationCandidates(units: readonly Unit[]): Candidate[] {
  const out: Candidate[] = [];
  units.forEach((unit, i) => {
    const about = isAboutSubject(unit);
    const firstOfLine = units[i - 1]?.line !== unit.line;
    const asked = firstOfLine && unit.speaker === "subject" ? fieldPlace(`${unit.question} ${unit.text}`) : null;
    const field = firstOfLine ? (fieldPlace(unit.line) ?? asked) : null;
    if (field && unit.topic !== "other") {
      const place = cleanPlace(field);
      if (place) out.push(fromUnit(unit, "location", place, 0.9));
    }
    const guestCue = GUEST_FROM.exec(unit.text);
    const guest = guestCue ? PLACE_AT_START.exec(unit.text.slice((guestCue.index ?? 0) + guestCue[0].length)) : null;
    if (guest?.[1]) {
      const place = cleanPlace(guest[1]);
      if (place) out.push(fromUnit(unit, "location", place, 0.6));
    }
    // "rest of us stay in the Lyon office": a first-person plural clause places the speaker even mid-anecdote.
    const weClause = unit.speaker === "subject" && /\b(?:we|us|our|I)\b/.test(unit.text);
    if ((!about && !weClause) || EXCLUDED_CONTEXT.test(unit.text)) return;
    for (const [pattern, confidence, known] of LOCATION_PATTERNS) {
      for (const match of unit.text.matchAll(pattern)) {
        if (known && !isKnownPlace(match[1] ?? "")) continue;
        const at = match.index ?? 0;
        // Only the clause the match sits in: "born in 1988 in Taipei and now live in Vancouver".
        const window = unit.text.slice(Math.max(0, at - 60), at);
        const cut = [...window.matchAll(/\b(?:and|but|now|then|while|whereas)\b|[,;:—–]/g)].pop();
        const before = cut ? window.slice((cut.index ?? 0) + cut[0].length) : window;
        if (PAST_OR_FUTURE.test(before) || PAST_OR_FUTURE.test(match[0]) || FUTURE_BEFORE.test(before)) continue;
        if (
          OTHERS_POSSESSION.test(`${before.slice(-40)}${match[0]}`) ||
          ASIDE_ABOUT_OTHER.test(unit.text.slice(Math.max(0, at - 120), at))
        )
          continue;
        if (FUTURE_AFTER.test(unit.text.slice(at + match[0].length, at + match[0].length + 40))) continue;
        // "our shop ships to customers in Germany": the place belongs to the customers.
        if (OTHERS_THERE.test(match[0])) continue;
        const place = cleanPlace(match[1] ?? "");
        if (place) out.push(fromUnit(unit, "location", place, confidence));
      }
    }
    if (about && !unit.quoted) {
      for (const match of unit.text.matchAll(ROLE_PLACE_WORD)) {
        const word = (match[1] ?? "").toLowerCase();
        const at = match.index ?? 0;
        // "a car-parts maker in Chennai" is a company; "first in-house at ..." is the past.
        if (!isJobHead(word) || COMPANY_HEADS.test(word)) continue;
        if (PAST_OR_FUTURE.test(unit.text.slice(Math.max(0, at - 60), at))) continue;
        if (ASIDE_ABOUT_OTHER.test(unit.text.slice(Math.max(0, at - 120), at))) continue;
        const rest = unit.text.slice((match.index ?? 0) + match[0].length, (match.index ?? 0) + match[0].length + 60);
        const place = PLACE_AT_START.exec(rest)?.[1];
        const cleaned = place ? cleanPlace(place) : null;
        if (cleaned) out.push(fromUnit(unit, "location", cleaned, /\bfrom\s+$/.test(match[0]) ? 0.5 : 0.6));
      }
    }
    if (isSelf(unit)) {
      const address = ADDRESS.exec(unit.text);
      if (address?.[1]) {
        const place = cleanPlace(address[1]);
        if (place) out.push(fromUnit(unit, "location", place, 0.65));
      }
      const phone = PHONE_PLACE.exec(unit.text);
      if (phone?.[1]) {
        const place = cleanPlace(phone[1]);
        if (place) out.push(fromUnit(unit, "location", place, 0.6));
      }
      const street = STREET_FIRST.exec(unit.text);
      const streetPlace = street?.[1] ? cleanPlace(street[1]) : null;
      if (streetPlace) out.push(fromUnit(unit, "location", streetPlace, 0.65));
      const postcode = unit.text.length < 100 ? POSTCODE_PLACE.exec(unit.text) : null;
      const year = Number(postcode?.[1] ?? 0);
      const postcodePlace =
        postcode?.[2] && !(year >= 1900 && year <= 2099 && postcode[1]?.length === 4) ? cleanPlace(postcode[2]) : null;
      if (postcodePlace) out.push(fromUnit(unit, "location", postcodePlace, 0.6));
    }
    // "junior developer at a Prague startup": a known city used as an adjective of the workplace.
    if (about) {
      const adjective = WORKPLACE_ADJECTIVE.exec(unit.text);
      const adjectivePlace = adjective?.[1] && isKnownPlace(adjective[1]) ? cleanPlace(adjective[1]) : null;
      if (adjectivePlace) out.push(fromUnit(unit, "location", adjectivePlace, 0.55));
    }
    // "Profile: Ahmed Saleh, 39, civil engineer, Cairo": a comma profile line with an age and a known city.
    if (
      about &&
      firstOfLine &&
      unit.line.length < 120 &&
      /(?:,|[—–])\s*\d{2}(?:\s+(?:years?|yrs?)\s+old)?\s*,/.test(unit.line)
    ) {
      for (const part of unit.line.split(/\s*[,—–]\s*/).slice(1)) {
        const segment = trimPunctuation(part);
        if (/^\p{Lu}/u.test(segment) && isKnownPlace(segment) && !/,/.test(segment))
          out.push(fromUnit(unit, "location", segment, 0.6));
      }
    }
    // Signature and header segments that are only a place, and site headings of one's own notes.
    if ((isSelf(unit) || unit.topic === "subject") && firstOfLine && !unit.quoted) {
      const segment = segmentPlace(unit.line) ?? trailingPlace(unit.line);
      if (segment) out.push(fromUnit(unit, "location", segment, 0.6));
      // A signature's own place line: "Lisbon, Portugal" under a name or a title.
      const previous = units[i - 1];
      const bare = unit.line.trim().replace(/^📍\s*/, "");
      if (
        previous &&
        previous.source === unit.source &&
        bare.split(/\s+/).length <= 4 &&
        new RegExp(`^${PLACE}\\.?$`, "u").test(bare) &&
        isKnownPlace(bare.replace(/\.$/, "")) &&
        (isNameLine(previous.text) || isJobTitle(previous.text) || segmentPlace(previous.line) !== null)
      ) {
        const place = cleanPlace(bare.replace(/\.$/, ""));
        if (place) out.push(fromUnit(unit, "location", place, 0.6));
      }
      const site = SITE_HEADING.exec(unit.line);
      const sitePlace = site?.[1] && isKnownPlace(site[1]) ? cleanPlace(site[1]) : null;
      if (sitePlace && unit.line.length < 120) out.push(fromUnit(unit, "location", sitePlace, 0.5));
    }
  });
  return preferNewer(demoteCountries(boostKnownPlaces(out)), 0.3);
}

/** A country next to a city from the same person: the city is the more useful (and usually meant) answer. */
function demoteCountries(candidates: Candidate[]): Candidate[] {
  if (!candidates.some((c) => !isCountry(String(c.value)))) return candidates;
  return candidates.map((c) => (isCountry(String(c.value)) ? { ...c, confidence: c.confidence - 0.05 } : c));
}

const REGION_CODE = /^[A-Z]{2,3}$/;

/** Places compromise recognises get a small boost: a cue plus world knowledge beats a cue alone. */
function boostKnownPlaces(candidates: Candidate[]): Candidate[] {
  const known = new Map<string, boolean>();
  const isKnown = (value: string) => {
    let result = known.get(value);
    if (result === undefined) {
      result = isKnownPlace(value) || (nlp(value).places().out("array") as string[]).length > 0;
      known.set(value, result);
    }
    return result;
  };
  return candidates.map((c) => {
    const value = String(c.value);
    // "Dago, Bandung" -> "Bandung", "Plateau, Montreal" -> "Montreal": the city is the usual answer.
    const parts = value.split(/\s*,\s*/);
    const last = parts[parts.length - 1] ?? "";
    if (
      parts.length === 2 &&
      isKnownPlace(last) &&
      !isCountry(last) &&
      !REGION_CODE.test(last) &&
      !isKnownPlace(parts[0] ?? "")
    )
      return { ...c, value: last, confidence: c.confidence + 0.04 };
    if (parts.length === 2 && (isCountry(last) || REGION_CODE.test(last)) && isKnownPlace(parts[0] ?? ""))
      return { ...c, confidence: c.confidence + 0.04 };
    const known = isKnown(value);
    return known ? { ...c, confidence: c.confidence + (isCountry(value) ? 0.02 : 0.04) } : c;
  });
}

// ---------------------------------------------------------------- background

export function backgroundCandidates(units: readonly Unit[]): Candidate[] {
  const out: Candidate[] = [];
  for (const unit of units) {
    if (unit.text.length < 40 || unit.text.length > 400 || unit.quoted) continue;
    const thirdPersonBio =
      unit.topic === "subject" && unit.topicBy !== "implicit" && !unit.firstPerson && !/\?/.test(unit.text);
    const selfIntro = isSelf(unit) && /\b(?:I'm|I am|Im|soy)\s+(?:a|an|\p{Lu})/u.test(unit.text);
    // Earlier sentences introduce; later ones add detail. A small decay keeps the first one on top.
    const decay = out.length * 0.01;
    if (thirdPersonBio) out.push(fromUnit(unit, "background", unit.text, 0.6 - decay));
    else if (selfIntro) out.push(fromUnit(unit, "background", unit.text, 0.5 - decay));
    if (out.length >= 3) break;
  }
  return out;
}

// ---------------------------------------------------------------- communication style

const STATED_STYLE =
  /\b(?:characteristically|typically|usually|very)\s+([\p{L}, -]{3,40}?)\s+(?:way|manner|style|tone)\b|\b(?:emails?|messages?|writing)\s+(?:is|are)\s+(?:very\s+)?([\p{L}, -]{3,40}?)[.;]/iu;
const EMOJI = /\p{Extended_Pictographic}/gu;
const LAUGH = /\[laughs?\]|\blol\b|\bhaha\w*|\bjaja\w*|😂|🤣|😄|😅|🥲/gi;
const INFORMAL = /\b(?:im|dont|cant|wont|youre|gotta|gonna|wanna|tbh|lol|cheers|hiya|yeah|nah|ok|okay)\b|!!|\?\?/gi;

export function styleCandidates(units: readonly Unit[]): Candidate[] {
  const out: Candidate[] = [];
  for (const unit of units) {
    if (unit.topic !== "subject" && !isSelf(unit)) continue;
    const stated = STATED_STYLE.exec(unit.text);
    const phrase = stated?.[1] ?? stated?.[2];
    if (phrase) out.push(fromUnit(unit, "communication_style", trimPunctuation(phrase), 0.8));
  }
  const own = units.filter((u) => isSelf(u) && u.firstPerson && !u.quoted);
  const inferred = own.length >= 2 ? inferredStyle(own) : null;
  if (inferred) out.push(inferred);
  return out;
}

function inferredStyle(own: readonly Unit[]): Candidate | null {
  const words = own.reduce((sum, u) => sum + u.text.split(/\s+/).length, 0);
  const perSentence = words / own.length;
  const emoji = own.reduce((sum, u) => sum + (u.text.match(EMOJI)?.length ?? 0), 0);
  const laughs = own.reduce((sum, u) => sum + (u.text.match(LAUGH)?.length ?? 0), 0);
  const informal = own.reduce((sum, u) => sum + (u.text.match(INFORMAL)?.length ?? 0), 0);
  const parts: string[] = [];
  parts.push(perSentence < 11 ? "brief" : perSentence > 22 ? "detailed" : "conversational");
  if (emoji * 100 >= words * 1.5) parts.push("emoji-heavy");
  if (informal >= 2 || emoji > 0) parts.push("informal");
  const base = parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}` : (parts[0] ?? "");
  const value = laughs >= 2 ? `${base}, with humour` : base;
  const sample = [...own].sort((a, b) => a.text.length - b.text.length)[Math.floor(own.length / 2)];
  return sample ? fromUnit(sample, "communication_style", value, 0.4, "inferred") : null;
}
