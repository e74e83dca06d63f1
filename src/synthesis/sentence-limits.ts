/**
 * Bounds of the offline persona chat's sentence attribution (sentences.ts), in a module of their own: the chat
 * reads them on the main thread, where the attribution itself (and the NLP library it loads) must not be imported.
 */
export const SENTENCE_LIMITS = {
  /** Characters read from the start of each source, and in all. */
  charsPerSource: 30_000,
  totalChars: 120_000,
  /** Sentences kept; longer "sentences" (tables, run-ons) are skipped. */
  sentences: 2_000,
  sentenceChars: 600,
  /** Evidence entries without offsets (older data) placed by text, each a scan of its source's sentences. */
  unplacedEvidence: 200,
} as const;
