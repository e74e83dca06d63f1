/**
 * German (and a little French) support for list items: cue phrases people use about themselves in a forum post,
 * an email or a profile, and a small word-by-word glossary so items come out in English (persona values are
 * English). Word-by-word is crude but keeps the meaning for the short noun phrases items are; a German infinitive
 * at the end of a goal ("jemanden einstellen") moves to the front ("hire someone").
 */
import { type Language, type Rule, unmatched } from "../engine/rules.ts";
import { BRACKETED_ASIDE, WHITESPACE, WHITESPACE_RUNS } from "../engine/text.ts";
import { glossary } from "../lexicon/words.ts";

const EDGE_NON_LETTERS = /^[^\p{L}\d]+|[^\p{L}\d]+$/gu;
const ENGLISH_LOOKING_WORD = /^\p{Lu}[\p{Ll}]*\p{Lu}|^\p{Lu}{2,}|^[A-Z][a-z]+$/u;
const GERMAN_LETTERS = /[äöüß]/;
const LIST_JOINERS = /\s*(?:,|;|\bund\b|\bet\b)\s*/i;
const QUOTE_AND_BRACKET_MARKS = /[()„“”"«»]/g;

/** German (and some French) words in English. */
const GLOSSARY = glossary(
  // function words
  "der die das den dem des ein eine einen einem einer zu endlich grad gerade echt wirklich werden wird:; " +
    "mein meine meinen meiner: my; unser unsere: our; und: and; oder: or; mit: with; ohne: without; für: for; " +
    "fürs: for the; von: of; vom: of the; im: in the; in: in; am: at the; an: at; auf: on; aus: from; " +
    "zum zur: to the; statt anstatt: instead of; nicht: not; kein keine null: no; mehr: more; viel: a lot of; " +
    "viele: many; immer: always; ständig: constantly; alles: everything; allein alleine: alone; selbst: myself; " +
    "jemanden jemand: someone; neue neuen neuer: new; eigene eigenen eigenes: own; kleine kleinen: small; " +
    "billig billige: cheap; teuer teure: expensive; lange: long; langsam: slow; schlecht schlechte: bad; ist: is; " +
    "sind: are; " +
    // verbs (infinitive, participle)
    "machen: get; einstellen: hire; eröffnen öffnen aufmachen: open; gründen: found; bauen: build; lernen: learn; " +
    "bestehen: pass; schaffen: achieve; verkaufen: sell; kaufen: buy; reparieren: repair; repariert: repaired; " +
    "weggeschmissen weggeworfen: thrown away; wegwerfen: throwing away; verdienen: earn; sparen: save; " +
    "reisen: travel; umziehen: move; abschließen: finish; starten anfangen: start; wachsen: grow; " +
    "ausbauen: expand; warten: waiting; " +
    // nouns
    "ersatzteile ersatzteilen: spare parts; teile: parts; lieferzeiten: delivery times; " +
    "lieferzeit: delivery time; buchhaltung: bookkeeping; steuer: tax; steuern: taxes; " +
    "steuererklärung: tax return; papierkram: paperwork; bürokratie: bureaucracy; zertifizierung: certification; " +
    "zertifikat: certificate; prüfung: exam; meisterprüfung: master craftsman exam; ausbildung: training; " +
    "kunden: customers; kundin kunde: customer; mitarbeiter mitarbeiterin: employee; personal: staff; " +
    "fachkräfte: skilled workers; fachkräftemangel: skilled worker shortage; miete: rent; mieten: rents; " +
    "preise: prices; kosten: costs; zeit: time; zeitdruck: time pressure; stress: stress; werkstatt: workshop; " +
    "laden: shop; geschäft: business; sachen dinge: things; nachhaltigkeit: sustainability; qualität: quality; " +
    "ehrlichkeit: honesty; familie: family; gemeinschaft: community; fairness: fairness; service: service; " +
    "motor: motor; motoren: motors; räder: bikes; rad: bike; fahrrad: bicycle; fahrräder: bicycles; " +
    "lastenrad: cargo bike; lastenräder: cargo bikes; e-bikes: e-bikes; e-bike ebike: e-bike; " +
    "netz internet: internet; software: software; updates: updates; wochen: weeks; monate: months; jahr: year; " +
    // French
    "le les un une du:; de: of; et: and; mon ma mes: my; pour: for; sans: without; avec: with; pièces: parts; " +
    "paperasse: paperwork; comptabilité: bookkeeping; clients: clients; loyer: rent; prix: prices; " +
    "retards délais: delays; qualité: quality; famille: family; honnêteté: honesty; ouvrir: open; " +
    "embaucher: hire; passer: pass; obtenir: get; apprendre: learn; lancer: launch; créer: create; examen: exam; " +
    "certification: certification; boutique: shop; atelier: workshop;",
);

const GERMAN_VERB_FINAL =
  /^(?:machen|einstellen|eröffnen|öffnen|aufmachen|gründen|bauen|lernen|bestehen|schaffen|verkaufen|kaufen|reparieren|verdienen|sparen|reisen|umziehen|abschließen|starten|anfangen|ausbauen)$/i;

/** English rendering of a short German or French phrase, or null when too many words are unknown. */
export function translateGerman(phrase: string): string | null {
  const raw = phrase
    .replace(QUOTE_AND_BRACKET_MARKS, " ")
    .split(WHITESPACE)
    .filter((w) => w !== "");
  // A verb-final infinitive leads in English: "die Zertifizierung machen" -> "get the certification".
  const last = raw[raw.length - 1]?.toLowerCase() ?? "";
  const words = GERMAN_VERB_FINAL.test(last) ? [raw[raw.length - 1] ?? "", ...raw.slice(0, -1)] : raw;
  const out: string[] = [];
  let unknown = 0;
  let known = 0;
  for (const word of words) {
    const bare = word.replace(EDGE_NON_LETTERS, "");
    if (bare === "") continue;
    const english = GLOSSARY[bare.toLowerCase()];
    if (english !== undefined) {
      known += 1;
      if (english !== "") out.push(english);
      continue;
    }
    // Compounds written with hyphens ("Bosch-eBike-Service-Zertifizierung"): translate the parts, keep names.
    if (bare.includes("-")) {
      const parts = bare.split("-").filter((p) => p !== "");
      const translated = parts.map((p) => GLOSSARY[p.toLowerCase()] ?? p);
      if (parts.some((p) => GLOSSARY[p.toLowerCase()] !== undefined)) {
        known += 1;
        out.push(translated.join(" "));
        continue;
      }
    }
    // Brand and place names stay; an unknown German noun is a gap in the glossary. Either way the word is not
    // understood: German capitalises every noun, so a capital says nothing about a name, and a phrase that is
    // mostly such words ("Saisonkarte ... Kindern ... Monatsgehalt") has lost its meaning in translation.
    if (ENGLISH_LOOKING_WORD.test(bare) && !GERMAN_LETTERS.test(bare)) out.push(bare);
    unknown += 1;
  }
  if (out.length === 0 || known === 0 || unknown > known) return null;
  return out.join(" ").replace(WHITESPACE_RUNS, " ").trim();
}

/** A cue phrase of another language, tagged with it; `languages/cues.ts` makes it a rule of the one rule type. */
export interface ForeignCue {
  /** "<field>/<language>-<name>", reported by the eval; the rule's field and language are read from it. */
  id: `${"pain_points" | "goals"}/${Language}-${string}`;
  pattern: RegExp;
  /** Splits a labelled list ("Ziele: X und Y") into its items. */
  list?: boolean;
  confidence: number;
  /** Sentences it must fire on (with the English items) and stay silent on, run by engine/rules.test.ts. */
  examples: Rule["examples"];
}

export const GERMAN_CUES: readonly ForeignCue[] = [
  {
    id: "pain_points/de-drives-me-mad",
    examples: {
      fires: [["Was mich wirklich wahnsinnig macht: die Bürokratie.", "bureaucracy"]],
      silent: [unmatched("Das macht Spaß.")],
    },
    pattern:
      /\bwas mich (?:echt |total |richtig |wirklich |am meisten |so )?(?:wahnsinnig|verrückt|fertig|kirre|irre|rasend|sauer) macht\s*(?:,\s*(?:ist|sind)\s*|:\s*|\s(?:ist|sind)\s+)([^.;!?]+)/iu,
    confidence: 0.65,
  },
  {
    id: "pain_points/de-annoys-me",
    examples: {
      fires: [["Was mich wirklich nervt: die Bürokratie.", "bureaucracy"]],
      silent: [
        unmatched("Mich freut das."),
        unmatched("Was mich ärgert: die Miete in der Stadt frisst bald meinen halben Lohn."),
      ],
    },
    pattern:
      // A short noun phrase only ("die Bürokratie"): a whole clause after the cue loses its verb when translated word
      // by word (at first contact a season ticket that "costs almost a month's pay" became a bare noun, 0/1).
      /\b(?:was mich (?:echt |wirklich |total |so |richtig )?(?:am meisten )?(?:nervt|stört|ärgert)|das (?:schlimmste|nervigste)|mein größtes problem)\s*(?:,\s*)?(?:ist|sind|:)\s*((?:[^\s.;!?]+\s+){0,3}[^\s.;!?]+)\s*(?=$|[.;!?])/iu,
    confidence: 0.65,
  },
  {
    id: "pain_points/de-nightmare",
    examples: {
      fires: [
        ["Die Bürokratie – der Horror.", "bureaucracy"],
        ["Viel Arbeit, und vor allem die Steuer – Albtraum.", "tax"],
      ],
      silent: [unmatched("Ein Horrorfilm.")],
    },
    // The noun opens a clause or follows a conjunction or focus particle ("auch", "und", "vor allem").
    pattern:
      /(?:^|[,(]\s*|\b(?:auch|und|oder|noch|besonders|vor allem|dazu)\s+)(?:die |der |das )?([\p{L}-]{4,40})\s*[–—-]\s*(?:der )?(?:horror|albtraum|katastrophe|ein graus|nervig)\b/iu,
    confidence: 0.6,
  },
  {
    id: "goals/de-goal-list",
    examples: {
      fires: [
        [
          "Ziele fürs nächste Jahr: einen Laden eröffnen und die Meisterprüfung machen.",
          ["open shop", "get master craftsman exam"],
        ],
      ],
      silent: [unmatched("Das Ziel ist klar.")],
    },
    pattern:
      /\b(?:ziele?|vorsätze|pläne)(?:\s+(?:fürs?|für das|für)\s+(?:nächste|kommende|dieses)?\s*jahr|\s+für\s+\d{4})?\s*:\s*([^.;!?]+)/iu,
    list: true,
    confidence: 0.65,
  },
  {
    id: "goals/fr-my-goal",
    examples: {
      fires: [["Mon objectif c'est d'ouvrir un atelier.", "open workshop"]],
      silent: [unmatched("Les objectifs de l'équipe.")],
    },
    pattern: /\b(?:mes objectifs?|mon objectif|mon rêve)\s*(?:c'est|est|:)\s*(?:de\s+|d')?([^.;!?]+)/iu,
    confidence: 0.6,
  },
];

/** Parenthetical asides inside a goal list are not items ("kaufen (das Geld reicht grad nicht ...)"). */
export function foreignListItems(text: string): string[] {
  return text
    .replace(BRACKETED_ASIDE, " ")
    .split(LIST_JOINERS)
    .map((p) => p.trim())
    .filter((p) => p !== "");
}
