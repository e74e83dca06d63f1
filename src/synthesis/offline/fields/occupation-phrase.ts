/** What counts as a role phrase: job heads, work verbs and the phrase cut around them. */
import {
  allMatches,
  LETTERS_OR_HYPHENS,
  NON_LETTERS,
  NOT_LETTERS_OR_HYPHEN,
  STARTS_UPPER,
  stripDeterminers,
  trimPunctuation,
  WHITESPACE,
  WHITESPACE_RUNS,
} from "../engine/text.ts";
import { readsSpanishLower } from "../languages/spanish.ts";
import { germanRole, ROMANCE_ROLES, SPANISH_OCCUPATIONS } from "../lexicon/foreign-roles.ts";
import { isJobHead, UNGUARDED_HEADS } from "../lexicon/occupations.ts";

const ENDS_WITH_MARK = /[.!?:]$/;
const ENDS_WITH_PUNCTUATION = /[,;:]$/;
const FUNCTION_WORD = /^(?:at|in|of|for|with|and|or|but|is|was|a|an|the|my|as)$/i;
/** Ranks that are also adjectives ("the principal reason"): a job alone only when no noun follows. */
const RANK_ADJECTIVE = /^(?:principal|chief)$/;
/** Words after a rank that are not the noun it qualifies ("principal here", "principal since 2012"). */
const NOT_AN_OBJECT_AFTER = /^(?:here|there|now|today|too|also|again|since|until|who|when|where|myself|and|or)\b/i;
const GENERIC_HEAD = /^(?:specialist|expert|lead|head|officer|member|assistant|volunteer)$/i;
const HEAD_OF_START = /^Head of\b/i;
const NAME_PARTICLE = /^(?:de|da|del|van|von|der|den|di|du|la|le|bin|al|y)$/;
const LINKING_WORD = /^(?:at|in|of|for|with|and|or|but|is|was|on|to|from|by|who|that|which|the|a|an|my|our)$/i;
const NOT_A_NAME_WORD = /^(?:I|I'm|I’m|Im|My|Our|The|A|An|Hi|Hello|Hey|Dear|Thanks|Thank|Cheers|This|That|We|It)$/;
const NOT_WORD_LETTERS = /[^\p{L}/-]/gu;
const OWNER_OR_FOUNDER = /^(?:owner|founder)$/i;
const PAST_OR_FUTURE_PREFIX = /^(?:ex-|former|aspiring|wannabe|future)/i;
const SENTENCE_MARK = /[:!?]/;
const SYMBOL_JOINER = /[&/]/;
const TITLE_JOINER = /^(?:&|and|\/)$/;
const TITLE_PARTS_SEPARATOR = /\s+[·|]\s+/;
const TITLE_SMALL_WORD = /^(?:of|and|&|for|the|de)$/;
const TRAILING_DOT_OR_COMMA = /[.,]$/;

const EVALUATIVE_MODIFIERS =
  /^(?:\d{1,3}-years?-old|(?:third|second|first|fourth|fifth)-generation|experienced|proud|keen|big|small|busy|lifelong|former|full-time|part-time|qualified|fully|young|old|new|local|self-taught|award-winning|passionate|certified|licensed|reliable|diligent|dedicated|talented|skilled|hard-?working|brilliant|excellent|outstanding|exceptional|conscientious|committed|enthusiastic|meticulous|wonderful|fantastic|amazing)\s+/i;

export const CREDENTIAL = /\b(?:approved|certified|registered|licensed|chartered|accredited)\b/i;

const bareWord = (word: string | undefined) => (word ?? "").toLowerCase().replace(NOT_WORD_LETTERS, "");

/** Whether words[i] heads a role phrase: the job lexicon (with its modifier guards), or a head it does not guard. */
export function isHeadAt(words: readonly string[], i: number): boolean {
  const word = bareWord(words[i]);
  if (word === "") return false;
  // "founder/CEO", "owner/chef": either half names the job.
  if ((words[i] ?? "").includes("/")) {
    const halves = (words[i] ?? "").split("/");
    return halves.some((h) => h !== "" && isHeadAt([h], 0));
  }
  const previous = bareWord(words[i - 1]);
  return UNGUARDED_HEADS.has(word) || isJobHead(word, previous);
}

const HOBBY_HEADS =
  /^(?:cook|baker|gardener|photographer|writer|dancer|singer|painter|musician|artist|guitarist|pianist|drummer|knitter|potter|brewer|driver|reader|gamer|athlete|climber|sailor|swimmer|cyclist|runner|chef|host|hostess)$/;

const EVALUATIVE_BEFORE =
  /^(?:terrible|awful|good|great|bad|decent|lousy|amazing|excellent|average|mediocre|avid|keen|amateur|hobby|hobbyist|home|weekend|armchair|budding|wannabe|would-be|enthusiastic|occasional|competent|passable|fearless|careful|reluctant|nervous|slow|fast|messy|lazy|proud|happy|serial)$/;

/** Cuts a role phrase after its occupation head noun ("ICU nurse, band 6, at ..." -> "ICU nurse"). */
export function occupationPhrase(raw: string): string | null {
  const phrase = trimPunctuation(stripDeterminers(raw.replace(WHITESPACE_RUNS, " ")));
  const words = phrase.split(" ");
  let headIndex = -1;
  // Where the first of two joined titles stands ("owner" in "owner and lead guide"), when two are joined.
  let firstTitle = -1;
  for (let i = 0; i < Math.min(words.length, 7); i += 1) {
    const word = bareWord(words[i]);
    if (isHeadAt(words, i) || (word === "head" && (words[i + 1] ?? "").toLowerCase() === "of")) {
      headIndex = i;
      if (word === "head") {
        // "Head of Veterinary Unit": keep the capitalised run after "of".
        let end = i + 2;
        while (end < words.length && STARTS_UPPER.test(words[end] ?? "")) end += 1;
        return trimPunctuation(words.slice(i, end).join(" "));
      }
      // "Founder & Head Instructor", "owner and head chef": two titles joined keep both.
      if (TITLE_JOINER.test(words[i + 1] ?? "") && i + 2 < words.length) {
        const rest = words.slice(i + 2, i + 5);
        let second = rest.findIndex((_, k) => isHeadAt(rest, k));
        // "Owner & Principal Veterinarian": the second title runs to its last head word.
        while (second >= 0 && !ENDS_WITH_PUNCTUATION.test(rest[second] ?? "") && isHeadAt(rest, second + 1))
          second += 1;
        const symbolJoined =
          SYMBOL_JOINER.test(words[i + 1] ?? "") && isTitleCase(words.slice(0, i + 3 + second).join(" "));
        // "owner and lead guide": a bare "owner" says nothing of the work, so the title joined to it is kept, when
        // it follows at once (at most one modifier, no punctuation).
        const ownerJoined =
          OWNER_OR_FOUNDER.test(word) &&
          second >= 0 &&
          second <= 1 &&
          rest.slice(0, second + 1).every((w) => LETTERS_OR_HYPHENS.test(w));
        if (second >= 0 && (symbolJoined || ownerJoined)) {
          headIndex = i + 2 + second;
          firstTitle = i;
          break;
        }
      }
      if (isHeadAt(words, i + 1)) continue;
      // "SRE team lead", "food science grad student": a head used as a modifier of a later head.
      const next = words[i + 1] ?? "";
      const later = words[i + 2] ?? "";
      if (
        !ENDS_WITH_PUNCTUATION.test(words[i] ?? "") &&
        !ENDS_WITH_PUNCTUATION.test(next) &&
        LETTERS_OR_HYPHENS.test(next) &&
        !LINKING_WORD.test(next) &&
        isHeadAt(words, i + 2) &&
        !OWNER_OR_FOUNDER.test(bareWord(later))
      ) {
        i += 1;
        continue;
      }
      break;
    }
  }
  if (headIndex < 0) return null;
  // "principal timpani", "lead vocals": a rank that is also an adjective, before a noun, names the post by that noun;
  // cut at the rank, the phrase would lose its object.
  const after = words[headIndex + 1] ?? "";
  if (
    RANK_ADJECTIVE.test(bareWord(words[headIndex])) &&
    !ENDS_WITH_PUNCTUATION.test(words[headIndex] ?? "") &&
    LETTERS_OR_HYPHENS.test(after.replace(TRAILING_DOT_OR_COMMA, "")) &&
    !LINKING_WORD.test(after) &&
    !NOT_AN_OBJECT_AFTER.test(after)
  )
    headIndex += 1;
  // "ex-pro volleyball player", "former nurse": a past role, not the present one.
  if (words.slice(Math.max(0, headIndex - 3), headIndex + 1).some((w) => PAST_OR_FUTURE_PREFIX.test(w))) return null;
  // "a terrible cook", "an avid photographer": a judgement of a pastime, not a job.
  if (
    headIndex > 0 &&
    HOBBY_HEADS.test(bareWord(words[headIndex])) &&
    EVALUATIVE_BEFORE.test(bareWord(words[headIndex - 1]))
  )
    return null;
  // A bare generic head ("specialist in X", "lead on Y") says what someone is good at, not their job.
  if (headIndex === 0 && GENERIC_HEAD.test(words[0] ?? "")) return null;
  const from = firstTitle >= 0 ? firstTitle : headIndex;
  let start = Math.max(0, from - 3);
  // Only keep modifiers from the same noun phrase (stop at a comma or a lowercase function word).
  for (let i = from - 1; i >= start; i -= 1) {
    const word = words[i] ?? "";
    if (ENDS_WITH_PUNCTUATION.test(word) || FUNCTION_WORD.test(word)) {
      start = i + 1;
      break;
    }
  }
  let result = trimPunctuation(words.slice(start, headIndex + 1).join(" "));
  for (let i = 0; i < 3; i += 1) result = result.replace(EVALUATIVE_MODIFIERS, "");
  return result === "" ? null : result;
}

/** "I'm the head winemaker at ...": a definite role (not "the only one", "the person who"). */
export const SELF_THE_ROLE =
  /\b(?:I'm|I’m|I am|Im)\s+(?:now\s+|currently\s+)?the\s+(?!only\b|one\b|person\b|kind\b|type\b|sort\b|first\b|last\b|best\b|worst\b)([^.;!?,]{2,60}?)\s+(?:at|for|of|in|here)\b/gi;

/** Self-introductions in other languages: "Ich bin gelernter Tischler", "je suis infirmière", "trabajo como ...". */
const FOREIGN_INTRO =
  /\b(?:ich bin|(?<=^|[.!?]\s+)Bin|arbeite als|von Beruf|gelernte[rn]?|ausgebildete[rn]?|je suis|je travaille comme|sou|trabalho como|soy|trabajo como|sono|lavoro come|faccio (?:il|la|l['’])|ik ben|ik werk als|werk als)\b/gi;

export function foreignRole(text: string): string | null {
  for (const cue of allMatches(FOREIGN_INTRO, text)) {
    const after = text
      .slice((cue.index ?? 0) + cue[0].length)
      .split(WHITESPACE)
      .slice(0, 6);
    for (const raw of after) {
      const word = raw.replace(NOT_LETTERS_OR_HYPHEN, "");
      if (!word) continue;
      const role = germanRole(word) ?? ROMANCE_ROLES[word.toLowerCase()] ?? SPANISH_OCCUPATIONS[word.toLowerCase()];
      if (role) return role;
    }
  }
  return null;
}

/** "I am Maya Chen, a 34-year-old pediatric nurse": the appositive after a self-introduction. */
export const INTRO_APPOSITIVE =
  /\b(?:I'm|I’m|I am|Im|[Mm]y name is)\s+\p{Lu}[^,]{1,40},\s+(?:a|an)\s+([^,.;!?]{2,80})/u;

/** "31 y/o food science grad student": a profile line puts the role right after the age. */
export const AGE_THEN_ROLE =
  /\b\d{1,2}\s?(?:y\/o|yo|yrs? old|years? old|-year-old|[MFmf](?=[\s,]))\s*[,·|]?\s+([^,.;!?@|·]{2,60})/u;

/** "officially an apprentice welder now": a role announced without "I'm" (posts drop the pronoun). */
export const NOW_ROLE = /\b(?:officially|finally|now)\s+(?:a|an)\s+([^,.;!?]{2,60})/giu;

/** Seniority words that say how senior someone is, not what they do ("Associate Director · Landscape Architect"). */
const SENIORITY_ONLY =
  /^(?:(?:associate|assistant|deputy|senior|managing|executive|regional)\s+)?(?:director|manager|partner|principal|lead|head)$/i;

/** Of "Associate Director · Landscape Architect", the part that names a trade rather than a rank. */
export function preferredTitle(line: string): string {
  const parts = line.split(TITLE_PARTS_SEPARATOR);
  if (parts.length < 2) return line;
  const trade = parts.find((part) => {
    const phrase = occupationPhrase(part);
    return phrase !== null && !SENIORITY_ONLY.test(phrase);
  });
  return trade ?? parts[0] ?? line;
}

/** "Orchard Manager", "Head of Veterinary Unit": a short capitalised job title line. */
export function isTitleCase(text: string): boolean {
  const words = text.trim().split(WHITESPACE);
  if (words.length === 0 || words.length > 6) return false;
  return words.every((w) => STARTS_UPPER.test(w) || TITLE_SMALL_WORD.test(w)) && !ENDS_WITH_MARK.test(text.trim());
}

/** The Spanish job word of a sentence (`lower`: the text lowercased, when the caller has it already). */
export function spanishRole(text: string, lower = text.toLowerCase()): string | null {
  // A Spanish job word in an English sentence is English ("a conductor with a very loud whistle").
  if (!readsSpanishLower(lower)) return null;
  for (const word of lower.split(NON_LETTERS)) {
    const role = SPANISH_OCCUPATIONS[word];
    if (role) return role;
  }
  return null;
}

/** "Don Ana Ruiz", "Dr. Kwame Mensah": a line that is only a name (capitalised words, no label or sentence). */
export function isNameLine(text: string): boolean {
  // Several rules ask it of the same sentence (the one above the unit) in a row: the last answer is kept.
  if (text !== lastNameLine.text) {
    lastNameLine.text = text;
    lastNameLine.result = nameLine(text);
  }
  return lastNameLine.result;
}

const lastNameLine = { text: "", result: nameLine("") };

function nameLine(text: string): boolean {
  // Asked of the sentence above every unit: a question or labelled line is decided before its words are split out.
  if (SENTENCE_MARK.test(text)) return false;
  const words = text.trim().replace(TRAILING_DOT_OR_COMMA, "").split(WHITESPACE);
  return (
    words.length <= 5 &&
    words.every((w) => STARTS_UPPER.test(w) || NAME_PARTICLE.test(w)) &&
    !words.some((w) => NOT_A_NAME_WORD.test(w))
  );
}

/** A capitalised title line that names a job ("Orchard Manager", "Head of Veterinary Unit"), not a company. */
export function isJobTitle(text: string): boolean {
  if (!isTitleCase(text)) return false;
  const words = text.trim().split(WHITESPACE);
  return HEAD_OF_START.test(text.trim()) || words.some((_, k) => isHeadAt(words, k));
}
