/** What counts as a role phrase: job heads, work verbs and the phrase cut around them. */
import { type NameMatcher, nameTokens } from "../attribution/names.ts";
import { lowerText } from "../engine/rules.ts";
import { stripDeterminers, trimPunctuation } from "../engine/text.ts";
import { isSelf, type Unit } from "../engine/unit.ts";
import { readsSpanish } from "../languages/spanish.ts";
import { germanRole, ROMANCE_ROLES, SPANISH_OCCUPATIONS } from "../lexicon/foreign-roles.ts";
import { agentFor, isJobHead, OCCUPATION_HEADS, TRADE_WORDS, workVerb } from "../lexicon/occupations.ts";

const EVALUATIVE_MODIFIERS =
  /^(?:\d{1,3}-years?-old|(?:third|second|first|fourth|fifth)-generation|experienced|proud|keen|big|small|busy|lifelong|former|full-time|part-time|qualified|fully|young|old|new|local|self-taught|award-winning|passionate|certified|licensed)\s+/i;

export const CREDENTIAL = /\b(?:approved|certified|registered|licensed|chartered|accredited)\b/i;

const bareWord = (word: string | undefined) => (word ?? "").toLowerCase().replace(/[^\p{L}/-]/gu, "");

/** Whether words[i] heads a role phrase: the shared lexicon, then the broad one (with its modifier guards). */
export function isHeadAt(words: readonly string[], i: number): boolean {
  const word = bareWord(words[i]);
  if (word === "") return false;
  // "founder/CEO", "owner/chef": either half names the job.
  if ((words[i] ?? "").includes("/")) {
    const halves = (words[i] ?? "").split("/");
    return halves.some((h) => h !== "" && isHeadAt([h], 0));
  }
  const previous = bareWord(words[i - 1]);
  if (OCCUPATION_HEADS.has(word))
    return !/^(?:owner|worker|leader|player|agent|partner|host)$/.test(word) || isJobHead(word, previous);
  return isJobHead(word, previous);
}

const HOBBY_HEADS =
  /^(?:cook|baker|gardener|photographer|writer|dancer|singer|painter|musician|artist|guitarist|pianist|drummer|knitter|potter|brewer|driver|reader|gamer|athlete|climber|sailor|swimmer|cyclist|runner|chef|host|hostess)$/;

const EVALUATIVE_BEFORE =
  /^(?:terrible|awful|good|great|bad|decent|lousy|amazing|excellent|average|mediocre|avid|keen|amateur|hobby|hobbyist|home|weekend|armchair|budding|wannabe|would-be|enthusiastic|occasional|competent|passable|fearless|careful|reluctant|nervous|slow|fast|messy|lazy|proud|happy|serial)$/;

