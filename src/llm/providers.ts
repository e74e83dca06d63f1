import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { wrapLanguageModel } from "ai";
import { describeModel, type LlmConfig, type ModelOverrides, type ResolvedLanguageModel } from "./model-config.ts";
import { observeLlm } from "./observe.ts";

// Re-exported: callers that build models import everything from here; code that only asks whether a model is
// configured imports model-config.ts, which does not load the AI SDK.
export {
  describeModel,
  isLlmConfigured,
  type LlmConfig,
  type LlmProviderName,
  type ModelDescription,
  type ModelOverrides,
  type ResolvedLanguageModel,
} from "./model-config.ts";

/**
 * The Anthropic SDKs disagree on ANTHROPIC_BASE_URL: the official SDK expects the host root
 * ("https://api.anthropic.com"), the AI SDK expects ".../v1". Accept both so a value copied from either works.
 */
export function normalizeAnthropicBaseUrl(url: string): string {
  const trimmed = url.replace(/\/+$/, "");
  return /\/v\d+$/.test(trimmed) ? trimmed : `${trimmed}/v1`;
}

/**
 * Config -> AI SDK language model. Keys are passed explicitly so the AI SDK never falls back to reading
 * process.env behind the config's back.
 */
export function createLanguageModel(llm: LlmConfig, overrides: ModelOverrides = {}): ResolvedLanguageModel {
  const model = createProviderModel(llm, overrides);
  // The three providers build v3 models; a v2 one (an older provider package) is left unobserved.
  if (!overrides.metrics || model.specificationVersion !== "v3") return model;
  return wrapLanguageModel({ model, middleware: observeLlm(overrides.metrics, describeModel(llm).provider) });
}

function createProviderModel(llm: LlmConfig, overrides: ModelOverrides): ResolvedLanguageModel {
  const { provider, model } = describeModel(llm, overrides);
  const viaFetch = overrides.fetch ? { fetch: overrides.fetch } : {};
  switch (provider) {
    case "openai": {
      if (!llm.openaiApiKey) throw new Error("LLM_PROVIDER=openai needs OPENAI_API_KEY");
      const openai = createOpenAI({
        apiKey: llm.openaiApiKey,
        ...viaFetch,
        ...(llm.openaiBaseUrl ? { baseURL: llm.openaiBaseUrl.replace(/\/+$/, "") } : {}),
      });
      // Chat Completions rather than the Responses API: OPENAI_BASE_URL often points at gateways and proxies
      // (LiteLLM, Azure-style, corporate relays) that only speak Chat Completions, and it is the same wire format
      // as the openai-compatible provider, so one fake upstream tests both.
      return openai.chat(model);
    }
    case "anthropic": {
      if (!llm.anthropicApiKey) throw new Error("LLM_PROVIDER=anthropic needs ANTHROPIC_API_KEY");
      const anthropic = createAnthropic({
        apiKey: llm.anthropicApiKey,
        ...viaFetch,
        ...(llm.anthropicBaseUrl ? { baseURL: normalizeAnthropicBaseUrl(llm.anthropicBaseUrl) } : {}),
      });
      return anthropic(model);
    }
    case "openai-compatible": {
      if (!llm.openaiBaseUrl) throw new Error("LLM_PROVIDER=openai-compatible needs OPENAI_BASE_URL");
      const compatible = createOpenAICompatible({
        name: "openai-compatible",
        ...viaFetch,
        baseURL: llm.openaiBaseUrl.replace(/\/+$/, ""),
        // Local servers (Ollama, llama.cpp) usually need no key; only send one when configured.
        ...(llm.openaiApiKey ? { apiKey: llm.openaiApiKey } : {}),
        // Current Ollama, vLLM, LM Studio and llama.cpp accept `response_format: json_schema` and constrain decoding
        // with it; LM Studio rejects the schema-less `json_object` fallback, so send the schema.
        supportsStructuredOutputs: true,
        // Without this, streamed answers carry no token usage.
        includeUsage: true,
      });
      return compatible.chatModel(model);
    }
  }
}
