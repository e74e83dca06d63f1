import { unmatched } from "../engine/rules.ts";
import { WHITESPACE, WHITESPACE_RUNS } from "../engine/text.ts";
import { glossary } from "../lexicon/words.ts";
import type { ForeignCue } from "./german.ts";

const CAPITAL_OR_DIGIT_START = /^[\p{Lu}\d]/u;
const NOT_LETTERS_NUMBERS_SPACES = /[^\p{L}\p{N} ]+/gu;

/** The glossary's adjectives (Spanish puts most after the noun). */
const ADJECTIVE_ENTRIES =
  "burocráticas burocráticos: bureaucratic; inteligente: smart; seguras seguros seguro segura: safe; " +
  "vigilados vigiladas: guarded; caro caros cara caras: expensive; lento lenta: slow; " +
  "malo mala malos malas: bad; llenas llenos: full; sucio sucios: dirty; largas largos: long; pequeño: small; " +
  "grande: big; propio propia: own;";

/** Spanish words in English. */
const GLOSSARY = glossary(
  // function words
  "el la los las un una unos unas:; de: of; del: of the; y: and; o: or; en: in; con: with; sin: without; " +
    "para a: to; por: for; al: to the; que: that; más: more; muy: very; mi mis: my; su sus: her; " +
    "nuevo nueva nuevos nuevas: new; cada: every; todo todos todas: all; poco: little; mucho: a lot; " +
    "muchas: many; " +
    // verbs (infinitive / first person)
    "aparcar: parking; conducir: driving; trabajar: working; enseñar: teach; aprender: learn; quiero:; " +
    "este: this; sacarme sacar conseguir: get; obtener: obtain; abrir: open; formar: train; ayudar: help; " +
    "viajar: travel; dormir: sleeping; cocinar: cooking; leer: reading; escribir: writing; cruzar: crossing; " +
    "entrar: enter; comprar: buy; ahorrar: save; terminar: finish; empezar: start; mejorar: improve; " +
    // nouns
    "noche: night; noches: nights; día: day; días: days; baños: toilets; baño: toilet; mujeres: women; " +
    "mujer: woman; hombres: men; chicas: girls; chicos: boys; jóvenes joven: young; trabas: obstacles; " +
    "burocracia: bureaucracy; certificado: certificate; formadora formador: trainer; curso: course; " +
    "cursos: courses; sector: sector; camión: truck; carretera: road; fronteras: borders; frontera: border; " +
    "error errores: errors; tacógrafo tacografo: tachograph; aparcamientos aparcamiento: parking; áreas: areas; " +
    "descanso: rest; seguridad: safety; dinero: money; precio: price; precios: prices; tiempo: time; " +
    "familia: family; hija: daughter; hijo: son; casa: home; trabajo: work; empresa: company; " +
    "clientes: customers; cliente: customer; facturas: invoices; horario: schedule; horarios: schedules; " +
    "sueldo: pay; salario: salary; jefe jefa: boss; compañeros: colleagues; instalaciones: facilities; " +
    "gasolineras: petrol stations; control: inspection; controles: inspections; papeleo: paperwork; " +
    "tráfico: traffic; ruido: noise; estrés: stress; cansancio: tiredness; soledad: loneliness; " +
    ADJECTIVE_ENTRIES,
);

/** Adjectives in the glossary, plus common adjective endings for the rest. */
const ADJECTIVES = new Set([
  ...Object.keys(glossary(ADJECTIVE_ENTRIES)),
  ..."nuevo nueva nuevos nuevas joven jóvenes".split(" "),
]);

const ADJECTIVE_ENDINGS =
  /(?:ico|ica|icos|icas|ble|bles|ente|entes|ado|ada|ados|adas|oso|osa|osos|osas|al|ales|ivo|iva|ivos|ivas)$/;

const isAdjective = (word: string): boolean => ADJECTIVES.has(word) || ADJECTIVE_ENDINGS.test(word);

/** Short words common in Spanish prose and (nearly) absent from English: a sentence with one reads as Spanish. */
const SPANISH_MARKERS = new Set(
  "soy trabajo tengo vivo estoy el los las del que con una es mi para por como y en pero muy".split(" "),
);

/**
 * A marker as a whole word of the lowercased text: what splitting it at non-letters and looking each word up finds,
 * without an array of words per sentence (every sentence is asked).
 */
const SPANISH_MARKER_WORD = new RegExp(`(?<!\\p{L})(?:${[...SPANISH_MARKERS].join("|")})(?!\\p{L})`, "u");

