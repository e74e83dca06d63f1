/** Rules for location. */

import nlp from "compromise";
import { type Candidate, fromUnit } from "../engine/candidate.ts";
import { preferNewer } from "../engine/select.ts";
import { trimPunctuation } from "../engine/text.ts";
import { isAboutSubject, isSelf, type Unit } from "../engine/unit.ts";
import { isJobHead } from "../lexicon/occupations.ts";
import { isCountry, isKnownPlace, looksLikeOrganisation } from "../lexicon/places.ts";
import { isHeadAt, isJobTitle, isNameLine, ROLE_PLACE_WORD } from "./occupation-phrase.ts";

// Each word of a place is at most 64 letters (Llanfairpwllgwyngyll… has 58): unbounded, a long run of capitalised
// pieces ("A-B-C-…") was rescanned from each capital (quadratic).
const PLACE =
  "(\\p{Lu}[\\p{L}'’-]{1,64}(?:\\s(?:de\\s|del\\s|upon\\s|on\\s)?\\p{Lu}[\\p{L}'’-]{1,64}){0,2}(?:,\\s(?!I\\b|I['’])\\p{Lu}[\\p{L}'’-]{1,64}(?:\\s\\p{Lu}[\\p{L}'’-]{1,64})?)?)";

/** One place name without a trailing ", Region". */
const PLACE_ONE = "(\\p{Lu}[\\p{L}'’-]{1,64}(?:\\s(?:de\\s|del\\s|upon\\s|on\\s)?\\p{Lu}[\\p{L}'’-]{1,64}){0,2})";

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
      `\\b(?:calling|writing|recording|dialing|dialling|joining|working|freelancing|posting|blogging|podcasting|broadcasting)\\s+(?:(?:to you|in|remotely|remote|today|this)\\s+)?from\\s+(?:(?:a|an|the|my|our|very|sunny|rainy|snowy|freezing|cold|hot|grey|gray|chilly|windy|foggy|humid|beautiful|lovely|little|home in|flat in|office in|studio in|kitchen in)\\s+){0,3}${PLACE}`,
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
    // Any capitalised word fits here ("the Eastside branch", "the Main Street store"): only a known town counts.
    true,
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

// Bounded: a phone number is at most a couple of dozen digits and spaces. Unbounded, the two overlapping runs made
// this cubic in the length of a run of digits.
const PHONE_PLACE = new RegExp(`\\d{3}[\\d ]{4,24}\\s*[|·]\\s*${PLACE}`, "u");

const GUEST_FROM = /\b(?:guest|joining us|speaker)\b[^.;!?]{0,60}?\bfrom\s+/i;

export const PAST_OR_FUTURE =
  /\b(?:spoke|speaking|presented|presenting|conference|summit|keynote|talk|talks|visited|visiting|travel(?:l)?ed|travel(?:l)?ing|tour|touring|vacation|stopover|layover|attended|attending|honeymoon|weekend in|week in|originally|founded|established|grew up|was born|born in|studied|used to|former|previously|moved from|second shop|opening|will open|planning|going to|want to|trip|holiday|visit|flew|flying to|until|in-house at|first job|back then|years ago)\b/i;

/** "open a studio in Bodrum by next summer": a plan, not where someone is. */
const FUTURE_AFTER =
  /^(?:(?!\band\b)[^.;!?]){0,25}?\b(?:by next|next (?:year|summer|spring|autumn|fall|winter|month)|someday|one day|eventually)\b/i;

const FUTURE_BEFORE =
  /\b(?:goal|plan|plans|hope|hoping|would like|wish|dream|open(?:ing)? (?:a|an|our|my|the)? ?\S+ (?:studio|shop|branch|location))\b/i;

/** "a team that's mostly in Madrid": a relative clause puts the place on the noun before it, not on the subject. */
const RELATIVE_PLACE =
  /\b(?:that|who|which)(?:'s|’s|\s+(?:is|are|was|were))?\s+(?:(?:mostly|mainly|largely|partly|all|also|still|now)\s+)?(?:based\s+)?in\s+\p{Lu}[^.;!?]*$/u;

/** Under a "Goals" or "Next steps" heading a place is where the subject wants to be, not where they are. */
const PLAN_SECTION =
  /\b(?:goals?|plans?|objectives?|aims?|ambitions?|wish(?:es| ?list)?|next steps|roadmap|dreams?)\b/i;

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
    if ((!about && !weClause) || EXCLUDED_CONTEXT.test(unit.text) || PLAN_SECTION.test(unit.section)) return;
    for (const [pattern, confidence, known] of LOCATION_PATTERNS) {
      for (const match of unit.text.matchAll(pattern)) {
        if (known && !isKnownPlace(match[1] ?? "")) continue;
        const at = match.index ?? 0;
        // Only the clause the match sits in: "born in 1988 in Taipei and now live in Vancouver".
        const window = unit.text.slice(Math.max(0, at - 60), at);
        const cut = [...window.matchAll(/\b(?:and|but|now|then|while|whereas)\b|[,;:—–]/g)].pop();
        const before = cut ? window.slice((cut.index ?? 0) + cut[0].length) : window;
        // The cue itself may carry the plan: "Open a 2nd studio in Coburg" matches from "studio".
        if (PAST_OR_FUTURE.test(before) || PAST_OR_FUTURE.test(match[0]) || FUTURE_BEFORE.test(`${before}${match[0]}`))
          continue;
        if (RELATIVE_PLACE.test(match[0])) continue;
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
