/**
 * Occupation rules for owners and titles: "I own a family bakery", "she runs a guesthouse" (owners are named after
 * what they own), and a title line under the subject's name. Split from occupation-rules.ts, which holds the role
 * sentences; `occupation.ts` applies each table at its place in the unit loop.
 */
import { patternCues, tableCues } from "../engine/cues.ts";
import { WHOLE } from "../engine/items.ts";
import { fieldRule, type Place, type Rule, unmatched } from "../engine/rules.ts";
import { LEADING_BULLET, trimPunctuation } from "../engine/text.ts";
import { namedSubject, type Unit } from "../engine/unit.ts";
import { FOREIGN_BUSINESSES } from "../lexicon/foreign-roles.ts";
import { BUSINESS_NOUNS, BUSINESS_TRADE } from "../lexicon/occupations.ts";
import { PAST_OR_FUTURE } from "./location-place.ts";
import { NAMED, phraseOf } from "./occupation-rules.ts";
import { rolesOf } from "./occupation-work.ts";

/** "I own a family bakery", "she owns a 4-table noodle bar", "I run a guesthouse": owners are named after what they own. */
const OWNS_BUSINESS = new RegExp(
  `\\b(?:I|[Ss]he|[Hh]e|[Ww]e)?\\s*(?:own|owns|run|runs|running|co-own|co-owns|manage my|opened|founded|set up|started)\\s+(?:a|an|the|my|our|her|his)\\s+(?:(?:small|little|tiny|family|family-run|busy|local|\\d+-\\w+|independent|new|first|second|own)\\s+)*((?:[\\p{Ll}-]+\\s+)?(?:${BUSINESS_NOUNS}))\\b`,
  "gu",
);

/** Every OWNS_BUSINESS match contains one of these (its verbs, matched case-sensitively there too). */
const OWNS_VERB = /own|run|manage my|opened|founded|set up|started/;
/** An owning verb that is not about a business of the subject's now. */
const NOT_OWNED_NOW = /\b(?:used to|anymore|any more|never|for fun|as a hobby|volunteer\w*|one day|someday|dream)\b/i;
/**
 * "we opened a second shop" is the business's history; "runs the company", "owns the shop" are too vague to name a
 * trade (a bare shop, store, firm or agency says nothing of what is sold or done there).
 */
const VAGUE_BUSINESS = /^(?:company|business|startup|start-up|estate|shop|store|firm|agency)$/;
/** "I run a workshop for new parents", "I started a new school": events and schooling, not businesses. */
const EVENT_NOT_BUSINESS = /\b(?:kitchen|workshop|stall)$/;
const FOUNDING = /\b(?:opened|founded|set up|started)\b/;
const SCHOOLING = /\b(?:school|practice|nursery|daycare|kindergarten)$/;
const CAFE = /^(?:café|cafe)$/;
/**
 * A clinic, practice or surgery is a professional's workplace: its owner is a doctor, vet or physiotherapist, and
 * "clinic owner" would give the side role (owning it) for the profession unless the kind of practice names the trade.
 */
