/**
 * Rules for location: where the subject lives or works now. Each rule names one way a text says so ("based in X",
 * "a nurse in X", a signature's town line, a form's "City:" field); `placeIsCurrent` drops a cue's place when its
 * clause is about the past, a plan, someone else's place or where customers are.
 */
import { isPlausibleName, NAME_GAPS, type NameMatcher, nameWordSet } from "../attribution/names.ts";
import type { Candidate } from "../engine/candidate.ts";
import { WHOLE } from "../engine/items.ts";
import { memo } from "../engine/memo.ts";
import { fieldRule, firstOfLine, type Place, type Rule, runRules, unmatched } from "../engine/rules.ts";
import { preferNewer } from "../engine/select.ts";
import {
  allMatches,
  ENDS_WITH_COLON,
  escapeRegExp,
  POSSESSIVE,
  STARTS_UPPER,
  textBefore,
  trimPunctuation,
} from "../engine/text.ts";
import { isAboutSubject, type Unit } from "../engine/unit.ts";
import { isJobHead } from "../lexicon/occupations.ts";
import { isCountry, isKnownPlace } from "../lexicon/places.ts";
import { CUED, cueWords } from "./location-cues.ts";
import {
  ASIDE_ABOUT_OTHER,
  boostKnownPlaces,
  cleanPlace,
  demoteCountries,
  fieldPlace,
  inOthersAside,
  PAST_OR_FUTURE,
  PLACE,
  PLACE_AT_START,
  PLACE_ONE,
  placeIsCurrent,
  placeLine,
  placesTheSubject,
  recognisedPlace,
  segmentPlace,
  trailingPlace,
} from "./location-place.ts";
import { notAboutOtherOrAnswered } from "./occupation-lines.ts";
import { isJobTitle, isNameLine } from "./occupation-phrase.ts";

/** The place a cue names, when its clause says the subject is there now (and, for weak cues, a known town). */
function cuedPlace(known: boolean) {
  return (match: RegExpExecArray, _unit: Unit, at: Place): string | null => {
    const raw = match[1] ?? "";
    if (!isKnownPlace(raw) && (known || knownTownAfter(raw, match))) return null;
    if (!verbOfSubject(match) || namedOtherBefore(match, at) || inOtherNamedAside(match, raw, at)) return null;
    if (thingPlaced(match)) return null;
    return placeIsCurrent(match) ? cleanPlace(raw) : null;
  };
}

/** "based"/"located" as a participle right after a noun phrase an article or possessive opens ("a startup based in"). */
const PARTICIPLE_AFTER_NOUN = /\b(?:a|an|the|my|our|their|his|her|your)\s+(?:[\p{L}-]+\s+){0,2}?([\p{L}-]+)\s+$/iu;
const PARTICIPLE = /^(?:based|located)\b/i;

/**
 * "I work for a startup based in Porto", "we rent from an agency located in Split": the participle places the noun
 * before it, and unless that noun is the subject's job ("a designer based in Leeds") it is a firm's or a thing's place.
 */
function thingPlaced(match: RegExpExecArray): boolean {
  if (!PARTICIPLE.test(match[0])) return false;
  const head = PARTICIPLE_AFTER_NOUN.exec(textBefore(match, 60))?.[1];
  return head !== undefined && !isJobHead(head);
}

/** Every place phrase of a sentence. Global: read with matchAll only. */
const PLACES = new RegExp(PLACE_ONE, "gu");

/**
 * "I live in Valdorna, a short ride from Porto", "we live in Alvito, which in Lisbon is rare": a place the gazetteer
 * does not know, followed in its sentence by a town it does know, may be a district of that town, a village near it
 * or a place apart; which one is not said, so neither is taken. (A town before it is as often where the subject came
 * from: "after Athens I moved to Vamos".)
 */
function knownTownAfter(place: string, match: RegExpExecArray): boolean {
  const after = match.input.slice(match.index + match[0].length);
  for (const found of allMatches(PLACES, after)) {
    const other = found[1] ?? "";
    if (!place.includes(other) && isKnownPlace(other) && !isCountry(other)) return true;
  }
  return false;
}

