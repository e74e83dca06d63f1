/**
 * A persona's sources as attributed sentences, for the offline persona chat: every sentence with whose "I" it is
 * and whom it is about (the same attribution the offline extractor uses), its offsets in the cleaned source, and
 * the persona fields whose evidence it holds. CPU-bound, so it runs on the synthesis pool (worker.ts `sentences`);
 * linear in the material and bounded by SENTENCE_LIMITS.
 */
import type { EvidenceEntry, PersonaField } from "../personas/schemas.ts";
import { contentTokens } from "./normalize.ts";
import { identifySubject } from "./offline/attribution/subject.ts";
import { attribute } from "./offline/attribution/units.ts";
import { memo, newList } from "./offline/engine/memo.ts";
import { SENTENCE_LIMITS } from "./sentence-limits.ts";
import type { CleanSource } from "./types.ts";

const ENDS_WITH_QUESTION = /\?["”’]?\s*$/;

export { SENTENCE_LIMITS };

export interface MaterialSource {
  id: string;
  kind: CleanSource["kind"] | "imported";
  text: string;
  title?: string | null;
}

export interface MaterialSentence {
  id: number;
  sourceId: string;
  /** Verbatim: `source.text.slice(start, end) === text`. */
  text: string;
  start: number;
  end: number;
  /** The persona speaking as "I". */
  firstPerson: boolean;
  /** The attribution says the sentence is about the persona (in the third person when not firstPerson). */
  aboutPersona: boolean;
  /** Persona fields whose evidence lies within this sentence. */
  fields: PersonaField[];
}

export interface SentencesTask {
  sources: MaterialSource[];
  evidence: Array<[PersonaField, EvidenceEntry]>;
}

/**
 * Sentences worth saying as the persona: not someone else's "I" (an interviewer introducing herself), not a
 * question put to the persona, not a fragment.
 */
function keep(unit: { speaker: string; firstPerson: boolean; text: string }): boolean {
  if (unit.speaker === "other" && unit.firstPerson) return false;
  if (unit.speaker !== "subject" && ENDS_WITH_QUESTION.test(unit.text)) return false;
  if (unit.text.length > SENTENCE_LIMITS.sentenceChars) return false;
  return contentTokens(unit.text).length >= 3;
}

/** Sentences (sorted by start) overlapping [start, end): a binary search for the first, then a short walk. */
function overlapping(list: readonly MaterialSentence[], start: number, end: number): MaterialSentence[] {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid]?.end ?? 0) <= start) lo = mid + 1;
    else hi = mid;
  }
  const out: MaterialSentence[] = [];
  for (let i = lo; i < list.length; i += 1) {
    const s = list[i];
    if (!s || s.start >= end) break;
    out.push(s);
  }
  return out;
}

/** The sources' attributed sentences, each linked to the fields whose evidence it holds. */
export function attributedSentences({ sources, evidence }: SentencesTask): MaterialSentence[] {
  const clean: CleanSource[] = [];
  let budget: number = SENTENCE_LIMITS.totalChars;
  for (const [order, s] of sources.entries()) {
    if (s.kind === "manual" || budget <= 0) continue;
    const text = s.text.slice(0, Math.min(SENTENCE_LIMITS.charsPerSource, budget));
    budget -= text.length;
    clean.push({
      id: s.id,
      kind: s.kind === "imported" ? "text" : s.kind,
      text,
      order,
      ...(s.title ? { title: s.title } : {}),
    });
  }
  const subject = identifySubject(clean);
  const { units } = attribute(clean, subject.model, []);

  const sentences: MaterialSentence[] = [];
  const cursor = new Map<string, number>();
  for (const unit of units) {
    if (sentences.length >= SENTENCE_LIMITS.sentences) break;
    const text = unit.source.text;
    // Units come in source order, so each is found just after the previous one: a bounded look-ahead keeps this
    // linear even if a unit were not where expected.
    const from = cursor.get(unit.source.id) ?? 0;
    const at = text.slice(from, from + unit.text.length + 4_000).indexOf(unit.text);
    if (at < 0) continue;
    const start = from + at;
    cursor.set(unit.source.id, start + unit.text.length);
    if (!keep(unit)) continue;
    sentences.push({
      id: sentences.length,
      sourceId: unit.source.id,
      text: unit.text,
      start,
      end: start + unit.text.length,
      firstPerson: unit.firstPerson && unit.speaker !== "other",
      aboutPersona: unit.topic === "subject" || (unit.speaker === "subject" && unit.topic !== "other"),
      fields: [],
    });
  }

  // Link each evidence quote to the sentences it overlaps (by offsets; by text for older evidence without them).
  const bySource = new Map<string, MaterialSentence[]>();
  for (const s of sentences) memo(bySource, s.sourceId, newList<MaterialSentence>).push(s);
  let unplaced = 0;
  for (const [field, entry] of evidence) {
    const list = bySource.get(entry.source_id) ?? [];
    const placed = entry.start !== undefined && entry.end !== undefined;
    if (!placed && ++unplaced > SENTENCE_LIMITS.unplacedEvidence) continue;
    const hits = placed
      ? overlapping(list, entry.start ?? 0, entry.end ?? 0)
      : list.filter((s) => s.text.includes(entry.quote) || entry.quote.includes(s.text));
    for (const s of hits) if (!s.fields.includes(field)) s.fields.push(field);
  }
  return sentences;
}
