import { describe, expect, it } from "vitest";
import { cleanText, isBoilerplateLine } from "./clean.ts";

describe("cleanText", () => {
  it("normalises line endings, odd spaces and invisible characters", () => {
    expect(cleanText("Hello\u00a0 world\r\nsecond\u200b line\rthird\t\tline  ")).toBe(
      "Hello world\nsecond line\nthird line",
    );
  });

  it("composes decomposed accents (NFC) so quotes match what users typed", () => {
    expect(cleanText("Luci\u0301a")).toBe("Lucía");
  });

  it("collapses blank-line runs and trims the ends", () => {
    expect(cleanText("\n\n\na\n\n\n\nb\n\n")).toBe("a\n\nb");
  });

  it("drops device signatures but keeps the writer's sign-off block", () => {
    const raw = "Thanks,\nMina Ortiz\nHead Gardener — Ortiz Landscapes | 4 Elm Rd, Leith\nSent from my iPhone";
    expect(cleanText(raw)).toBe("Thanks,\nMina Ortiz\nHead Gardener — Ortiz Landscapes | 4 Elm Rd, Leith");
  });

  it("drops disclaimers, unsubscribe/tracking footers and auto-reply banners", () => {
    const raw = [
      "---- Please type your reply above this line ----",
      "[Auto-reply] Thanks for contacting us! We answer within 2 days.",
      "The oven timer resets itself.",
      "This message and any attachments are confidential. Acme Pty Ltd.",
      "Unsubscribe | Rate us ★★★★★ [utm_source=mail&utm_campaign=csat]",
      "Powered by Typeform · ref=ads",
    ].join("\n");
    expect(cleanText(raw)).toBe("The oven timer resets itself.");
  });

  it("keeps timestamps and speaker labels", () => {
    const raw = "[00:01:25] P03: I can't plan anything.\n2024-03-01 09:12 — Agent (Li): Noted.";
    expect(cleanText(raw)).toBe(raw);
  });

  it("keeps the first copy of a long repeated line and drops later copies", () => {
    const footer = "Owner — Bean There Coffee | 9 High St, Whitby YO21";
    const raw = `first message\n${footer}\nsecond message\n${footer}\nok\nok`;
    expect(cleanText(raw)).toBe(`first message\n${footer}\nsecond message\nok\nok`);
  });

  it("drops comment spam with links", () => {
    expect(isBoilerplateLine("Anonymous said... Buy cheap watches 70% off www.fake.example")).toBe(true);
    expect(isBoilerplateLine("I buy cheap flour in bulk")).toBe(false);
  });

  it("finishes on a ~200k-word input (linear passes, no catastrophic regexes)", () => {
    const block = "[00:00:01] P1: I'm a nurse and I love swimming,   honestly!!\u00a0\nSent from my iPhone\n\n\n";
    const raw = block.repeat(20_000) + "x".repeat(100_000);
    const cleaned = cleanText(raw);
    expect(cleaned.startsWith("[00:00:01] P1: I'm a nurse")).toBe(true);
    // Identical long lines collapse to one copy.
    expect(cleaned.split("\n").length).toBeLessThan(5);
  });
});
