/** Rules for interests. */
import { type Candidate, fromUnit } from "../engine/candidate.ts";
import { answerDepth, isFirstAnswer, owned, questionOf } from "../engine/context.ts";
import { collapseNear } from "../engine/select.ts";
import { firstClause, toGerund, trimPunctuation, wordCount } from "../engine/text.ts";
import { isSelf, type Unit } from "../engine/unit.ts";
import { ENTHUSIAST_HOBBIES, INTEREST_ENTRIES, LEISURE_CONTEXT, LEISURE_QUESTION } from "../lexicon/interests.ts";

const WORK_CONTEXT =
  /\b(?:since \d{1,2}(?:am|pm)|shift|at work|for work|customers?|orders?|clients?|the job|my job|patients)\b/i;

const SPANISH_TOPICS: Record<string, string> = {
  historia: "history",
  música: "music",
  ciencia: "science",
  cocina: "cooking",
  viajes: "travel",
  deporte: "sport",
  política: "politics",
};

function interestLabel(label: string, match: RegExpExecArray, text: string): string | null {
  if (label === "podcasts") {
    const topic = (match[1] ?? match[2] ?? "").toLowerCase();
    const english = SPANISH_TOPICS[topic] ?? (/^(?:to|the|and|listen|escucho)$/.test(topic) ? "" : topic);
    return english ? `${english} podcasts` : "podcasts";
  }
  if (label === "collecting") {
    const thing = (match[1] ?? "").toLowerCase();
    return thing && !/^(?:the|a|my|data|information|feedback|money)$/.test(thing) ? `collecting ${thing}` : null;
  }
  // A family of hobbies whose name is the matched word itself ("sailing", "quilting").
  if (label === "") return match[0].toLowerCase();
  if (label === "instrument") return `playing ${(match[1] ?? "").toLowerCase()}`;
  if (label === "fan") return match[1] ? `${match[1]} fan` : null;
  if (label === "youth sports coaching") {
    const sport =
      /\b(rugby|football|soccer|netball|hockey|basketball|cricket|volleyball|baseball|softball|handball|tennis|swimming|athletics)\b/i
        .exec(text)?.[1]
        ?.toLowerCase();
    return sport ? `${sport} coaching` : null;
  }
  return label;
}

// "I love trail running", "I enjoy baking sourdough": an activity (a gerund) the subject says they like.
const THIRD_LIKES =
  /\b(?:[Ss]he|[Hh]e)\s+(?:really\s+|also\s+)?(?:loves|enjoys|adores|likes)\s+((?:[\p{Ll}-]+\s+){0,2}[\p{Ll}-]+ing(?:\s+[\p{Ll}-]+){0,2})/gu;

const LIKES =
  /\bI\s+(?:really\s+|also\s+)?(?:love|enjoy|adore|like)\s+((?:[\p{Ll}-]+\s+){0,2}[\p{Ll}-]+ing(?:\s+[\p{Ll}-]+){0,2})/gu;

// "I like to have everything written": an infinitive, or an "-ing" that is a pronoun ("everything"), is no pastime.
const NOT_HOBBY =
  /^(?:working|being|having|getting|doing|making sure|seeing|knowing|thinking|feeling|going to|trying|to)\b|\b(?:every|some|any|no)thing\b/;

function likedActivities(unit: Unit): string[] {
  const found: string[] = [];
  const third = unit.topic === "subject" && !unit.firstPerson && unit.topicBy !== "implicit";
  for (const m of [...unit.text.matchAll(LIKES), ...(third ? unit.text.matchAll(THIRD_LIKES) : [])]) {
    const phrase = trimPunctuation(
      firstClause(m[1] ?? "").replace(/\s+(?:and|but|so|because|when|with|at|on|in)\b.*$/, ""),
    );
    if (phrase && !NOT_HOBBY.test(phrase) && wordCount(phrase) <= 4) found.push(phrase);
  }
  return found;
}

