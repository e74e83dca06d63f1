/**
 * Rules for communication style: only what the text says about how the person communicates ("prefers email",
 * "Text me.", "Please not long emails", "a voice note is best"). Nothing is inferred from how long their sentences are
 * or how many emoji they use: that guessed "brief" for people who never said so. A person who refuses one channel
 * usually names the one they want in the same breath; both halves are read (a refusal alone misstates them).
 */
import type { Candidate } from "../engine/candidate.ts";
import { statedAt } from "../engine/context.ts";
import { fieldRule, lowerText, type Rule, runRules, unmatched } from "../engine/rules.ts";
import { textBefore, wordTable } from "../engine/text.ts";
import type { Unit } from "../engine/unit.ts";

/** Messaging apps named as channels, as the value spells them. */
const APPS: Readonly<Record<string, string>> = wordTable({
  whatsapp: "WhatsApp",
  telegram: "Telegram",
  viber: "Viber",
  zalo: "Zalo",
  slack: "Slack",
});
const APP = Object.keys(APPS).join("|");

/**
 * A channel a person asks for, as words: an app, a medium ("voice note", "phone call", "email", "SMS"), or an app and
 * a medium ("WhatsApp voice notes"), or "in person"/"face-to-face". A bare "message" names no channel.
 */
const MEDIUM = `(?:(?:${APP})\\s+)?(?:voice\\s+(?:notes?|messages?|memos?)|video\\s+calls?|(?:tele)?phone\\s+calls?|text\\s+messages?|e-?mails?|texts?|sms|calls?|(?:tele)?phone)|${APP}|in[- ]person|face[- ]to[- ]face|dms|direct\\s+messages?`;

/** A channel said as a verb ("email rather than phone"). */
const VERB_CHANNEL = "text|ring|call|phone|e-?mail|whatsapp";

/**
 * Media as the value spells them, by the first that fits the words after an app's name; also the channels a refusal
 * names ("long e-mails", "slide decks").
 */
const MEDIA: readonly [RegExp, string][] = [
  [/^voice/, "voice messages"],
  [/^video/, "video calls"],
  [/^(?:(?:tele)?phone|calls?)/, "phone calls"],
  [/^(?:texts?|text messages?|sms)$/, "text messages"],
  [/^e ?mails?$/, "email"],
  [/^long e ?mails?$/, "long emails"],
  [/^slide decks?$/, "slide decks"],
  [/^(?:in person|face to face)$/, "in person"],
  [/^(?:dms|direct messages?)$/, "direct messages"],
];
const WORD_GAPS = /[-\s]+/g;

/** How the value spells a channel asked for or refused ("whatsapp voice notes" -> "WhatsApp voice messages"). */
function spell(phrase: string): string | null {
  const words = phrase.toLowerCase().replace(WORD_GAPS, " ").trim().split(" ");
  const app = APPS[words[0] ?? ""];
  const rest = (app ? words.slice(1) : words).join(" ");
  const medium = MEDIA.find(([pattern]) => pattern.test(rest))?.[1] ?? (rest === "" && app ? "messages" : null);
  if (medium === null || !app) return medium;
  return `${app} ${medium === "phone calls" ? "calls" : medium}`;
}

const ANY_MEDIUM = new RegExp(`\\b(?:${MEDIUM})\\b`, "giu");

/** Every match of a global pattern in a stretch of text, as `name` spells it, without nulls or repeats. */
function spellMatches(text: string, pattern: RegExp, name: (word: string) => string | null): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(pattern)) {
    const spelled = name(m[0]);
    if (spelled && !found.includes(spelled)) found.push(spelled);
  }
  return found;
}

/** Every channel named in a stretch of text ("WhatsApp, or voice message"), spelled, without repeats. */
const spellAll = (text: string) => spellMatches(text, ANY_MEDIUM, spell);

/**
 * The contact-me pattern's pre-check, whose cue " me" occurs in most first-person sentences: every text the pattern
 * matches holds a request word ("please", "pls", "send", "reply", "answer", "write"), or "me" and a channel or contact
 * word ("text me", "contact me").
 */
const REQUEST_WORDS = ["please", "pls", "send", "reply", "answer", "write"];
const CONTACT_WORDS = ["text", "ring", "call", "phone", "mail", "whatsapp", "voice", "contact"];

function mayAskContact(unit: Unit): boolean {
  const lower = lowerText(unit);
  if (REQUEST_WORDS.some((word) => lower.includes(word))) return true;
  return lower.includes("me") && CONTACT_WORDS.some((word) => lower.includes(word));
}

