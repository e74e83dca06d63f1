/**
 * A fake model that answers with the right values and distorts its quotes the ways real models do, one distortion at a
 * time and all together. Each labelled case's gold values are quoted from the case's own (cleaned) text; the quotes
 * go through the real provider code against the fake OpenAI upstream and through assembly, and we count the values
 * that survive. The figures are printed (see /work/notes/grounding.md) and asserted against the exact-quote run.
 */
import { readdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeUpstream, reply } from "../../test/fakes/fake-server.ts";
import { startFakeOpenAI } from "../../test/fakes/openai-upstream.ts";
import { LIST_FIELDS, type PersonaField, SCALAR_FIELDS } from "../personas/schemas.ts";
import { assemblePersona } from "./assemble.ts";
import { cleanText } from "./clean.ts";
import { LlmExtractor } from "./extract-llm.ts";
import { contentTokens } from "./normalize.ts";
import { type ExtractionOutput, emptyExtractionOutput } from "./prompts/extract.ts";
import type { CleanSource } from "./types.ts";

interface LabelledCase {
  id: string;
  texts: string[];
  gold: Record<string, unknown>;
}

const repoRoot = resolve(import.meta.dirname, "..", "..");
const CASE_DIRS = [
  resolve(repoRoot, "..", "shared", "persona-eval"),
  ...["heldout", "heldout2", "heldout3", "heldout4"].map((dir) => join(repoRoot, "test", "fixtures", dir)),
];

async function loadCases(): Promise<LabelledCase[]> {
  const cases: LabelledCase[] = [];
  for (const dir of CASE_DIRS) {
    const files = await readdir(dir).catch(() => [] as string[]);
    for (const file of files.filter((f) => /^case-.*\.json$/.test(f)).sort()) {
      const data = JSON.parse(await readFile(join(dir, file), "utf8")) as LabelledCase;
      if (data.texts.some((text) => text.trim() !== "")) cases.push(data);
    }
  }
  return cases;
}

interface Quoted {
  field: PersonaField;
  value: string | number;
  sourceIndex: number;
  quote: string;
  /** Where the exact quote stands in its source. */
  start: number;
}

/** Crude stem: enough to find the line a gold value came from ("hiking" ~ "hikes"). */
const stem = (token: string) => token.slice(0, 5);

/**
 * The line of the case's text that shares most words with the value, as a model would quote it: a short line runs on
 * into the next (so the quote spans a line break), a very long one is cut to the sentence that holds the first match.
 */
function quoteFor(
  value: string | number,
  sources: readonly CleanSource[],
): { sourceIndex: number; quote: string; start: number } | null {
  const wanted = new Set(contentTokens(String(value)).map(stem));
  if (wanted.size === 0) return null;
  let best: { sourceIndex: number; start: number; end: number; score: number } | null = null as {
    sourceIndex: number;
    start: number;
    end: number;
    score: number;
  } | null;
  sources.forEach((source, sourceIndex) => {
    let start = 0;
    for (const line of source.text.split("\n")) {
      const end = start + line.length;
      const score = new Set(
        contentTokens(line)
          .map(stem)
          .filter((t) => wanted.has(t)),
      ).size;
      if (score > 0 && (best === null || score > best.score)) best = { sourceIndex, start, end, score };
      start = end + 1;
    }
  });
  if (best === null) return null;
  const { sourceIndex, start } = best;
  let { end } = best;
  const text = sources[sourceIndex]?.text ?? "";
  if (end - start < 60) {
    const next = text.indexOf("\n", end + 1);
    const nextEnd = next === -1 ? text.length : next;
    if (text.slice(end + 1, nextEnd).trim() !== "") end = nextEnd;
  }
  let quote = text.slice(start, end);
  if (quote.length > 240) {
    const sentences = quote.match(/[^.!?]+[.!?]*/g) ?? [quote];
    quote =
      sentences.find((s) => contentTokens(s).some((t) => wanted.has(stem(t))))?.trim() ?? quote.slice(0, 240).trim();
  }
  quote = quote.trim();
  return quote === "" ? null : { sourceIndex, quote, start: text.indexOf(quote, start) };
}

function goldQuotes(labelled: LabelledCase, sources: readonly CleanSource[]): Quoted[] {
  const out: Quoted[] = [];
  for (const field of [...SCALAR_FIELDS, ...LIST_FIELDS]) {
    const gold = labelled.gold[field];
    const values = Array.isArray(gold) ? gold : gold === null || gold === undefined ? [] : [gold];
    for (const value of values) {
      if (typeof value !== "string" && typeof value !== "number") continue;
      const quoted = quoteFor(value, sources);
      if (quoted) out.push({ field, value, ...quoted });
    }
  }
  return out;
}

type Distortion = (quote: string) => string;

const collapseWhitespace: Distortion = (q) => q.replace(/\s+/g, " ");
const straightenTypography: Distortion = (q) =>
  q
    .replace(/[“”„‟]/g, '"')
    .replace(/[‘’‚‛]/g, "'")
    .replace(/[–—]/g, "-");
const curlTypography: Distortion = (q) =>
  q
    .replace(/(\w)'(\w)/g, "$1’$2")
    .replace(/"([^"]*)"/g, "“$1”")
    .replace(/ - /g, " — ");
