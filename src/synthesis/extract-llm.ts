import { generateText, JSONParseError, jsonSchema, type ModelMessage, NoObjectGeneratedError, Output } from "ai";
import type { ZodError } from "zod";
import { DEFAULT_MAX_OUTPUT_TOKENS } from "../config.ts";
import { AppError } from "../errors.ts";
import {
  createLanguageModel,
  describeModel,
  type LlmConfig,
  type ModelDescription,
  type ResolvedLanguageModel,
} from "../llm/providers.ts";
import { type RetryEvent, type RetryPolicy, type Sleep, withLlmResilience } from "../llm/resilience.ts";
import { wholeBodyFetch } from "../llm/whole-body-fetch.ts";
import { isListField, PERSONA_FIELDS, PERSONA_LIMITS, type PersonaField } from "../personas/schemas.ts";
import { type Batch, planExtraction } from "./chunk.ts";
import {
  buildExtractionPrompt,
  buildRepairMessage,
  describeIssues,
  type ExistingValues,
  ExtractionOutput,
  extractionJsonSchema,
  type PromptSource,
  restoreQuote,
} from "./prompts/extract.ts";
import type { Claim, CleanSource, ExtractOptions, Extractor, ExtractResult, ExtractUsage } from "./types.ts";

const WHITESPACE_RUNS = /\s+/g;

/**
 * Estimated source tokens per model call. Material within this budget (all sources together) goes out in exactly one
 * call. 16k tokens (~12k words) leaves ample room for instructions and the answer in any 32k+ context window and
 * keeps extraction quality up; raise it for long-context models via `inputBudgetTokens`.
 */
export const DEFAULT_INPUT_BUDGET_TOKENS = 16_000;

/**
 * Hard cap on extraction calls per request (repair calls come on top, at most one per call). 128 calls x 16k tokens is
 * ~2M tokens, enough for 1,000,000 words (~1.5M tokens, ~95 calls). Beyond that the extractor reads a round-robin
 * selection of parts (each source's first parts first) and says in a warning how much was skipped, instead of
 * silently making thousands of calls.
 */
export const MAX_EXTRACTION_CALLS = 128;

/** Calls in flight at once for chunked material: fast enough, and polite to rate limits. */
export const DEFAULT_CONCURRENCY = 4;

/** The invalid answer echoed into the repair call is cut to this many characters to bound the repair prompt. */
const REPAIR_ECHO_CHARS = 24_000;

export interface LlmExtractorOptions {
  model: ResolvedLanguageModel;
  /** Provider/model names for usage reporting. */
  description: ModelDescription;
  inputBudgetTokens?: number;
  maxCalls?: number;
  concurrency?: number;
  maxOutputTokens?: number;
  retry?: Partial<RetryPolicy>;
  /** Injectable for tests. */
  sleep?: Sleep;
  random?: () => number;
  /** Observability hook for retries (status, delay; no content), e.g. a log line. */
  onRetry?: (event: RetryEvent) => void;
}

/** A new value the model judged to mean the same as a value the persona already has. */
export interface SameAsMatch {
  field: PersonaField;
  value: string | number;
  source_id: string;
  quote: string;
  /** The existing value, exactly as it is in the persona. */
  same_as: string;
}

export interface ReconcileResult extends ExtractResult {
  same_as: SameAsMatch[];
}

interface BatchOutcome {
  claims: Claim[];
  sameAs: SameAsMatch[];
  calls: number;
  inputTokens: number;
  outputTokens: number;
  problems: Problems;
}

/** Counters for dropped output, reported as content-free warnings. */
interface Problems {
  unknownIds: Set<string>;
  unknownIdClaims: number;
  empty: number;
  badAge: number;
  tooLong: number;
  badSameAs: number;
}

const newProblems = (): Problems => ({
  unknownIds: new Set(),
  unknownIdClaims: 0,
  empty: 0,
  badAge: 0,
  tooLong: 0,
  badSameAs: 0,
});

type Attempt =
  | { ok: true; output: ExtractionOutput; inputTokens: number; outputTokens: number }
  | { ok: false; text: string; problems: string[]; inputTokens: number; outputTokens: number };