/** Words of a preference or a request ("prefers", "please", "best", "send me"). */
const WANTS = /\b(?:prefers?|preferably|please|pls|best|better|only|likes?|wants?|me)\b/i;

/** A request for brevity ("keep it short", "one page") rather than for writing things down. */
const ASKS_SHORT = /short|brief|one page/;

/** A mark that ends the clause before a word: punctuation, a dash, a bracket or an opening quote. */
const CLAUSE_MARK = `[,.;:!?—–(\\-"“'‘]`;

/**
 * A request's verb stands first in its clause ("Text me.", "If you can't, ring me", "so please just call me"); after
 * a subject ("they call me", "he'll text me") the sentence reports what others do, and after a negation ("don't
 * call me") it asks for the opposite.
 */
const OPENS_REQUEST = new RegExp(
  `(?:^|${CLAUSE_MARK}|\\b(?:please|pls|so|then|and|or|but|instead|rather|time|otherwise|ok|okay|yes))\\s*(?:(?:just|simply|please|pls)\\s+)*$`,
  "iu",
);

/**
 * A bare "no"/"not" refuses a channel only as a clause of its own ("No calls.", "Please, not email") or as the
 * second half of a contrast ("by phone, not email"); inside a clause it describes a situation ("a day with no phone").
 */
const OPENS_REFUSAL = new RegExp(
  `(?:^|${CLAUSE_MARK}|\\b(?:please|pls|so|but|just|also|then)|\\b(?:phone|calls?|texts?|sms|e-?mails?|${APP}))\\s*$`,
  "iu",
);

/** A bare "no"/"not" (not "don't", "never"). */
const BARE_NEGATION = /^not?\s/i;

/** What a length word after a refused channel ("don't email me essays") makes of the refusal. */
const LENGTHY = /^(?:walls? of text|essays?|novels?|paragraphs)$/i;

const CHANNEL_WORDS =
  "e-?mails?|long\\s+e-?mails?|phone(?:\\s+calls?)?|calls?|texts?|text\\s+messages?|sms|slide\\s+decks?";

/** A channel of communication named in a text ("Teams calls over email chains" ranks channels, not values). */
export const NAMES_A_CHANNEL = new RegExp(`\\b(?:${CHANNEL_WORDS})\\b`, "i");

/** An asked-for channel: a medium, or an app with "message(s)" after it ("a Zalo message"). */
const ASKED = `(?:${MEDIUM})(?:\\s+messages?)?`;
/** Channels joined by "or", "and", "/" or a comma ("in person or a short video call"). */
const ASKED_LIST = `${ASKED}(?:\\s*,?\\s*(?:or|and|\\/)\\s*(?:an?\\s+)?(?:quick\\s+|short\\s+)?${ASKED})*`;
/** What "prefers" may name besides a channel. */
const PREFERABLE = `(?:${ASKED}|async(?:hronous)?|written|writing(?=\\s+(?:to|over|rather than|instead of)\\s+(?:an?\\s+)?(?:${MEDIUM})\\b))`;

/**
 * A time set on a channel ("after 6 pm", "before 8am or after 7pm", "in the evening"), kept with the channel it
 * conditions: a window is part of how the person wants to be reached.
 */
const HOUR = `(?:after|before)\\s+\\d{1,2}(?:[:.]\\d{2})?\\s*(?:am|pm|a\\.m\\.|p\\.m\\.)?`;
const WHEN = `(?:${HOUR}(?:\\s+or\\s+${HOUR})?|in\\s+the\\s+(?:morning|afternoon|evening)s?|at\\s+night)`;

/** How the value spells a time on a channel ("after 6pm"), or "" when none was said. */
const spellWhen = (said: string | undefined) => (said ? ` ${said.toLowerCase().replace(WORD_GAPS, " ").trim()}` : "");

/** A label asking how to reach the person ("Preferred contact:"). */
const CONTACT_LABEL = /contact|comms|communication|reach/i;

/** Before a channel said to be best: a possessive or "new"/"old" that makes it a device ("my new phone is better"). */
const A_DEVICE = /\b(?:my|your|his|her|their|our|its|new|old|this|that)\s+(?:an?\s+)?$/i;

/** Before "text": a size that makes it print on a screen or page ("larger text is easier to read"), not a channel. */
const A_PRINT_SIZE = /\b(?:big|bigger|large|larger|small|smaller|bold|tiny)\s+$/i;

