/**
 * The eval's judge of a predicted `communication_style` (outside the README's scoring rule): each claim of the
 * prediction ("no email; phone calls") must be a fact the gold style or one of its aliases states, with the same
 * polarity. Word overlap cannot do this: it calls "no email" against "never email" wrong and "email" against "no
 * email" right.
 *
 * Both sides are read into facts (topic, positive?): a topic is a channel or a manner, found by the phrasings in
 * TOPICS; a manner just before a channel makes one narrower topic ("long email"). A fact is negative after a negator
 * (to the end of its clause) or after a contrast ("X rather than Y", "X over Y", and "prefers X to Y").
 * A claim's fact holds when the gold has the same fact, a narrower positive one ("short emails" supports "email" and
 * "written"), or a broader negative one ("no email" supports "no long emails", not the reverse).
 */
import { normalizeText } from "../src/synthesis/normalize.ts";

interface Topic {
  kind: "channel" | "manner";
  /** Normalised phrasings; the longest match wins, so "plain spoken" is a manner, not the channel "spoken". */
  says: string[];
  /** Topics this one implies: an email is written communication. */
  broader?: string[];
}

const TOPICS: Record<string, Topic> = {
  email: { kind: "channel", says: ["email", "emails", "e mail", "e mails", "inbox"], broader: ["written"] },
  phone: {
    kind: "channel",
    says: [
      "phone",
      "phone call",
      "phone calls",
      "call",
      "calls",
      "calling",
      "ring",
      "telephone",
      "over the phone",
      "by phone",
    ],
    broader: ["spoken"],
  },
  text: {
    kind: "channel",
    says: ["text", "texts", "texting", "text message", "text messages", "sms"],
    broader: ["written"],
  },
  whatsapp: { kind: "channel", says: ["whatsapp", "whatsapp text", "whatsapp texts"] },
  "voice note": {
    kind: "channel",
    says: ["voice", "voice note", "voice notes", "voice message", "voice messages", "voice memo", "voice memos"],
    broader: ["spoken"],
  },
  video: { kind: "channel", says: ["video", "video call", "video calls", "zoom", "video chat"], broader: ["spoken"] },
  "in person": {
    kind: "channel",
    says: ["in person", "face to face", "meet in person", "meeting in person", "in person conversations"],
    broader: ["spoken"],
  },
  meeting: { kind: "channel", says: ["meeting", "meetings"], broader: ["spoken"] },
  chat: {
    kind: "channel",
    says: [
      "chat",
      "slack",
      "teams",
      "instant messaging",
      "instant messages",
      "dm",
      "dms",
      "direct message",
      "direct messages",
    ],
    broader: ["written"],
  },
  letter: { kind: "channel", says: ["letter", "letters", "by post", "postal"], broader: ["written"] },
  deck: {
    kind: "channel",
    says: ["deck", "decks", "slide deck", "slide decks", "slides", "presentation", "presentations"],
  },
  written: { kind: "channel", says: ["written", "writing", "in writing", "write", "typing", "typed"] },
  spoken: { kind: "channel", says: ["spoken", "verbal", "talking", "talk", "conversation", "conversations"] },
  short: { kind: "manner", says: ["short", "brief", "briefly", "terse", "concise", "quick", "succinct"] },
  long: { kind: "manner", says: ["long", "lengthy", "detailed", "rambling", "long winded", "verbose"] },
  formal: { kind: "manner", says: ["formal", "formally"] },
  informal: { kind: "manner", says: ["informal", "casual", "chatty", "talkative", "relaxed", "colloquial"] },
  direct: {
    kind: "manner",
    says: ["direct", "blunt", "frank", "plain spoken", "no nonsense", "straightforward", "to the point", "outspoken"],
  },
  polite: { kind: "manner", says: ["polite", "courteous"] },
  warm: { kind: "manner", says: ["warm", "friendly"] },
  precise: { kind: "manner", says: ["precise", "exact", "meticulous"] },
  humorous: { kind: "manner", says: ["humorous", "funny", "jokey", "witty"] },
  asynchronous: { kind: "manner", says: ["async", "asynchronous"] },
};

/** Words that turn what follows in the clause negative. */
const NEGATORS = [
  "no",
  "not",
  "never",
  "rarely",
  "avoid",
  "avoids",
  "without",
  "nor",
  "hates",
  "dislikes",
  "doesn t",
  "does not",
  "don t",
  "do not",
  "won t",
  "will not",
];
/** "X rather than Y": X keeps its polarity, Y is negative. */
const CONTRASTS = ["rather than", "instead of", "over"];
/** After these, "X to Y" in the same sentence is a contrast ("prefers a call to long emails"). */
const PREFERS = ["prefers", "prefer", "preferred", "preferring"];
/** Phrasings that look like a topic and are not one: reading email on her phone says nothing about calls. */
const NOT_TOPICS = ["on her phone", "on his phone", "from her phone", "from his phone", "on their phone"];

