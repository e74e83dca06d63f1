/**
 * Rules for communication style: only what the text says about how the person communicates ("prefers email",
 * "Text me.", "Please not long emails"). Nothing is inferred from how long their sentences are or how many emoji
 * they use: that guessed "brief" for people who never said so.
 */
import type { Candidate } from "../engine/candidate.ts";
import { fieldRule, lowerText, type Rule, runRules, unmatched } from "../engine/rules.ts";
import type { Unit } from "../engine/unit.ts";

/** Channels a preference can name, and how the value spells each. */
const CHANNELS: readonly [RegExp, string][] = [
  [/^(?:e-?mails?|in an e-?mail|by e-?mail)$/i, "email"],
  [/^(?:long\s+e-?mails?|e-?mail walls of text|walls of text)$/i, "long emails"],
  [/^(?:phone|phone calls?|calls?|ringing|the phone)$/i, "phone calls"],
  [/^(?:texts?|text messages?|sms)$/i, "text messages"],
  [/^(?:slide decks?|decks?)$/i, "slide decks"],
];

/** "never email me walls of text" refuses long emails, not email. */
const WALLS_OF_TEXT = /^e-?mail(?:\s+me)?\s+walls of text$/i;

function channel(word: string | undefined): string | null {
  const text = (word ?? "").trim();
  return CHANNELS.find(([pattern]) => pattern.test(text))?.[1] ?? null;
}

/**
 * An exact pre-check for the contact-me pattern, whose cue " me" occurs in most first-person sentences: besides
 * "please", "pls" or "best", every match holds "me" after one of its channel or reply words.
 */
const CONTACT_WORDS = ["text", "ring", "call", "mail", "whatsapp", "message", "reply", "answer", "contact"];

function mayAskContact(unit: Unit): boolean {
  const lower = lowerText(unit);
  if (lower.includes("please") || lower.includes("pls") || lower.includes("best")) return true;
  return lower.includes("me") && CONTACT_WORDS.some((word) => lower.includes(word));
}

/** How the word of a "call me" / "email me" / "voice notes, that is best" request names its channel, first match wins. */
const CONTACT_CHANNELS: readonly [RegExp, string][] = [
  [/^(?:ring|call|phone)/, "phone calls"],
  [/^e-?mail/, "email"],
  [/^text/, "text messages"],
  [/^voice/, "voice messages"],
];

/** A request for brevity ("keep it short", "one page") rather than for writing things down. */
const ASKS_SHORT = /short|brief|one page/;

