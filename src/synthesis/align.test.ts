import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AlignableSource, alignQuotes, ELLIPSIS_WINDOW_CHARS, normalizeForAlignment } from "./align.ts";

const interview: AlignableSource = {
  id: "s1",
  text: "Interviewer: What do you do?\nDana: I’m a “night-shift” nurse — twelve-hour\nshifts, mostly. I hate the paperwork.\n\nLater: we spoke about her boss Dave, who approves anything over $5k.",
};
const ticket: AlignableSource = {
  id: "s2",
  text: "Ticket 7: please let me export my rota to my phone calendar.",
};
const sources = [interview, ticket];

function align(quote: string, sourceId = "s1") {
  const [aligned] = alignQuotes([{ source_id: sourceId, quote }], sources);
  return aligned ?? null;
}

describe("alignQuotes", () => {
  it.each([
    ["verbatim", "I hate the paperwork.", "I hate the paperwork."],
    ["line break collapsed", "twelve-hour shifts, mostly", "twelve-hour\nshifts, mostly"],
    ["straight quotes and apostrophe", `I'm a "night-shift" nurse`, "I’m a “night-shift” nurse"],
    ["dash as hyphen with spaces", `nurse - twelve-hour`, "nurse — twelve-hour"],
    ["dash as double hyphen", `nurse--twelve-hour`, "nurse — twelve-hour"],
    ["edge punctuation dropped or added", "“I hate the paperwork”", "I hate the paperwork"],
    ["case", "i HATE the Paperwork", "I hate the paperwork"],
    [
      "ellipsis",
      "I’m a “night-shift” nurse ... I hate the paperwork",
      "I’m a “night-shift” nurse — twelve-hour\nshifts, mostly. I hate the paperwork",
    ],
    ["ellipsis character", "her boss Dave…over $5k", "her boss Dave, who approves anything over $5k"],
    ["bracketed omission", "we spoke [...] Dave", "we spoke about her boss Dave"],
    [
      "everything at once",
      'i\'m a "night-shift" nurse - twelve-hour shifts ... paperwork',
      "I’m a “night-shift” nurse — twelve-hour\nshifts, mostly. I hate the paperwork",
    ],
  ])("%s: stores the source's own span with its offsets", (_name, quote, expected) => {
    const aligned = align(quote);
    expect(aligned?.quote).toBe(expected);
    expect(aligned?.source_id).toBe("s1");
    expect(interview.text.slice(aligned?.start, aligned?.end)).toBe(expected);
  });

  it("lower-cases a dotted capital I the way models do (İzmir -> i̇zmir)", () => {
    const source = { id: "t", text: "Studios in İzmir (Alsancak)." };
    const quote = "studios in İzmir".toLowerCase();
    expect(alignQuotes([{ source_id: "t", quote }], [source])[0]?.quote).toBe("Studios in İzmir");
  });

  it("re-attributes a quote that cites the wrong source to the one it is in", () => {
    expect(align("export my rota to my phone calendar", "s1")).toEqual({
      source_id: "s2",
      quote: "export my rota to my phone calendar",
      start: ticket.text.indexOf("export"),
      end: ticket.text.indexOf("export") + "export my rota to my phone calendar".length,
    });
  });

  it("prefers the cited source when the words are in both", () => {
    const both = [
      { id: "a", text: "Thanks, Dana Ruiz" },
      { id: "b", text: "Regards — thanks, Dana Ruiz" },
    ];
    expect(alignQuotes([{ source_id: "b", quote: "thanks, Dana Ruiz" }], both)[0]?.source_id).toBe("b");
    expect(alignQuotes([{ source_id: "a", quote: "thanks, Dana Ruiz" }], both)[0]?.source_id).toBe("a");
  });

  it("prefers a verbatim occurrence over a merely similar one", () => {
    const source = { id: "s", text: "apple pie. Then: Apple Pie." };
    expect(alignQuotes([{ source_id: "s", quote: "Apple Pie" }], [source])[0]?.start).toBe(17);
  });

  it.each([
    ["words the source does not have", "I love night shifts"],
    ["only punctuation", " ... — “” "],
    ["empty", ""],
    ["pieces out of order", "I hate the paperwork ... twelve-hour"],
    ["too many pieces", "I ... hate ... the ... paper ... work ... really ... so"],
    ["an ellipsis quote re-attributed (only the cited source is searched for omissions)", "export ... calendar"],
  ])("does not align %s", (_name, quote) => {
    expect(align(quote)).toBeNull();
  });

  it("bounds the omission of an ellipsis quote", () => {
    const filler = "x ".repeat(ELLIPSIS_WINDOW_CHARS);
    const far = { id: "f", text: `It began in Leeds. ${filler}It ended in York.` };
    const near = { id: "n", text: "It began in Leeds. Then it ended in York." };
    const quote = "It began in Leeds ... ended in York";
    expect(alignQuotes([{ source_id: "f", quote }], [far])).toEqual([null]);
    expect(alignQuotes([{ source_id: "n", quote }], [near])[0]?.quote).toBe("It began in Leeds. Then it ended in York");
  });

  it("answers for every quote, in order, and finds each in a long text", () => {
    const lines = Array.from({ length: 2_000 }, (_, i) => `Line ${i}: she said item-${i} matters.`);
    const text = lines.join("\n");
    const quotes = lines.map((line, i) => ({ source_id: "t", quote: i % 2 ? line.toLowerCase() : line }));
    const aligned = alignQuotes(quotes, [{ id: "t", text }]);
    aligned.forEach((span, i) => {
      // A verbatim quote is stored whole; a normalised match without its edge punctuation.
      expect(span?.quote).toBe(i % 2 ? lines[i]?.slice(0, -1) : lines[i]);
    });
  });

  it("stays linear on adversarial quotes and sources", () => {
    // Nested, repetitive and huge quotes against a megabyte of one repeated character: quadratic work would hang here.
    const text = "a".repeat(1_000_000);
    const quotes = [
      ...Array.from({ length: 300 }, (_, i) => "a".repeat(i + 1)),
      `${"a".repeat(100_000)}b`,
      "a ... a ... b",
      `${"a ".repeat(50_000)}... b`,
      "!".repeat(200_000),
      "….".repeat(50_000),
    ].map((quote) => ({ source_id: "big", quote }));
    const aligned = alignQuotes(quotes, [{ id: "big", text }]);
    expect(aligned.slice(0, 300).every((span) => span !== null)).toBe(true);
    expect(aligned.slice(300)).toEqual([null, null, null, null, null]);
  });

  it("never throws and only returns real spans, whatever the quote", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.string({ maxLength: 30 }), (text, quote) => {
        const [span] = alignQuotes([{ source_id: "s", quote }], [{ id: "s", text }]);
        if (span) expect(text.slice(span.start, span.end)).toBe(span.quote);
      }),
      { numRuns: 500 },
    );
  });
});

describe("normalizeForAlignment", () => {
  it("folds typography, case and white space", () => {
    expect(normalizeForAlignment("  “It’s”\n\nA — B -- C…  ").text).toBe(`"it's" a-b-c...`);
  });
});