type Marker = "negator" | "contrast" | "prefers" | "ignore";
const PHRASES = new Map<string, string | Marker>();
for (const [topic, { says }] of Object.entries(TOPICS)) for (const phrase of says) PHRASES.set(phrase, topic);
for (const [marker, list] of [
  ["negator", NEGATORS],
  ["contrast", CONTRASTS],
  ["prefers", PREFERS],
  ["ignore", NOT_TOPICS],
] as const) {
  for (const phrase of list) PHRASES.set(phrase, marker);
}
const LONGEST_PHRASE = Math.max(...[...PHRASES.keys()].map((phrase) => phrase.split(" ").length));
/** Joins a manner and the channel it qualifies: "long+email". */
const COMPOUND = "+";

export interface StyleFact {
  topic: string;
  positive: boolean;
}

/** A topic and every topic it implies ("long email" -> long, email, written). */
function withBroader(topic: string): Set<string> {
  const found = new Set<string>();
  const visit = (name: string) => {
    if (found.has(name)) return;
    found.add(name);
    for (const part of name.includes(COMPOUND) ? name.split(COMPOUND) : []) visit(part);
    for (const broader of TOPICS[name]?.broader ?? []) visit(broader);
  };
  visit(topic);
  return found;
}

/** The facts a style text states, sentence by sentence (";") and clause by clause (",", ":"). */
export function styleFacts(text: string): StyleFact[] {
  const facts: StyleFact[] = [];
  for (const sentence of text.split(/[;!?\n]|\.(?!\d)/)) {
    let prefers = false;
    for (const clause of sentence.split(/[,:()]/)) {
      const words = normalizeText(clause).split(" ").filter(Boolean);
      let positive = true;
      let last: { fact: StyleFact; end: number } | undefined;
      for (let i = 0; i < words.length; ) {
        let length = Math.min(LONGEST_PHRASE, words.length - i);
        while (length > 0 && !PHRASES.has(words.slice(i, i + length).join(" "))) length -= 1;
        const found = length > 0 ? PHRASES.get(words.slice(i, i + length).join(" ")) : undefined;
        if (found === undefined) {
          // "prefers a call to long emails": after a preference and a topic, "to" starts what is not preferred.
          if (words[i] === "to" && prefers && last) positive = false;
        } else if (found === "negator" || found === "contrast") {
          positive = false;
        } else if (found === "prefers") {
          prefers = true;
          positive = true;
        } else if (found !== "ignore") {
          const before = last?.end === i ? last.fact : undefined;
          if (
            before?.positive === positive &&
            TOPICS[before.topic]?.kind === "manner" &&
            TOPICS[found]?.kind === "channel"
          ) {
            before.topic = `${before.topic}${COMPOUND}${found}`; // "long emails": one narrower topic
            last = { fact: before, end: i + length };
          } else {
            const fact = { topic: found, positive };
            facts.push(fact);
            last = { fact, end: i + length };
          }
        }
        i += Math.max(length, 1);
      }
    }
  }
  return facts;
}

/** Whether the gold facts support one predicted fact. */
function supported(fact: StyleFact, gold: readonly StyleFact[]): boolean {
  return gold.some(
    (known) =>
      known.positive === fact.positive &&
      (fact.positive ? withBroader(known.topic).has(fact.topic) : withBroader(fact.topic).has(known.topic)),
  );
}

export interface ClaimVerdict {
  claim: string;
  correct: boolean;
}

export interface StyleVerdict {
  correct: boolean;
  claims: ClaimVerdict[];
}

/**
 * Judges a predicted style against the gold style and its aliases: right when every claim is. A claim that names no
 * known topic is right only when the gold or an alias says it word for word.
 */
export function judgeStyle(predicted: string, gold: string | null, aliases: readonly string[] = []): StyleVerdict {
  const golds = gold === null ? [] : [gold, ...aliases];
  const goldFacts = golds.flatMap(styleFacts);
  const goldTexts = golds.map((text) => ` ${normalizeText(text)} `);
  const claims = predicted
    .split(/[;,]/)
    .map((claim) => claim.trim())
    .filter((claim) => claim !== "")
    .map((claim) => {
      const facts = styleFacts(claim);
      const correct =
        facts.length > 0
          ? facts.every((fact) => supported(fact, goldFacts))
          : goldTexts.some((text) => text.includes(` ${normalizeText(claim)} `));
      return { claim, correct };
    });
  return { correct: claims.length > 0 && claims.every((claim) => claim.correct), claims };
}
