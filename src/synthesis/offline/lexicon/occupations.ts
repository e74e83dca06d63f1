/**
 * Occupation knowledge for the offline engine: a broad lexicon of job nouns (trades, health, education, hospitality,
 * tech, arts, farming, public service), verbs of work that name their agent ("I teach chemistry" -> chemistry
 * teacher, "I've been nursing for years" -> nurse), businesses whose owner is named after them, and small
 * non-English role lexicons. Everything here is general vocabulary; nothing is keyed on a particular case.
 */
import { ING_ENDING, LETTERS_OR_HYPHENS, NOT_LETTERS_OR_HYPHEN, WHITESPACE_RUNS, wordTable } from "../engine/text.ts";
import { glossary, phraseGlossary, words } from "./words.ts";

const D_ENDING = /d$/;
const ED_ENDING = /ed$/;
const ES_ENDING = /es$/;
const ES_ENDING_ANY_CASE = /es$/i;
const IES_ENDING = /ies$/i;
const LEADING_DETERMINER = /^(?:a|an|the|my|our)\s+/i;
const MADE_GOODS =
  /^(?:furniture|cheese|jewellery|jewelry|pottery|glass|leather|wine|beer|cider|gin|bread|soap|chocolate|perfume|tofu|pasta|ceramics|cosmetics)$/i;
const NOT_AN_OBJECT =
  /^(?:a|an|the|my|our|his|her|their|this|that|it|them|him|me|you|us|people|kids|children|students|adults|at|in|on|for|to|from|with|and|but|so|full|part|every|some|all|here|there)$/i;
const OBJECT_STOP_WORD = /^(?:at|in|on|for|to|from|with|and|or|but|since|because|every|each)$/i;
const SIBILANT_ES_ENDING = /(?:ses|shes|ches|xes|oes)$/i;
const S_ENDING = /s$/;
const S_ENDING_ANY_CASE = /s$/i;

/** Job head nouns: the last word of a role phrase ("ICU nurse", "head winemaker", "freelance interpreter"). */
const JOB_NOUNS: ReadonlySet<string> = new Set(
  words(`
    nurse doctor physician surgeon anaesthetist anesthetist anesthesiologist pharmacist midwife paramedic medic emt
    dentist hygienist orthodontist optometrist optician physiotherapist physio therapist psychotherapist psychologist
    psychiatrist counsellor counselor radiographer radiologist sonographer phlebotomist dietitian dietician
    nutritionist chiropractor osteopath podiatrist audiologist pediatrician paediatrician cardiologist oncologist
    neurologist dermatologist gynecologist gynaecologist obstetrician clinician practitioner caregiver carer doula vet
    veterinarian pathologist epidemiologist orderly acupuncturist herbalist masseuse masseur gp neonatologist
    urologist internist hospitalist intensivist psychoanalyst

    teacher lecturer professor tutor instructor principal headteacher headmaster headmistress educator librarian
     researcher scientist postdoc student undergraduate undergrad postgraduate schoolteacher

    chef cook baker barista bartender barman barmaid waiter waitress sommelier hostess innkeeper hotelier
    restaurateur publican caterer housekeeper concierge receptionist butcher fishmonger greengrocer grocer brewer
    distiller winemaker vintner vigneron roaster cheesemaker chocolatier confectioner patissier pâtissier busser

    electrician plumber carpenter joiner mechanic welder bricklayer  stonemason roofer plasterer glazier tiler
    painter decorator locksmith upholsterer blacksmith machinist fitter millwright toolmaker boilermaker pipefitter
    steelworker ironworker scaffolder labourer laborer handyman builder contractor foreman forewoman surveyor
    installer technician engineer operator driver trucker courier dispatcher  lineman cabinetmaker
    woodworker metalworker jeweller jeweler goldsmith silversmith watchmaker clockmaker tailor seamstress
    dressmaker cobbler shoemaker saddler  repairman chauffeur cabbie pilot sailor seafarer deckhand fisherman
    fisherwoman  trawlerman boatman ferryman skipper mariner stevedore docker longshoreman mechatronic
    mechatronics glassblower engraver luthier

    farmer rancher grower farmhand shepherd herder beekeeper apiarist dairyman horticulturist agronomist
    viticulturist orchardist gardener landscaper forester arborist groundskeeper greenkeeper stockman crofter
    smallholder homesteader gamekeeper ranger farrier stablehand jockey breeder

    developer programmer coder designer analyst administrator sysadmin tester technologist statistician webmaster
    architect cto cio ciso

    manager director executive ceo cfo coo cmo president vp chairman chairwoman chairperson founder co-founder
    cofounder owner co-owner proprietor entrepreneur consultant advisor adviser accountant bookkeeper auditor actuary
    banker broker stockbroker trader underwriter economist clerk secretary administrator coordinator officer
    supervisor superintendent inspector controller comptroller treasurer cashier teller salesman saleswoman
    salesperson realtor marketer recruiter headhunter strategist buyer merchandiser retailer shopkeeper storekeeper
    negotiator paralegal lawyer solicitor barrister attorney notary judge magistrate bailiff mediator arbitrator
    freelancer contractor specialist lead

    policeman policewoman constable detective sergeant firefighter fireman soldier  airman diplomat
    politician councillor councilor mayor senator legislator postman postwoman mailman caseworker lifeguard warden
     custodian janitor caretaker cleaner archivist curator conservator coastguard dispatcher paralegal
    chaplain pastor priest minister rabbi imam vicar nun monk missionary undertaker mortician embalmer

    writer author novelist poet journalist reporter editor copywriter copyeditor columnist blogger vlogger podcaster
    youtuber influencer photographer videographer filmmaker producer cinematographer animator illustrator artist
    sculptor potter ceramicist weaver musician composer songwriter singer vocalist guitarist pianist violinist
    cellist drummer bassist dj conductor actor actress dancer choreographer comedian performer stylist tattooist
    printmaker calligrapher translator interpreter subtitler localiser localizer proofreader publisher broadcaster
    presenter narrator puppeteer magician organist illustrator maker

    nanny babysitter childminder hairdresser hairstylist barber beautician esthetician aesthetician manicurist
    trainer coach florist groomer

    biologist chemist physicist geologist ecologist botanist zoologist astronomer mathematician microbiologist
    geneticist neuroscientist oceanographer meteorologist archaeologist anthropologist sociologist historian
    linguist geographer cartographer hydrologist entomologist ornithologist pharmacologist toxicologist biochemist
    volcanologist seismologist glaciologist biostatistician

    apprentice intern trainee volunteer retiree pensioner homemaker housewife househusband
    dev rn lpn cna swe sde
  `),
);

