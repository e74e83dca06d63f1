/**
 * Occupation knowledge for the offline engine: a broad lexicon of job nouns (trades, health, education, hospitality,
 * tech, arts, farming, public service), verbs of work that name their agent ("I teach chemistry" -> chemistry
 * teacher, "I've been nursing for years" -> nurse), businesses whose owner is named after them, and small
 * non-English role lexicons. Everything here is general vocabulary; nothing is keyed on a particular case.
 */

const words = (text: string): string[] => text.trim().split(/\s+/);

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

/** What a rep or representative represents ("sales rep", "customer service representative"). */
const REPRESENTED = new Set(words("sales support service account customer"));

/**
 * Heads that name a job only with the right modifier: "social worker" but not "hard worker", "team leader" but
 * not "natural leader", "estate agent" but not "free agent".
 */
const GUARDED_HEADS: Readonly<Record<string, ReadonlySet<string>>> = {
  worker: new Set(
    words(
      "social care support farm factory warehouse youth aid health community postal construction steel shift office retail kitchen charity case dock rail sex relief outreach",
    ),
  ),
  leader: new Set(words("team shift youth group project squad section tour scout site unit ward crew")),
  planner: new Set(words("wedding event financial urban town city production media transport menu")),
  player: new Set(
    words("football soccer basketball volleyball tennis rugby hockey baseball cricket golf poker chess professional"),
  ),
  host: new Set(words("podcast radio tv television show talk event airbnb")),
  agent: new Set(
    words(
      "estate travel support insurance booking talent sales service border literary leasing letting customs ticket",
    ),
  ),
  partner: new Set(words("managing senior equity founding law")),
  rep: REPRESENTED,
  representative: REPRESENTED,
  assistant: new Set(
    words(
      "teaching research dental medical veterinary executive personal administrative legal shop sales care nursing healthcare lab laboratory office",
    ),
  ),
  associate: new Set(words("sales research legal retail warehouse store pharmacy")),
  walker: new Set(words("dog")),
  guide: new Set(
    words(
      "tour mountain fishing museum hiking safari trekking climbing ski river rafting dive diving travel city wildlife nature",
    ),
  ),
  guard: new Set(words("security prison border coast life night museum park")),
  porter: new Set(words("hospital hotel night airport")),
  sitter: new Set(words("pet house baby dog cat")),
  server: new Set(words("restaurant banquet cocktail")),
  carrier: new Set(words("mail letter")),
  servant: new Set(words("civil public")),
  counsel: new Set(words("legal general in-house")),
  secretary: new Set(words("school medical legal company executive general")),
};

/** "dog owner", "home owner": owning something is not a job unless it is a business. */
const NOT_A_BUSINESS =
  /^(?:dog|cat|pet|home|house|horse|car|bike|boat|property|account|apartment|flat|phone|iphone|land|gun|business-class)$/i;

/** True when `word` (lowercased) heads a role phrase, given the word before it. */
export function isJobHead(word: string, previous = ""): boolean {
  const w = word.toLowerCase();
  const prev = previous.toLowerCase().replace(/[^\p{L}-]/gu, "");
  const guard = GUARDED_HEADS[w];
  if (guard) return guard.has(prev);
  if ((w === "owner" || w === "co-owner") && NOT_A_BUSINESS.test(prev)) return false;
  return JOB_NOUNS.has(w);
}

/**
 * Verbs of work and the agent noun they give. `keepsObject` marks verbs whose object names the speciality
 * ("I teach chemistry" -> chemistry teacher, "I roast coffee" -> coffee roaster).
 */