const PROFESSIONAL_PRACTICE = /^(?:clinic|practice|surgery)$/;
/** Words that may stand right before an owning verb with no pronoun: its actor is still the subject. */
const SUBJECT_ACTOR =
  /^(?:and|also|now|still|currently|jointly|together|both|who|have|has|been|i|we|she|he)(?:['’]\p{L}+)?$/iu;
const LAST_WORD = /([\p{L}'’]+)\s*$/u;

function ownsNow(unit: Unit): boolean {
  return OWNS_VERB.test(unit.text) && !NOT_OWNED_NOW.test(unit.text);
}

/** The trade of an owned business ("bakery" -> baker), else "<business> owner". */
function ownedBusiness(match: RegExpExecArray, unit: Unit, at: Place): string | null {
  // "My cousin Rhys set up the store": the verb's actor is someone else ("Rosa Thibodeaux runs the farm" is not).
  const before = LAST_WORD.exec(match.input.slice(0, match.index))?.[1];
  const actor = match[0].split(" ")[0] ?? "";
  const named =
    before !== undefined && (at.matcher?.tokens.some((t) => t.toLowerCase() === before.toLowerCase()) ?? false);
  if (before !== undefined && !named && !SUBJECT_ACTOR.test(before) && !SUBJECT_ACTOR.test(actor)) return null;
  const business = trimPunctuation(match[1] ?? "").replace(CAFE, "café");
  if (!business || VAGUE_BUSINESS.test(business) || EVENT_NOT_BUSINESS.test(business)) return null;
  if (FOUNDING.test(match[0]) && (PAST_OR_FUTURE.test(unit.text) || SCHOOLING.test(business))) return null;
  const core = business.split(" ").slice(-1)[0] ?? business;
  const trade = BUSINESS_TRADE[business] ?? BUSINESS_TRADE[core];
  if (trade === undefined && PROFESSIONAL_PRACTICE.test(core)) return null;
  return trade ?? `${business} owner`;
}

/** "Head of Fleet Operations": titles that need no article ("is Head of X", not "is a Head of X"). */
const THIRD_TITLE =
  /^(?:[\p{L}\d.’' ]{1,40}?)\s+is\s+(?:the\s+)?((?:Head|Director|VP|Vice President|Chief)\s+of\s+[^,.;!?]{2,50})/u;

/** Rules for owned businesses, in English and other languages, in engine order. */
export const OWNER_RULES: readonly Rule[] = [
  fieldRule("occupation", "owns-business", {
    cue: patternCues([OWNS_BUSINESS]),
    pattern: OWNS_BUSINESS,
    when: ["aboutSubject", ownsNow],
    value: ownedBusiness,
    confidence: 0.7,
    examples: {
      fires: [
        ["I own a small family bakery.", "bakery owner"],
        ["Today Ana Ruiz runs the bakery with her son.", "bakery owner", { name: "Ana Ruiz" }],
        // An ordinal says which of the businesses, not the trade.
        ["I was 23 when I opened my first salon.", "salon owner"],
        // The kind of practice names the trade.
        ["These days I run a small dental practice by the harbour.", "dentist"],
      ],
      silent: [
        "I used to own a bakery.",
        "We opened a second shop last year.",
        // Someone else's act: the cousin set the store up.
        "My cousin Rhys set up the store and copied over our old price list.",
        // A clinic's owner is a clinician of some kind: "clinic owner" would hide which.
        "For six years now I have run my own walk-in clinic on the east side.",
        "My brother and I own the shop together since our father died.",
      ],
    },
  }),
  fieldRule("occupation", "foreign-business", {
    cue: tableCues(FOREIGN_BUSINESSES),
    pattern: WHOLE,
    when: ["aboutSubject"],
    value: rolesOf(FOREIGN_BUSINESSES),
    confidence: 0.65,
    examples: {
      fires: [["Tengo una panadería en Oaxaca.", "bakery owner"]],
      silent: [
        ["Tengo una panadería en Oaxaca.", { topic: "other" }],
        // The English "pension" is retirement money; the Spanish guesthouse is "pensión".
        unmatched("For the regulars that kiosk is the post office, the pension and the only gossip all week."),
      ],
    },
  }),
];

/** "Bram Osei is Head of Guest Services": a title with no article, in a line naming the subject. */
export const THIRD_TITLE_RULE: Rule = fieldRule("occupation", "third-title", {
  cue: ["is"],
  pattern: THIRD_TITLE,
  when: [namedSubject],
  read: (unit) => unit.text.replace(LEADING_BULLET, ""),
  value: phraseOf,
  confidence: 0.75,
  examples: {
    fires: [["- Bram Osei is Head of Guest Services.", "Head of Guest Services", NAMED]],
    silent: [unmatched("Bram Osei is the head of the family.", NAMED)],
  },
});
