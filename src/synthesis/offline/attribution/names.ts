/** Person-name heuristics that work for names from any culture (no first-name dictionary). */
import { memo } from "../engine/memo.ts";
import { escapeRegExp, WHITESPACE, WHITESPACE_RUNS } from "../engine/text.ts";

const ALL_CAPITALS = /^[\p{Lu}]{2,}$/u;
const CAPITAL_START = /^[\p{Lu}]/u;
const CURLY_APOSTROPHE = /[’]/g;
const DIGIT = /\d/;
const INITIAL_TOKEN = /^[A-Z]\.$/;
const NAME_PARTICLE = /^(?:van|von|de|da|del|der|den|di|du|dos|das|los|las|le|la|bin|al|y|Ní|Nic)$/;

/** Capitalised words that start sentences or headings but are not names. */
const NOT_NAME_WORDS = new Set(
  (
    "i im i'm the a an and or but so if my our your his her their its we you he she they it this that these those " +
    "hi hey hello dear thanks thank cheers regards best yes no ok okay sorry please note notes nota subject from to " +
    "date status plan channel created opened requester customer mentee mentor speaker speakers participant agent " +
    "support team ticket re fwd fw q a p r int host guest interviewer moderator facilitator admin user client " +
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august " +
    "september october november december today tomorrow yesterday now mr mrs ms dr prof doctor professor sir madam " +
    "ceo cto cfo icu nhs uk usa us eu msc bsc phd mba ba ma bvm english spanish french german japanese chinese " +
    "korean mandarin cantonese swahili maa kikuyu god steam nintendo switch excel python google sheets godot " +
    "instagram facebook twitter linkedin whatsapp youtube tiktok reddit bbc reuters xero ipad iphone android " +
    "chief executive officer director manager head lead owner founder senior junior staff prefer not say " +
    "outside inside after before during when where what why how who which while because also just still very " +
    "level registered office website powered copyright privacy terms contact home about our story welcome " +
    "meet introducing interview interviews profile profiles spotlight featured team staff " +
    "yo soy tengo vivo buenas un una el la los las de del en con por para mi su hola saludo " +
    "viele liebe grüße gruß hallo moin servus danke bonjour salut merci cordialement bises olá obrigado obrigada " +
    "grazie ciao saluti hej takk tusen terima kasih salam newsletter press kit biographies biography bio blog " +
    "podcast episode issue news digest weekly journal magazine report forum thread post posts export activity " +
    "transcript notes minutes survey feedback ticket opportunity contact sure yeah yep yup nope hmm um uh oh " +
    "well right exactly absolutely totally honestly basically actually sorry " +
    // Kinship words written as names ("Mum is 80", "Dad: ...") stand for another person, never a name.
    "mum mom mummy mommy dad daddy granny grandma grandpa grandad granddad auntie"
  ).split(" "),
);

