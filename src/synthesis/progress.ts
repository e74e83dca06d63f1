/** Where a synthesis job is, reported to async-job readers (GET /v1/jobs/{id}) and the CLI. */
export const STAGES = ["queued", "fetching", "cleaning", "extracting", "assembling", "storing", "done"] as const;
export type Stage = (typeof STAGES)[number];

/** A stage and how many of its parts (texts, pages, model calls) are done. */
export interface Progress {
  stage: Stage;
  done: number;
  total: number;
}

export type OnProgress = (progress: Progress) => void;