// Validation goes through our zod schema (defaults applied), while the provider receives the strict JSON Schema.
const outputSchema = jsonSchema<ExtractionOutput>(extractionJsonSchema as Parameters<typeof jsonSchema>[0], {
  validate: (value) => {
    const parsed = ExtractionOutput.safeParse(value);
    return parsed.success ? { success: true, value: parsed.data } : { success: false, error: parsed.error };
  },
});

function findZodError(error: unknown): ZodError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (current.name === "ZodError" && "issues" in current) return current as ZodError;
    current = current.cause;
  }
  return undefined;
}

const CUT_OFF = "the answer was cut off at the output limit: keep quotes short and list only well-supported items";

function problemsOf(error: NoObjectGeneratedError): string[] {
  if (error.finishReason === "length") {
    return [CUT_OFF];
  }
  const zodError = findZodError(error.cause);
  if (zodError) return describeIssues(zodError.issues);
  if (JSONParseError.isInstance(error.cause)) return ["the answer was not valid JSON (it must be one JSON object)"];
  if (!error.text) return ["the answer was empty"];
  return ["the answer did not match the required format"];
}

const AGE = /^\s*(\d{1,3})(?:\s*(?:years?(?:\s+old)?|yrs?|y\/?o))?\s*$/i;

function parseAge(value: string | number): number | undefined {
  const n = typeof value === "number" ? value : Number(AGE.exec(value)?.[1] ?? Number.NaN);
  return Number.isInteger(n) && n >= 0 && n <= PERSONA_LIMITS.maxAge ? n : undefined;
}

function limitFor(field: PersonaField): number {
  if (field === "background") return PERSONA_LIMITS.backgroundChars;
  return isListField(field) ? PERSONA_LIMITS.itemChars : PERSONA_LIMITS.scalarChars;
}

const canonical = (value: string) => value.trim().toLowerCase().replace(WHITESPACE_RUNS, " ");

function pluralise(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function warningsFor(problems: Problems): string[] {
  const warnings: string[] = [];
  if (problems.unknownIdClaims > 0) {
    warnings.push(
      `LLM cited unknown source ids (${[...problems.unknownIds].slice(0, 10).join(", ")}); dropped ${pluralise(problems.unknownIdClaims, "claim")}`,
    );
  }
  if (problems.empty > 0)
    warnings.push(`Dropped ${pluralise(problems.empty, "LLM claim")} with an empty value or quote`);
  if (problems.badAge > 0) {
    warnings.push(
      `Dropped ${pluralise(problems.badAge, "age claim")} that was not a whole number of years (0-${PERSONA_LIMITS.maxAge})`,
    );
  }
  if (problems.tooLong > 0)
    warnings.push(`Dropped ${pluralise(problems.tooLong, "LLM claim")} longer than the field's limit`);
  if (problems.badSameAs > 0) {
    warnings.push(`Ignored ${pluralise(problems.badSameAs, "duplicate link")} to values the persona does not have`);
  }
  return warnings;
}

/** Runs `tasks` with at most `limit` in flight; the first failure aborts the rest and is rethrown. */
async function runBounded<T>(
  count: number,
  limit: number,
  signal: AbortSignal | undefined,
  task: (index: number, signal: AbortSignal) => Promise<T>,
): Promise<T[]> {
  // One task (all a small create makes): nothing to abort beside it, so no controller or linked signal is needed.
  if (count === 1) return [await task(0, signal ?? new AbortController().signal)];
  const controller = new AbortController();
  const linked = signal ? AbortSignal.any([signal, controller.signal]) : controller.signal;
  const results: T[] = new Array(count);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < count) {
      const index = next++;
      try {
        results[index] = await task(index, linked);
      } catch (error) {
        if (!failure) {
          failure = { error };
          controller.abort(error);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, count)) }, worker));
  if (failure) throw failure.error;
  return results;
}

export class LlmExtractor implements Extractor {
  readonly engine = "llm" as const;
  private readonly options: LlmExtractorOptions;

  constructor(options: LlmExtractorOptions) {
    this.options = options;
  }

  get description(): ModelDescription {
    return this.options.description;
  }