const REPRESENTED = "sales support service account customer";

/**
 * Heads that name a job only with the right modifier: "social worker" but not "hard worker", "team leader" but
 * not "natural leader", "estate agent" but not "free agent". The modifiers of a head are one space-separated string.
 */
const GUARDED_HEADS: Readonly<Record<string, ReadonlySet<string>>> = wordTable(
  Object.fromEntries(
    Object.entries({
      worker:
        "social care support farm factory warehouse youth aid health community postal construction steel shift office retail kitchen charity case dock rail sex relief outreach",
      leader: "team shift youth group project squad section tour scout site unit ward crew",
      planner: "wedding event financial urban town city production media transport menu",
      player:
        "football soccer basketball volleyball tennis rugby hockey baseball cricket golf poker chess professional",
      host: "podcast radio tv television show talk event airbnb",
      agent:
        "estate travel support insurance booking talent sales service border literary leasing letting customs ticket",
      partner: "managing senior equity founding law",
      rep: REPRESENTED,
      representative: REPRESENTED,
      assistant:
        "teaching research dental medical veterinary executive personal administrative legal shop sales care nursing healthcare lab laboratory office",
      associate: "sales research legal retail warehouse store pharmacy",
      walker: "dog",
      guide:
        "tour mountain fishing museum hiking safari trekking climbing ski river rafting dive diving travel city wildlife nature lead head senior chief",
      guard: "security prison border coast life night museum park",
      porter: "hospital hotel night airport",
      sitter: "pet house baby dog cat",
      server: "restaurant banquet cocktail",
      carrier: "mail letter",
      servant: "civil public",
      counsel: "legal general in-house",
      secretary: "school medical legal company executive general",
    }).map(([head, modifiers]) => [head, new Set(words(modifiers))]),
  ),
);

/** "dog owner", "home owner": owning something is not a job unless it is a business. */
const NOT_A_BUSINESS =
  /^(?:dog|cat|pet|home|house|horse|car|bike|boat|property|account|apartment|flat|phone|iphone|land|gun|business-class)$/i;

/** True when `word` (lowercased) heads a role phrase, given the word before it. */
export function isJobHead(word: string, previous = ""): boolean {
  const w = word.toLowerCase();
  const prev = previous.toLowerCase().replace(NOT_LETTERS_OR_HYPHEN, "");
  const guard = GUARDED_HEADS[w];
  if (guard) return guard.has(prev);
  if ((w === "owner" || w === "co-owner") && NOT_A_BUSINESS.test(prev)) return false;
  return JOB_NOUNS.has(w);
}

interface WorkVerb {
  agent: string;
  keepsObject: boolean;
  /** The objects the verb needs to name a job ("drive trucks", not "drive"). */
  needs?: RegExp;
}