/** A negation just before "call me" / "text me". */
const NEGATED_BEFORE = /\b(?:don'?t|don’t|do not|please not|pls not|not|never|no)\s+$/i;

const CHANNEL_WORDS =
  "e-?mail(?:\\s+me)?\\s+walls of text|e-?mails?|long\\s+e-?mails?|phone(?:\\s+calls?)?|calls?|texts?|text\\s+messages?|sms|slide\\s+decks?";

/** A channel of communication named in a text ("Teams calls over email chains" ranks channels, not values). */
export const NAMES_A_CHANNEL = new RegExp(`\\b(?:${CHANNEL_WORDS})\\b`, "i");

export const STYLE_RULES: readonly Rule[] = [
  fieldRule("communication_style", "prefers-channel", {
    cue: ["prefer"],
    pattern:
      /\bprefers?\s+((?:async(?:hronous)?|written|e-?mail|texts?|text messages|phone calls?|calls|slack|whatsapp|voice (?:notes|messages)|in[- ]person|video calls?|face[- ]to[- ]face|messages)(?:\/(?:async|written))?(?:\s+(?:communication|messages|updates))?)\b/iu,
    when: ["aboutSubject", "statement"],
    value: (m) => `prefers ${(m[1] ?? "").toLowerCase()}`,
    confidence: 0.75,
    examples: {
      fires: [
        ["Prefers written/async updates, finds status meetings a drag.", "prefers written/async updates"],
        ["Prefers email; likes time to think before answering.", "prefers email"],
      ],
      silent: [unmatched("I prefer the morning shift."), "Do you prefer email?"],
    },
  }),
  fieldRule("communication_style", "contact-me", {
    cue: [" me", "please", "pls", "best"],
    // "Text me.", "ring me, don't email", "Phone please", "reply by email only", "WhatsApp ... that is best".
    pattern:
      /\b(text|ring|call|e-?mail|whatsapp|message)\s+me\s*(?:[.!,;—–-]|$)|\b(phone|e-?mail|text)\s+(?:please|pls)\b|\b(?:reply|answer|contact me)\s+(?:by|via|on)\s+(e-?mail|phone|text|whatsapp)\b|\b(whatsapp|voice messages?|voice notes?|e-?mail|texts?|phone calls?)\b[^.!?]{0,20}\bthat(?:'s| is) best\b|\b(?:yes please|please)\b[^.!?]{0,12}\bon the (phone)\b/iu,
    when: ["self", "statement", mayAskContact],
    value: (m) => {
      // "Do not call me" asks for the opposite; avoids-channel reads it.
      if (NEGATED_BEFORE.test(m.input.slice(Math.max(0, m.index - 20), m.index))) return null;
      const word = (m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? "").toLowerCase();
      const named = CONTACT_CHANNELS.find(([start]) => start.test(word))?.[1];
      return named ?? (word === "whatsapp" ? "WhatsApp messages" : "messages");
    },
    confidence: 0.75,
    examples: {
      fires: [
        ["Text me.", "text messages"],
        ["Just ring me, never email me walls of text.", "phone calls"],
        ["Phone please (520) 555-0148.", "phone calls"],
        ["Pls reply via email, I'm on the road all day.", "email"],
        ["The tax return? Fine, but please only on the phone.", "phone calls"],
        ["A quick WhatsApp or a voice note, that's best.", "WhatsApp messages"],
      ],
      silent: [
        unmatched("Call me Sam."),
        unmatched("Email me the invoice by Friday"),
        // Someone else asking to be texted.
        ["Text me.", { speaker: "other", topic: "other" }],
        "Do not call me.",
      ],
    },
  }),
  fieldRule("communication_style", "channel-and-manner", {
    cue: ["mail", "text", "phone", "whatsapp", "slack"],
    // A whole sentence naming a channel and how: "Email, short.", "WhatsApp only!", "Text, brief please."
    pattern:
      /^(?:by\s+)?(e-?mail|texts?|phone|whatsapp|slack)\s*,?\s*(short|brief|only|please|preferably)(?:\s+please)?\s*[.!]?$/iu,
    when: ["self", "statement"],
    value: (m) => {
      const word = (m[1] ?? "").toLowerCase();
      const named = channel(word) ?? (word === "whatsapp" ? "WhatsApp messages" : "Slack messages");
      const manner = (m[2] ?? "").toLowerCase();
      return manner === "short" || manner === "brief" ? [named, "short"] : [named];
    },
    confidence: 0.75,
    examples: {
      fires: [
        ["Email, short.", ["email", "short"]],
        ["Slack, preferably.", ["Slack messages"]],
      ],
      silent: [unmatched("Email."), unmatched("Email, short or long, it all piles up.")],
    },
  }),
  fieldRule("communication_style", "avoids-channel", {
    cue: ["not", "no ", "n't", "dont", "never", "cannot"],
    // "Do not call me", "Please not long emails", "Don't email", "no calls without an agenda", "I dont read long
    // emails", "I don't really do phone calls", "cannot answer phone". Not "no calls after 6pm", "do not call in the
    // mornings" nor "dont call while driving": a time window or a situation, not a channel the person avoids; nor "I
    // can't call my son every day": contacting someone else says nothing of how the person wants to be reached.
    pattern: new RegExp(
      `\\b(?:don'?t|don’t|do not|please not|pls not|not|no|never|can'?t|cannot|won'?t)\\s+(?:really\\s+)?(?:do\\s+|read\\s+|answer\\s+|want\\s+)?(?:me\\s+)?(${CHANNEL_WORDS})\\b(?!\\s+(?:signal|number|reception|coverage|battery|app|bill|support|address|list|after|before|until|between|during|while|whilst|when|in the|at(?!\\s+all)|on|her|him|them|his|their|my|our|your|you|us)\\b)(?:\\s+me)?`,
      "iu",
    ),
    when: ["aboutSubject", "statement"],
    value: (m) => {
      const word = channel((m[1] ?? "").replace(WALLS_OF_TEXT, "long emails"));
      return word ? `no ${word}` : null;
    },
    confidence: 0.7,
    examples: {
      fires: [
        ["Email, short. Do not call me.", "no phone calls"],
        ["Please not long emails.", "no long emails"],
        ["Don't email, I'm out on the boat all day.", "no email"],
        ["I dont read long emails.", "no long emails"],
        ["I don't do email at all.", "no email"],
        ["Just ring me, never email me walls of text.", "no long emails"],
      ],
      silent: [
        unmatched("There was no phone signal on the hill."),
        unmatched("I'm not a computer person."),
        unmatched("I swim on Mondays, so no calls after 6pm."),
        unmatched("Dont call while driving."),
        unmatched("Do not call in the mornings, I'm teaching then."),
        unmatched("I can't call my brother every weekend."),
        unmatched("We never email them twice."),
      ],
    },
  }),
  fieldRule("communication_style", "short-or-written", {
    cue: ["short", "brief", "writing", "written", "write it down", "one page", "talker"],
    pattern:
      /\b(keep it (?:short|brief)|short (?:messages?|texts?|emails?)|(?<!\b(?:confirm|it|that|this|them)\s+)in writing|write it down|(?:have )?everything (?:in )?written|one page)\b|\b(I'?m a talker)\b/iu,
    when: ["aboutSubject", "statement"],
    value: (m) => {
      if (m[2]) return "chatty";
      const said = (m[1] ?? "").toLowerCase();
      if (ASKS_SHORT.test(said)) return said.startsWith("short") ? said : "short";
      return "written communication";
    },
    confidence: 0.7,
    examples: {
      fires: [
        ["And keep it short, like.", "short"],
        ["Just one page please, in writing.", "short"],
        ["Write it down and I'll get back to you.", "written communication"],
        ["Please send anything in writing.", "written communication"],
        ["I'm a talker.", "chatty"],
      ],
      // A request to confirm one thing in writing asks for a record of it, not for a way of being talked to.
      silent: [
        unmatched("We are short of staff."),
        // A question, not a statement of how the subject wants to be reached.
        "Shall I keep it short?",
        unmatched("Please fix it and confirm in writing."),
        unmatched("Needs it in writing by Friday."),
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
  const value = parts.join("; ");
  const best = Math.max(0, ...found.map((c) => c.confidence));
  return found.map((c) => ({ ...c, value, confidence: best }));
}