  /** Builds the model from config (provider, model, keys, base URLs). */
  static fromConfig(llm: LlmConfig, options: Omit<LlmExtractorOptions, "model" | "description"> = {}): LlmExtractor {
    return new LlmExtractor({
      ...(llm.maxOutputTokens ? { maxOutputTokens: llm.maxOutputTokens } : {}),
      ...options,
      model: createLanguageModel(llm, { fetch: wholeBodyFetch }),
      description: describeModel(llm),
    });
  }

  async extract(sources: CleanSource[], options: ExtractOptions = {}): Promise<ExtractResult> {
    const { same_as: _unused, ...result } = await this.run(sources, undefined, options);
    return result;
  }

  /**
   * Extraction for a merge: the same single call also receives the persona's current values and marks new values
   * that are near-duplicates of existing ones (`same_as`), so the merge can keep one item instead of two.
   */
  async extractForMerge(
    sources: CleanSource[],
    existing: ExistingValues,
    options: ExtractOptions = {},
  ): Promise<ReconcileResult> {
    return this.run(sources, existing, options);
  }

  private async run(
    sources: CleanSource[],
    existing: ExistingValues | undefined,
    { signal, onProgress }: ExtractOptions,
  ): Promise<ReconcileResult> {
    const { description } = this.options;
    const budget = this.options.inputBudgetTokens ?? DEFAULT_INPUT_BUDGET_TOKENS;
    const maxCalls = this.options.maxCalls ?? MAX_EXTRACTION_CALLS;
    const plan = planExtraction(sources, { budgetTokens: budget, maxCalls });
    const warnings: string[] = [];
    if (plan.skippedPieces > 0) {
      const readPieces = plan.totalPieces - plan.skippedPieces;
      const share = Math.round((100 * (plan.totalTokens - plan.skippedTokens)) / Math.max(1, plan.totalTokens));
      warnings.push(
        `Material is long (~${plan.totalTokens.toLocaleString("en-US")} tokens in ${plan.totalPieces} parts): the LLM read ${readPieces} parts (~${share}%) in ${plan.batches.length} calls, the per-request limit; ${plan.skippedPieces} parts (~${plan.skippedTokens.toLocaleString("en-US")} tokens) were not read. Send the rest in later updates to cover it.`,
      );
    }

    const usage: ExtractUsage = {
      engine: "llm",
      provider: description.provider,
      model: description.model,
      llm_calls: 0,
      input_tokens: 0,
      output_tokens: 0,
    };
    if (plan.batches.length === 0) return { claims: [], warnings, usage, same_as: [] };

    const bySource = new Map(sources.map((s) => [s.id, s]));
    let done = 0;
    onProgress?.(done, plan.batches.length);
    const outcomes = await runBounded(
      plan.batches.length,
      this.options.concurrency ?? DEFAULT_CONCURRENCY,
      signal,
      async (index, batchSignal) => {
        const batch = plan.batches[index];
        if (!batch) throw new Error("batch index out of range");
        const outcome = await this.runBatch(batch, bySource, existing, batchSignal, index, plan.batches.length);
        onProgress?.(++done, plan.batches.length);
        return outcome;
      },
    );

    const claims: Claim[] = [];
    const sameAs: SameAsMatch[] = [];
    const problems = newProblems();
    for (const outcome of outcomes) {
      claims.push(...outcome.claims);
      sameAs.push(...outcome.sameAs);
      usage.llm_calls += outcome.calls;
      usage.input_tokens += outcome.inputTokens;
      usage.output_tokens += outcome.outputTokens;
      for (const id of outcome.problems.unknownIds) problems.unknownIds.add(id);
      problems.unknownIdClaims += outcome.problems.unknownIdClaims;
      problems.empty += outcome.problems.empty;
      problems.badAge += outcome.problems.badAge;
      problems.tooLong += outcome.problems.tooLong;
      problems.badSameAs += outcome.problems.badSameAs;
    }
    warnings.push(...warningsFor(problems));
    return { claims, warnings, usage, same_as: sameAs };
  }

