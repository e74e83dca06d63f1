/**
 * What the LLM settings say (is a model configured, which one), without the AI SDK: the offline server and the CLI
 * ask this at start-up and on every chat, and must not pay for loading the SDK (see providers.ts for the models).
 */
import type { LanguageModel } from "ai";
import type { Config } from "../config.ts";
import type { Metrics } from "../observability/metrics.ts";

export type LlmConfig = Config["llm"];
/** Providers that actually call a model (everything but the offline engine). */
export type LlmProviderName = Exclude<LlmConfig["provider"], "offline">;
/** A resolved model object (never a bare gateway model-id string). */
export type ResolvedLanguageModel = Exclude<LanguageModel, string>;

export interface ModelDescription {
  provider: LlmProviderName;
  model: string;
}

export interface ModelOverrides {
  /** Use another model of the configured provider (e.g. a cheaper one for a side task). */
  model?: string;
  /** Count every call, its latency, outcome and tokens in these metrics. */
  metrics?: Metrics;
  /** The fetch the provider sends its requests with (default: Node's); see whole-body-fetch.ts. */
  fetch?: typeof globalThis.fetch;
}

/** True when the config names a real provider and a model, i.e. the LLM engine can be used. */
export function isLlmConfigured(llm: LlmConfig): boolean {
  return llm.provider !== "offline" && Boolean(llm.model);
}

/** Provider + model for usage reporting and logs; never includes keys or URLs (URLs may embed credentials). */
export function describeModel(llm: LlmConfig, overrides: ModelOverrides = {}): ModelDescription {
  if (llm.provider === "offline") {
    throw new Error("LLM_PROVIDER=offline has no language model; use the offline engine");
  }
  const model = overrides.model ?? llm.model;
  if (!model) {
    throw new Error(`LLM_PROVIDER=${llm.provider} needs LLM_MODEL`);
  }
  return { provider: llm.provider, model };
}