/** Whether a lowercased sentence reads as Spanish: "a conductor with a hat" is English, "soy conductor de bus" is not. */
export function readsSpanishLower(lower: string): boolean {
  return SPANISH_MARKER_WORD.test(lower);
}

/** English rendering of a short Spanish phrase, or null when too many words are unknown to keep the meaning. */
export function translateSpanish(phrase: string): string | null {
  const words = phrase
    .toLowerCase()
    .replace(NOT_LETTERS_NUMBERS_SPACES, " ")
    .split(WHITESPACE)
    .filter((w) => w !== "");
  const out: string[] = [];
  let unknown = 0;
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i] ?? "";
    const next = words[i + 1];
    const english = GLOSSARY[word];
    const nextEnglish = next === undefined ? undefined : GLOSSARY[next];
    // noun + adjective -> adjective + noun ("trabas burocráticas" -> "bureaucratic obstacles")
    if (english && nextEnglish && next && isAdjective(next) && !isAdjective(word)) {
      out.push(nextEnglish, english);
      i += 1;
      continue;
    }
    if (english === undefined) {
      if (CAPITAL_OR_DIGIT_START.test(phrase.split(WHITESPACE).find((w) => w.toLowerCase() === word) ?? ""))
        out.push(word.toUpperCase());
      else unknown += 1;
      continue;
    }
    if (english !== "") out.push(english);
  }
  if (out.length === 0 || unknown > out.length / 2) return null;
  return out.join(" ").replace(WHITESPACE_RUNS, " ").trim();
}

/**
 * Spanish verbs of annoyance in the third person, what "me ..." says of a thing that wears the speaker down ("me
 * molesta el ruido", "me agobia el tráfico"): the class, not the words one text happened to use.
 */
const ANNOYS = ["molesta", "fastidia", "agobia", "quema", "estresa", "irrita", "harta"];

export const SPANISH_CUES: readonly ForeignCue[] = [
  // "Lo que más me molesta es el ruido": the thing after the copula, not the copula itself.
  {
    id: "pain_points/es-bothers-me-most",
    examples: {
      fires: [
        ["Lo que más me molesta es el ruido.", "noise"],
        ["Lo que más me estresa son los horarios.", "schedules"],
      ],
      silent: [unmatched("Lo que más me gusta es el mar.")],
    },
    pattern: new RegExp(`\\blo que más me (?:${ANNOYS.join("|")}|preocupa|cuesta) (?:es|son)\\s+([^.;!?,:]+)`, "i"),
    confidence: 0.65,
  },
  {
    id: "goals/es-i-want",
    examples: { fires: [["Me gustaría viajar más.", "travel more"]], silent: [unmatched("No sé.")] },
    pattern: /(?:^|[^\p{L}])(?:quiero|me gustaría)\s+([^.;!?,]+?)(?:\s+y\s+|[.;!?,]|$)/iu,
    confidence: 0.6,
  },
  {
    id: "pain_points/es-the-worst",
    examples: {
      fires: [
        ["Lo peor es la burocracia.", "bureaucracy"],
        ["Lo peor de todo es el papeleo.", "paperwork"],
      ],
      silent: [unmatched("Lo mejor es el mar.")],
    },
    // "Lo peor es ...", "Lo peor de todo es ...", "Lo peor, sin duda, es ...": up to three words before the copula.
    pattern: /\blo peor(?:,?\s+(?!es\b)\p{L}+){0,3}?,?\s+es\s+([^.;!?]+)/iu,
    confidence: 0.6,
  },
  {
    id: "pain_points/es-bothers-me",
    examples: {
      fires: [
        ["Me molesta la burocracia.", "bureaucracy"],
        ["Me irrita el tráfico.", "traffic"],
      ],
      silent: [unmatched("Me gusta la burocracia.")],
    },
    pattern: new RegExp(`\\bme (?:${ANNOYS.join("|")})n?\\s+(?!es\\b|son\\b)([^.;!?,]+)`, "i"),
    confidence: 0.6,
  },
  {
    id: "goals/es-my-goal",
    examples: {
      fires: [
        ["Mi objetivo es viajar.", "travel"],
        ["Mi meta para el año que viene es aprender.", "learn"],
      ],
      silent: [unmatched("Mi casa es tu casa."), unmatched("Mi objetivo no es viajar.")],
    },
    // A time or purpose phrase of up to five words may stand before the copula ("mi objetivo este año es ..."); a
    // negated copula states no goal.
    pattern:
      /\bmi (?:objetivo|meta|sueño)(?:\s+(?!no\b|es\b)[\p{L}\d]+){0,5}?\s+es\s+([^.;!?]+?)(?:\s+para\s+|[.;!?]|$)/iu,
    confidence: 0.7,
  },
];
