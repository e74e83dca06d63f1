/**
 * Turning raw material into clean sources: HTML and JSON bodies to text, deterministic cleaning, hashing and the
 * material's date. CPU-bound, so it runs in the synthesis pool (worker.ts); only text-only material under a small
 * fixed size is cleaned on the event loop (INLINE_MAX_CHARS in pipeline.ts), where the cost is linear and bounded.
 */
import { newId } from "../ids.ts";
import { cleanText } from "./clean.ts";
import { sha256 } from "./digest.ts";
import { dateOnLine } from "./offline/attribution/dates.ts";
import type { OnProgress } from "./progress.ts";
import type { CleanSource } from "./types.ts";

const MARKUP_TYPE = /html|xml/;
const JSON_TYPE = /json/;

/** A cleaned source with what the API reports about it. */
export interface PreparedSource extends CleanSource {
  chars: number;
  sha256: string;
  fetchedAt?: string;
}

/** A fetched page as the event loop hands it over: its body, or why there is none. */
export interface FetchedMaterial {
  url: string;
  page?: { finalUrl: string; contentType: string; body: string; fetchedAt: string };
  error?: string;
}

function prepared(source: Omit<PreparedSource, "chars" | "sha256">): PreparedSource {
  return { ...source, chars: source.text.length, sha256: sha256(source.text) };
}

const isMarkup = (contentType: string) => MARKUP_TYPE.test(contentType);

/** Turns a fetched body into plain text by its content type. */
function bodyToText(
  body: string,
  contentType: string,
  url: string,
  htmlToText: HtmlToText | undefined,
): { title?: string; text: string } {
  if (htmlToText && isMarkup(contentType)) return htmlToText(body, url);
  if (JSON_TYPE.test(contentType)) {
    try {
      return { text: JSON.stringify(JSON.parse(body), null, 2) };
    } catch {
      return { text: body };
    }
  }
  return { text: body };
}

/** Lines read for a source's date: a dated header ("Call notes 2024-05-02") sits at the top. */
const DATE_HEADER_LINES = 3;

/**
 * The date the material is from, when its first lines say so. It orders sources by recency when they disagree
 * (the newer dated source wins), is stored as the source's material date and shown to the LLM with the source.
 */
export function materialDate(text: string): string | undefined {
  let seen = 0;
  for (const line of text.split("\n", 50)) {
    if (line.trim() === "") continue;
    const date = dateOnLine(line);
    if (date !== null) return new Date(date).toISOString().slice(0, 10);
    if (++seen >= DATE_HEADER_LINES) break;
  }
  return undefined;
}

type HtmlToText = typeof import("../sources/html-to-text.ts").htmlToText;

/**
 * `prepareSources`, and with `digestTexts` the SHA-256 of each raw text, in order (the extraction cache's key for
 * text-only material): the pool's prepare task, and what the event loop runs itself for small text (pipeline.ts).
 */
export async function prepareMaterial(
  texts: readonly string[],
  fetched: readonly FetchedMaterial[],
  digestTexts: boolean | undefined,
  onProgress?: OnProgress,
): Promise<{ sources: PreparedSource[]; warnings: string[]; textDigests?: string[] }> {
  const prepared = await prepareSources(texts, fetched, onProgress);
  return digestTexts ? { ...prepared, textDigests: texts.map(sha256) } : prepared;
}

/**
 * Cleans every text and fetched page into sources, texts first; each unusable one becomes a warning instead. The
 * HTML parser (linkedom, Readability) is loaded only when a page needs it: most creates are plain text.
 */
export async function prepareSources(
  texts: readonly string[],
  fetched: readonly FetchedMaterial[],
  onProgress: OnProgress = () => {},
): Promise<{ sources: PreparedSource[]; warnings: string[] }> {
  const htmlToText = fetched.some(({ page }) => page && isMarkup(page.contentType))
    ? (await import("../sources/html-to-text.ts")).htmlToText
    : undefined;
  const sources: PreparedSource[] = [];
  const warnings: string[] = [];
  const total = texts.length + fetched.length;
  let done = 0;
  let order = 0;
  texts.forEach((raw, i) => {
    const text = cleanText(raw);
    onProgress({ stage: "cleaning", done: ++done, total });
    if (text.trim() === "") {
      warnings.push(`texts[${i}] is empty after cleaning and was skipped`);
      return;
    }
    const date = materialDate(text);
    sources.push(prepared({ id: newId("source"), kind: "text", text, order: order++, ...(date ? { date } : {}) }));
  });
  for (const { url, page, error } of fetched) {
    onProgress({ stage: "cleaning", done: ++done, total });
    if (!page) {
      warnings.push(`Could not use ${url}: ${error ?? "no content"}`);
      continue;
    }
    const { title, text: raw } = bodyToText(page.body, page.contentType, page.finalUrl, htmlToText);
    const text = cleanText(raw);
    if (text.trim() === "") {
      warnings.push(`Could not use ${url}: the page has no readable text`);
      continue;
    }
    sources.push(
      prepared({
        id: newId("source"),
        kind: "url",
        text,
        url: page.finalUrl,
        ...(title ? { title } : {}),
        fetchedAt: page.fetchedAt,
        order: order++,
      }),
    );
  }
  return { sources, warnings };
}
