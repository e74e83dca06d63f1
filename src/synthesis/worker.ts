/**
 * The synthesis pool's thread entry: every CPU-bound step of synthesis (cleaning, HTML to text, offline extraction,
 * assembly) runs here, so a large or adversarial text can never hold the server's event loop. The pool
 * (pool.ts) terminates a thread whose task runs past its budget and starts a fresh one.
 *
 * Each task is one named export. Progress goes back on the MessagePort a task may carry.
 */
import type { MessagePort } from "node:worker_threads";
import { type AssembledPersona, assemblePersona } from "./assemble.ts";
import { extractOffline } from "./extract-offline.ts";
import { type FetchedMaterial, type PreparedSource, prepareMaterial } from "./prepare.ts";
import type { Progress } from "./progress.ts";
import { attributedSentences, type MaterialSentence, type SentencesTask } from "./sentences.ts";
import type { Claim, CleanSource, ExtractUsage } from "./types.ts";

export interface WithProgress {
  /** Receives Progress messages while the task runs; absent when nobody is listening. */
  progress?: MessagePort;
}

export interface PrepareTask extends WithProgress {
  texts: string[];
  fetched: FetchedMaterial[];
  /** Also answer with the SHA-256 of each raw text (the extraction cache's key for text-only material). */
  digestTexts?: boolean;
}

export interface PrepareResult {
  sources: PreparedSource[];
  warnings: string[];
  /** When asked for (`digestTexts`): the SHA-256 of each raw text, in order. */
  textDigests?: string[];
}

export interface AssembleTask extends WithProgress {
  sources: CleanSource[];
  /** Claims an LLM extracted on the event loop; absent: run the offline engine here first. */
  claims?: Claim[];
}

export interface AssembleResult extends AssembledPersona {
  /** Set when the offline engine ran in this task: its warnings come first in `warnings`. */
  usage?: ExtractUsage;
}

const reporter = (port: MessagePort | undefined) => (progress: Progress) => port?.postMessage(progress);

/** Runs a task and then closes its progress port, which tells the pool every progress message has been sent. */
async function reporting<T>(port: MessagePort | undefined, work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } finally {
    port?.close();
  }
}

export function prepare(task: PrepareTask): Promise<PrepareResult> {
  return reporting(task.progress, () =>
    prepareMaterial(task.texts, task.fetched, task.digestTexts, reporter(task.progress)),
  );
}

/** The offline persona chat's memory of a persona: its sources as attributed sentences (sentences.ts). */
export function sentences(task: SentencesTask): MaterialSentence[] {
  return attributedSentences(task);
}

export function assemble(task: AssembleTask): Promise<AssembleResult> {
  return reporting(task.progress, () => assembleNow(task));
}

function assembleNow(task: AssembleTask): AssembleResult {
  const report = reporter(task.progress);
  if (task.claims) {
    report({ stage: "assembling", done: 0, total: 1 });
    return assemblePersona(task.claims, task.sources);
  }
  report({ stage: "extracting", done: 0, total: task.sources.length });
  const extracted = extractOffline(task.sources);
  report({ stage: "assembling", done: 0, total: 1 });
  const assembled = assemblePersona(extracted.claims, task.sources);
  return { ...assembled, warnings: [...extracted.warnings, ...assembled.warnings], usage: extracted.usage };
}
