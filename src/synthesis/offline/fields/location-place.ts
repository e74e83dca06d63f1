/**
 * What a place phrase is, for the location rules: the capitalised place pattern, cleaning a matched place, the checks
 * that a cue's place is where the subject is now (not the past, a plan, someone else's or a customer's), the
 * signature and form readers, and the final ranking (known places up, countries down).
 */
import nlp from "compromise";
import { isOrganisationWord, isPlausibleName, nameTokens } from "../attribution/names.ts";
import type { Candidate } from "../engine/candidate.ts";
import { memo } from "../engine/memo.ts";
import {
  COMMA_SEPARATOR,
  ENDS_SENTENCE,
  STARTS_UPPER,
  textBefore,
  trimPunctuation,
  WHITESPACE,
} from "../engine/text.ts";
import type { Unit } from "../engine/unit.ts";
import { isCountry, isKnownPlace, isNotAPlace, looksLikeOrganisation } from "../lexicon/places.ts";
import { isHeadAt } from "./occupation-phrase.ts";

// "St. Louis", "St. Gallen": a saint's name written with its abbreviation's dot opens many towns and districts.
// Each word of a place is at most 64 letters (Llanfairpwllgwyngyll… has 58): unbounded, a long run of capitalised
// pieces ("A-B-C-…") was rescanned from each capital (quadratic).
export const PLACE =
  "((?:St\\.\\s)?\\p{Lu}[\\p{L}'’-]{1,64}(?:\\s(?:de\\s|del\\s|upon\\s|on\\s)?(?!I['’])\\p{Lu}[\\p{L}'’-]{1,64}){0,2}(?:,\\s(?!I\\b|I['’])\\p{Lu}[\\p{L}'’-]{1,64}(?:\\s\\p{Lu}[\\p{L}'’-]{1,64})?)?)";

/** One place name without a trailing ", Region". */
export const PLACE_ONE =
  "((?:St\\.\\s)?\\p{Lu}[\\p{L}'’-]{1,64}(?:\\s(?:de\\s|del\\s|upon\\s|on\\s)?(?!I['’])\\p{Lu}[\\p{L}'’-]{1,64}){0,2})";

export const PLACE_AT_START = new RegExp(`^${PLACE}`, "u");
const PLACE_ONLY = new RegExp(`^${PLACE}$`, "u");

const NOT_PLACE =
  /^(?:The|A|An|My|Our|I|We|He|She|They|It|This|That|How|What|Why|When|Where|Who|Which|Please|Thanks|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Google|Steam|Excel|Python|English|Spanish)\b/;

const PLACE_SUFFIX = /\s+(?:office|area|region)$/i;
const PLACE_JOIN = /\s*(?:&|\band\b)\s*/;
const ABBREVIATED_STATE = /,\s*\p{Lu}\p{Ll}{1,3}$/u;

export function cleanPlace(raw: string): string | null {
  let place = raw.trim().replace(PLACE_SUFFIX, "");
  place = place.split(PLACE_JOIN)[0] ?? place;
  if (NOT_PLACE.test(place) || isNotAPlace(place)) return null;
  place = trimPunctuation(place);
  // "Oaxaca de Juárez, Oax.": drop an abbreviated state after the town.
  place = place.replace(ABBREVIATED_STATE, "");
  if (!place || looksLikeOrganisation(place)) return null;
  return place;
}

/**
 * A form label or question about residence; the place after it is matched case-sensitively (see fieldPlace). Data
 * exports write labels in snake_case ("current_city:", "base_town:").
 */
const LOCATION_LABEL =
  /(?:where do you (?:live|call home)\??|where are you (?:based|located)\??|(?:^|\b|_)(?:current[\s_]+)?(?:location|city|town|based|lives in|residence|home[\s_]base|hometown|home[\s_]town|ciudad|ville|wohnort|stadt)(?:\s*(?:\/|&|and|or)\s*(?:neighbou?rhood|area|region|country|state|province|district|barrio))?(?:\s*\([^)]{0,20}\))?\s*[:?])\s*/i;

/** "ZIP / city: 97214 – Portland OR": a numeric postcode before the town. */
const LEADING_POSTCODE = /^\s*\d{4,6}(?:-\d{4})?\s*[–—,-]?\s*(?=\p{Lu})/u;
/** "Country/City:": a label that asks for the country first. */
const COUNTRY_FIRST = /country\s*[/,&-]\s*(?:city|town)/i;
/** "Jordan / Amman": two places answering a two-part label. */
const SLASH_PAIR = /^\s*([^/\n]{2,40}?)\s*\/\s*([^/\n]{2,40})/u;