// "When I'm not in the yard, I'm ...", "At the weekends I ...": the lead-in says the rest of the sentence is free time.
export const LEISURE_LEAD =
  /^(?:(?:when (?:I'm|I’m|I am|she's|he's|she is|he is) not\b(?:[^,]{0,40},|[^,]{0,30}?\s(?=(?:I'm|I’m|I am|I|you'll|she's|he's|she|he)\s))|outside (?:of )?(?:work|the office|the day job|office hours)|in (?:my|her|his) (?:free|spare) time|(?:at |on |most |some )?(?:the )?weekends?(?: ritual| routine)?(?=[\s,:])|on (?:my|her|his) days? off|(?:in the )?evenings|(?:personal|privat|private|hobbies|interests|outside (?:of )?work|off duty|off the clock|off work|after work|after hours|away from (?:work|the job)|downtime|free time|spare time|for fun)\s*(?=:))\s*[,:]?\s*)/i;

/** "Personal: ...", "Hobbies: ...": a note line whose label says the rest is free time. */
const LEISURE_LABEL =
  /^(?:[-•*]\s*)?(?:personal|privat|private|hobbies|interests|outside (?:of )?work|off duty|off the clock|off work|after work|after hours|away from (?:work|the job)|downtime|free time|spare time|for fun|weekends?(?: ritual| routine)?)\s*:/i;

/** "I'm really into bouldering", "obsessed with sourdough", "my hobby is chess". */
const INTO =
  /\b(?:I'm|I’m|I am|she's|he's|she is|he is)\s+(?:really\s+|very\s+|super\s+|totally\s+|also\s+|completely\s+|a bit\s+|kind of\s+)?(?:into|obsessed with|hooked on|addicted to|mad about|crazy about|a (?:big |huge |massive )?fan of)\s+([^,.;!?()—–]+)|\b(?:my|her|his) (?:hobby|hobbies|passion|obsession|guilty pleasure|weekend thing) (?:is|are|:)\s+([^.;!?()—–]+)/giu;

/** "shouting for the Lotte Giants", "cheering on Boca Juniors": a team the subject supports. */
const SUPPORTS_TEAM =
  /\b(?:shout(?:s|ing)?|cheer(?:s|ing)?(?: on)?|root(?:s|ing)?|scream(?:s|ing)?)\s+(?:for\s+)?(?:the\s+)?((?:\p{Lu}[\p{L}'-]+\s?){1,4})/gu;

const ENTHUSIAST =
  /\b(?:keen|avid|amateur|passionate|enthusiastic|obsessive|lifelong|committed|dedicated|weekend|hobby)\s+((?:home |trail )?[\p{L}]+)\b/giu;

const SPENDS_TIME =
  /\bI\s+spend\s+(?:most of\s+)?(?:my|the)\s+(?:evenings|weekends|free time|spare time|sundays|saturdays|mornings|days off|holidays|summers)\s+(\p{Ll}+ing\b[^,.;!?]*)/iu;

/** "I sing", "I play", "I love": a first-person verb of doing or liking a pastime. */
const SELF_PASTIME =
  /\bI\s+(?:also\s+|still\s+|really\s+|absolutely\s+)?(?:love|enjoy|adore|do|play|go|sing|knit|climb|surf|sail|hike|dance|practi[cs]e|swim|paddle|row|fish|crochet|sew|paint|draw|skate|ski|box)\b/i;

/** Lexicon pastimes that are hobbies wherever someone says they do them (not trades like baking or cooking). */
const STANDALONE_HOBBY =
  /choir|knit|crochet|birdwatch|bouldering|climbing|karaoke|board games|chess|surfing|sailing|hiking|yoga|dancing|pottery|kayak|badminton|tennis|padel|golf|volleyball|football|basketball|martial arts|triathlon|bike polo|tabletop|anime|comics|LEGO|puzzles|meditation|ice bathing|sauna|open-water|swimming|running|cycling|drumming|taiko|instrument|gaming|photography|fishing|theatre|stand-up/i;

/** Free time stated around a first-person pastime: "I brew makgeolli at home", "I paint for fun". */
export const AT_HOME = /\b(?:at home|for fun|as a hobby|in my (?:spare|free) time|to (?:relax|unwind|switch off))\b/i;

/** "you will find her birdwatching", "she's usually ...": a third-person frame around gerund hobbies. */
const FOUND_DOING =
  /^(?:you(?:'ll|’ll| will| can)? (?:often |usually )?find (?:her|him|me|them)|(?:she|he)(?:'s|’s| is) (?:usually |often )?)\s+/i;

/** Verbs that name a pastime when the subject says "I <verb> <object>" about free time. */
const HOBBY_VERBS =
  "go|play|grow|brew|bake|make|build|repair|restore|fix|knit|sew|paint|sing|keep|ride|collect|forage|tinker|sail|swim|climb|cook|draw|practi[cs]e|do|surf|hike|fish|skate|ski|dance|shoot|develop|throw|coach|row|paddle|dive|camp|garden|volunteer|referee|DJ|spin|carve|whittle|crochet|embroider|sketch|write|read|watch|cycle|bike|run|walk|jog|train|lift|box|fence|kayak|snowboard";

const HOBBY_CLAUSE = new RegExp(
  `^(?:I\\s+|then\\s+|and\\s+|also\\s+)?(?:also\\s+|usually\\s+|sometimes\\s+|still\\s+|often\\s+|mostly\\s+)?(${HOBBY_VERBS})(?:e?s)?\\b\\s*(.*)$`,
  "iu",
);

const GERUND_PART =
  /^(?:(?:I'm|I’m|I am)\s+(?:also\s+|usually\s+|often\s+|still\s+)?(?:\p{Ll}+ly\s+)?)?(\p{Ll}{3,}ing)\b\s*(.*)$/iu;

/** Where, when, how often or with whom: these follow the hobby but are not part of it. */
const OBJECT_END =
  /\s(?:on|at|in|with|for|from|every|each|most|mostly|twice|once|along|when|while|after|before|around|near|whenever|badly|all|most|online|whatever|until|which|because|so|sadly|though)\b.*$|\s+(?:a|per) (?:week|month|day)\b.*$|\s+[—–]\s.*$/i;

const OBJECT_FILLER =
  /^(?:the|a|an|my own|my|our|her|his|some|lots of|a lot of|loads of|tons of|far too many|far too much|way too many|way too much|too many|so many)\s+/i;

const NOT_AN_OBJECT = /\b(?:I|it|is|are|was|them|that|this|which|who|me|you|very|really)\b/i;

const NOT_GERUND_HOBBY =
  /^(?:morning|evening|nothing|something|anything|everything|thing|during|bring|sing|cheering|shouting|rooting|screaming|heading|sitting|waiting|standing|staying|living|ring|king|spring|string|wing|ceiling|building|meeting|wedding|feeling|ending|evening|pudding)$/i;

function hobbyObject(raw: string): string | null {
  let object = trimPunctuation(raw.replace(/\p{Extended_Pictographic}/gu, ""));
  for (let i = 0; i < 3; i += 1) object = object.replace(OBJECT_FILLER, "");
  object = trimPunctuation(` ${object}`.replace(OBJECT_END, ""));
  object = object.replace(/\s+[—–-]\s.*$/, "").replace(/\s*\([^)]*\)?/g, "");
  if (NOT_AN_OBJECT.test(object) || wordCount(object) > 4) return null;
  return object;
}

/** One part of a free-time sentence: "I grow tomatoes on my balcony" -> "growing tomatoes"; "Board games" as is. */
function hobbyOf(part: string, nounsAllowed: boolean, self: boolean): string | null {
  const clause = self ? HOBBY_CLAUSE.exec(part) : null;
  if (clause) {
    const verb = (clause[1] ?? "").toLowerCase();
    const object = hobbyObject(clause[2] ?? "");
    if (object === null) return null;
    // "I go bouldering", "I do pottery": the object is the hobby.
    if (verb === "go" || verb === "do") return object === "" ? null : object.toLowerCase();
    // toGerund leaves verbs ending in "ing" ("sing") as they are.
    const gerund = verb === "sing" ? "singing" : verb === "dj" ? "DJing" : toGerund(verb);
    return object === "" ? gerund : `${gerund} ${object}`;
  }
  const gerund = GERUND_PART.exec(part);
  if (gerund && (self || !/^I\b/i.test(part))) {
    const verb = (gerund[1] ?? "").toLowerCase();
    if (NOT_HOBBY.test(verb) || NOT_GERUND_HOBBY.test(verb)) return null;
    // "learning to bake sourdough": the hobby is the thing being learnt.
    const learnt = verb === "learning" ? /^to\s+(\p{Ll}+)\s+(.+)$/u.exec(gerund[2] ?? "") : null;
    if (learnt) {
      const object = hobbyObject(learnt[2] ?? "");
      return object ? `${toGerund(learnt[1] ?? "")} ${object}` : null;
    }
    const object = hobbyObject(gerund[2] ?? "");
    if (object === null) return null;
    return object === "" ? verb : `${verb} ${object}`;
  }
  if (!nounsAllowed || /^I\b/i.test(part)) return null;
  const noun = hobbyObject(part.replace(/^(?:mostly|usually|lots of|a lot of|some|also)\s+/i, ""));
  // "nope", "badly": answers and adverbs, not pastimes.
  if (
    !noun ||
    /\b(?:have|has|do|does|were|my|go|get|got|just|yes|no|nope|nah|nothing|not|much)\b|^\p{L}+ly$/iu.test(noun)
  )
    return null;
  return noun.toLowerCase();
}

/** Free-time items in a sentence that is about free time by its lead-in or by the question it answers. */
function leisureItems(
  unit: Unit,
  answersLeisureQuestion: boolean,
  nounsAllowed = answersLeisureQuestion,
  text = unit.text,
): { items: string[]; parts: string[] } {
  const body = text.replace(/^[-•*>"“]\s*/, "");
  const lead = LEISURE_LEAD.exec(body);
  // A later sentence of a "Personal: ..." note line is free time too.
  const labelled = !lead && LEISURE_LABEL.test(unit.line) && !unit.line.startsWith(body);
  if (!lead && !labelled && !answersLeisureQuestion) return { items: [], parts: [] };
  const rest = body
    .slice(lead?.[0].length ?? 0)
    .replace(FOUND_DOING, "")
    .replace(/\s*\([^)]*\)?/g, "");
  const parts = rest.split(/\s*(?:,\s*(?:and|or)?|;|\s(?:and|or|&)\s)\s*/i).filter((p) => p.trim() !== "");
  const known = (text: string) => INTEREST_ENTRIES.find((entry) => entry.pattern.test(text));
  // A lead-in fragment ("Cold water.") followed by a recognised hobby on its line is that hobby's preamble.
  const preamble = !known(body) && known(unit.line.slice(unit.line.indexOf(body) + body.length)) !== undefined;
  const items: string[] = [];
  const used: string[] = [];
  for (const part of parts) {
    const self = (isSelf(unit) && unit.firstPerson) || lead !== null || labelled;
    // "Off the clock: roller derby and houseplants": a label lead names pastimes as bare nouns.
    const labelLead = lead !== null && /:\s*$/.test(lead[0]);
    let item =
      hobbyOf(trimPunctuation(part), nounsAllowed && !preamble, self) ??
      (labelLead && !known(part) ? hobbyOf(trimPunctuation(part), !preamble, self) : null);
    // The lexicon names the pastime better than a bare verb ("Climbing at the bouldering gym" -> bouldering) or
    // than an equally long paraphrase ("singing alto" -> choir singing).
    const entry = item ? known(part) : undefined;
    const match = entry?.pattern.exec(part);
    const label = entry && match ? interestLabel(entry.label, match, part) : null;
    if (item && label) {
      const shares = label
        .toLowerCase()
        .split(" ")
        .some((w) => item?.split(" ").includes(w));
      const named = item.endsWith(` ${label.toLowerCase()}`);
      if (named || wordCount(item) === 1 || (shares && (wordCount(label) >= wordCount(item) || wordCount(item) > 3)))
        item = label;
    }
    if (item && wordCount(item) <= 4) {
      items.push(item);
      used.push(part.toLowerCase());
    }
  }
  return { items, parts: used };
}

export function interestCandidates(units: readonly Unit[]): Candidate[] {
  const out: Candidate[] = [];
  units.forEach((unit, i) => {
    if (!owned(unit)) return;
    const question = questionOf(units, i);
    const leisureQuestion = isSelf(unit) && LEISURE_QUESTION.test(question);
    const firstAnswer = leisureQuestion && (isFirstAnswer(units, i) || answerDepth(units, i) === 0);
    // Later sentences of the answer still count when they name a pastime by its verb ("And I go birdwatching").
    const answersLeisure = firstAnswer || (leisureQuestion && answerDepth(units, i) <= 2);
    const taken = new Set<string>();
    // Parts already read as a hobby: a lexicon word inside them ("bake" in "learning to bake sourdough") is covered.
    const usedParts: string[] = [];
    if (!WORK_CONTEXT.test(unit.text) || answersLeisure) {
      // A free-time lead-in after an emoji or mid-unit ("... 😅 Weekends I do community theatre").
      const pieces = unit.text.split(/(?<=[.!?…\p{Extended_Pictographic}])\s+(?=\p{Lu})/u);
      for (const [k, piece] of pieces.entries()) {
        if (k > 0 && !LEISURE_LEAD.test(piece)) continue;
        const { items, parts } = leisureItems(unit, answersLeisure && k === 0, firstAnswer && k === 0, piece);
        for (const item of items) {
          if (taken.has(item)) continue;
          taken.add(item);
          out.push(fromUnit(unit, "interests", item, 0.7));
        }
        usedParts.push(...parts);
      }
    }
    const free = !WORK_CONTEXT.test(unit.text) || LEISURE_CONTEXT.test(unit.text);
    if (free) {
      for (const m of unit.text.matchAll(INTO)) {
        // "My hobbies are chess and birding": a list of pastimes.
        const listed = m[2] ? firstClause(m[2]).split(/\s*(?:,|\band\b|&|\+)\s*/) : [firstClause(m[1] ?? "")];
        for (const raw of listed) {
          const item = hobbyObject(raw.replace(/\s+(?:these days|lately|now|recently)$/i, ""));
          if (item && wordCount(item) <= 3 && !taken.has(item.toLowerCase())) {
            taken.add(item.toLowerCase());
            out.push(fromUnit(unit, "interests", item, 0.7));
            usedParts.push(item.toLowerCase());
          }
        }
      }
      // "a keen gardener", "an avid reader".
      for (const m of unit.text.matchAll(ENTHUSIAST)) {
        const hobby = ENTHUSIAST_HOBBIES[(m[1] ?? "").toLowerCase()];
        if (hobby && !taken.has(hobby)) {
          taken.add(hobby);
          out.push(fromUnit(unit, "interests", hobby, 0.7));
          usedParts.push(m[0].toLowerCase());
        }
      }
      // "I spend my evenings painting miniatures".
      const spend = SPENDS_TIME.exec(unit.text);
      const spent = spend ? hobbyOf(trimPunctuation(spend[1] ?? ""), false, true) : null;
      if (spent && !taken.has(spent) && isSelf(unit)) {
        taken.add(spent);
        out.push(fromUnit(unit, "interests", spent, 0.68));
        usedParts.push((spend?.[1] ?? "").toLowerCase());
      }
    }
    // "I sing in a choir", "I play chess": a first-person pastime the lexicon knows, with no work in the sentence.
    if (isSelf(unit) && unit.firstPerson && !WORK_CONTEXT.test(unit.text) && SELF_PASTIME.test(unit.text)) {
      for (const entry of INTEREST_ENTRIES) {
        if (!STANDALONE_HOBBY.test(entry.label || entry.pattern.source)) continue;
        const match = entry.pattern.exec(unit.text);
        const label = match ? interestLabel(entry.label, match, unit.text) : null;
        const covered = match && usedParts.some((part) => part.includes(match[0].toLowerCase()));
        if (label && !covered && !taken.has(label) && ![...taken].some((t) => t.includes(label) || label.includes(t))) {
          taken.add(label);
          out.push(fromUnit(unit, "interests", label, 0.62));
        }
      }
    }
    if (LEISURE_CONTEXT.test(unit.text)) {
      for (const m of unit.text.matchAll(SUPPORTS_TEAM)) {
        const team = trimPunctuation(m[1] ?? "");
        if (team && !taken.has(team)) {
          taken.add(team);
          out.push(fromUnit(unit, "interests", team, 0.68));
        }
      }
    }
    // "I brew makgeolli at home": a pastime verb with a free-time phrase, anywhere in the answer.
    if (isSelf(unit) && unit.firstPerson && AT_HOME.test(unit.text) && !WORK_CONTEXT.test(unit.text)) {
      for (const clause of unit.text.split(/,\s*|\s+and\s+|;\s*/)) {
        const item = /^(?:and\s+)?I\s/i.test(clause.trim())
          ? hobbyOf(trimPunctuation(clause.trim().replace(/^and\s+/i, "")), false, true)
          : null;
        if (item && !taken.has(item) && !/^(?:making|doing|keeping|going|playing)$/.test(item)) {
          taken.add(item);
          out.push(fromUnit(unit, "interests", item, 0.65));
          usedParts.push(clause.toLowerCase());
        }
      }
    }
    if ((isSelf(unit) || unit.topic === "subject") && !WORK_CONTEXT.test(unit.text)) {
      for (const activity of likedActivities(unit)) {
        if (taken.has(activity)) continue;
        taken.add(activity);
        out.push(fromUnit(unit, "interests", activity, 0.75));
      }
    }
    // "a keen open-water swimmer": only when the sentence names its person, not one carried over from a heading.
    const keen = /\b(?:keen|avid)\s+[\p{L}-]+(?:er|ist)\b/u.test(unit.text) && unit.topicBy !== "implicit";
    const leisure = keen || LEISURE_CONTEXT.test(unit.text) || LEISURE_QUESTION.test(unit.question);
    if (!leisure || (WORK_CONTEXT.test(unit.text) && !LEISURE_CONTEXT.test(unit.text))) return;
    for (const entry of INTEREST_ENTRIES) {
      const match = entry.pattern.exec(unit.text);
      if (!match) continue;
      const label = interestLabel(entry.label, match, unit.text);
      if (!label || taken.has(label)) continue;
      if (usedParts.some((part) => part.includes(match[0].toLowerCase()))) continue;
      // "open-water swimming" already covers "swimming" in the same sentence.
      if ([...taken].some((t) => t.includes(label) || label.includes(t))) continue;
      taken.add(label);
      out.push(fromUnit(unit, "interests", label, 0.7));
    }
  });
  return collapseNear(out);
}
