/**
 * The location cue table: one row per way a sentence says where the subject lives or works ("based in X", "I call
 * X home", "soy enfermera en X"), each with the words its pre-check looks for and a sentence it must fire on and one
 * it must stay silent on. `location.ts` turns each row into a rule.
 */
import { type Rule, unmatched } from "../engine/rules.ts";
import { words } from "../lexicon/words.ts";
import { PLACE } from "./location-place.ts";

/**
 * A cue phrase followed by a place: name, pre-check words, pattern source (location.ts compiles each once, with the
 * flags gu), confidence, known towns only, examples.
 */
type CueRow = readonly [
  name: string,
  cue: readonly string[],
  pattern: string,
  confidence: number,
  known: boolean,
  fires: readonly (readonly [text: string, place: string])[],
  silent: Rule["examples"]["silent"],
];

/** Words as pattern alternatives, as written: ["office", "depot"] -> "(?:office|depot)". */
const anyWord = (words: readonly string[]): string => `(?:${words.join("|")})`;

/** Words as pattern alternatives, each capitalised: ["büro", "laden"] -> "(?:Büro|Laden)". */
const capitalised = (words: readonly string[]): string =>
  anyWord(words.map((w) => `${w.charAt(0).toUpperCase()}${w.slice(1)}`));

/** Words as pattern alternatives, each with its first letter in either case: ["based"] -> "(?:[Bb]ased)". */
const eitherCase = (words: readonly string[]): string =>
  anyWord(words.map((w) => `[${w.charAt(0).toUpperCase()}${w.charAt(0)}]${w.slice(1)}`));

/** A town name (one or two capitalised words) followed by a site of an employer: "Leeds office", "Graz branch". */
const SITE_AFTER =
  "\\p{Lu}[\\p{L}'’-]+(?:\\s\\p{Lu}[\\p{L}'’-]+)?\\s+(?:office|branch|depot|site|campus|plant|clinic|studio)\\b";

/** An optional character ("s?", "-?") and the rest of a pattern alternative. */
const OPTIONAL_AND_AFTER = /.\?.*$/;

/** Verbs that make a workplace the subject's: "I own a bakery", "she runs the clinic", "he leads the unit". */
const OWNING = "(?:[Oo]wns?|[Rr]uns?|[Mm]anages?|[Ll]eads?)";

/** Workplaces and homes of workplace-in, as pattern alternatives; the rule's cue words are derived from them. */
const OWN_WORKPLACES = (
  "hospitals?|offices?|unit|clinics?|schools?|farms?|practice|company|firm|trust|conservancy|studios?|apartment|" +
  "flat|house|home|shops?|bakery|restaurants?|café|cafe|team|lab|ward|garage|workshop|kitchen|barn|shed|warehouse|" +
  "factory|stores?|salons?|gym|surgery|pharmacy|library|roastery|guesthouse|hotel|winery|vineyard|brewery|ranch|" +
  "cafés|cafes|food truck|stall|market stall"
).split("|");

/**
 * The cue words of pattern alternatives: each one's literal opening up to an optional character, lowercased
 * ("hospitals?" -> "hospital", "start-?up" -> "start", "NGO" -> "ngo"), which every match of it contains; a word
 * that holds another ("market stall", "stall") adds nothing to the pre-check and is left out.
 */
export function cueWords(alternatives: readonly string[]): string[] {
  const words = [...new Set(alternatives.map((a) => a.replace(OPTIONAL_AND_AFTER, "").toLowerCase()))];
  return words.filter((w) => !words.some((other) => other !== w && w.includes(other)));
}

/**
 * A row for a verb of work or residence, then up to 40 characters of its clause and a preposition before the town
 * ("soy enfermera en X", "je travaille à X"): the verbs (lowercase) are the cue, and the pattern takes each with its
 * first letter in either case.
 */