/**
 * What follows a field's capitalised phrase when it is no town: a number or a lone letter ("Station 11", "Unit B"), or
 * a lowercase word other than a place noun ("Prefer not to say", "Lakeside campus").
 */
const NOT_A_TOWN_NEXT =
  /^\s+(?:\d|\p{Lu}(?![\p{L}\d])|(?!(?:city|town|village|area|region|district|province|county|state|municipality)\b)\p{Ll})/u;

/** "City / neighbourhood: Montréal (Plateau)" -> "Montréal". */
export function fieldPlace(text: string): string | null {
  const label = LOCATION_LABEL.exec(text);
  if (!label) return null;
  const end = label.index + label[0].length;
  const value = text.slice(end).replace(LEADING_POSTCODE, "");
  // "Country/City: Jordan / Amman" is Amman, Jordan: the town first, as everywhere else.
  const pair = COUNTRY_FIRST.test(text.slice(Math.max(0, label.index - 12), end)) ? SLASH_PAIR.exec(value) : null;
  const country = pair ? PLACE_AT_START.exec(pair[1] ?? "")?.[1] : undefined;
  const town = pair ? PLACE_AT_START.exec(pair[2] ?? "")?.[1] : undefined;
  if (country && town) return `${town}, ${country}`;
  const place = PLACE_AT_START.exec(value)?.[1];
  if (place === undefined) return null;
  // "Location: Station 11", "Hangar B": a word before a number or a lone letter names a room or a site; "Prefer not to
  // say", "Lakeside campus": a capitalised word that goes on in lowercase opens a sentence or names a venue. Either
  // is a place only when the gazetteer knows it ("Dublin 8" is a postal district) or the next word is a place noun
  // ("Samarkand region", "Kongwa district").
  return NOT_A_TOWN_NEXT.test(value.slice(value.indexOf(place) + place.length)) && !isKnownPlace(place) ? null : place;
}

export const PAST_OR_FUTURE =
  /\b(?:spoke|speaking|presented|presenting|conference|summit|keynote|talk|talks|visited|visiting|travel(?:l)?ed|travel(?:l)?ing|tour|touring|vacation|stopover|layover|attended|attending|honeymoon|weekend in|week in|originally|founded|established|grew up|was born|born in|studied|used to|former|previously|moved from|second shop|opening|will open|planning|going to|want to|trip|holiday|visit|flew|flying to|visits|until|in-house at|first job|back then|years ago|before joining|before moving|before starting|(?:in|spent) (?:my|her|his|their) (?:teens|twenties|thirties|forties|fifties|youth|childhood))\b/i;

/** "open a bakery in Split by next spring": a plan, not where someone is. */
const FUTURE_AFTER =
  /^(?:(?!\band\b)[^.;!?]){0,25}?\b(?:by next|next (?:year|summer|spring|autumn|fall|winter|month)|someday|one day|eventually)\b/i;

/** "a bank in Cork before joining the charity", "in Nairobi until 2022": a place left behind. */
const PAST_AFTER =
  /^(?:(?!\band\b)[^.;!?]){0,25}?\b(?:before (?:joining|moving|starting|becoming)|until (?:\d{4}|last)|till \d{4})\b/i;

/**
 * "working from Lisbon for a few weeks", "in Porto on business", "in Cork this weekend for a wedding": a stay limited
 * in time or by its occasion, right after the place (no comma between), is a visit. ("this week" is not: it dates the
 * statement as often, "joined a clinic in Galway this week".)
 */
