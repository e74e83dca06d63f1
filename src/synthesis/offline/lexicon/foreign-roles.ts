import { glossary } from "./words.ts";

const TRAILING_HYPHEN = /-$/;
/** German role words (lowercased) -> English. Compounds are resolved by their last part (see germanRole). */
const GERMAN_ROLES: Readonly<Record<string, string>> = glossary(
  "krankenschwester krankenpfleger krankenpflegerin pflegekraft: nurse; lehrer lehrerin: teacher; " +
    "ingenieur ingenieurin: engineer; mechaniker mechanikerin: mechanic; " +
    "mechatroniker mechatronikerin: mechatronics technician; bäcker bäckerin: baker; " +
    "tischler tischlerin schreiner schreinerin: carpenter; elektriker elektrikerin: electrician; " +
    "arzt ärztin: doctor; programmierer programmiererin: programmer; entwickler entwicklerin: developer; " +
    "koch köchin: cook; friseur friseurin: hairdresser; landwirt landwirtin bauer bäuerin: farmer; " +
    "übersetzer übersetzerin: translator; dolmetscher dolmetscherin: interpreter; " +
    "architekt architektin: architect; erzieher erzieherin: nursery teacher; designer designerin: designer; " +
    "journalist journalistin: journalist; fotograf fotografin: photographer; " +
    "anwalt anwältin rechtsanwalt rechtsanwältin: lawyer; apotheker apothekerin: pharmacist; " +
    "buchhalter buchhalterin: bookkeeper; verkäufer verkäuferin: salesperson; fahrer fahrerin: driver; " +
    "schlosser: locksmith; maler malerin: painter; klempner installateur: plumber; hebamme: midwife; " +
    "physiotherapeut physiotherapeutin: physiotherapist; tierarzt tierärztin: veterinarian; " +
    "zahnarzt zahnärztin: dentist; studentin student: student; wissenschaftler wissenschaftlerin: scientist; " +
    "forscher forscherin: researcher; kellner: waiter; kellnerin: waitress; winzer winzerin: winemaker; " +
    "gärtner gärtnerin: gardener; polizist polizistin: police officer; schneider schneiderin: tailor;",
);

/** German compound prefixes that say what the worker works on ("Zweiradmechaniker" -> bicycle mechanic). */
const GERMAN_PREFIXES: Readonly<Record<string, string>> = glossary(
  "zweirad fahrrad rad: bicycle; kfz auto: car; software: software; grundschul: primary school; mathe: maths; " +
    "deutsch: German; englisch: English; musik: music; kunst: art; sport: PE; konditor: pastry;",
);

/** "gelernter Zweiradmechatroniker" -> "bicycle mechatronics technician"; null when no German role word is found. */
export function germanRole(word: string): string | null {
  const w = word.toLowerCase();
  if (GERMAN_ROLES[w]) return GERMAN_ROLES[w] ?? null;
  for (let cut = 2; cut < w.length - 3; cut += 1) {
    const head = GERMAN_ROLES[w.slice(cut)];
    if (!head) continue;
    const prefix = GERMAN_PREFIXES[w.slice(0, cut).replace(TRAILING_HYPHEN, "")];
    return prefix ? `${prefix} ${head}` : head;
  }
  return null;
}

/** French and Portuguese/Italian role words (lowercased) -> English. */
export const ROMANCE_ROLES: Readonly<Record<string, string>> = glossary(
  "infirmière infirmier: nurse; enseignante enseignant professeure professeur institutrice instituteur: teacher; " +
    "médecin: doctor; ingénieure ingénieur: engineer; boulangère boulanger: baker; " +
    "agricultrice agriculteur: farmer; avocate avocat: lawyer; traductrice traducteur: translator; " +
    "interprète: interpreter; développeuse développeur: developer; vigneronne vigneron: winemaker; " +
    "enfermeira enfermeiro: nurse; professora: teacher; engenheira engenheiro: engineer; " +
    "infermiera infermiere: nurse; insegnante: teacher; ingegnere: engineer; " +
    "traduttrice traduttore tradutora tradutor: translator; enóloga enólogo: winemaker; intérprete: interpreter; " +
    "traductora traductor: translator; hostelera: hospitality owner; camarera: waitress; camarero: waiter; " +
    "peluquera peluquero: hairdresser; carpintero: carpenter; mecánico mecánica: mechanic; " +
    "arquitecta arquitecto: architect; fotógrafa fotógrafo: photographer; psicóloga psicólogo: psychologist; " +
    "carpinteiro carpinteira: carpenter; padeiro padeira: baker; cozinheiro cozinheira: cook; " +
    "advogado advogada: lawyer; motorista: driver; eletricista: electrician; canalizador encanador: plumber; " +
    "jornalista: journalist; cuoco cuoca: cook; medico: doctor; avvocato avvocata: lawyer; cameriere: waiter; " +
    "cameriera: waitress; panettiere panettiera: baker; contadino contadina agricoltore: farmer; " +
    "architetto: architect; programmatore programmatrice: programmer; meccanico: mechanic; idraulico: plumber; " +
    "elettricista: electrician; parrucchiere parrucchiera: hairdresser; fotografo fotografa: photographer; " +
    "giornalista: journalist; commessa commesso: shop assistant; verpleegkundige verpleger: nurse; " +
    "leraar lerares docent: teacher; bakker: baker; kok: cook; boer boerin: farmer; ontwikkelaar: developer; " +
    "ontwerper: designer; vertaler: translator; tolk: interpreter; kapper: hairdresser; monteur: mechanic; " +
    "elektricien: electrician; loodgieter: plumber; timmerman: carpenter; schilder: painter; " +
    "fotograaf: photographer; advocaat: lawyer; apotheker: pharmacist; tandarts: dentist; " +
    "dierenarts: veterinarian; boekhouder: bookkeeper; vrachtwagenchauffeur: truck driver; huisarts: GP;",
);

/** Spanish/Portuguese/French business nouns -> the owner's English role ("casa de huéspedes" -> guesthouse owner). */
export const FOREIGN_BUSINESSES: readonly [RegExp, string][] = [
  [
    /\bcasa de hu[ée]spedes\b|\bposada\b|\bhostal\b|\bpousada\b|\bchambres? d['’]h[ôo]tes?\b|\bpensión\b/i,
    "guesthouse owner",
  ],
  [/\bpanader[íi]a\b|\bboulangerie\b|\bpadaria\b|\bB[äa]ckerei\b/i, "bakery owner"],
  [/\bcafeter[íi]a\b/i, "café owner"],
  [/\btostadur[íi]a\b|\bR[öo]sterei\b/i, "coffee roaster"],
  [/\b(?:Fahrrad|Zweirad|Rad)-?[Ww]erkstatt\b|\btaller de bicicletas\b|\batelier v[ée]lo\b/i, "bike mechanic"],
];

export const SPANISH_OCCUPATIONS: Record<string, string> = glossary(
  "camionera camionero transportista: truck driver; conductora conductor: driver; enfermera enfermero: nurse; " +
    "médica médico: doctor; profesora profesor maestra maestro: teacher; ingeniera ingeniero: engineer; " +
    "agricultora agricultor: farmer; abogada abogado: lawyer; farmacéutica farmacéutico: pharmacist; " +
    "panadera panadero: baker; cocinera cocinero: cook; periodista: journalist; " +
    "programadora programador: programmer; diseñadora diseñador: designer; contable: accountant; " +
    "veterinaria veterinario: veterinarian; electricista: electrician; fontanera fontanero: plumber;",
);
