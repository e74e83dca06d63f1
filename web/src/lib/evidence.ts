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
    } else {
      labels.set(source.id, "Manual edit");
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

/** "stated" when any entry states the value outright, else "inferred"; undefined with no evidence. */
export function strongestKind(entries: EvidenceEntry[]): EvidenceEntry["kind"] | undefined {
  if (entries.length === 0) return undefined;
  if (entries.some((e) => e.kind === "stated")) return "stated";
  return entries.some((e) => e.kind === "imported") ? "imported" : "inferred";
}