const WORK_VERBS: Readonly<Record<string, { agent: string; keepsObject: boolean; needs?: RegExp }>> = {
  drive: {
    agent: "driver",
    keepsObject: true,
    needs:
      /^(?:trucks?|lorr(?:y|ies)|bus(?:es)?|taxis?|cabs?|vans?|tractors?|forklifts?|ambulances?|trains?|trams?|coaches|semis?|rigs?|hgvs?)$/i,
  },
  teach: { agent: "teacher", keepsObject: true },
  make: {
    agent: "maker",
    keepsObject: true,
    needs:
      /^(?:violins?|guitars?|furniture|cheese|jewellery|jewelry|pottery|knives|shoes|boots|hats|candles|soap|chocolate|wine|beer|cider|gin|bread|saddles|clocks|watches|instruments|cabinets|boats|bikes|bicycles|frames|quilts|rugs|baskets|ceramics|glass|leather|furniture|signs|maps|films|documentaries|tiles|perfume|cosmetics|kimchi|tofu|pasta|sausages|cabinets)$/i,
  },
  nurse: { agent: "nurse", keepsObject: false },
  farm: { agent: "farmer", keepsObject: true },
  roast: { agent: "roaster", keepsObject: true },
  translate: { agent: "translator", keepsObject: false },
  interpret: { agent: "interpreter", keepsObject: false },
  bake: { agent: "baker", keepsObject: false },
  brew: { agent: "brewer", keepsObject: true },
  tutor: { agent: "tutor", keepsObject: true },
  lecture: { agent: "lecturer", keepsObject: false },
  preach: { agent: "preacher", keepsObject: false },
  photograph: { agent: "photographer", keepsObject: true },
  illustrate: { agent: "illustrator", keepsObject: false },
  edit: { agent: "editor", keepsObject: false },
  design: { agent: "designer", keepsObject: true },
  nanny: { agent: "nanny", keepsObject: false },
  bartend: { agent: "bartender", keepsObject: false },
  waitress: { agent: "waitress", keepsObject: false },
  plumb: { agent: "plumber", keepsObject: false },
  weld: { agent: "welder", keepsObject: false },
  ranch: { agent: "rancher", keepsObject: false },
  counsel: { agent: "counsellor", keepsObject: false },
  freelance: { agent: "freelancer", keepsObject: false },
};

/** Inflected form -> base verb ("teaching" -> teach, "teaches" -> teach, "nursing" -> nurse). */
export function workVerb(form: string): string | null {
  const w = form.toLowerCase();
  if (WORK_VERBS[w]) return w;
  const candidates = [
    w.replace(/ing$/, ""),
    w.replace(/ing$/, "e"),
    w.replace(/es$/, ""),
    w.replace(/s$/, ""),
    w.replace(/ed$/, ""),
    w.replace(/d$/, ""),
  ];
  for (const c of candidates) if (c !== w && WORK_VERBS[c]) return c;
  return null;
}

/** Nouns ending in -s that are singular school subjects or fields ("I teach physics"). */
const SINGULAR_S = /(?:ics|ss|us|is|news|maths|arts|sciences|studies)$/i;

/** "trucks" -> truck, "buses" -> bus, "lorries" -> lorry, "potatoes" -> potato. */
function singular(word: string): string {
  if (/ies$/i.test(word)) return word.replace(/ies$/i, "y");
  if (/(?:ses|shes|ches|xes|oes)$/i.test(word)) return word.replace(/es$/i, "");
  return word.replace(/s$/i, "");
}

/** "teach" + "chemistry" -> "chemistry teacher"; plural or pronoun objects are dropped ("teach kids" -> teacher). */
export function agentFor(verb: string, object: string): string | null {
  const entry = WORK_VERBS[verb];
  if (!entry) return null;
  if (!entry.keepsObject) return entry.agent;
  const obj = object.trim().replace(/\s+/g, " ");
  if (entry.needs) {
    // "driving trucks" names a job; "driving" alone does not.
    const noun = obj.replace(/^(?:a|an|the|my|our)\s+/i, "").split(" ")[0] ?? "";
    if (!entry.needs.test(noun)) return null;
    const base =
      /^(?:furniture|cheese|jewellery|jewelry|pottery|glass|leather|wine|beer|cider|gin|bread|soap|chocolate|perfume|kimchi|tofu|pasta|ceramics|cosmetics)$/i.test(
        noun,
      )
        ? noun.toLowerCase()
        : singular(noun.toLowerCase());
    return `${base} ${entry.agent}`;
  }
  const objWords = obj.split(" ").filter(Boolean);
  if (
    objWords.length === 0 ||
    objWords.length > 3 ||
    /^(?:a|an|the|my|our|his|her|their|this|that|it|them|him|me|you|us|people|kids|children|students|adults|at|in|on|for|to|from|with|and|but|so|full|part|every|some|all|here|there)$/i.test(
      objWords[0] ?? "",
    ) ||
    objWords.some((w) => /^(?:at|in|on|for|to|from|with|and|or|but|since|because|every|each)$/i.test(w))
  )
    return entry.agent;
  const last = objWords[objWords.length - 1] ?? "";
  // "photograph weddings" -> wedding photographer; longer plural objects are too loose to keep.
  if (/s$/i.test(last) && !SINGULAR_S.test(last))
    return objWords.length === 1 ? `${singular(last)} ${entry.agent}` : entry.agent;
  if (!objWords.every((w) => /^[\p{L}-]+$/u.test(w))) return entry.agent;
  return `${obj} ${entry.agent}`;
}