/** Verbs of work from a glossary of verb and agent ("teach: teacher;"), all keeping their object or none. */
const workVerbs = (entries: string, keepsObject: boolean): Record<string, WorkVerb> =>
  Object.fromEntries(Object.entries(glossary(entries)).map(([verb, agent]) => [verb, { agent, keepsObject }]));

/**
 * Verbs of work and the agent noun they give. `keepsObject` marks verbs whose object names the speciality
 * ("I teach chemistry" -> chemistry teacher, "I roast coffee" -> coffee roaster).
 */
const WORK_VERBS: Readonly<Record<string, WorkVerb>> = wordTable({
  drive: {
    agent: "driver",
    keepsObject: true,
    needs:
      /^(?:trucks?|lorr(?:y|ies)|bus(?:es)?|taxis?|cabs?|vans?|tractors?|forklifts?|ambulances?|trains?|trams?|coaches|semis?|rigs?|hgvs?)$/i,
  },
  make: {
    agent: "maker",
    keepsObject: true,
    needs:
      /^(?:violins?|guitars?|furniture|cheese|jewellery|jewelry|pottery|knives|shoes|boots|hats|candles|soap|chocolate|wine|beer|cider|gin|bread|saddles|clocks|watches|instruments|cabinets|boats|bikes|bicycles|frames|quilts|rugs|baskets|ceramics|glass|leather|signs|maps|films|documentaries|tiles|perfume|cosmetics|tofu|pasta|sausages)$/i,
  },
  ...workVerbs(
    "teach: teacher; farm: farmer; roast: roaster; brew: brewer; tutor: tutor; photograph: photographer; design: designer;",
    true,
  ),
  ...workVerbs(
    "nurse: nurse; translate: translator; interpret: interpreter; bake: baker; lecture: lecturer; preach: preacher; " +
      "illustrate: illustrator; edit: editor; nanny: nanny; bartend: bartender; waitress: waitress; plumb: plumber; " +
      "weld: welder; ranch: rancher; counsel: counsellor; freelance: freelancer;",
    false,
  ),
});

/** Inflected form -> base verb ("teaching" -> teach, "teaches" -> teach, "nursing" -> nurse). */
export function workVerb(form: string): string | null {
  const w = form.toLowerCase();
  if (WORK_VERBS[w]) return w;
  const candidates = [
    w.replace(ING_ENDING, ""),
    w.replace(ING_ENDING, "e"),
    w.replace(ES_ENDING, ""),
    w.replace(S_ENDING, ""),
    w.replace(ED_ENDING, ""),
    w.replace(D_ENDING, ""),
  ];
  for (const c of candidates) if (c !== w && WORK_VERBS[c]) return c;
  return null;
}

/** Nouns ending in -s that are singular school subjects or fields ("I teach physics"). */
const SINGULAR_S = /(?:ics|ss|us|is|news|maths|arts|sciences|studies)$/i;

/** "trucks" -> truck, "buses" -> bus, "lorries" -> lorry, "potatoes" -> potato. */
function singular(word: string): string {
  if (IES_ENDING.test(word)) return word.replace(IES_ENDING, "y");
  if (SIBILANT_ES_ENDING.test(word)) return word.replace(ES_ENDING_ANY_CASE, "");
  return word.replace(S_ENDING_ANY_CASE, "");
}

/** "teach" + "chemistry" -> "chemistry teacher"; plural or pronoun objects are dropped ("teach kids" -> teacher). */
export function agentFor(verb: string, object: string): string | null {
  const entry = WORK_VERBS[verb];
  if (!entry) return null;
  if (!entry.keepsObject) return entry.agent;
  const obj = object.trim().replace(WHITESPACE_RUNS, " ");
  if (entry.needs) {
    // "driving trucks" names a job; "driving" alone does not.
    const noun = obj.replace(LEADING_DETERMINER, "").split(" ")[0] ?? "";
    if (!entry.needs.test(noun)) return null;
    const base = MADE_GOODS.test(noun) ? noun.toLowerCase() : singular(noun.toLowerCase());
    return `${base} ${entry.agent}`;
  }
  const objWords = obj.split(" ").filter(Boolean);
  if (
    objWords.length === 0 ||
    objWords.length > 3 ||
    NOT_AN_OBJECT.test(objWords[0] ?? "") ||
    objWords.some((w) => OBJECT_STOP_WORD.test(w))
  )
    return entry.agent;
  const last = objWords[objWords.length - 1] ?? "";
  // "photograph weddings" -> wedding photographer; longer plural objects are too loose to keep.
  if (S_ENDING_ANY_CASE.test(last) && !SINGULAR_S.test(last))
    return objWords.length === 1 ? `${singular(last)} ${entry.agent}` : entry.agent;
  if (!objWords.every((w) => LETTERS_OR_HYPHENS.test(w))) return entry.agent;
  return `${obj} ${entry.agent}`;
}

