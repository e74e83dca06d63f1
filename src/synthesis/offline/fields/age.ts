/** Rules for age. */
import { type Candidate, fromUnit } from "../engine/candidate.ts";
import { preferNewer } from "../engine/select.ts";
import { NUMBER_PATTERN, parseNumber } from "../engine/text.ts";
import { isSelf, type Unit } from "../engine/unit.ts";

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
// The name's run is bounded: with the i flag \p{Lu} matches any letter, so an unbounded run rescanned a long word from
// each of its letters (quadratic). An unanchored search finds the same age through the name's last 41 letters.
const SEGMENT_YEARS_OLD = new RegExp(
  `(?:^|[—–:|·]\\s*|(?:\\p{Lu}[\\p{Ll}'’-]{1,40}|here|me),\\s*)(${NUM})\\s+(?:years?|yrs?)\\s+old\\b(?!\\s+(?:this|next|last|in)\\b)`,
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