/** Businesses whose owner or runner is named after them ("I run a guesthouse" -> guesthouse owner). */
export const BUSINESS_NOUNS =
  "farm|ranch|bakery|café|cafe|coffee shop|coffee roastery|roastery|restaurant|bistro|diner|shop|salon|practice|clinic|studio|gym|bar|pub|store|boutique|garage|bookshop|bookstore|nursery|dental clinic|dental practice|dental surgery|veterinary clinic|veterinary practice|vet clinic|law firm|physio clinic|physiotherapy clinic|physiotherapy practice|architecture firm|architecture practice|accounting firm|accounting practice|accountancy practice|brewery|winery|distillery|vineyard|hotel|guesthouse|guest house|hostel|inn|b&b|bed and breakfast|agency|pharmacy|surgery|kitchen|food truck|workshop|bike shop|florist|deli|butchery|barbershop|daycare|kindergarten|school|consultancy|firm|dairy|orchard|ranch|nursery|kennel|cattery|stable|marina|campsite|bookshop|gallery|pottery|bike workshop|repair shop|tattoo parlour|tattoo parlor|laundromat|spa|hair salon|nail salon|yoga studio|pilates studio|dance studio|music school|language school|driving school|print shop|tailor shop|food stall|market stall|stall|vineyard|estate|company|business|startup|start-up|agency";

/** "roastery" -> "roaster", "farm" -> "farmer": the trade a business implies when that reads better than "owner". */
export const BUSINESS_TRADE: Readonly<Record<string, string>> = {
  "dental clinic": "dentist",
  "dental practice": "dentist",
  "dental surgery": "dentist",
  "veterinary clinic": "veterinarian",
  "veterinary practice": "veterinarian",
  "vet clinic": "veterinarian",
  "law firm": "lawyer",
  "physio clinic": "physiotherapist",
  "physiotherapy clinic": "physiotherapist",
  "physiotherapy practice": "physiotherapist",
  "architecture firm": "architect",
  "architecture practice": "architect",
  "accounting firm": "accountant",
  "accounting practice": "accountant",
  "accountancy practice": "accountant",
  "optician's practice": "optician",
  "optometry practice": "optometrist",
  pharmacy: "pharmacist",
  barbershop: "barber",
  "bike shop": "bike mechanic",
  "bike workshop": "bike mechanic",
  "repair shop": "repair technician",
  "tattoo parlour": "tattoo artist",
  "tattoo parlor": "tattoo artist",
  florist: "florist",
  butchery: "butcher",
  brewery: "brewer",
  distillery: "distiller",
  winery: "winemaker",
  farm: "farmer",
  ranch: "rancher",
  roastery: "coffee roaster",
  "coffee roastery": "coffee roaster",
  vineyard: "winemaker",
  orchard: "fruit grower",
  dairy: "dairy farmer",
};