/** Cuts a role phrase after its occupation head noun ("ICU nurse, band 6, at ..." -> "ICU nurse"). */
export function occupationPhrase(raw: string): string | null {
  const phrase = trimPunctuation(stripDeterminers(raw.replace(/\s+/g, " ")));
  const words = phrase.split(" ");
  let headIndex = -1;
  for (let i = 0; i < Math.min(words.length, 7); i += 1) {
    const word = bareWord(words[i]);
    if (isHeadAt(words, i) || (word === "head" && (words[i + 1] ?? "").toLowerCase() === "of")) {
      headIndex = i;
      if (word === "head") {
        // "Head of Veterinary Unit": keep the capitalised run after "of".
        let end = i + 2;
        while (end < words.length && /^\p{Lu}/u.test(words[end] ?? "")) end += 1;
        return trimPunctuation(words.slice(i, end).join(" "));
      }
      // "Founder & Head Instructor", "owner and head chef": two titles joined keep both.
      if (/^(?:&|and|\/)$/.test(words[i + 1] ?? "") && i + 2 < words.length) {
        const rest = words.slice(i + 2, i + 5);
        const second = rest.findIndex((_, k) => isHeadAt(rest, k));
        if (second >= 0 && /[&/]/.test(words[i + 1] ?? "") && isTitleCase(words.slice(0, i + 3 + second).join(" "))) {
          headIndex = i + 2 + second;
          break;
        }
      }
      if (isHeadAt(words, i + 1)) continue;
      // "SRE team lead", "marine biology grad student": a head used as a modifier of a later head.
      const next = words[i + 1] ?? "";
      const later = words[i + 2] ?? "";
      if (
        !/[,;:]$/.test(words[i] ?? "") &&
        !/[,;:]$/.test(next) &&
        /^[\p{L}-]+$/u.test(next) &&
        !/^(?:at|in|of|for|with|and|or|but|is|was|on|to|from|by|who|that|which|the|a|an|my|our)$/i.test(next) &&
        isHeadAt(words, i + 2) &&
        !/^(?:owner|founder)$/i.test(bareWord(later))
      ) {
        i += 1;
        continue;
      }
      break;
    }
  }
  if (headIndex < 0) return null;
  // "ex-pro volleyball player", "former nurse": a past role, not the present one.
  if (
    words
      .slice(Math.max(0, headIndex - 3), headIndex + 1)
      .some((w) => /^(?:ex-|former|aspiring|wannabe|future)/i.test(w))
  )
    return null;
  // "a terrible cook", "an avid photographer": a judgement of a pastime, not a job.
  if (
    headIndex > 0 &&
    HOBBY_HEADS.test(bareWord(words[headIndex])) &&
    EVALUATIVE_BEFORE.test(bareWord(words[headIndex - 1]))
  )
    return null;
  // A bare generic head ("specialist in X", "lead on Y") says what someone is good at, not their job.
  if (headIndex === 0 && /^(?:specialist|expert|lead|head|officer|member|assistant|volunteer)$/i.test(words[0] ?? ""))
    return null;
  let start = Math.max(0, headIndex - 3);
  // Only keep modifiers from the same noun phrase (stop at a comma or a lowercase function word).
  for (let i = headIndex - 1; i >= start; i -= 1) {
    const word = words[i] ?? "";
    if (/[,;:]$/.test(word) || /^(?:at|in|of|for|with|and|or|but|is|was|a|an|the|my|as)$/i.test(word)) {
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

/** "I'm Head of Product at Acme", "I'm Product Designer at Haventrack": a capitalised title with no article. */
export const SELF_TITLE_AT =
  /\b(?:I'm|I’m|I am)\s+(?:now\s+)?((?:\p{Lu}[\p{L}-]*\s+){0,3}(?:of\s+)?\p{Lu}[\p{L}-]*)\s+(?:at|@|for|with)\s+\p{Lu}/u;

/** Self-introductions in other languages: "Ich bin gelernter Tischler", "je suis infirmière", "trabajo como ...". */
const FOREIGN_INTRO =
  /\b(?:ich bin|(?<=^|[.!?]\s+)Bin|arbeite als|von Beruf|gelernte[rn]?|ausgebildete[rn]?|je suis|je travaille comme|sou|trabalho como|soy|trabajo como|sono|lavoro come|faccio (?:il|la|l['’])|ik ben|ik werk als|werk als)\b/gi;

export function foreignRole(text: string): string | null {
  for (const cue of text.matchAll(FOREIGN_INTRO)) {
    const after = text
      .slice((cue.index ?? 0) + cue[0].length)
      .split(/\s+/)
      .slice(0, 6);
    for (const raw of after) {
      const word = raw.replace(/[^\p{L}-]/gu, "");
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

/** "nurse in Denver", "farmer near Kumasi": where someone works is where they are. */
// A word is at most 64 letters: unbounded, a long hyphenated run was rescanned from each of its pieces.
export const ROLE_PLACE_WORD = /\b([\p{L}-]{1,64})\s+(?:in|near|based in|from)\s+/gu;

/** "27 y/o marine biology grad student": a profile line puts the role right after the age. */
export const AGE_THEN_ROLE =
  /\b\d{1,2}\s?(?:y\/o|yo|yrs? old|years? old|-year-old|[MFmf](?=[\s,]))\s*[,·|]?\s+([^,.;!?@|·]{2,60})/u;

/** "officially an apprentice welder now": a role announced without "I'm" (posts drop the pronoun). */
export const NOW_ROLE = /\b(?:officially|finally|now)\s+(?:a|an)\s+([^,.;!?]{2,60})/giu;

/** Seniority words that say how senior someone is, not what they do ("Associate Director · Landscape Architect"). */
const SENIORITY_ONLY =
  /^(?:(?:associate|assistant|deputy|senior|managing|executive|regional)\s+)?(?:director|manager|partner|principal|lead|head)$/i;

/** Of "Associate Director · Landscape Architect", the part that names a trade rather than a rank. */
export function preferredTitle(line: string): string {
  const parts = line.split(/\s+[·|]\s+/);
  if (parts.length < 2) return line;
  const trade = parts.find((part) => {
    const phrase = occupationPhrase(part);
    return phrase !== null && !SENIORITY_ONLY.test(phrase);
  });
  return trade ?? parts[0] ?? line;
}

/** "Orchard Manager", "Head of Veterinary Unit": a short capitalised job title line. */
export function isTitleCase(text: string): boolean {
  const words = text.trim().split(/\s+/);
  if (words.length === 0 || words.length > 6) return false;
  return words.every((w) => /^\p{Lu}/u.test(w) || /^(?:of|and|&|for|the|de)$/.test(w)) && !/[.!?:]$/.test(text.trim());
}

/** Per matcher, the company pattern after the subject's surname, and the surname when it is plain letters. */
const surnameCompanies = new WeakMap<NameMatcher, { pattern: RegExp; literal: string | null } | null>();

function surnameCompany(matcher: NameMatcher): { pattern: RegExp; literal: string | null } | null {
  let found = surnameCompanies.get(matcher);
  if (found === undefined) {
    const own = nameTokens(matcher.full);
    const surname = own[own.length - 1];
    found =
      !surname || own.length < 2
        ? null
        : {
            pattern: new RegExp(`\\b${surname}\\s+(\\p{Lu}\\p{Ll}+)(?:\\s+(?:Ltd|Limited|LLC|Inc|& Sons|Co)\\b)?`, "u"),
            // A surname of letters only matches itself, so a unit without it cannot match (checked first).
            literal: /^[\p{L}'’-]+$/u.test(surname) ? surname : null,
          };
    surnameCompanies.set(matcher, found);
  }
  return found;
}

export function tradeFromCompany(unit: Unit, matcher: NameMatcher | null): string | null {
  if (!matcher) return null;
  const surname = surnameCompany(matcher);
  if (!surname || (surname.literal !== null && !unit.text.includes(surname.literal))) return null;
  const company = surname.pattern.exec(unit.text);
  const trade = company?.[1] ? TRADE_WORDS[company[1].toLowerCase()] : undefined;
  return trade ?? null;
}

export function spanishRole(text: string): string | null {
  // A Spanish job word in an English sentence is English ("a conductor with the most incredible hat").
  if (!readsSpanish(text)) return null;
  for (const word of text.toLowerCase().split(/[^\p{L}]+/u)) {
    const role = SPANISH_OCCUPATIONS[word];
    if (role) return role;
  }
  return null;
}

/** "Don Ana Ruiz", "Dr. Kwame Mensah": a line that is only a name (capitalised words, no label or sentence). */
export function isNameLine(text: string): boolean {
  const words = text.trim().replace(/[.,]$/, "").split(/\s+/);
  return (
    !/[:!?]/.test(text) &&
    words.length <= 5 &&
    words.every((w) => /^\p{Lu}/u.test(w) || /^(?:de|da|del|van|von|der|den|di|du|la|le|bin|al|y)$/.test(w)) &&
    !words.some((w) =>
      /^(?:I|I'm|I’m|Im|My|Our|The|A|An|Hi|Hello|Hey|Dear|Thanks|Thank|Cheers|This|That|We|It)$/.test(w),
    )
  );
}

/** A capitalised title line that names a job ("Orchard Manager", "Head of Veterinary Unit"), not a company. */
export function isJobTitle(text: string): boolean {
  if (!isTitleCase(text)) return false;
  const words = text.trim().split(/\s+/);
  return /^Head of\b/i.test(text.trim()) || words.some((_, k) => isHeadAt(words, k));
}

/** Things people do for pleasure or occasionally: a verb of work in such a sentence is a hobby, not a job. */
const HOBBY_CONTEXT =
  /\b(?:weekends?|on (?:mon|tues|wednes|thurs|fri|satur|sun)days?|(?:mon|tues|wednes|thurs|fri|satur|sun)day (?:mornings?|evenings?|afternoons?|nights?)|evenings|in my (?:spare|free) time|for fun|hobby|hobbies|on the side|side hustle|volunteer\w*|sometimes|occasionally|once a|twice a|every (?:week|month|sunday|saturday)|when I'm not|when I’m not|outside (?:of )?work|after work|for (?:my )?(?:friends|family|kids)|at home|myself|used to|anymore|any more|never)\b/i;

/** A sentence that says a verb of work is the speaker's job ("It's my day job", "for a living"). */
const JOB_CONTEXT =
  /\b(?:(?:it'?s|it’s|that'?s|that’s|is)\s+my\s+(?:day\s+)?job|for a living|professionally|by trade|full[- ]time|my day job|for work)\b/i;

/** Where a job is done: "at a public high school", "at Lincoln High", "in a hospital". */
const WORKPLACE_AFTER =
  /^\s*(?:\S+\s+){0,4}?(?:at|in|for)\s+(?:(?:a|an|the|our|my|two|three|several|local|public|private|state|big|small)\s+){0,3}(?:\p{Lu}|(?:[\p{Ll}-]+\s+)?(?:school|college|university|academy|hospital|clinic|firm|company|agency|restaurant|café|cafe|bakery|roastery|farm|studio|practice|hotel|office|centre|center|institute|lab|nursery|kindergarten|department|ward|unit)\b)/u;

const WORKPLACE_LATER =
  /^[^.;!?]{0,80}?\b(?:at|in)\s+(?:a|an|the|our|my|two|three|several)\s+(?:[\p{L}-]+\s+){0,3}(?:school|college|university|academy|hospital|clinic|firm|company|agency|restaurant|café|cafe|bakery|farm|studio|practice|hotel|office|centre|center|institute|lab|nursery|kindergarten|workshop)\b/iu;

/** "I teach chemistry", "I've been nursing for twelve years": a verb of work names the agent. */
const PRESENT_WORK =
  /(?:^|[:;,—–]\s*|\b(?:and|so|basically|mainly|mostly|now)\s+)I\s+(?:(?:also|mainly|mostly|currently|now|still|basically|professionally|actually)\s+)?(\p{Ll}+)\b([^.;!?,—–(]{0,60})/gu;

const THIRD_WORK =
  /(?:^|[:;,—–]\s*)(?:She|He|[Ss]he|[Hh]e|\p{Lu}[\p{Ll}'’-]+)\s+(?:(?:also|mainly|mostly|currently|now|still)\s+)?(\p{Ll}+(?:es|s))\b([^.;!?,—–(]{0,60})/gu;

const TENURE_WORK =
  /\b(?:I've|I’ve|I have|I'd|I’d|we've|we’ve|she's|she has|he's|he has)?\s*been\s+(\p{Ll}+ing)\b([^.;!?]{0,60}?)\s*\b(?:for\s+(?:\S+\s+){0,2}(?:years?|decades?)|since\b|professionally\b|full[- ]time\b)/giu;

/** The object of a verb of work, cut before its place or time ("chemistry at a public high school" -> chemistry). */
function workObject(rest: string): string {
  return (
    rest.split(
      /\s+(?:at|in|on|for|to|from|with|into|since|and|but|because|every|each|here|there|now|full-time|part-time)\b/i,
    )[0] ?? ""
  ).trim();
}

/** "I teach chemistry" -> chemistry teacher: the agent noun for a verb of work plus its object. */
export function verbRole(text: string): string | null {
  const match =
    /^I\s+(?:(?:also|mainly|mostly|currently|now|still|basically|professionally|actually)\s+)?(\p{Ll}+)\b(.*)$/u.exec(
      text.trim(),
    );
  if (!match?.[1]) return null;
  const verb = baseWorkVerb(match[1]);
  return verb ? agentFor(verb, workObject(match[2] ?? "")) : null;
}

/** First-person role statements that need no further check, with the confidence each gives. */
/** Only base forms ("teach", not "teaching"/"taught") for present-simple statements. */
function baseWorkVerb(form: string): string | null {
  const verb = workVerb(form);
  return verb === form.toLowerCase() ? verb : null;
}

export function workRoles(units: readonly Unit[], i: number): [string, number][] {
  const unit = units[i];
  if (!unit) return [];
  const roles: [string, number][] = [];
  const hobby = HOBBY_CONTEXT.test(unit.text);
  const next = units[i + 1];
  // Read only when a verb of work is found (most units have none).
  let nearJobFound: boolean | undefined;
  const nearJob = () =>
    (nearJobFound ??=
      JOB_CONTEXT.test(unit.text) ||
      (next !== undefined && next.source === unit.source && JOB_CONTEXT.test(next.text)));
  if (isSelf(unit)) {
    // TENURE_WORK needs "been" (no "s" or "k", so lowercasing finds every case its `iu` flags match).
    for (const match of lowerText(unit).includes("been") ? unit.text.matchAll(TENURE_WORK) : []) {
      const verb = workVerb(match[1] ?? "");
      const object = workObject(match[2] ?? "");
      if (!verb || /^(?:myself|yourself|herself|himself|themselves|ourselves)\b/i.test(object)) continue;
      const role = agentFor(verb, object);
      if (role) roles.push([role, 0.7]);
    }
    if (!hobby) {
      const words = unit.text.split(/\s+/).length;
      for (const match of unit.text.matchAll(PRESENT_WORK)) {
        const verb = baseWorkVerb(match[1] ?? "");
        if (!verb) continue;
        const rest = match[2] ?? "";
        // "I teach chemistry, mostly seniors, in a public high school": the workplace may follow a comma.
        const after = unit.text.slice((match.index ?? 0) + match[0].length - rest.length, (match.index ?? 0) + 140);
        const atWork = WORKPLACE_AFTER.test(rest) || WORKPLACE_LATER.test(after);
        if (!nearJob() && !atWork && words > 6) continue;
        const role = agentFor(verb, workObject(rest));
        if (role) roles.push([role, nearJob() || atWork ? 0.7 : 0.6]);
      }
    }
  }
  if (unit.topic === "subject" && !unit.firstPerson && unit.topicBy !== "implicit" && !hobby) {
    for (const match of unit.text.matchAll(THIRD_WORK)) {
      const form = match[1] ?? "";
      const verb = workVerb(form);
      if (!verb || verb === form.toLowerCase()) continue;
      const rest = match[2] ?? "";
      if (!nearJob() && !WORKPLACE_AFTER.test(rest)) continue;
      const role = agentFor(verb, workObject(rest));
      if (role) roles.push([role, 0.65]);
    }
  }
  return roles;
}