/** Businesses whose owner or runner is named after them ("I run a guesthouse" -> guesthouse owner). */
export const BUSINESS_NOUNS =
  "farm|ranch|bakery|café|cafe|coffee shop|coffee roastery|roastery|restaurant|bistro|diner|shop|salon|practice|clinic|studio|gym|bar|pub|store|boutique|garage|bookshop|bookstore|nursery|dental clinic|dental practice|dental surgery|veterinary clinic|veterinary practice|vet clinic|law firm|physio clinic|physiotherapy clinic|physiotherapy practice|architecture firm|architecture practice|accounting firm|accounting practice|accountancy practice|brewery|winery|distillery|vineyard|hotel|guesthouse|guest house|hostel|inn|b&b|bed and breakfast|agency|pharmacy|surgery|kitchen|food truck|workshop|bike shop|florist|deli|butchery|barbershop|daycare|kindergarten|preschool|playgroup|creche|crèche|school|consultancy|firm|dairy|orchard|kennel|cattery|stable|marina|campsite|gallery|pottery|bike workshop|repair shop|tattoo parlour|tattoo parlor|laundromat|spa|hair salon|nail salon|yoga studio|pilates studio|dance studio|music school|language school|driving school|print shop|tailor shop|food stall|market stall|stall|estate|company|business|startup|start-up";

/** "roastery" -> "roaster", "farm" -> "farmer": the trade a business implies when that reads better than "owner". */
export const BUSINESS_TRADE: Readonly<Record<string, string>> = phraseGlossary(
  "dental clinic, dental practice, dental surgery: dentist; " +
    "veterinary clinic, veterinary practice, vet clinic: veterinarian; law firm: lawyer; " +
    "physio clinic, physiotherapy clinic, physiotherapy practice: physiotherapist; " +
    "architecture firm, architecture practice: architect; " +
    "accounting firm, accounting practice, accountancy practice: accountant; optician's practice: optician; " +
    "optometry practice: optometrist; pharmacy: pharmacist; barbershop: barber; " +
    "bike shop, bike workshop: bike mechanic; repair shop: repair technician; " +
    "tattoo parlour, tattoo parlor: tattoo artist; florist: florist; butchery: butcher; brewery: brewer; " +
    "distillery: distiller; winery: winemaker; farm: farmer; ranch: rancher; " +
    "roastery, coffee roastery: coffee roaster; vineyard: winemaker; orchard: fruit grower; dairy: dairy farmer;",
);

/**
 * Heads of a role phrase whatever word stands before them, though the lexicon above guards them ("assistant") or does
 * not list them. An adjective is never one: "social worker" is read by the guarded head "worker", and "social" alone
 * ("a social butterfly", "a social media addict") names no job.
 */
export const UNGUARDED_HEADS: ReadonlySet<string> = new Set(words("assistant vendor landlord miner"));

/** Trades named in a business's name ("Price Electrical Ltd") -> the owner's trade. */
export const TRADE_WORDS: Record<string, string> = glossary(
  "electrical electrics: electrician; plumbing: plumber; bakery: baker; carpentry: carpenter; joinery: joiner; " +
    "roofing: roofer; landscaping: landscaper; builders building: builder; painting: painter; " +
    "decorating: decorator; cleaning: cleaner; catering: caterer; photography: photographer; ceramics: ceramicist; " +
    "pottery: potter; jewellery: jeweller; jewelry: jeweler; tailoring: tailor; upholstery: upholsterer; " +
    "glazing: glazier; tiling: tiler; plastering: plasterer; locksmiths: locksmith; " +
    "accounting accountancy: accountant; dental: dentist; veterinary: veterinarian; farm farms: farmer; " +
    "transport haulage: haulier; café cafe: café owner;",
);

/** Verbs of work that name an occupation ("Ros farms 620 ha", "I make games"). */
export const OCCUPATION_VERBS: readonly [RegExp, string][] = [
  // "farms" as a verb after its doer ("Ros farms 620 ha", "she farms"); "8 farms", "our farms" are the noun.
  [
    /(?:\b[Ss]he|\b[Hh]e|\b(?!(?:The|Our|Their|His|Her|My|These|Those|All|Many|Some|Both|Family|Dairy)\b)\p{Lu}[\p{Ll}'’-]+)\s+farms\b|\b[Ii] farm\b|\b[Ww]e farm\b/u,
    "farmer",
  ],
  [/\b(?:make|makes|making|develop|develops|build|builds) (?:video |indie |mobile )?games\b/i, "game developer"],
  [/\bdrives? (?:a )?(?:truck|lorry|lorries|trucks|hgv)s?\b/i, "truck driver"],
];