/** What separates the words of a name ("Ana María", "Ruiz-Lee's"): anything but letters, apostrophes and hyphens. */
export const NAME_GAPS = /[^\p{L}'’-]+/u;
/** Each character that cannot be part of a name, for `replace` (global). */
export const NOT_NAME_LETTERS = /[^\p{L}'’-]/gu;

const INITIAL = "[A-Z]\\.";

// O'Sullivan, MacInnis, McKay, Ní, Chen-Jing, Bríd: an uppercase letter (after Mac or Mc, a second one), then
// letters, apostrophes or an inner hyphen.
const CAP_TOKEN = "(?:Ma?c\\p{Lu}|\\p{Lu}(?:['’]\\p{Lu})?)[\\p{Ll}'’]+(?:-\\p{Lu}?[\\p{Ll}'’]+)?";

/** One to four capitalised tokens, allowing lowercase particles inside (van, van der, de la, Ní) and a final initial. */
export const NAME_SEQUENCE = `${CAP_TOKEN}(?:\\s(?:(?:van der|van den|van de|von der|de la|de los|de las|van|von|de|da|del|di|le|la|bin|al|y)\\s)?(?:${CAP_TOKEN}|Ní|Nic|${INITIAL})){0,3}`;

/** A text that is only a name. */
export const ONLY_NAME = new RegExp(`^${NAME_SEQUENCE}$`, "u");

const HONORIFIC =
  /^(?:dr|prof|mr|mrs|ms|mx|miss|sir|dame|rev|fr|herr|frau|monsieur|madame|mme|mlle|señora?|señorita|sra?|srta|signora?|sig|dott|bapak|ibu|mevrou|meneer|sri|shri|smt)\.?\s+(?=\p{Lu})/iu;

/** "Don Ernesto Lira", "Doña Carmen Ruiz": a courtesy title only when a full name follows ("Don Smith" is a name). */
const COURTESY_BEFORE_FULL_NAME = /^(?:[Dd]on|[Dd]oña|[Dd]ona|[Dd]om)\s+(?=\p{Lu}\p{Ll}+\s+\p{Lu})/u;

const PARENTHETICAL = /\s*\([^)]*\)\s*/g;

/** 'Guadalupe "Lupita" Herrera': a nickname in quotes inside a name. */
const QUOTED_NICKNAME = /\s+["“'‘][\p{L}-]{2,20}["”'’]\s+/gu;

/**
 * Cleaned names by raw string: the same few names are cleaned over and over (the subject's name ~80,000 times on
 * 1,000,000 words of bench material, of ~140,000 calls with ~7,500 distinct strings), six replacements each time.
 * Emptied when full, so a long input of distinct strings cannot grow it without bound.
 */
const cleaned = new Map<string, string>();
const MAX_CLEANED = 10_000;

/** "Dr. Ros (Rosalind) Pettigrew" -> "Ros Pettigrew". */
export function cleanName(raw: string): string {
  if (cleaned.size >= MAX_CLEANED) cleaned.clear();
  return memo(cleaned, raw, clean);
}

function clean(raw: string): string {
  return raw
    .replace(PARENTHETICAL, " ")
    .replace(QUOTED_NICKNAME, " ")
    .replace(WHITESPACE_RUNS, " ")
    .trim()
    .replace(HONORIFIC, "")
    .replace(COURTESY_BEFORE_FULL_NAME, "")
    .trim();
}

export function nameTokens(name: string): string[] {
  return cleanName(name)
    .split(WHITESPACE)
    .filter((token) => token.length > 0 && !INITIAL_TOKEN.test(token));
}

/** Longest name and name token taken as a person's ("Wolfeschlegelsteinhausenbergerdorff" has 35 letters). */
const MAX_NAME_CHARS = 120;
const MAX_NAME_TOKEN_CHARS = 50;

/**
 * Verdicts by candidate string: a transcript asks it of the same few speaker labels on every line, and an introduction
 * of the same name over and over. Emptied when full, as the cleaned names are.
 */
const plausible = new Map<string, boolean>();

/** Whether a candidate string looks like a person's name (1-4 capitalised tokens, none a common word). */
/**
 * "because I'm X", "(of course, I'm X)": what follows is given as a reason or as self-evident, which a name never is;
 * it says what the person is (where they come from, what they believe), not who they are.
 */
const REASON_BEFORE = /\b(?:because|since|'?cause|cos|obviously|of course|clearly|naturally|after all)[\s,]*$/i;

/** Whether the words right before `at` (where an "I'm X" starts) give what follows as a reason or as self-evident. */
export function givenAsReason(text: string, at: number): boolean {
  return REASON_BEFORE.test(text.slice(Math.max(0, at - 16), at));
}

export function isPlausibleName(candidate: string): boolean {
  if (plausible.size >= MAX_CLEANED) plausible.clear();
  return memo(plausible, candidate, judgeName);
}

function judgeName(candidate: string): boolean {
  // No real name is this long, and the subject's name is compiled into patterns (a huge one failed to compile).
  if (candidate.length > MAX_NAME_CHARS) return false;
  const tokens = nameTokens(candidate);
  if (tokens.length === 0 || tokens.length > 4) return false;
  for (const token of tokens) {
    if (token.length > MAX_NAME_TOKEN_CHARS) return false;
    if (NOT_NAME_WORDS.has(token.toLowerCase().replace(CURLY_APOSTROPHE, "'"))) return false;
    if (!CAPITAL_START.test(token) && !NAME_PARTICLE.test(token)) return false;
    if (ALL_CAPITALS.test(token)) return false;
    if (DIGIT.test(token)) return false;
  }
  return true;
}

/** The subject's name variants used to recognise references: full name, tokens, initials ("J.", "Sanna L."). */
export interface NameMatcher {
  full: string;
  tokens: string[];
  /** Matches a reference to the subject at the start of a sentence or label. */
  reference: RegExp;
  /** Matches any token of the name as a whole word anywhere in a text ("Mentor notes: Wambui"). */
  mentioned: RegExp;
}

const NAME_WORD_SETS = new WeakMap<NameMatcher, ReadonlySet<string>>();
const NO_NAME_WORDS: ReadonlySet<string> = new Set();

/** The subject's name tokens, lowercased, worked out once per matcher; empty when the name is unknown. */
export function nameWordSet(matcher: NameMatcher | null | undefined): ReadonlySet<string> {
  if (!matcher) return NO_NAME_WORDS;
  return memo(NAME_WORD_SETS, matcher, lowerTokens);
}

/** Module-level (memo's compute), not an arrow at the call: this is asked once per match on long inputs. */
function lowerTokens(matcher: NameMatcher): ReadonlySet<string> {
  return new Set(matcher.tokens.map((t) => t.toLowerCase()));
}

export function nameMatcher(name: string, extraAliases: readonly string[] = []): NameMatcher {
  const tokens = [...new Set([...nameTokens(name), ...extraAliases.flatMap(nameTokens)])].filter(
    (t) => t.length > 1 && t.length <= MAX_NAME_TOKEN_CHARS,
  );
  const escaped = tokens.map(escapeRegExp);
  const first = tokens[0] ?? "";
  const initial = first.charAt(0);
  const alternatives = [...escaped];
  if (initial !== "") alternatives.push(`${initial}\\.(?!\\w)`);
  const reference = new RegExp(`^(?:${alternatives.join("|") || "(?!)"})(?![\\p{L}])`, "u");
  const mentioned = new RegExp(`(?:^|[^\\p{L}])(?:${escaped.join("|") || "(?!)"})(?:[^\\p{L}]|$)`, "u");
  return { full: cleanName(name), tokens, reference, mentioned };
}

/** Words that end or make up the names of firms, places and publications rather than people. */
const ORGANISATION_WORDS =
  /^(?:ltd|limited|llc|llp|gmbh|ag|sa|srl|bv|plc|pty|inc|corp|co|group|services|solutions|studio|studios|company|trust|foundation|association|club|team|logistics|consulting|consultancy|partners|holdings|systems|technologies|technology|tech|software|labs?|digital|media|health|healthcare|foods?|farms?|ranch|vineyards?|winery|brewery|bakery|roastery|cafe|café|coffee|restaurant|kitchen|bar|shop|store|market|hotel|hostel|inn|clinic|hospital|pharmacy|academy|school|college|university|institute|center|centre|bank|capital|ventures|industries|works|design|designs|collective|cooperative|network|project|projects|agency|press|publishing|records|productions|fitness|pilates|yoga|gym|salon|spa|garage|motors|auto|insurance|realty|properties|estates?|street|st|road|avenue|lane|square|station|bridge|river|lake|valley|beach|bay|city|county|parish|district|province|region|airport|port|harbour|harbor|mall|plaza|newsletter|magazine|journal|times|post|news|gazette|herald|tribune|review|weekly|daily|radio|tv|podcast|show|channel|app|cloud|crm|hq|pro|committee|council|board|society|union|league|federation|guild|choir|chapter|alliance|coalition|garden|gardens)$/;

/** "Hospital", "University", "Committee": a word naming an organisation or a place, not a person (lowercase). */
export function isOrganisationWord(token: string): boolean {
  return ORGANISATION_WORDS.test(token.toLowerCase());
}
