/**
 * Adversarial corpus (issue 8): every input within the limits takes time linear in its size on the synthesis path
 * (cleaning, HTML to text, the offline engine, assembly), run here in-process.
 *
 * No wall-clock limit on speed (that is `npm run bench`): each item runs at n and at 8n in the same process, and the
 * larger may take at most RATIO_LIMIT times as long. Linear work grows ~8×, quadratic ~64×, cubic ~512×. A busy
 * machine can slow one run, so a failing ratio is measured again before the test fails; a super-linear path fails
 * every time (a quadratic path at 4n grew only ~13×, too close to a linear one's noise).
 */
import { describe, expect, it } from "vitest";
import { htmlToText, MAX_PARSE_DEPTH, nestsDeeperThan } from "../sources/html-to-text.ts";
import { assemblePersona } from "./assemble.ts";
import { cleanText } from "./clean.ts";
import { extractOffline } from "./extract-offline.ts";
import type { CleanSource } from "./types.ts";

const RATIO_LIMIT = 20;
const GROWTH = 8;
/** Times below this are mostly noise (JIT, GC); the ratio is taken against at least this much. */
const FLOOR_MS = 60;
const ATTEMPTS = 3;

function synthesize(raw: string): number {
  const text = cleanText(raw);
  const sources: CleanSource[] = [{ id: "source_1", kind: "text", text, order: 0 }];
  const { claims } = extractOffline(sources);
  return assemblePersona(claims, sources).evidence ? claims.length : 0;
}

function fromHtml(html: string): number {
  return synthesize(htmlToText(html).text);
}

function timed(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

/** `n` characters of `unit` repeated. */
const repeat = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
/** About `n` characters of numbered lines. */
function lines(n: number, line: (i: number) => string): string {
  const out: string[] = [];
  for (let i = 0, length = 0; length < n; i += 1) {
    const next = line(i);
    out.push(next);
    length += next.length + 1;
  }
  return out.join("\n");
}
/** Deterministic punctuation soup. */
function punctuation(n: number): string {
  const marks = ".,;:!?-—'\"()[]{}…/\\@#$%^&*_+=|<>~`";
  let seed = 7;
  let out = "";
  for (let i = 0; i < n; i += 1) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    out += marks[seed % marks.length];
  }
  return out;
}

type Item = readonly [name: string, make: (n: number) => string, run: (input: string) => unknown];

const TEXT: readonly Item[] = [
  ["one long token", (n) => "x".repeat(n), synthesize],
  ["one long token after I'm", (n) => `I'm${"x".repeat(n)}`, synthesize],
  ["a run of one digit", (n) => "9".repeat(n), synthesize],
  ["a run of full stops", (n) => ".".repeat(n), synthesize],
  ["punctuation soup", punctuation, synthesize],
  ["spaced punctuation", (n) => repeat(". , ; ! ? - — ' \" ( ) ", n), synthesize],
  ["unbalanced quotes", (n) => repeat("\"“”'‘’", n), synthesize],
  ["one repeated short line", (n) => repeat("I'm Ana, a nurse.\n", n), synthesize],
  ["one repeated long line", (n) => repeat("My name is Ana Lopez and I work as a nurse in Lyon.\n", n), synthesize],
  ["a list of dashes", (n) => lines(n, (i) => `- item number ${i}`), synthesize],
  ["a list of likes", (n) => lines(n, (i) => `* I love hiking ${i}`), synthesize],
  ["a numbered list of skills", (n) => lines(n, (i) => `${i}. I'm good at Excel and Python ${i}`), synthesize],
  ["zero-width characters", (n) => repeat("a\u200b\u200c\u200d\u2060\ufeff", n), synthesize],
  ["one letter with endless combining marks", (n) => `a${repeat("\u0301\u0316\u0327\u0300", n)}`, synthesize],
  ["combining marks in words", (n) => repeat("e\u0301\u0316 I\u0308'm Ana\u0301 ", n), synthesize],
  [
    "mixed scripts and right-to-left text",
    (n) => repeat("I'm Ana. مرحبا أنا سارة من القاهرة. שלום אני דוד. Привет, я Иван. 我叫李明。 \u202eevil\u202c ", n),
    synthesize,
  ],
  ["emoji", (n) => repeat("😀👩‍👩‍👧‍👦🏳️‍🌈👍🏽🇫🇷 I love 🍕 ", n), synthesize],
  [
    "names over 120 characters",
    (n) => repeat(`My name is ${"Abcdefghij".repeat(13)} ${"Klmno".repeat(26)}. `, n),
    synthesize,
  ],
  [
    "one name as long as the text",
    (n) => `My name is A${"b".repeat(n)} Smith. I love hiking. A${"b".repeat(n)} did.`,
    synthesize,
  ],
  ["a hyphenated run of capitals", (n) => `My name is A${repeat("b-C", n)}. I live in Lyon.`, synthesize],
  ["an unspaced run of mixed characters", (n) => repeat("abc-def_ghi.jkl/mno", n), synthesize],
  ["phone numbers and places", (n) => repeat("+1 555 555 5555 Paris ", n), synthesize],
  ["ages without sentence ends", (n) => repeat("I am 41 and I work as a nurse and ", n), synthesize],
  ["one sentence of cue words", (n) => repeat("and the app is I'm in Lyon but ", n), synthesize],
  ["spam pitches without a link", (n) => repeat("buy cheap ", n), synthesize],
  ["a run of dashes between digits", (n) => repeat("555-", n), synthesize],
  ["a URL without an end", (n) => `http://${"a".repeat(n)}`, synthesize],
  ["a run of at signs between letters", (n) => repeat("a@", n), synthesize],
];