  private async runBatch(
    batch: Batch,
    bySource: Map<string, CleanSource>,
    existing: ExistingValues | undefined,
    signal: AbortSignal,
    batchIndex: number,
    batchCount: number,
  ): Promise<BatchOutcome> {
    const promptSources: PromptSource[] = [];
    const byShortId = new Map<string, { sourceId: string; text: string }>();
    batch.pieces.forEach((piece, i) => {
      const shortId = `S${i + 1}`;
      const source = bySource.get(piece.sourceId);
      byShortId.set(shortId, { sourceId: piece.sourceId, text: piece.text });
      promptSources.push({
        shortId,
        text: piece.text,
        kind: source?.kind ?? "text",
        ...(source?.title ? { title: source.title } : {}),
        ...(source?.url ? { url: source.url } : {}),
        ...(source?.date ? { date: source.date } : {}),
        ...(piece.total > 1 ? { part: { index: piece.index + 1, total: piece.total } } : {}),
      });
    });
    const { system, prompt } = buildExtractionPrompt({ sources: promptSources, ...(existing ? { existing } : {}) });
    const label = `${this.options.description.provider}/${this.options.description.model}${batchCount > 1 ? ` part ${batchIndex + 1}/${batchCount}` : ""}`;

    let calls = 0;
    let inputTokens = 0;
    let outputTokens = 0;
    const account = (attempt: Attempt) => {
      calls++;
      inputTokens += attempt.inputTokens;
      outputTokens += attempt.outputTokens;
    };

    let attempt = await this.call(system, [{ role: "user", content: prompt }], signal, label);
    account(attempt);
    if (!attempt.ok) {
      const repairMessages: ModelMessage[] = [
        { role: "user", content: prompt },
        { role: "assistant", content: attempt.text.slice(0, REPAIR_ECHO_CHARS) || "(empty answer)" },
        { role: "user", content: buildRepairMessage(attempt.problems) },
      ];
      const firstProblems = attempt.problems.length;
      attempt = await this.call(system, repairMessages, signal, label);
      account(attempt);
      if (!attempt.ok) {
        throw new AppError(
          "upstream_error",
          `LLM returned invalid structured output twice (${label}); ${pluralise(firstProblems, "problem")} before the repair call, ${pluralise(attempt.problems.length, "problem")} after`,
        );
      }
    }

    const problems = newProblems();
    const { claims, sameAs } = toClaims(attempt.output, byShortId, existing, problems);
    return { claims, sameAs, calls, inputTokens, outputTokens, problems };
  }

  /** One structured-output call with retries/timeouts; invalid output is returned (not thrown) for the repair path. */
  private call(system: string, messages: ModelMessage[], signal: AbortSignal, label: string): Promise<Attempt> {
    const { model } = this.options;
    const maxOutputTokens = this.options.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS;
    return withLlmResilience(
      async (ctx) => {
        if (model.specificationVersion === "v3") {
          return callModelDirectly(model, { system, messages, maxOutputTokens, signal: ctx.signal });
        }
        try {
          const result = await generateText({
            model: this.options.model,
            system,
            messages,
            output: Output.object({ schema: outputSchema, name: "persona_extraction" }),
            maxOutputTokens,
            // Retries are ours (see resilience.ts).
            maxRetries: 0,
            abortSignal: ctx.signal,
          });
          return {
            ok: true,
            output: result.output,
            inputTokens: result.usage.inputTokens ?? 0,
            outputTokens: result.usage.outputTokens ?? 0,
          };
        } catch (error) {
          if (NoObjectGeneratedError.isInstance(error)) {
            return {
              ok: false,
              text: error.text ?? "",
              problems: problemsOf(error),
              inputTokens: error.usage?.inputTokens ?? 0,
              outputTokens: error.usage?.outputTokens ?? 0,
            };
          }
          throw error;
        }
      },
      {
        label,
        ...(signal ? { signal } : {}),
        ...(this.options.retry ? { policy: this.options.retry } : {}),
        ...(this.options.sleep ? { sleep: this.options.sleep } : {}),
        ...(this.options.random ? { random: this.options.random } : {}),
        ...(this.options.onRetry ? { onRetry: this.options.onRetry } : {}),
      },
    );
  }
}

type ModelV3 = Extract<ResolvedLanguageModel, { specificationVersion: "v3" }>;
type V3Prompt = Parameters<ModelV3["doGenerate"]>[0]["prompt"];

/** The strict JSON Schema the provider receives as the response format (resolved once; it never changes). */
const responseFormat: Promise<Parameters<ModelV3["doGenerate"]>[0]["responseFormat"]> = Promise.resolve(
  outputSchema.jsonSchema,
).then((schema) => ({ type: "json", schema, name: "persona_extraction" }));