const VISIT_AFTER =
  /^(?:(?!\band\b)[^.;!?,]){0,25}?\b(?:for (?:a|the|two|three|four|few|a few|a couple of) (?:days?|weeks?|nights?)|on (?:holiday|vacation|a trip|business|tour)|this weekend|for (?:a|the|my|our|his|her) (?:[\w'’-]+ ){0,2}(?:wedding|funeral|conference|course)|for (?:Christmas|Easter|the holidays|the summer))\b/i;

/** "I was based in Nairobi", "we were living in Leeds": the cue in the past tense. */
const PAST_COPULA_BEFORE = /\b(?:was|were|had been)\s+(?:(?:also|still|then|already)\s+)?$/i;

const FUTURE_BEFORE =
  /\b(?:goal|plan|plans|hope|hoping|would like|wish|dream|open(?:ing)? (?:a|an|our|my|the)? ?\S+ (?:studio|shop|branch|location))\b/i;

/** Where other people or goods are, not the subject ("ships to customers in", "sells to clients in"). */
const OTHERS_THERE =
  /\b(?:customers?|clients?|guests?|buyers?|visitors?|tourists?|patients?|suppliers?|ships?|sells?|exports?|delivers?|sends?|shipping|selling|exporting)\b[^.;!?]{0,20}?\bin\s+\p{Lu}/u;

/** "a crew that's mainly in Oslo": a relative clause puts the place on the noun before it, not on the subject. */
const RELATIVE_PLACE =
  /\b(?:that|who|which)(?:'s|’s|\s+(?:is|are|was|were))?\s+(?:(?:mostly|mainly|largely|partly|all|also|still|now)\s+)?(?:based\s+)?in\s+\p{Lu}[^.;!?]*$/u;

/** "my parents' garage in Porto", "my sister's flat in Leeds": someone else's place. */
const OTHERS_POSSESSION =
  /\b(?:parents?|mum|mom|mother|dad|father|sister|brother|friend|cousin|aunt|uncle|grandma|grandmother|grandpa|grandfather|grandparents|in-laws|neighbou?r|boyfriend|girlfriend|husband|wife|son|daughter|client|customer|colleague)(?:'s|’s|s'|s’)\s+(?:[\p{L}-]+\s+){0,2}(?:garage|house|home|flat|apartment|place|farm|shop|office|cabin|cottage|studio|restaurant|hotel)\b/iu;

/** People other than the subject, as nouns ("my sister", "business partner Murat"). */
const OTHER_PEOPLE =
  "partner|colleague|co-?worker|boss|manager|friend|brother|sister|wife|husband|son|daughter|mother|father|mum|mom|dad|cousin|uncle|aunt|client|customer|rep|agent|neighbou?r|flatmate|roommate|in-law|grandson|granddaughter|nephew|niece|investor|co-?founder|supplier|mentor|mentee|guest|host|parent|grandparent|kid|child|children|boyfriend|girlfriend|fianc[ée]e?|spouse";

/** "business partner Murat (finance, based in Istanbul": an aside about another named person. */
export const ASIDE_ABOUT_OTHER = new RegExp(
  `\\b(?:${OTHER_PEOPLE})\\s+(?:\\p{Lu}[\\p{L}.'’-]*\\s*){1,3}\\([^)]*$`,
  "u",
);

/** "my sister lives in", "our clients are based in": another person is the subject of the cue's clause. */
const OTHER_SUBJECT = new RegExp(
  `\\b(?:my|our|his|her|their|your)\\s+(?:[\\p{L}-]+\\s+)?(?:${OTHER_PEOPLE})s?\\s+(?:(?:is|are|also|still|now|currently|just)\\s+)*$`,
  "iu",
);
const THIRD_PRONOUN = /\b(?:she|he|they)\b/i;
/** "my mum, who is 78 and lives in": a relative clause about another person, however many clauses it runs on. */
const OTHERS_RELATIVE_CLAUSE = new RegExp(
  `\\b(?:my|our|his|her|their|your)\\s+(?:[\\p{L}-]+\\s+)?(?:${OTHER_PEOPLE})s?,?\\s+who\\b[^.;!?]*$`,
  "iu",
);
/** "I was 25 and living in": a participle joined to a past "was", which the clause cut at "and" hides. */
const PAST_AND_THEN = /\b(?:was|were)\s+[^.;!?]{0,40}?\band\s+(?:(?:still|also)\s+)?$/i;
const PARTICIPLE = /^(?:living|based|working|staying|settled|residing)\b/i;
const FIRST_PERSON_WORD = /\b(?:I|I'm|I’m|my|me|we|our)\b/;
/** "she and I live in Leeds": the subject is one of the clause's subjects. */
const FIRST_PERSON_SUBJECT = /\b(?:I|I'm|I’m|I've|I’ve|we)\b/;

/**
 * "sell our jam to the cafés in X", "paid for a guesthouse in X": a place the subject sells or delivers to, or pays
 * for or books, is a market or a trip, not where they are; unless the place is theirs ("sell bread in my shop in X").
 */
const SOLD_OR_PAID =
  /\b(?:sell|sells|selling|sold|deliver|delivers|delivering|delivered|supply|supplies|supplying|supplied|pay for|paid for|paying for|book|booked|booking)\b/i;
/** "my", "our" (and up to two adjectives) right before the cue's workplace noun: the place is the subject's. */
const OWN_PLACE = /\b(?:my|our)\s+(?:[\p{L}-]+\s+){0,2}$/iu;

/** "give my best to your team in Tartu": "your" (and up to two adjectives) before the cue's noun, the addressee's. */
const YOUR_PLACE = /\byour\s+(?:[\p{L}-]+\s+){0,2}$/iu;

function soldOrPaidThere(before: string): boolean {
  return SOLD_OR_PAID.test(before) && !OWN_PLACE.test(before);
}

/** Where a clause starts, looking back from a cue: "born in 1988 in Taipei and now live in Vancouver". */
const CLAUSE_CUT = /\b(?:and|but|now|then|while|whereas)\b|[,;:—–]/g;

/**
 * Whether the place a cue matched is where the subject is now: not in the past or a plan, not someone else's place,
 * not where customers or a team are. Reads only the clause the match sits in.
 */
export function placeIsCurrent(match: RegExpExecArray): boolean {
  const { index: at, input: text } = match;
  const window = textBefore(match, 60);
  const cut = [...window.matchAll(CLAUSE_CUT)].pop();
  const before = cut ? window.slice((cut.index ?? 0) + cut[0].length) : window;
  // The cue itself may carry the plan: "Open a 2nd shop in Bruges" matches from "shop".
  if (PAST_OR_FUTURE.test(before) || PAST_OR_FUTURE.test(match[0]) || FUTURE_BEFORE.test(`${before}${match[0]}`))
    return false;
  if (RELATIVE_PLACE.test(match[0]) || OTHERS_THERE.test(match[0])) return false;
  if (OTHERS_POSSESSION.test(`${before.slice(-40)}${match[0]}`)) return false;
  if (OTHER_SUBJECT.test(before) || PAST_COPULA_BEFORE.test(before)) return false;
  if (soldOrPaidThere(before) || YOUR_PLACE.test(before)) return false;
  // "Phones confuse me; my niece installed it while she was back from college in Dundee": in the
  // subject's first-person words, a clause about "she"/"he"/"they" is about someone else.
  if (THIRD_PRONOUN.test(before) && !FIRST_PERSON_SUBJECT.test(before) && FIRST_PERSON_WORD.test(text.slice(0, at)))
    return false;
  if (ASIDE_ABOUT_OTHER.test(textBefore(match, 120))) return false;
  // Read across the clause cuts: "my mum, who is 78 and lives in", "In 2015 I was 25 and living in".
  if (OTHERS_RELATIVE_CLAUSE.test(window) || (PARTICIPLE.test(match[0]) && PAST_AND_THEN.test(window))) return false;
  const end = at + match[0].length;
  const after = text.slice(end, end + 40);
  return !FUTURE_AFTER.test(after) && !PAST_AFTER.test(after) && !VISIT_AFTER.test(after) && !NAME_GOES_ON.test(after);
}

/**
 * "in Jabal al-Weibdeh", "in Sainte-Foy la Grande"-like names that go on past a lowercase particle: the match stopped
 * inside the name, and its first word alone is no place.
 */
const NAME_GOES_ON = /^\s(?:\p{Ll}{1,3}-\p{Lu}|(?:de|del|della|di|da|do|dos|das|du|la|le|los|las|sur)\s\p{Lu})/u;

const NO_WORDS: ReadonlySet<string> = new Set();
const CLAUSE_WORDS = /\b(?:I|I'm|we|my|our|is|are|was|were|love|like|visit(?:ed|ing)?)\b/i;
const SIGNATURE_PARTS = /\s*,\s*|\s+[·|•—–]\s+/;

/**
 * A segment that is a word of the subject's own name is not their town, though the gazetteer lists it ("Madison ·
 * UX researcher", "Regina — potter"): many first names are also the names of cities.
 */
function isNameWord(segment: string, nameWords: ReadonlySet<string>): boolean {
  return nameWords.has(segment.toLowerCase());
}

/** "Consultant Cardiologist, St Luke's Hospital, Accra": a signature line ending in a known town. */
export function trailingPlace(line: string, nameWords: ReadonlySet<string> = NO_WORDS): string | null {
  const text = line.trim();
  if (text.length > 100 || ENDS_SENTENCE.test(text) || CLAUSE_WORDS.test(text)) return null;
  const parts = text.split(SIGNATURE_PARTS);
  if (parts.length < 2) return null;
  let last = trimPunctuation(parts[parts.length - 1] ?? "");
  // "…, Tartu, Estonia": the town before the country.
  const country = isCountry(last) && parts.length > 2 ? last : null;
  if (country !== null) parts.pop();
  last = country === null ? last : trimPunctuation(parts[parts.length - 1] ?? "");
  if (!STARTS_UPPER.test(last) || !isKnownPlace(last) || isCountry(last) || isNameWord(last, nameWords)) return null;
  // Only after a role or an organisation, as in a signature block.
  const rest = parts.slice(0, -1).join(" ").split(WHITESPACE);
  const signatureLike = rest.some((_, k) => isHeadAt(rest, k)) || looksLikeOrganisation(parts[parts.length - 2] ?? "");
  const town = cleanPlace(last);
  return signatureLike && town !== null ? (country === null ? town : `${town}, ${country}`) : null;
}

const SEGMENTED = /\s[·|•]\s|\s[—–]\s/;
const SEGMENT_SPLIT = /\s+[·|•—–]\s+/;
const PIN = /^📍\s*/;
const TRAILING_DOT = /\.$/;
/** "Nairobi 🇰🇪", "Leeds ☔": a flag or emoji after a place in a profile header. */
const EMOJI_TAIL = /(?:\s*(?:\p{Extended_Pictographic}|\p{Regional_Indicator}|\uFE0F|\u200D)+)+$/u;

/** "Regina (Cathedral area)": a segment's closing aside about the place, read without it. */
const TRAILING_ASIDE = /\s*\([^()]{1,40}\)$/;

/**
 * "Red Mesa Farms · Socorro, NM": a signature or header segment that is only a place. "Manitoba — Winnipeg (St.
 * Vital area)": a town segment is preferred to a province or country segment.
 */
export function segmentPlace(line: string, nameWords: ReadonlySet<string> = NO_WORDS): string | null {
  if (line.length > 120 || !SEGMENTED.test(line)) return null;
  let region: string | null = null;
  for (const part of line.split(SEGMENT_SPLIT)) {
    const bare = part.trim().replace(PIN, "").replace(EMOJI_TAIL, "").replace(TRAILING_ASIDE, "");
    const match = PLACE_ONLY.exec(bare);
    if (!match?.[1] || !isKnownPlace(match[1]) || isNameWord(match[1], nameWords)) continue;
    const place = cleanPlace(match[1]);
    if (place && !isCountry(place)) return place;
    region ??= place;
  }
  return region;
}

/** A line that is only a known place ("Lisbon, Portugal", "📍 Leeds."), as under a signature's name. */
export function placeLine(line: string, nameWords: ReadonlySet<string> = NO_WORDS): string | null {
  const bare = line.trim().replace(PIN, "").replace(TRAILING_DOT, "");
  if (bare.split(WHITESPACE).length > 4 || !PLACE_ONLY.test(bare) || !isKnownPlace(bare) || isNameWord(bare, nameWords))
    return null;
  return cleanPlace(bare);
}

/** A country next to a city from the same person: the city is the more useful (and usually meant) answer. */
export function demoteCountries(candidates: Candidate[]): Candidate[] {
  if (!candidates.some((c) => !isCountry(String(c.value)))) return candidates;
  return candidates.map((c) => (isCountry(String(c.value)) ? { ...c, confidence: c.confidence - 0.05 } : c));
}

const REGION_CODE = /^[A-Z]{2,3}$/;

/** A place the gazetteer lists or compromise tags as one: the bar for cues that any capitalised word fits. */
export function recognisedPlace(phrase: string): boolean {
  return isKnownPlace(phrase) || (nlp(phrase).places().out("array") as string[]).length > 0;
}

/** Places compromise recognises get a small boost: a cue plus world knowledge beats a cue alone. */
export function boostKnownPlaces(candidates: Candidate[]): Candidate[] {
  const known = new Map<string, boolean>();
  const isKnown = (value: string) => memo(known, value, recognisedPlace);
  return candidates.map((c) => {
    const value = String(c.value);
    // "Dago, Bandung" -> "Bandung", "Plateau, Montreal" -> "Montreal": the city is the usual answer.
    const parts = value.split(COMMA_SEPARATOR);
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
    return isKnown(value) ? { ...c, confidence: c.confidence + (isCountry(value) ? 0.02 : 0.04) } : c;
  });
}

/** Whether a unit's own words are enough to place the subject: about them, or "we"/"our" in their own speech. */
const WE_CLAUSE = /\b(?:we|us|our|I)\b/;
/** A company's legal footer ("Registered in England & Wales No. …") or a head office: where no person is. */
const EXCLUDED_CONTEXT =
  /\b(?:registered office|registered in|company (?:no|number|reg)|vat (?:no|number|reg)|c\/o|level \d|head office|hq)\b/i;

/** Under a "Goals" or "Next steps" heading a place is where the subject wants to be, not where they are. */
const PLAN_SECTION =
  /\b(?:goals?|plans?|objectives?|aims?|ambitions?|wish(?:es| ?list)?|next steps|roadmap|dreams?)\b/i;

/** "Plans? Next couple of years?": an answer to a question about the future names where the subject wants to be. */
const PLAN_QUESTION =
  /\b(?:plans?|goals?|future|dreams?|ambitions?|next (?:few|couple of|two|three|five|ten) years|in (?:five|ten|\d+) years)\b/i;

/** Under a plans heading or answering a question about the future: what the subject wants, not what they are. */
function aboutPlans(unit: Unit): boolean {
  return PLAN_SECTION.test(unit.section) || PLAN_QUESTION.test(unit.question);
}

/**
 * "I'm Priya, I'm 31 … before that I was a nurse in Pune" in an interviewer's turn, "Rep notes on me: I'm Andrea,
 * based in …" in a CRM record: another speaker's first-person words, tied to the subject only by the block they sit
 * in, say where that speaker is.
 */
function othersOwnWords(unit: Unit): boolean {
  return unit.speaker === "other" && unit.firstPerson && unit.topicBy === "implicit";
}

export function placesTheSubject(unit: Unit, aboutSubject: boolean): boolean {
  // "most of us sit in the Bristol office": a first-person plural clause places the speaker even mid-anecdote.
  const weClause = unit.speaker === "subject" && WE_CLAUSE.test(unit.text);
  return (aboutSubject || weClause) && !othersOwnWords(unit) && !EXCLUDED_CONTEXT.test(unit.text) && !aboutPlans(unit);
}

/**
 * A person's name as written in a log, CRM or comment line: two or more capitalised words, or a name with an initial
 * ("Marcus T.", "K. Brandt"). One word alone is left out: it is as often a firm or a heading as a person.
 */
const PERSON_NAME =
  /(?:\p{Lu}\.\s?)?\p{Lu}[\p{Ll}'’-]+(?:\s(?:\p{Lu}[\p{Ll}'’-]+|\p{Lu}\.))+|\p{Lu}\.\s?\p{Lu}[\p{Ll}'’-]+/gu;
/** How far before a bracket the person it describes is looked for: "Owner: M. Vos (AE, Rotterdam)". */
const ASIDE_LEAD = 40;
const OPENERS = ["(", "["];
const CLOSERS = [")", "]"];

/**
 * "Owner: M. Vos (AE, Rotterdam)", "[Comment — Rafael Duarte, field partner, Lisbon]": the place sits in a bracketed
 * aside that describes a named person who is not the subject (a rep, an agent, a survey partner), so it is theirs.
 * `subject`: the subject's name words, lowercased.
 */
export function inOthersAside(line: string, place: string, subject: ReadonlySet<string>): boolean {
  const at = line.indexOf(place);
  if (at < 0) return false;
  const before = line.slice(0, at);
  const open = Math.max(...OPENERS.map((o) => before.lastIndexOf(o)));
  if (open < 0 || open < Math.max(...CLOSERS.map((c) => before.lastIndexOf(c)))) return false;
  for (const match of line.slice(Math.max(0, open - ASIDE_LEAD), at).matchAll(PERSON_NAME)) {
    const tokens = nameTokens(match[0]);
    if (!isPlausibleName(match[0]) || match[0].includes(place) || tokens.some(isOrganisationWord)) continue;
    if (!tokens.some((t) => subject.has(t.toLowerCase()))) return true;
  }
  return false;
}
