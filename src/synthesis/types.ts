import type { EvidenceKind, PersonaField } from "../personas/schemas.ts";

/** One source after deterministic cleaning; `text` is what every quote must be a verbatim span of. */
export interface CleanSource {
  id: string;
  kind: "text" | "url" | "manual";
  text: string;
  title?: string;
  url?: string;
  /** ISO date the material is from, when known (a dated header, fetch time); used for recency in merges. */
  date?: string;
  /** Position of the source in the request; a later position counts as newer when dates are missing. */
  order: number;
}

/**
 * One candidate value an extractor read from a source. Extractors only propose claims; code verifies each quote
 * against the source text and assembles the persona, so no extractor can invent evidence.
 */
export interface Claim {
  field: PersonaField;
  /** number only for `age`; strings otherwise. */
  value: string | number;
  source_id: string;
  /** Verbatim span of the cleaned source supporting the value. */
  quote: string;
  kind: EvidenceKind;
  /** 0..1: how sure the extractor is. Used to choose between competing scalar claims. */
  confidence?: number;
  /** Id of the offline rule that proposed it; `npm run eval` reports hits and precision per rule. */
  rule?: string;
}

export interface ExtractUsage {
  engine: "offline" | "llm";
  provider: string | null;
  model: string | null;
  llm_calls: number;
  input_tokens: number;
  output_tokens: number;
}

export interface ExtractResult {
  claims: Claim[];
  warnings: string[];
  usage: ExtractUsage;
}

export interface ExtractOptions {
  signal?: AbortSignal;
  /** Called as parts of the material (model calls) finish, for job progress. */
  onProgress?: (done: number, total: number) => void;
}

/** A new value that means the same as a value the persona already has ("hikes on weekends" ~ "hiking"). */
export interface Equivalence {
  field: PersonaField;
  value: string | number;
  /** The existing value, exactly as the persona has it. */
  same_as: string;
}

/** The persona's current values, handed to an extractor that can reconcile near-duplicates in the same call. */
export type ExistingValues = Partial<Record<PersonaField, string[]>>;

/** The offline engine and every LLM provider implement this one interface. */
export interface Extractor {
  readonly engine: "offline" | "llm";
  /** Which model answers (LLM engines); part of the cache key. */
  readonly description?: { provider: string; model: string };
  extract(sources: CleanSource[], options?: ExtractOptions): Promise<ExtractResult>;
  /** Extraction for a merge that also marks new values equivalent to existing ones (LLM engines). */
  extractForMerge?(
    sources: CleanSource[],
    existing: ExistingValues,
    options?: ExtractOptions,
  ): Promise<ExtractResult & { same_as: Equivalence[] }>;
}