// "writing" alone: the comparison that lets the pattern take it is not in the matched list.
const ANY_PREFERABLE = new RegExp(`\\b(?:${PREFERABLE}|writing)\\b`, "giu");

/** How the value spells what "prefers" names. */
const spellPreferred = (text: string) =>
  spellMatches(text, ANY_PREFERABLE, (match) => {
    const word = match.toLowerCase();
    return word.startsWith("async") ? "async" : word.startsWith("writ") ? "written" : spell(word);
  });

export const STYLE_RULES: readonly Rule[] = [
  fieldRule("communication_style", "prefers-channel", {
    cue: ["prefer"],
    // "Prefers email", "prefers WhatsApp or a call over long emails" (what is preferred over is named too).
    pattern: new RegExp(
      `\\bprefers?\\s+(?:an?\\s+)?(${PREFERABLE}(?:\\s*(?:\\/|,|\\bor\\b|\\band\\b)\\s*(?:an?\\s+)?(?:quick\\s+|short\\s+)?${PREFERABLE})*)(?:\\s+(?:communication|messages|updates))?\\b(?:\\s+(${WHEN}))?(?:\\s+(?:over|to|rather than|instead of)\\s+(?:an?\\s+)?(long\\s+|lengthy\\s+)?(${MEDIUM})\\b)?`,
      "iu",
    ),
    when: ["aboutSubject", "statement"],
    value: (m) => {
      const parts = spellPreferred(m[1] ?? "");
      if (parts.length === 0) return null;
      const over = m[4] ? spell(m[4]) : null;
      const against = over ? ` over ${m[3] ? `long ${over === "email" ? "emails" : over}` : over}` : "";
      return `prefers ${parts.join(" or ")}${spellWhen(m[2])}${against}`;
    },
    confidence: 0.75,
    examples: {
      fires: [
        ["Prefers written/async updates, finds status meetings a drag.", "prefers written or async"],
        ["Prefers email; likes time to think before answering.", "prefers email"],
        ["For a chat I'd prefer a call after 7 pm, the signal is bad by day.", "prefers phone calls after 7 pm"],
        ["I prefer writing to phone calls, I think better on paper.", "prefers written over phone calls"],
        [
          "She prefers Telegram or a quick call to long emails.",
          "prefers Telegram messages or phone calls over long emails",
        ],
      ],
      silent: [unmatched("I prefer the morning shift."), unmatched("I prefer writing poems."), "Do you prefer email?"],
    },
  }),
  fieldRule("communication_style", "contact-me", {
    cue: [" me", ...REQUEST_WORDS],
    // A request for a channel: "Text me.", "ring me if it's urgent", "Phone please", "reply by email only", "please,
    // only by phone", "send me a voice note".
    pattern: new RegExp(
      `\\b(text|ring|call|phone|e-?mail|whatsapp|voice[- ]note)\\s+me(?=\\s+(${WHEN})|\\s+or\\s+(?:send\\s+(?:me\\s+)?)?(?:an?\\s+)?(${ASKED})\\b|\\s*(?:[.!,;:—–-]|$)|\\s+(?:if|when|whenever|after|before|on|at|any\\s?time|instead|directly|first|or|back)\\b)|\\b(phone|e-?mail|text|whatsapp)\\s+(?:please|pls)\\b|\\b(?:reply|answer|write|contact me)\\s+(?:to me\\s+)?(?:by|via|on|over)\\s+(e-?mail|phone|text|whatsapp)\\b|\\bplease\\b[^.!?]{0,12}?\\b(?:on|by|over)\\s+(?:the\\s+)?(phone|e-?mail|whatsapp)\\b|\\bsend\\s+(?:me\\s+)?(?:an?\\s+)?(?:quick\\s+|short\\s+)?(${ASKED})\\b(?!\\s+to\\s+(?!me\\b))|\\b(${VERB_CHANNEL})\\s+(?:rather than|instead of)\\s+(${VERB_CHANNEL})(?:ing)?\\b`,
      "iu",
    ),
    when: ["self", "statement", mayAskContact],
    value: (m) => {
      if (!OPENS_REQUEST.test(textBefore(m, 30))) return null;
      const said = (word: string | undefined) => (word?.toLowerCase() === "ring" ? "phone calls" : spell(word ?? ""));
      // "email rather than phone": the request and what it is asked instead of.
      if (m[8]) return `${said(m[8])} over ${said(m[9])}`;
      const channel = said(m[1] ?? m[4] ?? m[5] ?? m[6] ?? m[7]);
      if (!channel) return null;
      // "call me or send a text": the second channel is asked for too.
      const or = m[3] ? spell(m[3]) : null;
      return or && or !== channel ? [channel, or] : `${channel}${spellWhen(m[2])}`;
    },
    confidence: 0.75,
    examples: {
      fires: [
        ["Text me.", "text messages"],
        ["Just ring me, never email me essays.", "phone calls"],
        ["Phone please, 555-0199.", "phone calls"],
        ["Pls reply via email, I'm on the road all day.", "email"],
        ["The tax return? Fine, but please only on the phone.", "phone calls"],
        ["If the delivery is late, call me after lunch.", "phone calls"],
        ["Simplest: send me WhatsApp voice notes.", "WhatsApp voice messages"],
        ["Reply by phone.", "phone calls"],
        ["Ring me after 8pm, the kids are asleep then.", "phone calls after 8pm"],
        ["Text me or send me a voice note, my hands are full.", ["text messages", "voice messages"]],
        ["Please text rather than call, I'm in lectures.", "text messages over phone calls"],
      ],
      silent: [
        unmatched("Call me Sam."),
        unmatched("Email me the invoice by Friday"),
        // Someone else asking to be texted.
        ["Text me.", { speaker: "other", topic: "other" }],
        "Do not call me.",
        // What others do, not a request.
        "The neighbours always call me.",
        "I'll send an email tomorrow.",
        "Mum asked me to send a text every night.",
        // Sent to someone else: says nothing of how the person wants to be reached.
        unmatched("So send a text to the plumber first."),
      ],
    },
  }),
  fieldRule("communication_style", "channel-is-best", {
    cue: ["best", "better", "easie"],
    // "A voice note is best", "WhatsApp voice notes are best", "email is the easiest way to get hold of me", "best by SMS".
    pattern: new RegExp(
      `\\b(${ASKED_LIST})(?:\\s+here)?\\s*,?\\s*(?:(?:that|it|this)(?:'s|’s| is)|is|are|works?)\\s+(?:the\\s+)?(?:best|better|easiest|easier)\\b(?!\\s+(?:avoided|left|kept|ignored))(?:\\s+than\\s+(?:on\\s+|by\\s+|an?\\s+)?(?:the\\s+)?(${MEDIUM})\\b)?|\\bbest\\s+(?:by|via|on|over|is)\\s+(?:an?\\s+)?(${ASKED_LIST})`,
      "iu",
    ),
    when: ["aboutSubject", "statement"],
    value: (m) => {
      // Not negated right before ("not email, that's best": the shared negated scope); nor a device someone owns or
      // bought ("my phone is better now"), which is no channel.
      if (!statedAt(m.input, m.index, ["negated"]) || A_DEVICE.test(textBefore(m, 12))) return null;
      if (A_PRINT_SIZE.test(textBefore(m, 12))) return null;
      const named = spellAll(m[1] ?? m[3] ?? "");
      // "email is better than a call": the channel it is better than is named as the one passed over.
      const over = m[2] ? spell(m[2]) : null;
      if (named.length === 0) return null;
      return over ? named.map((channel) => `${channel} over ${over}`) : named;
    },
    confidence: 0.75,
    examples: {
      fires: [
        ["A voice note, that's best, I listen while driving.", "voice messages"],
        ["WhatsApp voice notes are best.", "WhatsApp voice messages"],
        ["Email is the easiest way to get hold of me.", "email"],
        ["Best by SMS.", "text messages"],
        ["Questions about the shop? DMs here are best.", "direct messages"],
        ["Texting is hard for me, a call is better than a text.", "phone calls over text messages"],
        ["Telegram or email works best for me.", ["Telegram messages", "email"]],
      ],
      silent: [
        unmatched("The afternoon is best."),
        unmatched("Long calls are best avoided."),
        "Not email, that is best.",
        "So email is best?",
        // A device, not a channel.
        "My new phone is better, the battery lasts.",
        // Print size on a screen, not a channel.
        "Large text is easier on my eyes.",
      ],
    },
  }),
  fieldRule("communication_style", "channel-and-manner", {
    cue: ["mail", "text", "phone", "call", "sms", "voice", "person", "face", ...Object.keys(APPS)],
    // A clause that opens (the unit or a sentence in it) with a channel and how ("Email, short.", "WhatsApp only pls,
    // I'm out all day", "Contact: text only"), or a contact label's answer ("Preferred contact: SMS."). Not "Email
    // only for invoices": a channel for one purpose is not how to reach the person.
    pattern: new RegExp(
      `(?:^(?:([\\p{L}\\d _,/-]{0,40}):\\s*)?|(?<=[.;!?]\\s+))["“]?(?:(?:but|so|and)\\s+)?(?:(?:please|pls)\\s+)?(?:by\\s+)?(?:an?\\s+)?(${ASKED_LIST})(?:\\s*,?\\s*(short|brief|only|please|pls|preferably))?(?:\\s+(${WHEN}))?(?:\\s+(?:please|pls))?(?=\\s*(?:[.!,;—–]|$))`,
      "iu",
    ),
    when: ["aboutSubject", "statement"],
    value: (m) => {
      const manner = (m[3] ?? "").toLowerCase();
      // A bare channel states a preference only as the answer to a contact label or with a time on it.
      if (manner === "" && !m[4] && !CONTACT_LABEL.test(m[1] ?? "")) return null;
      const named = spellAll(m[2] ?? "").map((channel) => `${channel}${spellWhen(m[4])}`);
      if (named.length === 0) return null;
      return manner === "short" || manner === "brief" ? [...named, "short"] : named;
    },
    confidence: 0.75,
    examples: {
      fires: [
        ["Email, short.", ["email", "short"]],
        ["Slack, preferably.", ["Slack messages"]],
        ["I can't type on the ladder. So a voice note, please.", ["voice messages"]],
        ["Telegram only pls, I'm in the workshop all day.", ["Telegram messages"]],
        ["Q3 Anything else: back from the rigs on Friday. email only.", ["email"]],
        ["- CONTACT: phone only, after six.", ["phone calls"]],
        ["Preferred contact: SMS or a voice note.", ["text messages", "voice messages"]],
        [
          "Back in March. Telegram or email in the evening.",
          ["Telegram messages in the evening", "email in the evening"],
        ],
      ],
      silent: [
        "Email.",
        // A ticket's channel, not the person's preference.
        "Channel: email",
        "Email, short or long, it all piles up.",
        unmatched("Email only for the invoices."),
      ],
    },
  }),
  fieldRule("communication_style", "avoids-channel", {
    cue: ["not", "no ", "n't", "dont", "never", "cannot"],
    // "Do not call me", "Please not long emails", "Don't email", "no calls without an agenda", "I dont read long
    // emails", "I don't really do phone calls", "cannot answer phone". Not "no calls after 6pm", "do not call in the
    // mornings" nor "dont call while driving": a time window or a situation, not a channel the person avoids; nor "I
    // can't call my son every day": contacting someone else says nothing of how the person wants to be reached.
    pattern: new RegExp(
      `\\b(?:don'?t|don’t|do not|please not|pls not|not|no|never|can'?t|cannot|won'?t)\\s+(?:really\\s+)?(?:do\\s+|read\\s+|answer\\s+|want\\s+)?(?:me\\s+)?(${CHANNEL_WORDS})\\b(?!\\s+(?:signal|number|reception|coverage|battery|app|bill|support|address|list|after|before|until|between|during|while|whilst|when|in the|at(?!\\s+all)|on|her|him|them|his|their|my|our|your|you|us)\\b)(?:\\s+me)?(?:\\s+([a-z]+(?:\\s+of\\s+text)?))?`,
      "iu",
    ),
    when: ["aboutSubject", "statement"],
    value: (m) => {
      if (BARE_NEGATION.test(m[0]) && !OPENS_REFUSAL.test(textBefore(m, 30))) return null;
      const word = spell(m[1] ?? "");
      if (word === null) return null;
      // "never email me essays": the refusal is of long ones.
      if (m[2] && LENGTHY.test(m[2])) return word === "email" ? "no long emails" : `no long ${word}`;
      return `no ${word}`;
    },
    confidence: 0.7,
    examples: {
      fires: [
        ["Email, short. Do not call me.", "no phone calls"],
        ["Please not long e-mails.", "no long emails"],
        ["Don't email, I'm out on the boat all day.", "no email"],
        ["I dont read long e-mails at all.", "no long emails"],
        ["I don't do email at all.", "no email"],
        ["Just ring me, never email me essays.", "no long emails"],
        ["No calls, I'm on the tractor.", "no phone calls"],
        ["By phone, not email.", "no email"],
      ],
      silent: [
        unmatched("There was no phone signal on the hill."),
        unmatched("I'm not a computer person."),
        unmatched("I swim on Mondays, so no calls after 6pm."),
        unmatched("Dont call while driving."),
        unmatched("Do not call in the mornings, I'm teaching then."),
        unmatched("I can't call my brother every weekend."),
        unmatched("We never email them twice."),
        // A day without a phone describes the day, not how to reach the person.
        "Sundays I go walking with a flask and no phone.",
      ],
    },
  }),
  fieldRule("communication_style", "wants-by-channel", {
    cue: ["want"],
    // "Wants everything by email", "I want it all on WhatsApp": what the person wants sent, and the channel for it.
    pattern: new RegExp(
      `\\bwants?\\s+(?:everything|it all|things|it)\\s+(?:by|via|on|over|in)\\s+(?:an?\\s+|one\\s+)?(${ASKED_LIST})\\b`,
      "iu",
    ),
    when: ["aboutSubject", "statement"],
    value: (m) => {
      // Not "doesn't want everything by email" (the shared negated scope).
      if (!statedAt(m.input, m.index, ["negated"])) return null;
      const named = spellAll(m[1] ?? "");
      return named.length > 0 ? named : null;
    },
    confidence: 0.7,
    examples: {
      fires: [
        ["The owner wants everything by email for his records.", "email"],
        ["I want it all on Telegram, one place.", "Telegram messages"],
      ],
      silent: [unmatched("I want it by Friday."), unmatched("He wants everything in order.")],
    },
  }),
  fieldRule("communication_style", "short-or-written", {
    cue: ["short", "brief", "writing", "written", "write it down", "one page", "talker", "chatt", "talkative"],
    pattern:
      /\b(keep it (?:short|brief)|short (?:messages?|texts?|emails?)|(?<!\b(?:confirm|it|that|this|them)\s+)in writing|write it down|(?:have|get|put) (?:everything|things|it all) (?:in )?(?:writing|written)|(?<!\b(?:on|in|onto)\s+)one page)\b|\b(I'?m (?:a (?:big |real )?(?:talker|chatterbox)|chatty|talkative))\b/iu,
    when: ["aboutSubject", "statement"],
    value: (m) => {
      if (m[2]) return "chatty";
      const said = (m[1] ?? "").toLowerCase();
      // "short messages" is a style only in a preference or request; "the app sends short texts" describes a product.
      if (said.startsWith("short") && !WANTS.test(m.input)) return null;
      if (ASKS_SHORT.test(said)) return said.startsWith("short") ? said : "short";
      return "written communication";
    },
    confidence: 0.7,
    examples: {
      fires: [
        ["And keep it short, yeah.", "short"],
        ["Just one page please, in writing.", "short"],
        ["Write it down and I'll get back to you.", "written communication"],
        ["Please put anything important in writing.", "written communication"],
        ["I like to get things written, then I can check.", "written communication"],
        ["Honestly, I'm a talker.", "chatty"],
        ["Honestly I'm chatty, ask my wife.", "chatty"],
      ],
      // A request to confirm one thing in writing asks for a record of it, not for a way of being talked to.
      silent: [
        unmatched("We are short of staff."),
        // A question, not a statement of how the subject wants to be reached.
        "Shall I keep it short?",
        unmatched("Please fix it and confirm in writing."),
        unmatched("Needs it in writing by Friday."),
        // Where things should be shown, not how long a message should be.
        unmatched("I want every booking on one page."),
        "The reminder system sends short texts to every customer.",
      ],
    },
  }),
];

/**
 * Every stated cue becomes one part of a single style ("no long emails; short message; voice messages"); each
 * part's sentence is evidence for the whole value, and each candidate keeps the id of the rule that found it.
 */
export function styleCandidates(units: Parameters<typeof runRules>[1]): Candidate[] {
  const found = runRules(STYLE_RULES, units);
  const parts: string[] = [];
  for (const c of found) if (!parts.includes(String(c.value))) parts.push(String(c.value));
  // "phone calls" beside "phone calls in the evening" says nothing the narrower part does not.
  const value = parts.filter((part) => !parts.some((other) => other.startsWith(`${part} `))).join("; ");
  const best = Math.max(0, ...found.map((c) => c.confidence));
  return found.map((c) => ({ ...c, value, confidence: best }));
}