/** German role words (lowercased) -> English. Compounds are resolved by their last part (see germanRole). */
const GERMAN_ROLES: Readonly<Record<string, string>> = {
  krankenschwester: "nurse",
  krankenpfleger: "nurse",
  krankenpflegerin: "nurse",
  pflegekraft: "nurse",
  lehrer: "teacher",
  lehrerin: "teacher",
  ingenieur: "engineer",
  ingenieurin: "engineer",
  mechaniker: "mechanic",
  mechanikerin: "mechanic",
  mechatroniker: "mechatronics technician",
  mechatronikerin: "mechatronics technician",
  bäcker: "baker",
  bäckerin: "baker",
  tischler: "carpenter",
  tischlerin: "carpenter",
  schreiner: "carpenter",
  schreinerin: "carpenter",
  elektriker: "electrician",
  elektrikerin: "electrician",
  arzt: "doctor",
  ärztin: "doctor",
  programmierer: "programmer",
  programmiererin: "programmer",
  entwickler: "developer",
  entwicklerin: "developer",
  koch: "cook",
  köchin: "cook",
  friseur: "hairdresser",
  friseurin: "hairdresser",
  landwirt: "farmer",
  landwirtin: "farmer",
  bauer: "farmer",
  bäuerin: "farmer",
  übersetzer: "translator",
  übersetzerin: "translator",
  dolmetscher: "interpreter",
  dolmetscherin: "interpreter",
  architekt: "architect",
  architektin: "architect",
  erzieher: "nursery teacher",
  erzieherin: "nursery teacher",
  designer: "designer",
  designerin: "designer",
  journalist: "journalist",
  journalistin: "journalist",
  fotograf: "photographer",
  fotografin: "photographer",
  anwalt: "lawyer",
  anwältin: "lawyer",
  rechtsanwalt: "lawyer",
  rechtsanwältin: "lawyer",
  apotheker: "pharmacist",
  apothekerin: "pharmacist",
  buchhalter: "bookkeeper",
  buchhalterin: "bookkeeper",
  verkäufer: "salesperson",
  verkäuferin: "salesperson",
  fahrer: "driver",
  fahrerin: "driver",
  schlosser: "locksmith",
  maler: "painter",
  malerin: "painter",
  klempner: "plumber",
  installateur: "plumber",
  hebamme: "midwife",
  physiotherapeut: "physiotherapist",
  physiotherapeutin: "physiotherapist",
  tierarzt: "veterinarian",
  tierärztin: "veterinarian",
  zahnarzt: "dentist",
  zahnärztin: "dentist",
  studentin: "student",
  student: "student",
  wissenschaftler: "scientist",
  wissenschaftlerin: "scientist",
  forscher: "researcher",
  forscherin: "researcher",
  kellner: "waiter",
  kellnerin: "waitress",
  winzer: "winemaker",
  winzerin: "winemaker",
  gärtner: "gardener",
  gärtnerin: "gardener",
  polizist: "police officer",
  polizistin: "police officer",
  schneider: "tailor",
  schneiderin: "tailor",
};

/** German compound prefixes that say what the worker works on ("Zweiradmechaniker" -> bicycle mechanic). */
const GERMAN_PREFIXES: Readonly<Record<string, string>> = {
  zweirad: "bicycle",
  fahrrad: "bicycle",
  rad: "bicycle",
  kfz: "car",
  auto: "car",
  software: "software",
  grundschul: "primary school",
  mathe: "maths",
  deutsch: "German",
  englisch: "English",
  musik: "music",
  kunst: "art",
  sport: "PE",
  konditor: "pastry",
};

/** "gelernter Zweiradmechatroniker" -> "bicycle mechatronics technician"; null when no German role word is found. */
export function germanRole(word: string): string | null {
  const w = word.toLowerCase();
  if (GERMAN_ROLES[w]) return GERMAN_ROLES[w] ?? null;
  for (let cut = 2; cut < w.length - 3; cut += 1) {
    const head = GERMAN_ROLES[w.slice(cut)];
    if (!head) continue;
    const prefix = GERMAN_PREFIXES[w.slice(0, cut).replace(/-$/, "")];
    return prefix ? `${prefix} ${head}` : head;
  }
  return null;
}