/**
 * One structured-output call straight through the model interface (`doGenerate`), as generateText + Output.object
 * would make it (same request body, same response format), without generateText's per-call work: re-validating the
 * prompt we built with zod, telemetry attributes, step bookkeeping. The answer is untrusted, so it is still parsed
 * and validated with the same zod schema; a bad answer goes to the repair path with the same problems as before.
 */
async function callModelDirectly(
  model: ModelV3,
  call: { system: string; messages: ModelMessage[]; maxOutputTokens: number; signal: AbortSignal },
): Promise<Attempt> {
  const prompt: V3Prompt = [{ role: "system", content: call.system }];
  for (const m of call.messages) {
    // Extraction sends text-only user and assistant turns (the prompt and, for a repair, the echoed answer).
    if ((m.role === "user" || m.role === "assistant") && typeof m.content === "string") {
      prompt.push({ role: m.role, content: [{ type: "text", text: m.content }] });
    }
  }
  const result = await model.doGenerate({
    prompt,
    responseFormat: await responseFormat,
    maxOutputTokens: call.maxOutputTokens,
    abortSignal: call.signal,
  });
  const inputTokens = result.usage.inputTokens.total ?? 0;
  const outputTokens = result.usage.outputTokens.total ?? 0;
  let text = "";
  for (const part of result.content) if (part.type === "text") text += part.text;
  const invalid = (problems: string[]): Attempt => ({ ok: false, text, problems, inputTokens, outputTokens });
  if (result.finishReason.unified === "length") {
    return invalid([CUT_OFF]);
  }
  if (!text) return invalid(["the answer was empty"]);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return invalid(["the answer was not valid JSON (it must be one JSON object)"]);
  }
  const parsed = ExtractionOutput.safeParse(value);
  if (!parsed.success) return invalid(describeIssues(parsed.error.issues));
  return { ok: true, output: parsed.data, inputTokens, outputTokens };
}

/**
 * Model output -> claims with real source ids. Claims citing ids we did not give are dropped (counted for a
 * warning); quote verification against the source happens later, in assemble.
 */
export function toClaims(
  output: ExtractionOutput,
  byShortId: ReadonlyMap<string, { sourceId: string; text: string }>,
  existing: ExistingValues | undefined,
  problems: Problems = newProblems(),
): { claims: Claim[]; sameAs: SameAsMatch[] } {
  const claims: Claim[] = [];
  const sameAs: SameAsMatch[] = [];
  const seen = new Set<string>();
  for (const field of PERSONA_FIELDS) {
    const existingByKey = new Map((existing?.[field] ?? []).map((v) => [canonical(v), v]));
    for (const item of output[field]) {
      const shortId = item.source_id.trim();
      const source = byShortId.get(shortId);
      if (!source) {
        problems.unknownIds.add(shortId.slice(0, 20) || "(empty)");
        problems.unknownIdClaims++;
        continue;
      }
      const quote = restoreQuote(item.quote.trim(), source.text);
      let value: string | number;
      if (field === "age") {
        const age = parseAge(item.value);
        if (age === undefined) {
          problems.badAge++;
          continue;
        }
        value = age;
      } else {
        value = String(item.value).trim();
        if (value.length > limitFor(field)) {
          problems.tooLong++;
          continue;
        }
      }
      if (value === "" || quote === "") {
        problems.empty++;
        continue;
      }
      const key = JSON.stringify([field, value, source.sourceId, quote]);
      if (!seen.has(key)) {
        seen.add(key);
        claims.push({
          field,
          value,
          source_id: source.sourceId,
          quote,
          kind: item.kind,
          // The model's own stated/inferred judgement is the best signal we have for ranking competing scalars.
          confidence: item.kind === "stated" ? 0.9 : 0.6,
        });
      }
      if (item.same_as !== null && item.same_as.trim() !== "") {
        const match = existingByKey.get(canonical(item.same_as));
        if (match === undefined) {
          problems.badSameAs++;
        } else {
          sameAs.push({ field, value, source_id: source.sourceId, quote, same_as: match });
        }
      }
    }
  }
  return { claims, sameAs };
}