function verbThenTown(
  name: string,
  verbs: readonly string[],
  preposition: string,
  confidence: number,
  known: boolean,
  [fires, silent]: readonly [CueRow[5], CueRow[6]],
): CueRow {
  const pattern = `\\b${eitherCase(verbs)}\\b[^.;!?]{0,40}?\\s${preposition}\\s+${PLACE}`;
  return [name, verbs, pattern, confidence, known, fires, silent];
}

/** The cue words of the rows below whose pattern alternatives are built from them. */
const RESIDING = words("based living located settled residing");
const FOREIGN_RESIDING = words("wohne lebe habite vis moro vivo abito woon bor mieszkam");
const SPANISH_RESIDING = words("vivo resido vivimos");
/** Pronoun-dropped profile lines open on these, capitalised. */
const DROPPED_LIVE = ["live", "living", "based", "currently in", "now in"];
const GERMAN_WORKPLACES = words(
  "werkstatt praxis laden büro firma schule klinik krankenhaus hof atelier betrieb geschäft bäckerei kanzlei",
);
const SPANISH_WORKPLACES = [
  ...words("colegio escuela instituto hospital empresa oficina tienda universidad"),
  "centro de salud",
  ...words("clínica fábrica taller"),
];
const WORKPLACE_LABELS = words("company practice business employer organisation organization workplace");
/** An employer's sites, after the town that names them ("our Derby depot"). */
const SITES = words("office depot site warehouse plant branch hub store clinic studio campus factory yard location");
const SETTLEMENTS = words("village town suburb hamlet");
const OUTSIDE = ["outside", "east of", "west of", "north of", "south of"];
/** Parts of a town named after it: "the Malmö suburb where she lives". */
const DISTRICTS = words("district neighbourhood neighborhood suburb quarter");