/** French and Portuguese/Italian role words (lowercased) -> English. */
export const ROMANCE_ROLES: Readonly<Record<string, string>> = {
  infirmière: "nurse",
  infirmier: "nurse",
  enseignante: "teacher",
  enseignant: "teacher",
  professeure: "teacher",
  professeur: "teacher",
  institutrice: "teacher",
  instituteur: "teacher",
  médecin: "doctor",
  ingénieure: "engineer",
  ingénieur: "engineer",
  boulangère: "baker",
  boulanger: "baker",
  agricultrice: "farmer",
  agriculteur: "farmer",
  avocate: "lawyer",
  avocat: "lawyer",
  traductrice: "translator",
  traducteur: "translator",
  interprète: "interpreter",
  développeuse: "developer",
  développeur: "developer",
  vigneronne: "winemaker",
  vigneron: "winemaker",
  enfermeira: "nurse",
  enfermeiro: "nurse",
  professora: "teacher",
  engenheira: "engineer",
  engenheiro: "engineer",
  infermiera: "nurse",
  infermiere: "nurse",
  insegnante: "teacher",
  ingegnere: "engineer",
  traduttrice: "translator",
  traduttore: "translator",
  tradutora: "translator",
  tradutor: "translator",
  enóloga: "winemaker",
  enólogo: "winemaker",
  intérprete: "interpreter",
  traductora: "translator",
  traductor: "translator",
  hostelera: "hospitality owner",
  camarera: "waitress",
  camarero: "waiter",
  peluquera: "hairdresser",
  peluquero: "hairdresser",
  carpintero: "carpenter",
  mecánico: "mechanic",
  mecánica: "mechanic",
  arquitecta: "architect",
  arquitecto: "architect",
  fotógrafa: "photographer",
  fotógrafo: "photographer",
  psicóloga: "psychologist",
  psicólogo: "psychologist",
  carpinteiro: "carpenter",
  carpinteira: "carpenter",
  padeiro: "baker",
  padeira: "baker",
  cozinheiro: "cook",
  cozinheira: "cook",
  advogado: "lawyer",
  advogada: "lawyer",
  motorista: "driver",
  eletricista: "electrician",
  canalizador: "plumber",
  encanador: "plumber",
  jornalista: "journalist",
  cuoco: "cook",
  cuoca: "cook",
  medico: "doctor",
  avvocato: "lawyer",
  avvocata: "lawyer",
  cameriere: "waiter",
  cameriera: "waitress",
  panettiere: "baker",
  panettiera: "baker",
  contadino: "farmer",
  contadina: "farmer",
  agricoltore: "farmer",
  architetto: "architect",
  programmatore: "programmer",
  programmatrice: "programmer",
  meccanico: "mechanic",
  idraulico: "plumber",
  elettricista: "electrician",
  parrucchiere: "hairdresser",
  parrucchiera: "hairdresser",
  fotografo: "photographer",
  fotografa: "photographer",
  giornalista: "journalist",
  commessa: "shop assistant",
  commesso: "shop assistant",
  verpleegkundige: "nurse",
  verpleger: "nurse",
  leraar: "teacher",
  lerares: "teacher",
  docent: "teacher",
  bakker: "baker",
  kok: "cook",
  boer: "farmer",
  boerin: "farmer",
  ontwikkelaar: "developer",
  ontwerper: "designer",
  vertaler: "translator",
  tolk: "interpreter",
  kapper: "hairdresser",
  monteur: "mechanic",
  elektricien: "electrician",
  loodgieter: "plumber",
  timmerman: "carpenter",
  schilder: "painter",
  fotograaf: "photographer",
  advocaat: "lawyer",
  apotheker: "pharmacist",
  tandarts: "dentist",
  dierenarts: "veterinarian",
  boekhouder: "bookkeeper",
  vrachtwagenchauffeur: "truck driver",
  huisarts: "GP",
};

/** Spanish/Portuguese/French business nouns -> the owner's English role ("casa de huéspedes" -> guesthouse owner). */
export const FOREIGN_BUSINESSES: readonly [RegExp, string][] = [
  [
    /\bcasa de hu[ée]spedes\b|\bposada\b|\bhostal\b|\bpousada\b|\bchambres? d['’]h[ôo]tes?\b|\bpensi[oó]n\b/i,
    "guesthouse owner",
  ],
  [/\bpanader[íi]a\b|\bboulangerie\b|\bpadaria\b|\bB[äa]ckerei\b/i, "bakery owner"],
  [/\bcafeter[íi]a\b/i, "café owner"],
  [/\btostadur[íi]a\b|\bR[öo]sterei\b/i, "coffee roaster"],
  [
    /\b(?:Fahrrad|Lastenrad|Zweirad|Rad)-?[Ww]erkstatt\b|\btaller de bicicletas\b|\batelier v[ée]lo\b/i,
    "bike mechanic",
  ],
];