const HTML: readonly Item[] = [
  ["nesting deeper than 1,000 levels", (n) => `${"<div>".repeat(n / 11)}deep${"</div>".repeat(n / 11)}`, fromHtml],
  ["unclosed nesting", (n) => `<html><body>${"<div>".repeat(n / 5)}text`, fromHtml],
  ["unclosed inline nesting", (n) => `<p>${"<b><i>".repeat(n / 6)}x`, fromHtml],
  ["a run of '<'", (n) => "<".repeat(n), fromHtml],
  ["unclosed tags", (n) => "<a".repeat(n / 2), fromHtml],
  ["spaced '<'", (n) => repeat("< a ", n), fromHtml],
  ["'<' in text", (n) => `<html><body><p>${repeat("a < b ", n)}</p></body></html>`, fromHtml],
  ["an unclosed attribute", (n) => `<div a="${"x".repeat(n)}`, fromHtml],
  ["many paragraphs", (n) => `<html><body>${repeat("<p>I'm Ana, a nurse.</p>", n)}</body></html>`, fromHtml],
];

/** t(GROWTH·n) / max(t(n), FLOOR_MS), the best of up to ATTEMPTS measurements. */
function growth(make: (n: number) => string, run: (input: string) => unknown, n: number): number {
  const small = make(n);
  const large = make(GROWTH * n);
  run(small); // warm-up: lexicons, JIT
  let best = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < ATTEMPTS && best > RATIO_LIMIT; attempt += 1) {
    const base = Math.max(
      FLOOR_MS,
      timed(() => run(small)),
    );
    best = Math.min(best, timed(() => run(large)) / base);
  }
  return best;
}

describe("adversarial corpus: time linear in the input", () => {
  it.each(TEXT)(
    "text: %s",
    (_name, make, run) => {
      expect(growth(make, run, 10_000)).toBeLessThan(RATIO_LIMIT);
    },
    240_000,
  );

  it.each(HTML)(
    "html: %s",
    (_name, make, run) => {
      expect(growth(make, run, 10_000)).toBeLessThan(RATIO_LIMIT);
    },
    240_000,
  );
});

describe("adversarial corpus at full size", () => {
  it("reads megabytes of punctuation and of one repeated line", () => {
    expect(() => synthesize(punctuation(1_000_000))).not.toThrow();
    expect(cleanText("Owner — Bean There Coffee | 9 High St, Whitby YO21\n".repeat(80_000))).toBe(
      "Owner — Bean There Coffee | 9 High St, Whitby YO21",
    );
  }, 600_000);
});

describe("limits that keep the work linear", () => {
  it("sends markup nested deeper than the parser can take to the plain fallback, keeping its text", () => {
    const deep = `<html><body>${"<div>".repeat(100_000)}deep text${"</div>".repeat(100_000)}</body></html>`;
    expect(nestsDeeperThan(deep, MAX_PARSE_DEPTH)).toBe(true);
    expect(htmlToText(deep).text).toBe("deep text");
  });

  it("models the parser's implied closes, end tags and raw text, so ordinary pages are parsed", () => {
    const items = `<ul>${"<li>one".repeat(5_000)}</ul>`;
    const paragraphs = `<div>${"<p>para".repeat(5_000)}</div>`;
    const closed = "<div><span>x</span></div>".repeat(5_000);
    const script = `<script>${"<div>".repeat(5_000)}</script><p>after</p>`;
    for (const page of [items, paragraphs, closed, script]) expect(nestsDeeperThan(page, MAX_PARSE_DEPTH)).toBe(false);
    // An end tag closes everything opened inside its element, as the parser does.
    expect(nestsDeeperThan(`${"<div><b>".repeat(400)}${"</div>".repeat(400)}<div>x</div>`, MAX_PARSE_DEPTH)).toBe(true);
    expect(nestsDeeperThan(`${"<div><b></div>".repeat(5_000)}`, MAX_PARSE_DEPTH)).toBe(false);
  });

  it("cuts endless combining marks to a stream-safe run and keeps ordinary accents", () => {
    expect(cleanText(`a${"\u0301".repeat(10_000)}`)).toBe(`á${"\u0301".repeat(29)}`);
    expect(cleanText("Luci\u0301a")).toBe("Lucía");
  });

  it("still drops spam lines whose link comes after the pitch, and only those", () => {
    expect(cleanText("Buy cheap watches www.fake.example\nI buy flour. See https://bakery.example")).toBe("");
    expect(cleanText("www.bakery.example has cheap flour")).toBe("www.bakery.example has cheap flour");
  });

  it("takes no name longer than any person's", () => {
    const long = `A${"b".repeat(200)}`;
    const sources: CleanSource[] = [
      { id: "source_1", kind: "text", text: `My name is ${long} Smith. I love hiking.`, order: 0 },
    ];
    expect(extractOffline(sources).claims.some((claim) => claim.field === "name")).toBe(false);
  });
});