export const CUED: readonly CueRow[] = [
  [
    "based-in",
    RESIDING,
    `\\b${eitherCase(RESIDING)}\\s+(?:in|near|out of)\\s+${PLACE}`,
    0.8,
    false,
    [
      ["I'm based in Leeds.", "Leeds"],
      // The participle after the subject's job places the subject.
      ["I'm a freelance translator based in Gdańsk.", "Gdańsk"],
    ],
    // Another person is the clause's subject; a past tense or an end date puts it behind the subject.
    [
      "I grew up living near Leeds.",
      // The participle after a firm or a thing places that, not the subject.
      "I do the books for a small bakery based in Gdańsk.",
      "Our clients are based in Winnipeg.",
      "I was based in Nairobi until 2022, now I'm in Kampala.",
      "In her twenties she worked as a courier based in Lyon.",
      "That winter I was broke and living in Lyon.",
      // A named person who is not the subject: the interpreter, a colleague.
      ["Our notes were checked by an interpreter; Mr Ade Bello is based in Lagos.", { name: "Ana Ruiz" }],
      // A bracketed aside describing another named person (a form's enumerator, a rep) places that person.
      ["Interviewer: Tom Reyes (34, surveyor, based in Kigali) · Form 12", { name: "Ana Ruiz" }],
      // Another speaker's first-person words (an interviewer introducing herself) place that speaker.
      [
        "Quick intro from my side: I run the survey team and I'm based in Leeds.",
        { speaker: "other", topic: "subject", topicBy: "implicit", firstPerson: true },
      ],
    ],
  ],
  // "I run operations for a courier firm out of Leicester", "we work out of Leeds": where the work is based. Known
  // towns only, and never the idiom "running out of" (a word must stand between the verb and "out of").
  [
    "works-out-of",
    ["out of"],
    `\\b(?:(?:[Ww]ork|[Ww]orks|[Ww]orking|[Oo]perate|[Oo]perates|[Oo]perating|[Tt]rade|[Tt]rading)\\s+out of|(?:[Rr]un|[Rr]uns|[Rr]unning|[Oo]perate|[Oo]perates|[Mm]anage|[Mm]anages)\\s+[^.;!?]{1,60}?\\s+out of)\\s+${PLACE}`,
    0.7,
    true,
    [["I run operations for a delivery company out of Leicester.", "Leicester"]],
    [unmatched("We are running out of Leicester Red at the deli.")],
  ],
  // "a Lisbon-based illustrator", "Nairobi-based". Known towns only: a sentence opens on a capital, and "Evidence-",
  // "Inquiry-", "Community-based" are methods.
  [
    "x-based",
    ["-based"],
    "\\b(\\p{Lu}[\\p{L}'’]+(?:\\s\\p{Lu}[\\p{L}'’]+)?)-based\\b",
    0.7,
    true,
    [["I'm a Lisbon-based illustrator.", "Lisbon"]],
    ["I used to be a Lisbon-based illustrator.", "Evidence-based care matters to me."],
  ],
  // "calling in from a freezing Winnipeg", "writing to you from Hobart", "working remote from X": where the speaker is.
  [
    "calling-from",
    ["from"],
    `\\b(?:calling|writing|recording|dialing|dialling|joining|working|freelancing|posting|blogging|podcasting|broadcasting)\\s+(?:(?:to you|in|remotely|remote|today|this)\\s+)?from\\s+(?:(?:a|an|the|my|our|very|sunny|rainy|snowy|freezing|cold|hot|grey|gray|chilly|windy|foggy|humid|beautiful|lovely|little|home in|flat in|office in|studio in|kitchen in)\\s+){0,3}${PLACE}`,
    0.65,
    true,
    [["I'm writing to you from a rainy Hobart.", "Hobart"]],
    [
      "I'm calling from Brightline about your renewal.",
      // A stay limited in time is a visit.
      "I'm working remotely from Lisbon for a few weeks, then back home.",
    ],
  ],
  // Residence in other languages: "wohne in", "j'habite à", "moro em", "abito a", "woon in", "bor i".
  [
    "foreign-residence",
    FOREIGN_RESIDING,
    `\\b${eitherCase(FOREIGN_RESIDING)}\\s+(?:in|à|a|em|en|i|w)\\s+${PLACE}`,
    0.8,
    false,
    [["Ich wohne in Graz.", "Graz"]],
    [unmatched("Ich wohne in der Stadt.")],
  ],
  // "a Werkstatt in Leipzig-Plagwitz", "Praxis in Graz": a German workplace's town. Known towns only: German
  // capitalises every noun ("in Teilzeit", "in Kurzarbeit").
  [
    "german-workplace",
    GERMAN_WORKPLACES,
    `\\b${capitalised(GERMAN_WORKPLACES)}\\b[^.;!?]{0,50}?\\bin\\s+${PLACE}`,
    0.55,
    true,
    [["Ich habe eine Werkstatt in Leipzig.", "Leipzig"]],
    [unmatched("Meine Werkstatt ist klein."), "Meine Praxis ist nur in Teilzeit geöffnet."],
  ],
  // "Joined as Data Analyst at Brookfell in Utrecht": a job at a named employer in a city.
  [
    "employer-in",
    ["started", "joined", "work", "job", "role", "position", "hired", "employed", "teach"],
    `\\b(?:[Ss]tarted|[Jj]oined|[Ww]ork(?:ing)?|[Jj]ob|[Rr]ole|[Pp]osition|[Hh]ired|[Ee]mployed|[Tt]each(?:ing)?)\\b[^.;!?]{0,60}?\\bat\\s+\\p{Lu}[\\p{L}&.'’-]*(?:\\s\\p{Lu}[\\p{L}&.'’-]*){0,3}\\s+in\\s+${PLACE}`,
    0.6,
    false,
    [["I joined as an analyst at Brookfell in Utrecht.", "Utrecht"]],
    [unmatched("I started at Brookfell last week.")],
  ],
  // "Employer: Norrvik Textiles AB (Södermalm, Stockholm)": a workplace field with its town in brackets.
  [
    "company-field",
    WORKPLACE_LABELS,
    `\\b${eitherCase(WORKPLACE_LABELS)}\\s*:\\s*[^()\\n:]{2,60}?\\(${PLACE}\\)`,
    0.6,
    true,
    [["Practice: Quayside Dental Care (Glebe, Sydney) · Plan: Plus", "Glebe, Sydney"]],
    ["Company: Acme Holdings (Pty) · Plan: Plus"],
  ],
  [
    "now-live",
    ["now", "currently"],
    `\\b(?:now|currently)\\s+(?:live|lives|living|based)\\s+in\\s+${PLACE}`,
    0.85,
    false,
    [["I now live in Porto.", "Porto"]],
    [unmatched("I now live in a flat.")],
  ],
  // No row reads "X from Leeds" ("a nurse from Leeds", "she's from Davao"): "from" names where someone comes from, a
  // hometown or an origin, and in interviews it introduces the interviewer or a third person as often as the subject.
  [
    "where-i-live",
    ["where"],
    `${PLACE}(?:\\s+${anyWord(DISTRICTS)})?,?\\s+where\\s+(?:I|we|she|he|they)\\s+(?:now\\s+)?(?:live|lives|work|works|am based|is based)\\b`,
    0.75,
    false,
    [
      ["Galway, where I live, is rainy.", "Galway"],
      // A district of the town, named by the town: the town.
      ["She rents a room in Vallby, the Malmö suburb where she lives.", "Malmö"],
    ],
    [unmatched("Where I live is rainy.")],
  ],
  // "I'm in Leeds", "we're in Lyon": a present location in an introduction (known towns only).
  [
    "im-in",
    ["i'm", "i’m", "i am", "we're", "we’re", "we are"],
    `\\b(?:I'm|I’m|I am|[Ww]e're|[Ww]e’re|[Ww]e are)\\s+(?:now\\s+|currently\\s+)?in\\s+${PLACE}(?!\\s+(?:for|this|on|until|till|next)\\b)`,
    0.55,
    true,
    [["I'm in Leeds.", "Leeds"]],
    ["I'm in Leeds for a conference."],
  ],
  [
    "resident-of",
    ["resident", "inhabitant"],
    `\\b(?:resident|residents|inhabitant)\\s+of\\s+${PLACE}`,
    0.7,
    false,
    [["I'm a resident of Galway.", "Galway"]],
    [unmatched("I'm a resident of the building.")],
  ],
  // Pronoun-dropped profile lines: "Live in Boulder, CO.", "Based in Ghent."
  [
    "dropped-live",
    DROPPED_LIVE,
    `(?:^|[.!?]\\s+|[|·]\\s*)${capitalised(DROPPED_LIVE)}\\s+(?:in\\s+)?${PLACE}`,
    0.75,
    false,
    [["Based in Ghent.", "Ghent"]],
    [unmatched("Living in a van.")],
  ],
  // "I've lived in London for ten years now", "all my life": present perfect residence.
  [
    "lived-for",
    ["lived"],
    `\\b(?:I've|I’ve|I have|[Ww]e've|[Ww]e’ve|[Ww]e have)\\s+(?:now\\s+)?lived\\s+in\\s+${PLACE}(?=[^.;!?]{0,12}\\b(?:for|since|all (?:my|our) li(?:fe|ves))\\b)`,
    0.75,
    false,
    [
      ["I've lived in London for ten years.", "London"],
      ["We've lived in Ghent all our lives.", "Ghent"],
    ],
    [unmatched("I've lived in London and in Paris.")],
  ],
  // "a gardener for the city of Bilbao".
  [
    "city-of",
    ["city of", "town of", "municipality of", "borough of"],
    `\\b(?:for|in)\\s+the\\s+(?:city|town|municipality|borough)\\s+of\\s+${PLACE}`,
    0.5,
    false,
    [["I tend the parks for the city of Bilbao.", "Bilbao"]],
    [unmatched("I love the city of lights.")],
  ],
  // Dutch work/residence: "ik werk als verpleegkundige in Utrecht".
  verbThenTown("dutch-work", ["ik werk", "ik woon", "werk"], "in", 0.65, true, [
    [["Ik werk als verpleegkundige in Utrecht.", "Utrecht"]],
    [unmatched("Ik werk thuis."), "Ik werk al jaren in Zorg en Welzijn."],
  ]),
  // "soy enfermera en Valencia", "sou enfermeira em Braga". Known towns only (also Dutch above): after "trabajo en",
  // "trabalho em", "ik werk in" an employer or a sector is named as often as a town ("trabajo en Mercadona").
  verbThenTown("spanish-work", ["soy", "trabajo"], "en", 0.6, true, [
    [["Soy enfermera en Valencia.", "Valencia"]],
    [unmatched("Soy enfermera."), "Trabajo en Mercadona desde 2019."],
  ]),
  verbThenTown("portuguese-work", ["sou", "trabalho"], "em", 0.6, true, [
    [["Sou enfermeira em Braga.", "Braga"]],
    [unmatched("Sou enfermeira."), "Trabalho em Natura há dez anos."],
  ]),
  // "je suis boulangère à Lyon", "je travaille à Genève".
  verbThenTown("french-work", ["je suis", "je travaille", "j'habite", "j’habite", "je vis"], "à", 0.65, false, [
    [["Je suis boulangère à Lyon.", "Lyon"]],
    [unmatched("Je suis boulangère.")],
  ]),
  [
    "i-live-in",
    ["live"],
    `\\b(?:I|[Ww]e)\\s+(?:currently\\s+|now\\s+)?live\\s+in\\s+${PLACE}`,
    0.85,
    false,
    [["I live in Leeds.", "Leeds"]],
    [
      unmatched("I live in a small flat."),
      // A place the gazetteer does not know beside one it does: a district, a nearby village, or neither.
      "I live in Valdorna, a short ride from Porto.",
      // The name goes on past a lowercase particle: its first word alone is no place.
      "We live in Ras el-Tin, by the old harbour.",
    ],
  ],
  // "Home is Ribe", "we're home in Ribe", "home's Ribe now": where the subject lives. Never "back home" (where
  // someone comes from, "back home in Lagos for the holidays").
  [
    "home-is",
    ["home"],
    `(?<![Bb]ack\\s)\\b(?:[Hh]ome(?:'s|’s|\\s+is)\\s+(?:(?:now|still)\\s+)?(?:in\\s+)?|(?:I'm|I’m|I am|[Ww]e're|[Ww]e’re|[Ww]e are)\\s+(?:now\\s+)?home\\s+in\\s+)${PLACE}`,
    0.75,
    false,
    [
      ["Home is Ribe, ten minutes from the coast.", "Ribe"],
      ["We're home in Ribe, up the hill from the yard.", "Ribe"],
    ],
    [unmatched("Home is where the heart is."), unmatched("Back home in Lagos for the holidays.")],
  ],
  // "I call Ribe home".
  [
    "call-home",
    ["home"],
    `\\b(?:I|[Ww]e)\\s+(?:now\\s+)?call\\s+${PLACE}\\s+home\\b`,
    0.75,
    false,
    [["These days I call Ribe home.", "Ribe"]],
    [unmatched("I call my mum at home.")],
  ],
  [
    "lives-in",
    ["lives"],
    `\\b[Ll]ives\\s+in\\s+${PLACE}`,
    0.8,
    false,
    [["She lives in Leeds.", "Leeds"]],
    [
      unmatched("She lives in a flat."),
      "My sister lives in Leeds and I visit her most weekends.",
      // A relative clause about someone else, running on past a comma and "and".
      "I'm asking for my dad, who is 80 and lives in Leeds.",
      // The verb's subject is another person, named or not.
      "The landlord, Mr Grant, lives in Spain and doesn't answer.",
    ],
  ],
  [
    "spanish-live",
    SPANISH_RESIDING,
    `\\b${eitherCase(SPANISH_RESIDING)}\\s+en\\s+${PLACE}`,
    0.85,
    false,
    [["Vivo en Salamanca con mis padres.", "Salamanca"]],
    [unmatched("Vivo en una casa.")],
  ],
  [
    "here-in",
    ["here in"],
    `\\bhere in\\s+${PLACE}`,
    0.65,
    false,
    [["It's evening here in Busan.", "Busan"]],
    [unmatched("It's evening here in the garden.")],
  ],
  // "I'm a physics teacher in Malmö". Known towns only: up to 80 characters stand between "I'm a" and "in", and
  // any capitalised word may follow ("a great believer in Agile Delivery", "a specialist in Paediatrics").
  [
    "role-then-in",
    ["i'm", "i’m", "i am", "im"],
    `\\b(?:I'm|I’m|I am|Im)\\s+(?:a|an)\\s+[^.;!?]{0,80}?\\bin\\s+${PLACE}`,
    0.55,
    true,
    [["I'm a physics teacher in Malmö.", "Malmö"]],
    [
      unmatched("I'm a nurse in training."),
      "I'm a great believer in Agile Delivery.",
      // A stay bounded by its occasion is a visit.
      "I'm a welder, and I'm in Cork this weekend for a friend's wedding.",
    ],
  ],
  [
    "moved-to",
    ["moved", "relocated"],
    // "Moved the family to Pittsburgh", "moved the shop to Leeds": the household or the subject's own business moves
    // with them. "moved to the Leeds office": a move within their employer, to the office in that town.
    `\\b(?:[Mm]oved|[Rr]elocated)\\s+(?:back\\s+|(?:the|my|our|his|her|their)\\s+(?:family|kids|household|business|company|shop|studio|workshop|practice|clinic|office)\\s+|us\\s+)?to\\s+(?:(?:the|our|my|their)\\s+(?=${SITE_AFTER}))?${PLACE}`,
    0.6,
    false,
    [
      ["Moved the family to Pittsburgh last summer.", "Pittsburgh"],
      ["Last spring we moved the workshop to Tartu and I rent a flat nearby.", "Tartu"],
      ["In 2022 I moved to our Gdańsk office.", "Gdańsk"],
    ],
    [unmatched("I moved from Porto last year.")],
  ],
  // "Moved to Lisbon in 2019 and then to Porto last year": the last move is home.
  [
    "moved-then-to",
    ["moved", "relocated"],
    `\\b(?:[Mm]oved|[Rr]elocated)\\b[^.;!?]{0,60}?\\b(?:and|then)\\s+(?:then\\s+|later\\s+)?(?:on\\s+)?to\\s+${PLACE}`,
    0.66,
    false,
    [["Moved to Lisbon in 2019 and then to Porto last year.", "Porto"]],
    [unmatched("Moved to Lisbon in 2019.")],
  ],
  // "my workshop is in Brno", "I run a small clinic in Tema": a workplace or home the subject owns or runs. A bare
  // workplace noun before "in X" was right 2 of 9 times at first contact (schools visited, restaurants sold to, a
  // hotel paid for, the addressee's team, an interviewer's old hospital): only "my"/"our" or a verb of owning or
  // running ties the place to the subject.
  [
    "workplace-in",
    cueWords(OWN_WORKPLACES),
    `\\b(?:(?:[Mm]y|[Oo]ur)\\s+|${OWNING}\\s+(?:(?:a|an|the|my|our)\\s+)?)(?:[\\p{L}\\d-]+\\s+){0,2}?(?:${OWN_WORKPLACES.join("|")})\\b[^.;!?]{0,50}?\\bin\\s+${PLACE}`,
    0.55,
    false,
    [["I run a small pharmacy in Leicester with two staff.", "Leicester"]],
    [
      // "town" names no place.
      unmatched("I work at a clinic in town."),
      // Nothing ties the workplace to the subject (no "my", "our" or verb of running it): a place recommended or
      // written about.
      unmatched("A friend recommended the bakery in Galway to me."),
      unmatched("Survey week: 40 water samples, 5 farms in Marlow District."),
      // A workplace before the present one is history.
      "I used to run a print shop in Aarhus before I retired.",
      // "my niece runs ...": someone else's workplace.
      "My niece runs a salon in Kraków.",
      // "your office in X": the addressee's workplace, not the writer's.
      "Our team thanks your office in Valencia for the fast answer.",
      // Where the subject's goods are sold, or a room they paid for, is a market or a trip.
      "Our stall sells to the restaurants in Galway at twice the farm price.",
      unmatched("One August we had to pay for a guesthouse for two hikers in Sligo."),
      // An answer about plans names where the subject wants to be.
      ["My own little bakery in Galway, that's the dream.", { question: "And plans? The next few years?" }],
    ],
  ],
  [
    "near",
    ["near"],
    `\\b(?:farms?|lives?|living|works?|based)\\b[^.;!?]{0,80}?\\bnear\\s+${PLACE}`,
    0.5,
    false,
    [["We farm sheep near Ashburton.", "Ashburton"]],
    [unmatched("I work near the station.")],
  ],
  [
    "live-near",
    ["near", "outside"],
    `\\b(?:live|lives|living|based|settled)\\s+(?:just\\s+)?(?:near|outside)\\s+${PLACE}`,
    0.7,
    false,
    [["I live just outside Leeds.", "Leeds"]],
    [unmatched("I live near the sea.")],
  ],
  // "Kia ora from Rotorua!", "Hello from Hobart", "Olá from Braga": an opener that says where the writer is.
  [
    "hello-from",
    ["from"],
    `(?:^|[.!?]\\s+)(?:Kia ora|Hello|Hi|Hey|Aloha|Hola|Ciao|Bonjour|Hallo|Moin|Howdy|Greetings|Namaste|Salut|Olá|Oi|Hej|Hei|Ahoj|Servus)(?:\\s+(?:all|everyone|folks|friends|again))?,?\\s+from\\s+${PLACE}`,
    0.6,
    false,
    [
      ["Kia ora from Rotorua!", "Rotorua"],
      ["Hej from Umeå, and thanks for reading.", "Umeå"],
    ],
    [unmatched("Hello from the other side.")],
  ],
  // "keeps 30 lorries out of their Derby depot", "in our Lyon office"; any capitalised word fits ("the Northgate
  // branch"), so only a known town counts.
  [
    "our-site",
    SITES,
    `\\b(?:in|at|out of|from)\\s+(?:the|our|their|his|her|my)\\s+${PLACE}\\s+${anyWord(SITES)}\\b`,
    0.55,
    true,
    [["I dispatch 25 lorries out of our Derby depot.", "Derby"]],
    ["I host the chess night at the Northgate branch."],
  ],
  // "a village outside Kraków", "a town near Leeds": home is by the named place.
  [
    "village-near",
    SETTLEMENTS,
    `\\b${anyWord(SETTLEMENTS)}\\s+(?:just\\s+)?(?:outside|near|close to)\\s+${PLACE}`,
    0.6,
    false,
    [["We rent a cottage in a hamlet just outside Poznań.", "Poznań"]],
    [unmatched("I live in a village.")],
  ],
  // "a sheep farm outside Tamworth", "our orchards east of Hereford": land and homes just outside a town.
  [
    "outside-town",
    OUTSIDE,
    `\\b(?:farm|ranch|vineyards?|blocks|fields|estate|land|property|house|home|cabin|cottage|smallholding|orchards?|clinic|hospital|school|practice|office|plant|depot|warehouse|studio|workshop|shop|café|cafe|restaurant|bakery|site|base)\\s+(?:just\\s+)?${anyWord(OUTSIDE)}\\s+${PLACE}`,
    0.6,
    false,
    [["We keep a sheep farm outside Tamworth.", "Tamworth"]],
    [unmatched("We have a farm outside the town.")],
  ],
  // "cocinero en una escuela infantil de Burgos": the workplace's town in Spanish.
  [
    "spanish-workplace",
    SPANISH_WORKPLACES,
    `\\b${anyWord(SPANISH_WORKPLACES)}\\b[^.;!?]{0,40}?\\b(?:de|en)\\s+${PLACE}`,
    0.55,
    false,
    [["Soy cocinero en una escuela infantil de Burgos.", "Burgos"]],
    [unmatched("Trabajo en un colegio.")],
  ],
];
