import { wordTable } from "../engine/text.ts";
import { glossary, phraseGlossary, words } from "./words.ts";

/**
 * Small English/Spanish lexicons for the offline rules. Entries are generic vocabulary (personality adjectives,
 * hobbies, values, occupations), not phrases from any particular document.
 */

/** English trait words, read as the text wrote them. */
const ENGLISH_TRAITS = words(`
  direct blunt frank candid outspoken straightforward honest sincere shy introverted reserved quiet outgoing
  extroverted sociable calm patient impatient stubborn persistent determined tenacious thorough meticulous methodical
  organized systematic detail-oriented precise careful cautious practical pragmatic generous kind caring empathetic
  warm funny humorous witty playful curious creative ambitious driven competitive hardworking diligent independent
  self-reliant confident anxious optimistic pessimistic sensible modest humble loyal reliable perfectionist
  adventurous spontaneous flexible resilient brave decisive analytical self-aware sceptical no-nonsense easygoing
  laid-back energetic nervous open-minded disciplined data-driven results-driven tech-savvy frugal thrifty
  budget-conscious chatty talkative chaotic obsessive disorganized strict bossy obstinate strong-willed headstrong
  pig-headed polite courteous hospitable welcoming principled ethical opinionated assertive reflective thoughtful
  introspective compassionate demanding exacting fair-minded safety-conscious proactive resourceful adaptable
  collaborative friendly cheerful grumpy sarcastic stoic sensitive emotional passionate dedicated hands-on
  self-deprecating idealistic cynical impulsive restless sentimental gregarious bubbly tough bold risk-averse nerdy
  geeky quirky intense relentless pushy focused efficient punctual tidy neat messy forgetful absent-minded inquisitive
  detail-obsessed nitpicky picky fussy shrewd dependable trustworthy conscientious level-headed composed unflappable
  chill relaxed no-fuss straight-talking plain-spoken down-to-earth old-fashioned traditional tech-averse gentle
  protective community-minded social dreamy imaginative artistic inventive logical rational scrappy cost-conscious
  price-sensitive
`);

/** Spellings unified (organised -> organized) and other languages translated. */
const TRAIT_TRANSLATIONS: Record<string, string> = glossary(
  "organised: organized; hard-working: hardworking; skeptical: sceptical; easy-going: easygoing; " +
    "disorganised desordenada desordenado: disorganized; creativa creativo: creative; curiosa curioso: curious; " +
    "metódica metódico: methodical; directa directo: direct; tranquila tranquilo: calm; " +
    "organizada organizado: organized; testaruda testarudo cabezota: stubborn; independiente: independent; " +
    "sincera sincero: honest; trabajadora trabajador: hardworking; tímida tímido: shy; paciente: patient; " +
    "ordenada ordenado: organized; perfeccionista: perfectionist; cuidadosa cuidadoso: careful; " +
    // German and French self-descriptions that reach English text.
    "ehrlich: honest; direkt: direct; geduldig: patient; stur: stubborn; neugierig: curious; " +
    "ordentlich: organized; pünktlich: punctual; ungeduldig: impatient; têtu têtue: stubborn; " +
    "curieux curieuse: curious; patiente: patient; organisé organisée: organized;",
);

/**
 * Personality traits: surface word (EN/ES/DE/FR) -> English trait. An English word stays the word the text used (only
 * its spelling is unified: organised -> organized): "candid" read as "direct" or "fussy" as "picky" puts a word in the
 * person's mouth that the text did not say. Other languages are translated.
 */
export const TRAIT_WORDS: Record<string, string> = wordTable({
  ...Object.fromEntries(ENGLISH_TRAITS.map((word) => [word, word])),
  ...TRAIT_TRANSLATIONS,
});

/** Nouns people use for themselves that imply a trait ("I'm a planner"). */
export const TRAIT_NOUNS: Record<string, string> = phraseGlossary(
  "planner, list-maker, list maker: organized; perfectionist: perfectionist; introvert: introverted; " +
    "extrovert: outgoing; worrier: anxious; people person: sociable; night owl: night owl; " +
    "early bird: early riser; optimist: optimistic; pessimist: pessimistic; workaholic: hardworking; " +
    "control freak: controlling; neat freak: tidy; people-pleaser, people pleaser: people-pleaser; " +
    "morning person: early riser; homebody: homebody; loner: independent; nerd, geek: nerdy; rebel: rebellious; " +
    "type a, type-a: driven; stickler: detail-oriented; creature of habit: routine-driven; go-getter: driven; " +
    "organiser, organizer: organized; overthinker: overthinker; team player: collaborative; " +
    "straight shooter: direct; free spirit: free-spirited; bookworm: bookish;",
);

/** Behaviour described in the first person that shows a trait (kind "inferred"). */
export const TRAIT_BEHAVIOURS: readonly [RegExp, string][] = [
  [
    /\b(?:I say what I think|I speak my mind|I tell it like it is|I don'?t sugar-?coat|lo digo claro|digo lo que pienso)\b/i,
    "direct",
  ],
  [/\bdouble-checks? everything\b|\bcheck(?:s|ing)? everything twice\b/i, "thorough"],
  [/\blists? for everything\b/i, "organized"],
  [
    /\bcolou?r-?cod(?:e|es|ed|ing) (?:everything|all|my)\b|\bspreadsheets? for everything\b|\bplan(?:s|ned)? everything\b/i,
    "organized",
  ],
  [/\b(?:I(?:'ve| have) got|I have|got) (?:strong |a lot of |lots of )?opinions\b/i, "opinionated"],
  [
    /\bI (?:don'?t|do not|never) (?:mince|sugarcoat|sugar-coat) (?:my )?words\b|\bcall(?:s|ed)? a spade a spade\b/i,
    "direct",
  ],
  [/\bI (?:can'?t|cannot|never) sit still\b/i, "restless"],
  [/\bI (?:can'?t|cannot|never) say no\b/i, "people-pleaser"],
  [/\bI (?:never|don'?t|do not) give up\b|\bI keep going\b/i, "persistent"],
  [/\bI (?:tend to |always |often )?overthink\b/i, "overthinker"],
  [/\bI (?:always |tend to )?(?:say yes to everything|over-?commit)\b/i, "overcommitted"],
];