/** A cue that opens on a third-person verb ("lives in", "works in"): its grammatical subject stands right before. */
const THIRD_PERSON_VERB = /^(?:[Ll]ives|[Ww]orks)\b/;
/**
 * What may stand before such a verb when it is said of the subject: nothing (a note line drops the subject), a
 * pronoun, or "and"/"who" continuing a clause about them; an adverb may come between.
 */
const SUBJECT_BEFORE_VERB =
  /(?:^|[.!?;:•·|—–]\s*|\b(?:[Ss]he|[Hh]e|[Tt]hey|who|and)\s+)(?:(?:also|still|now|currently|actually)\s+)?$/u;
/** "her landlord lives in": a common noun (written in lowercase) right before the verb. */
const COMMON_NOUN_BEFORE =
  /\b(?!(?:also|still|now|currently|actually)\b)\p{Ll}[\p{L}'’-]*,?\s+(?:(?:also|still|now|currently|actually)\s+)?$/u;
/** The sentence's opening subject, after a note's label: a pronoun or up to three capitalised words. */
const OPENING_SUBJECT =
  /^(?:\p{L}[\p{L} ]{0,20}:\s*)?(?:(?:[Ss]he|[Hh]e|[Tt]hey)\b|(\p{Lu}[\p{L}'’-]+(?:\s\p{Lu}[\p{L}'’-]+){0,2})(?![\p{L}'’-]))/u;

/**
 * "The landlord, Mr Grant, lives in Spain": a third-person verb is said of the subject when its grammatical subject
 * is a pronoun or dropped, or when the sentence opens on a pronoun or a name ("Greta is 63, a retired nurse, now
 * lives near Kiel") and no common noun stands right before the verb ("Ana's landlord lives in").
 */
function verbOfSubject(match: RegExpExecArray): boolean {
  if (!THIRD_PERSON_VERB.test(match[0])) return true;
  const before = textBefore(match, 60);
  if (SUBJECT_BEFORE_VERB.test(before)) return true;
  const opening = OPENING_SUBJECT.exec(match.input);
  if (!opening || COMMON_NOUN_BEFORE.test(before)) return false;
  const name = opening[1];
  return name === undefined || (isPlausibleName(name) && !POSSESSIVE.test(name));
}

/** The subject's name words, lowercased, once per name. */
const nameWords = (at: Place): ReadonlySet<string> => nameWordSet(at.matcher);

/**
 * "Dr Ines Moreau is based in", "Tomasz Wójcik is now living in": a name (two or more capitalised words) as the
 * grammatical subject of a copula right before the cue. Without the copula capitalised words before a cue are as
 * often a street or a firm ("we're on Canal Road here in ...").
 */
const NAME_BEFORE_VERB =
  /(?:^|[^\p{L}.'’-])((?:\p{Lu}[\p{L}.'’-]*\s+){1,3}\p{Lu}[\p{L}'’-]+)\s+(?:(?:also|still|now|currently)\s+)*(?:is|was)\s+(?:(?:also|still|now|currently)\s+)*$/u;
const TITLE_WORD = /^(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame)\.?$/;

/**
 * "Mrs Dana Holt is based in Perth" in the subject's interview notes: the cue's verb has a named grammatical subject
 * that is not the subject (no token of their name), so the place is that person's. Needs the subject's name.
 */
function namedOtherBefore(match: RegExpExecArray, at: Place): boolean {
  if (!at.matcher) return false;
  const name = NAME_BEFORE_VERB.exec(textBefore(match, 60))?.[1];
  if (name === undefined) return false;
  const tokens = nameWords(at);
  const words = name.split(NAME_GAPS).filter((w) => w !== "" && !TITLE_WORD.test(w));
  return words.length > 0 && !words.some((w) => tokens.has(w.toLowerCase()));
}

/** An open bracket not yet closed: the text after it is an aside. */
const IN_ASIDE = /[([][^)\]]*$/;

/**
 * "Enumerator: Eric Abara (26, field officer, based in Kigali)" in the subject's survey form: the cue sits in a
 * bracketed aside describing a named person who is not the subject, so the place is theirs. (A cue that only ends in
 * the aside, "Business: Ola's Bakes (Yaba, Lagos)", gives the place of what it names.)
 */
function inOtherNamedAside(match: RegExpExecArray, place: string, at: Place): boolean {
  return IN_ASIDE.test(match.input.slice(0, match.index)) && inOthersAside(match.input, place, nameWords(at));
}

/** "📍 Glasgow": a place pinned to a post or profile. Global: read with matchAll or the rule runner only. */
const PIN = new RegExp(`📍\\s*${PLACE}`, "gu");

/** The distinct places pinned anywhere in the material, per unit list (read once, not once per pinned unit). */
const pinnedPlaces = new WeakMap<readonly Unit[], Set<string>>();

/** Every pin in the material names the same place. */
const pinsAgree = (_unit: Unit, at: Place): boolean => memo(pinnedPlaces, at.units, pinnedIn).size <= 1;

function pinnedIn(units: readonly Unit[]): Set<string> {
  const found = new Set<string>();
  for (const unit of units) {
    if (!unit.text.includes("📍")) continue;
    for (const match of allMatches(PIN, unit.text)) {
      const place = cleanPlace(match[1] ?? "");
      if (place) found.add(place.toLowerCase());
    }
  }
  return found;
}

/**
 * The unit's own words place the subject (see placesTheSubject); asked by every rule but the form field and guest
 * intro, so memoised per unit. The compute is module-level: an arrow at the call was one closure per call.
 */
const placedUnits = new WeakMap<Unit, boolean>();
const placesItsSubject = (unit: Unit): boolean => placesTheSubject(unit, isAboutSubject(unit));
const placed = (unit: Unit): boolean => memo(placedUnits, unit, placesItsSubject);

/**
 * "From: Maria Lopez, Sales Director, Madrid", "Case 12 — reply from Tom (Support, Manila)", "Reply — Tom": an email
 * or ticket header line naming who wrote what follows.
 */
const EMAIL_HEADER =
  /^\s*(?:from|to|cc|bcc|reply-to|sender)\s*:|(?:^|[—–|·]\s*)(?:(?:forwarded|original)\s+message|reply|message|comment|response|answer|note)\s+(?:from|by)\b|^\s*(?:reply|response|answer)\s*[—–:]/i;

/**
 * An email header line, or a speaker's label (a line ending in a colon introduces who speaks next), is the subject's
 * only when it names them (a forwarded message's sender or a support agent's label is someone else's).
 */
function notOthersHeader(unit: Unit, at: Place): boolean {
  if (!EMAIL_HEADER.test(unit.line) && !ENDS_WITH_COLON.test(unit.line)) return true;
  const tokens = nameWords(at);
  return unit.line
    .toLowerCase()
    .split(NAME_GAPS)
    .some((word) => tokens.has(word));
}

const notQuoted = (unit: Unit): boolean => !unit.quoted;

/**
 * A header or signature segment's place, unless it sits in an aside about another named person, or it is an undated
 * post's pin while posts are pinned to different places: those are places the writer went (see the pin rule), and
 * only a date (newer statements win) can say which one is where they are now.
 */
function signatureSegmentPlace(match: RegExpExecArray, unit: Unit, at: Place): string | null {
  const place = match[0];
  if (unit.date === null && unit.line.includes("📍") && !pinsAgree(unit, at)) return null;
  return inOthersAside(unit.line, place, nameWords(at)) ? null : place;
}

/** The line above is a name, a job title or a header with a place: the unit is a signature's town line. */
function underSignature(unit: Unit, at: Place): boolean {
  const previous = at.units[at.i - 1];
  if (previous === undefined || previous.source !== unit.source) return false;
  return isNameLine(previous.text) || isJobTitle(previous.text) || segmentPlace(previous.line) !== null;
}

/** Agent nouns that also name firms ("a furniture maker in Cebu", "a builder in Leeds" may be either). */
const COMPANY_HEADS =
  /^(?:maker|producer|manufacturer|retailer|vendor|supplier|distributor|builder|contractor|provider)$/;

/** "nurse in Denver", "farmer near Kumasi": where someone works is where they are. */
// Only in the subject's own introduction ("I'm Gareth, a locksmith in Durham", "I'm Gareth, 40, a ..."): a job word anywhere in a sentence
// followed by "in X" placed other people and past jobs (0 of 4 right on the sets never tuned on).
const ROLE_IN =
  /\b(?:I'm|I’m|I am|Im|I've been|I’ve been|I have been|I work as|I'm working as)\s+(?:\p{Lu}[\p{L}'’-]+(?:\s\p{Lu}[\p{L}'’-]+){0,2},\s+)?(?:\d{1,3},\s+)?(?:a|an)\s+(?:[\p{L}\d-]+\s+){0,3}?([\p{L}-]{1,64})\s+(?:in|near|based in)\s+/gu;

/** The place after a job word ("nurse in Denver"), unless the job word names a firm or the clause is the past. */
function placeAfterRole(match: RegExpExecArray): string | null {
  const word = (match[1] ?? "").toLowerCase();
  if (!isJobHead(word) || COMPANY_HEADS.test(word)) return null;
  if (PAST_OR_FUTURE.test(textBefore(match, 60)) || ASIDE_ABOUT_OTHER.test(textBefore(match, 120))) return null;
  const end = match.index + match[0].length;
  const place = PLACE_AT_START.exec(match.input.slice(end, end + 60))?.[1];
  // Any capitalised word may follow a job word ("an engineer in Platform", "a nurse in Recovery"): a recognised town only.
  return place && recognisedPlace(place) ? cleanPlace(place) : null;
}

const DIGITS = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
const cleanFirst = (match: RegExpExecArray) => cleanPlace(match[1] ?? "");
/** An address or contact line of the subject's own: a digit in it, in their own words, placing them. */
const NUMBERED_OWN_LINE = { cue: DIGITS, when: [placed, "self"], value: cleanFirst } as const;

/**
 * "48 Lydiard St, Ballarat VIC 3350"; "9 Station Road, Westlands, Nairobi, Nairobi County": when a second place
 * follows the first, the first is the neighbourhood and the second its town, and both are kept ("Westlands, Nairobi").
 */
const ADDRESS =
  /\b\d{1,5}\s+[\p{L} ]{2,30}?\s(?:St|Street|Rd|Road|Ave|Avenue|Lane|Ln|Track|Drive|Dr|Way|Place|Pl|Crescent|Close|Terrace|Parade|Calle|Av)\.?,\s+(\p{Lu}[\p{L}'’-]+(?:\s\p{Lu}[\p{L}'’-]+)?(?:\s[A-Z]{2,3})?(?:,\s\p{Lu}[\p{L}'’-]+(?:\s\p{Lu}[\p{L}'’-]+)?(?=,))?)(?:\s+\d{4,5})?/u;

// Bounded: a phone number is at most a couple of dozen digits and spaces. Unbounded, the two overlapping runs made
// this cubic in the length of a run of digits.
const PHONE_PLACE = new RegExp(`\\d{3}[\\d ]{4,24}\\s*[|·]\\s*${PLACE}`, "u");

/** European and Latin American addresses: "Calle Naranjo 27, Barrio de San Roque, Villa de Leyva". */
const STREET_FIRST = new RegExp(
  `\\b(?:Calle|Avenida|Av\\.|Carrera|Rua|Rue|Via|Viale|Corso|Piazza|Plaza|Paseo|Camino|Calzada|Straße|Strasse|Str\\.|Gasse|Weg|Platz|Boulevard|Bd\\.?)\\s+[^,\\d]{2,40}?\\s+\\d{1,5}[A-Za-z]?,\\s+(?:(?:Barrio|Colonia|Col\\.|Bairro|Quartier|Ortsteil)\\s+[^,]{2,40},\\s+)?${PLACE_ONE}`,
  "u",
);

/** "…, 04229 Leipzig", "75011 Paris": a postcode followed by its town, at the end of an address line. */
const POSTCODE_PLACE = new RegExp(`(?:^|,\\s*|\\s[·|]\\s)(\\d{4,5})\\s+${PLACE_ONE}(?=\\s*(?:$|[,·|]))`, "u");

/** A four-digit number from 1900 to 2099 is a year, not a postcode ("Since 2019 Leipzig"). */
function postcodePlace(match: RegExpExecArray): string | null {
  const code = match[1] ?? "";
  return code.length === 4 && Number(code) >= 1900 && Number(code) <= 2099 ? null : cleanPlace(match[2] ?? "");
}

/** Workplaces a city can qualify as an adjective, as pattern alternatives; the rule's cue words are derived from them. */
const CITY_WORKPLACES = (
  "start-?up|company|firm|law firm|agency|hospital|school|university|bakery|restaurant|café|cafe|studio|office|" +
  "clinic|bank|newspaper|museum|NGO|charity|brewery|hotel"
).split("|");
/** "junior developer at a Prague startup": a known city used as an adjective of the workplace. */
const WORKPLACE_ADJECTIVE = new RegExp(
  `\\b(?:at|for|with|in)\\s+(?:a|an|the|our|my)\\s+(?:(?:small|big|busy|tiny|local|leading)\\s+)?${PLACE_ONE}\\s+(?:${CITY_WORKPLACES.join("|")})\\b`,
  "u",
);

/** "Profile: Ahmed Saleh, 39, civil engineer, Cairo": a comma profile line with an age. */
const PROFILE_AGE = /(?:,|[—–])\s*\d{2}(?:\s+(?:years?|yrs?)\s+old)?\s*,/;
const PROFILE_SPLIT = /\s*[,—–]\s*/;

/**
 * The known towns among the segments of a profile line that names the subject: "Interviewer note (Sam Lee,
 * Northwind Research, 41, Oslo)" in the subject's notes is the interviewer's profile.
 */
function profilePlaces(match: RegExpExecArray, _unit: Unit, at: Place): string[] {
  const tokens = nameWords(at);
  if (!match[0].split(NAME_GAPS).some((word) => tokens.has(word.toLowerCase()))) return [];
  return match[0]
    .split(PROFILE_SPLIT)
    .slice(1)
    .map(trimPunctuation)
    .filter((segment) => STARTS_UPPER.test(segment) && isKnownPlace(segment) && !segment.includes(","));
}

/**
 * "My guest this week is an indie game maker from Busan", "Joining us from Lagos": the show's guest introduced, not
 * any guest ("a guest from Norway left a review" is a customer of the subject's).
 */
const GUEST_FROM = new RegExp(
  `\\b(?:(?:[Mm]y|[Oo]ur|[Tt]oday['’]s|[Tt]his week['’]s)\\s+(?:guest|speaker)(?:\\s+(?:today|this week|tonight))?\\s+is\\b|[Jj]oining us\\b)[^.;!?]{0,60}?\\bfrom\\s+${PLACE}`,
  "u",
);

const cleanWhole = (match: RegExpExecArray) => cleanPlace(match[0]);

function answeredPlace(unit: Unit): string | null {
  const place = fieldPlace(`${unit.question} ${unit.text}`);
  return place !== null && recognisedPlace(place) ? place : null;
}

const knownFirst = (match: RegExpExecArray) => (isKnownPlace(match[1] ?? "") ? cleanPlace(match[1] ?? "") : null);

export const LOCATION_RULES: readonly Rule[] = [
  fieldRule("location", "labelled", {
    cue: "always",
    when: [firstOfLine, notAboutOtherOrAnswered],
    // "City: Leeds" on the line, or a form's "Where do you live?" answered by the subject. An answer is free speech,
    // not a field: its first capitalised words may be a speaker's name or a filler ("Honestly?"), so a known place only.
    read: (unit) => fieldPlace(unit.line) ?? (unit.speaker === "subject" ? answeredPlace(unit) : null),
    pattern: WHOLE,
    value: cleanWhole,
    confidence: 0.9,
    examples: {
      fires: [
        ["City / neighbourhood: Montréal (Plateau)", "Montréal"],
        ["Location: Dublin 8", "Dublin"],
        ["Country/City: Jordan / Amman", "Amman, Jordan"],
        ["Q2. ZIP / city: 97214 – Portland OR", "Portland OR", { speaker: "other", topic: "other" }],
        ["Q5 Home base (city/state): Sioux Falls SD", "Sioux Falls SD", { speaker: "other", topic: "other" }],
        ["Leeds, mostly.", "Leeds", { question: "where do you live?" }],
        // A data export's snake_case key.
        ["home_town: Tamale", "Tamale"],
      ],
      silent: [
        unmatched("I love Leeds."),
        // A word before a number names a room or a site, not a town.
        unmatched("Date: 3 May · Location: Station 4 canteen"),
        // A lone letter names a site too; a capitalised word running on in lowercase opens a sentence, and a work
        // arrangement is no town.
        unmatched("Site visit · Location: Hangar C"),
        unmatched("City: Rather keep that private"),
        "Location: Remote (EU hours)",
        // An answer, not a field: a filler or a speaker's name before the place is no place.
        unmatched("Honestly? Nowhere fixed.", { question: "where do you live?" }),
      ],
    },
  }),
  fieldRule("location", "guest-from", {
    cue: ["guest", "joining us", "speaker"],
    when: [],
    pattern: GUEST_FROM,
    value: cleanFirst,
    confidence: 0.6,
    examples: {
      fires: [["My guest this week is an indie game maker from Busan, South Korea.", "Busan, South Korea"]],
      // The rule has no conditions: only the pattern (a guest introduced, a named place) keeps it silent.
      silent: [
        unmatched("My guest today is from the north."),
        unmatched("Back in May a guest from Norway left a one-star review over a booking error."),
      ],
    },
  }),
  // "📍 Glasgow" on a profile or a post. Posts pinned to different places are where the writer went (a tour, a
  // trip), so no pin says where they live.
  fieldRule("location", "pin", {
    cue: ["📍"],
    when: [placed, pinsAgree],
    pattern: PIN,
    value: cuedPlace(false),
    confidence: 0.7,
    examples: {
      fires: [
        ["📍 Glasgow, Scotland", "Glasgow, Scotland"],
        ["📍 Glasgow", "Glasgow", { previous: "📍 Glasgow" }],
      ],
      silent: [
        unmatched("📍 the usual spot"),
        ["📍 Registan", { previous: "Lovely group from Osaka today. 📍 Samarkand" }],
      ],
    },
  }),
  ...CUED.map(
    ([name, cue, source, confidence, known, fires, silent]): Rule =>
      fieldRule("location", name, {
        cue,
        when: [placed],
        pattern: new RegExp(source, "gu"),
        value: cuedPlace(known),
        confidence,
        examples: { fires, silent },
      }),
  ),
  fieldRule("location", "role-in", {
    cue: ["i'm", "i’m", "i am", "im ", "i've been", "i’ve been", "i have been", "i work as"],
    when: [placed, "aboutSubject", notQuoted],
    pattern: ROLE_IN,
    value: placeAfterRole,
    confidence: 0.6,
    examples: {
      fires: [
        ["Hi, I'm Gareth Ndlovu, a locksmith in Durham, North Carolina.", "Durham, North Carolina"],
        ["I'm a primary-school music teacher in Bergen.", "Bergen"],
        ["Hi, I am Maya Chen, a 34-year-old pediatric nurse in Denver.", "Denver"],
        ["I've been a firefighter in Calgary for ten years.", "Calgary"],
        // Name and age before the role, as introductions often give them.
        ["I'm Tomás, 52, a postman in Cuenca.", "Cuenca"],
      ],
      silent: [
        // Someone else's introduction, and a team named after "in", not a place.
        ["I'm a bicycle mechanic in Tampere.", { speaker: "other", topic: "other" }],
        "I'm an engineer in Platform Reliability.",
        "I'm a manager in Sales.",
      ],
    },
  }),
  fieldRule("location", "street-address", {
    ...NUMBERED_OWN_LINE,
    pattern: ADDRESS,
    confidence: 0.65,
    examples: {
      fires: [
        ["Florist | 48 Lydiard St, Ballarat VIC 3350", "Ballarat VIC"],
        // The neighbourhood and its town, not the neighbourhood alone.
        ["Dr. Ama Owusu · 7 Ring Road, East Legon, Accra, Greater Accra", "East Legon, Accra"],
      ],
      silent: [unmatched("We're at 12 on the list.")],
    },
  }),
  fieldRule("location", "phone-line", {
    ...NUMBERED_OWN_LINE,
    pattern: PHONE_PLACE,
    confidence: 0.6,
    examples: {
      fires: [["07700 900123 | Swansea & Gower", "Swansea"]],
      // A question word opens a footer's survey ("What did you think?"), never a place.
      silent: [
        unmatched("Call me on 07700 900123 any time."),
        "Registered in England & Wales No. 5520417 · What did you think?",
      ],
    },
  }),
  fieldRule("location", "street-first", {
    ...NUMBERED_OWN_LINE,
    pattern: STREET_FIRST,
    confidence: 0.65,
    examples: {
      fires: [["Calle Naranjo 27, Barrio de San Roque, Villa de Leyva", "Villa de Leyva"]],
      silent: [
        unmatched("Calle Naranjo is lovely."),
        "Tidewell Ltd · Rua das Flores 40, Porto · Registered in England & Wales No. 7",
      ],
    },
  }),
  fieldRule("location", "postcode", {
    ...NUMBERED_OWN_LINE,
    read: (unit) => (unit.text.length < 100 ? unit.text : null),
    pattern: POSTCODE_PLACE,
    value: postcodePlace,
    confidence: 0.6,
    examples: { fires: [["Hauptstraße 5, 04229 Leipzig", "Leipzig"]], silent: ["Opened, 2019 Leipzig"] },
  }),
  fieldRule("location", "workplace-adjective", {
    cue: cueWords(CITY_WORKPLACES),
    when: [placed, "aboutSubject"],
    pattern: WORKPLACE_ADJECTIVE,
    // Inside a bracketed aside about another named person, the workplace is theirs.
    value: (match, _unit, at) => (inOtherNamedAside(match, match[1] ?? "", at) ? null : knownFirst(match)),
    confidence: 0.55,
    examples: {
      fires: [["I'm a junior developer at a Prague startup.", "Prague"]],
      silent: [
        "I'm a developer at a Fintech startup.",
        ["I answer to Lena Brandt (a director, in the Munich office) on budgets.", { name: "Tom Eriksen" }],
      ],
    },
  }),
  fieldRule("location", "profile-line", {
    cue: DIGITS,
    when: [firstOfLine, placed, "aboutSubject"],
    read: (unit) => (unit.line.length < 120 && PROFILE_AGE.test(unit.line) ? unit.line : null),
    pattern: WHOLE,
    value: profilePlaces,
    confidence: 0.6,
    examples: {
      fires: [["Profile: Ahmed Saleh, 39, civil engineer, Cairo", ["Cairo"], { name: "Ahmed Saleh" }]],
      silent: [
        ["Ahmed Saleh, 39, civil engineer", { name: "Ahmed Saleh" }],
        ["Interviewer note (Sam Lee, Northwind Research, 41, Oslo) — session 3", { name: "Aisyah" }],
      ],
    },
  }),
  fieldRule("location", "signature-segment", {
    cue: "always",
    when: [firstOfLine, notQuoted, "aboutSubject", placed, notOthersHeader],
    read: (unit, at) => segmentPlace(unit.line, nameWords(at)) ?? trailingPlace(unit.line, nameWords(at)),
    pattern: WHOLE,
    value: signatureSegmentPlace,
    confidence: 0.6,
    examples: {
      fires: [
        ["Red Mesa Farms · Socorro, NM", "Socorro, NM"],
        ["· Ana Wairimu 🎨 · Nairobi 🇰🇪 · freelance illustrator · she/her", "Nairobi"],
        ["Consultant Cardiologist, St Luke's Hospital, Accra", "Accra"],
        // The town before a closing country, with it.
        ["Head baker, Ostra Bakery, Tartu, Estonia", "Tartu, Estonia"],
        // The town segment, not the province before it, read without its closing aside.
        ["Ontario · Guelph (south end) · weekdays only", "Guelph"],
        // The name segment is passed over for the town after it.
        ["Regina · ceramicist · Leeds", "Leeds", { name: "Regina Vogt" }],
      ],
      silent: [
        unmatched("Hello · world"),
        unmatched("I love Accra, Ghana"),
        // A forwarded message's sender, not the subject.
        ["From: Maria Lopez, Sales Director, Madrid", { name: "Ana Ruiz" }],
        ["Reply from Maria Lopez, Sales Director, Madrid", { name: "Ana Ruiz" }],
        ["Case 881 — reply from Tom (Northfield Support, Manila)", { name: "Ana Ruiz" }],
        // A support agent's label in a chat log, not the subject.
        ["[09:14] Support (Tom Reyes, Helpdesk Team, Manila):", { name: "Ana Ruiz" }],
        // A bracketed aside about another named person: a partner's comment, a sales rep's office.
        ["[Comment — Rafael Duarte, regional coordinator, Lisbon]", { name: "Ana Ruiz" }],
        ["Call log · Rep: J. Okoro (account executive, Madrid)", { name: "Ana Ruiz" }],
        // A first name that is also a city's is the subject's name, not their town.
        unmatched("Regina · ceramicist · she/her", { name: "Regina Vogt" }),
        // Undated posts pinned to different places: this pin is where the writer went, nothing says it is home.
        ["Feria week! · 📍 Seville", { previous: "Tapas crawl · 📍 Granada" }],
      ],
    },
  }),
  fieldRule("location", "signature-town", {
    cue: "always",
    when: [firstOfLine, notQuoted, "aboutSubject", placed, underSignature],
    read: (unit, at) => placeLine(unit.line, nameWords(at)),
    pattern: WHOLE,
    value: (match) => match[0],
    confidence: 0.6,
    examples: {
      fires: [["Lyon, France", "Lyon, France", { previous: "Senior Architect" }]],
      silent: ["Lyon, France", unmatched("I love it here.", { previous: "Senior Architect" })],
    },
  }),
];

/** `matcher` is the subject's name, for the rules that check a line names them. */
export function locationCandidates(units: readonly Unit[], matcher: NameMatcher | null = null): Candidate[] {
  const found = districtsInTheirCity(runRules(LOCATION_RULES, units, matcher), units);
  return newestBreaksTies(preferNewer(demoteCountries(boostKnownPlaces(found)), 0.3));
}

/** Words that make a name part of a town: "the Hải Châu district", "a ward of ...". */
const DISTRICT = "district|neighbou?rhood|quarter|ward|suburb|barrio|colonia|borough";

/**
 * "my shop here in Hải Châu" with "Hải Châu district" elsewhere and one known town among the values: the district is
 * part of that town, so the value is "district, town" (which boostKnownPlaces reads as the town). Two or more towns
 * leave the district as it is: which one it belongs to is not said.
 */
function districtsInTheirCity(candidates: Candidate[], units: readonly Unit[]): Candidate[] {
  const towns = new Set(
    candidates.map((c) => String(c.value)).filter((v) => isKnownPlace(v) && !isCountry(v) && !v.includes(",")),
  );
  if (towns.size !== 1) return candidates;
  const town = [...towns][0];
  return candidates.map((c) => {
    const value = String(c.value);
    if (value.includes(",") || isKnownPlace(value)) return c;
    const name = escapeRegExp(value);
    const district = new RegExp(
      `(?<!\\p{L})(?:${name}\\s+(?:${DISTRICT})|(?:${DISTRICT})\\s+of\\s+${name})(?!\\p{L})`,
      "iu",
    );
    return units.some((u) => district.test(u.text)) ? { ...c, value: `${value}, ${town}` } : c;
  });
}

/** Less than any rule's confidence step: decides only between values that are otherwise equally supported. */
const TIE_BREAK = 0.001;

/**
 * "City: Columbus" in a 2023 record, "moved the family to Pittsburgh" in 2025 notes: once preferNewer has weighed
 * them, equally supported values are decided by date, the newest first (not by which came first in the text).
 */
function newestBreaksTies(candidates: Candidate[]): Candidate[] {
  let latest: number | null = null;
  for (const c of candidates) if (c.date !== null && (latest === null || c.date > latest)) latest = c.date;
  if (latest === null) return candidates;
  return candidates.map((c) => (c.date === latest ? { ...c, confidence: c.confidence + TIE_BREAK } : c));
}