const dropEdgePunctuation: Distortion = (q) => q.replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, "");
const lowerFirstLetter: Distortion = (q) => q.replace(/\p{Lu}/u, (c) => c.toLowerCase());
const shortenWithEllipsis: Distortion = (q) => {
  const words = q.split(/\s+/);
  return words.length < 12 ? q : `${words.slice(0, 4).join(" ")} ... ${words.slice(-4).join(" ")}`;
};

/** How each distortion changes a quote; `wrongSource` changes the cited id instead. */
const DISTORTIONS: Record<string, { quote: Distortion; wrongSource?: boolean }> = {
  exact: { quote: (q) => q },
  "line breaks collapsed": { quote: collapseWhitespace },
  "quotes/apostrophes/dashes straightened": { quote: straightenTypography },
  "quotes/apostrophes/dashes curled": { quote: curlTypography },
  "edge punctuation dropped": { quote: dropEdgePunctuation },
  "first letter lower-cased": { quote: lowerFirstLetter },
  "shortened with ...": { quote: shortenWithEllipsis },
  "wrong source id": { quote: (q) => q, wrongSource: true },
  "all together": {
    quote: (q) =>
      lowerFirstLetter(dropEdgePunctuation(shortenWithEllipsis(straightenTypography(collapseWhitespace(q))))),
  },
};

function answer(quoted: readonly Quoted[], sourceCount: number, name: string): ExtractionOutput {
  const distortion = DISTORTIONS[name];
  if (!distortion) throw new Error(`no distortion ${name}`);
  const output = emptyExtractionOutput();
  for (const q of quoted) {
    const cited = distortion.wrongSource && sourceCount > 1 ? (q.sourceIndex + 1) % sourceCount : q.sourceIndex;
    output[q.field].push({
      value: q.value,
      source_id: `S${cited + 1}`,
      quote: distortion.quote(q.quote),
      kind: "stated",
      same_as: null,
    });
  }
  return output;
}

let fake: FakeUpstream;
let cases: { id: string; sources: CleanSource[]; quoted: Quoted[] }[] = [];

beforeAll(async () => {
  fake = await startFakeOpenAI();
  cases = (await loadCases()).map((labelled) => {
    const sources: CleanSource[] = labelled.texts
      .map((text) => cleanText(text))
      .filter((text) => text !== "")
      .map((text, order) => ({ id: `${labelled.id}_s${order}`, kind: "text", text, order }));
    return { id: labelled.id, sources, quoted: goldQuotes(labelled, sources) };
  });
});
afterAll(async () => {
  await fake.close();
});

async function valuesKept(name: string): Promise<{ scalars: number; items: number }> {
  const extractor = LlmExtractor.fromConfig(
    {
      provider: "openai",
      model: "gpt-test",
      openaiApiKey: "test-key-never-real",
      openaiBaseUrl: fake.url,
      anthropicApiKey: undefined,
      anthropicBaseUrl: undefined,
    },
    { sleep: async () => {}, random: () => 0 },
  );
  let scalars = 0;
  let items = 0;
  for (const c of cases) {
    fake.script(reply.json(answer(c.quoted, c.sources.length, name)));
    const { claims } = await extractor.extract(c.sources);
    const { persona, evidence } = assemblePersona(claims, c.sources);
    for (const field of SCALAR_FIELDS) if (persona[field] !== null) scalars += 1;
    for (const field of LIST_FIELDS) items += persona[field].length;
    // What is stored is the source's own text at the recorded offsets, where the model's quote came from.
    for (const entry of Object.values(evidence).flat(2)) {
      const source = c.sources.find((s) => s.id === entry.source_id);
      expect(source?.text.slice(entry.start, entry.end)).toBe(entry.quote);
      const start = entry.start ?? -1;
      // (or the same words elsewhere: a signature repeated in two emails is verbatim in both)
      const fromQuote = c.quoted.some(
        (q) =>
          q.quote === entry.quote ||
          (c.sources[q.sourceIndex] === source && start < q.start + q.quote.length && (entry.end ?? 0) > q.start),
      );
      expect(fromQuote, `${name}: ${entry.quote}`).toBe(true);
    }
  }
  fake.reset();
  return { scalars, items };
}

describe("values kept when a model distorts its quotes", () => {
  it("keeps every value under each distortion, alone and together", async () => {
    const rows: string[] = [];
    const exact = await valuesKept("exact");
    expect(exact.scalars).toBeGreaterThan(100);
    expect(exact.items).toBeGreaterThan(300);
    const results: Record<string, { scalars: number; items: number }> = {};
    for (const name of Object.keys(DISTORTIONS)) {
      const kept = name === "exact" ? exact : await valuesKept(name);
      results[name] = kept;
      rows.push(
        `${name.padEnd(40)} scalars ${String(kept.scalars).padStart(4)}/${exact.scalars}  list items ${String(kept.items).padStart(4)}/${exact.items}`,
      );
    }
    console.log(`values kept (${cases.length} cases)\n${rows.join("\n")}`);
    for (const [name, kept] of Object.entries(results)) {
      expect.soft(kept, name).toEqual(exact);
    }
  });
});
