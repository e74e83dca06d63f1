import { type Evidence, type EvidenceEntry, isListField, type PersonaField, type SourceInfo } from "../api/types.ts";

export interface ResolvedEvidence extends EvidenceEntry {
  source: SourceInfo | undefined;
  /** How to name the source to a person: its title, its URL's host and path, "Pasted text 2", "Your edit". */
  sourceLabel: string;
}

/**
 * The evidence behind one value: a scalar field's entries, or the entries of list item `index` (evidence of list
 * fields is aligned by index with the persona's list). Missing or misaligned evidence answers [] rather than throwing.
 */
export function evidenceFor(evidence: Evidence, field: PersonaField, index?: number): EvidenceEntry[] {
  if (isListField(field)) {
    if (index === undefined) return evidence[field].flat();
    return evidence[field][index] ?? [];
  }
  return evidence[field] ?? [];
}

/** Names each source for people, numbering pasted texts in the order they were added. */
export function sourceLabels(sources: SourceInfo[]): Map<string, string> {
  const labels = new Map<string, string>();
  let texts = 0;
  for (const source of sources) {
    if (source.kind === "text") {
      texts++;
      labels.set(source.id, source.title || `Pasted text ${texts}`);
    } else if (source.kind === "url") {
      labels.set(source.id, source.title || shortUrl(source.url ?? "") || "Web page");
    } else if (source.kind === "manual") {
      labels.set(source.id, "Manual edit");
    } else {
      labels.set(source.id, source.title ? `Imported: ${source.title}` : "Imported file");
    }
  }
  return labels;
}

export function shortUrl(url: string): string {
  if (!URL.canParse(url)) return url;
  const u = new URL(url);
  const path = u.pathname === "/" ? "" : u.pathname;
  return `${u.host}${path}`;
}

/** Evidence entries joined with their source, for the evidence panel. */
export function resolveEvidence(entries: EvidenceEntry[], sources: SourceInfo[]): ResolvedEvidence[] {
  const labels = sourceLabels(sources);
  const byId = new Map(sources.map((s) => [s.id, s]));
  return entries.map((entry) => ({
    ...entry,
    source: byId.get(entry.source_id),
    sourceLabel: labels.get(entry.source_id) ?? "Unknown source",
  }));
}

/**
 * Where a value comes from, in the words the badges use: "stated" or "inferred" from material that was read,
 * "imported" from a persona file, "edited" by hand (a manual source). Read material outranks an import, which
 * outranks a manual edit; undefined with no evidence.
 */
export type Provenance = "stated" | "inferred" | "imported" | "edited";

export function provenanceOf(entries: EvidenceEntry[], sources: SourceInfo[]): Provenance | undefined {
  const kindOf = new Map(sources.map((s) => [s.id, s.kind]));
  const found = new Set<Provenance>();
  for (const entry of entries) {
    const sourceKind = kindOf.get(entry.source_id);
    if (sourceKind === "manual") found.add("edited");
    else if (entry.kind === "imported" || sourceKind === "imported") found.add("imported");
    else found.add(entry.kind === "stated" ? "stated" : "inferred");
  }
  return (["stated", "inferred", "imported", "edited"] as const).find((p) => found.has(p));
}

/** "stated" when any entry states the value outright, else "inferred"; undefined with no evidence. */
export function strongestKind(entries: EvidenceEntry[]): EvidenceEntry["kind"] | undefined {
  if (entries.length === 0) return undefined;
  if (entries.some((e) => e.kind === "stated")) return "stated";
  return entries.some((e) => e.kind === "imported") ? "imported" : "inferred";
}

export interface Span {
  start: number;
  end: number;
}

/**
 * Where a quote stands in its source's text: the stored offsets when they hold the quote, else the quote's first
 * occurrence, else a match that ignores case and runs of white space (older evidence, or a source cleaned again).
 * Linear in the text's length; null when the quote is not in the text.
 */
export function locateQuote(text: string, entry: Pick<EvidenceEntry, "quote"> & Partial<Span>): Span | null {
  const { quote, start, end } = entry;
  if (quote === "") return null;
  if (
    typeof start === "number" &&
    typeof end === "number" &&
    start >= 0 &&
    end > start &&
    end <= text.length &&
    squash(text.slice(start, end)) === squash(quote)
  ) {
    return { start, end };
  }
  const exact = text.indexOf(quote);
  if (exact !== -1) return { start: exact, end: exact + quote.length };
  return looseMatch(text, quote);
}

const squash = (s: string) => s.replace(/\s+/g, " ").trim().toLowerCase();

/** Finds `quote` in `text` ignoring case and treating any run of white space as one space; maps back to offsets. */
function looseMatch(text: string, quote: string): Span | null {
  const wanted = squash(quote);
  if (wanted === "") return null;
  // The text squashed the same way, remembering for each kept character where it was in the original.
  let squashed = "";
  const origin: number[] = [];
  let pendingSpace = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? "";
    if (/\s/.test(ch)) {
      pendingSpace = squashed !== "";
      continue;
    }
    if (pendingSpace) {
      squashed += " ";
      origin.push(i - 1);
      pendingSpace = false;
    }
    squashed += ch.toLowerCase();
    origin.push(i);
  }
  const at = squashed.indexOf(wanted);
  if (at === -1) return null;
  const first = origin[at];
  const last = origin[at + wanted.length - 1];
  if (first === undefined || last === undefined) return null;
  return { start: first, end: last + 1 };
}

/**
 * The part of `text` to show around `span`: up to `context` characters either side, cut at white space where one is
 * near, with whether text was left out before and after.
 */
export function excerptAround(
  text: string,
  span: Span,
  context: number,
): { before: string; quote: string; after: string; cutBefore: boolean; cutAfter: boolean } {
  let from = Math.max(0, span.start - context);
  let to = Math.min(text.length, span.end + context);
  if (from > 0) {
    const space = text.indexOf(" ", from);
    if (space !== -1 && space < span.start) from = space + 1;
  }
  if (to < text.length) {
    const space = text.lastIndexOf(" ", to);
    if (space > span.end) to = space;
  }
  return {
    before: text.slice(from, span.start),
    quote: text.slice(span.start, span.end),
    after: text.slice(span.end, to),
    cutBefore: from > 0,
    cutAfter: to < text.length,
  };
}
