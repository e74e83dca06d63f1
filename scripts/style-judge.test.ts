import { describe, expect, it } from "vitest";
import { judgeStyle, styleFacts } from "./style-judge.ts";

const right = (predicted: string, gold: string, aliases: string[] = []) => judgeStyle(predicted, gold, aliases).correct;

describe("styleFacts", () => {
  it("reads channels and manners with their polarity", () => {
    expect(styleFacts("warm, chatty and humorous; prefers WhatsApp voice notes after 9, never email")).toEqual([
      { topic: "warm", positive: true },
      { topic: "informal", positive: true },
      { topic: "humorous", positive: true },
      { topic: "whatsapp", positive: true },
      { topic: "voice note", positive: true },
      { topic: "email", positive: false },
    ]);
  });

  it("makes what follows a contrast negative, and 'to' only after a preference", () => {
    expect(styleFacts("prefers a phone call to long email threads")).toEqual([
      { topic: "phone", positive: true },
      { topic: "long+email", positive: false },
    ]);
    expect(styleFacts("messages rather than calls")).toEqual([{ topic: "phone", positive: false }]);
    expect(styleFacts("talks to customers by email")).toEqual([{ topic: "email", positive: true }]);
  });

  it("keeps a negation inside its clause", () => {
    expect(styleFacts("no calls during field hours, no SMS, WhatsApp voice notes")).toEqual([
      { topic: "phone", positive: false },
      { topic: "text", positive: false },
      { topic: "whatsapp", positive: true },
      { topic: "voice note", positive: true },
    ]);
  });
});

describe("judgeStyle: agreements word overlap called wrong", () => {
  it("a negated channel against a gold that rules it out", () => {
    expect(right("no email", "warm, chatty and humorous; prefers WhatsApp voice notes after 9, never email")).toBe(
      true,
    );
    expect(right("no text messages", "WhatsApp voice notes in Marathi; no calls during field hours, no SMS")).toBe(
      true,
    );
    expect(right("no phone calls", "direct, written messages; no calls during service")).toBe(true);
  });

  it("a channel the gold prefers, and a manner-qualified channel it rules out", () => {
    expect(right("phone calls", "terse and blunt; wants a phone call, not long messages")).toBe(true);
    expect(right("no long emails", "direct and brief; prefers a phone call to long email threads")).toBe(true);
    expect(right("phone calls; no long emails; chatty", "phone calls over long emails; chatty")).toBe(true);
  });

  it("broader facts: an email preference is written communication, a short WhatsApp is short", () => {
    expect(right("written communication", "warm and enthusiastic; prefers email, read in the evening")).toBe(true);
    expect(right("prefers whatsapp; short messages", "direct; short WhatsApp messages, email only for documents")).toBe(
      true,
    );
    expect(right("brief, no-nonsense", "brief and no-nonsense")).toBe(true);
  });

  it("accepts a claim an alias states", () => {
    expect(right("no slide decks", "concise and written: one-page email", ["email, no slide decks"])).toBe(true);
  });
});

describe("judgeStyle: disagreements", () => {
  it("a negated channel against a gold that prefers it", () => {
    expect(right("no email", "prefers email and answers every email herself")).toBe(false);
    expect(right("no phone calls", "prefers phone calls in Slovak or Czech")).toBe(false);
  });

  it("a positive channel against a gold that rules it out", () => {
    expect(right("email", "short WhatsApp messages; no emails")).toBe(false);
    expect(right("phone calls", "prefers WhatsApp messages; no phone calls while driving")).toBe(false);
  });

  it("a different channel", () => {
    expect(right("phone calls", "informal mix of English and Urdu; WhatsApp only")).toBe(false);
    expect(right("no phone calls", "answers email on Sunday evenings, no WhatsApp groups")).toBe(false);
  });

  it("a manner the gold contradicts", () => {
    expect(right("formal", "informal, blunt and brief")).toBe(false);
    expect(right("short", "rambling and chatty; long voice notes")).toBe(false);
  });

  it("a negation broader than the gold's: 'no email' is not 'no long emails'", () => {
    expect(right("no email", "informal; prefers phone calls to long emails")).toBe(false);
  });

  it("one wrong claim makes the prediction wrong, and says which", () => {
    expect(judgeStyle("phone calls; no email", "prefers phone calls to long emails")).toEqual({
      correct: false,
      claims: [
        { claim: "phone calls", correct: true },
        { claim: "no email", correct: false },
      ],
    });
  });

  it("nothing is right against a null gold, and an unknown claim must be said word for word", () => {
    expect(right("email", null as unknown as string)).toBe(false);
    expect(right("in Ukrainian", "prefers texts in the evening, in Ukrainian")).toBe(true);
    expect(right("in Marathi", "prefers texts in the evening, in Ukrainian")).toBe(false);
  });
});
