import { describe, expect, it } from "vitest";
import {
  createLanguageModel,
  describeModel,
  isLlmConfigured,
  type LlmConfig,
  normalizeAnthropicBaseUrl,
} from "./providers.ts";

const base: LlmConfig = {
  provider: "openai",
  model: "gpt-test",
  openaiApiKey: "test-key",
  openaiBaseUrl: undefined,
  anthropicApiKey: "test-key",
  anthropicBaseUrl: undefined,
};

describe("providers", () => {
  it.each([
    ["openai", "openai.chat"],
    ["anthropic", "anthropic.messages"],
    ["openai-compatible", "openai-compatible.chat"],
  ] as const)("%s builds a %s model", (provider, id) => {
    const model = createLanguageModel({ ...base, provider, openaiBaseUrl: "http://127.0.0.1:1/v1" });
    expect(model.provider).toBe(id);
    expect(model.modelId).toBe("gpt-test");
  });

  it("describes provider and model (with an override) and never the key", () => {
    expect(describeModel(base)).toEqual({ provider: "openai", model: "gpt-test" });
    expect(describeModel(base, { model: "gpt-mini" })).toEqual({ provider: "openai", model: "gpt-mini" });
    expect(JSON.stringify(describeModel(base))).not.toContain("test-key");
  });

  it("refuses the offline provider and incomplete configs", () => {
    expect(isLlmConfigured({ ...base, provider: "offline" })).toBe(false);
    expect(isLlmConfigured(base)).toBe(true);
    expect(() => createLanguageModel({ ...base, provider: "offline" })).toThrow(/offline/);
    expect(() => createLanguageModel({ ...base, model: undefined })).toThrow(/LLM_MODEL/);
    expect(() => createLanguageModel({ ...base, openaiApiKey: undefined })).toThrow(/OPENAI_API_KEY/);
    expect(() => createLanguageModel({ ...base, provider: "openai-compatible" })).toThrow(/OPENAI_BASE_URL/);
    // A key is optional for local servers.
    expect(() =>
      createLanguageModel({
        ...base,
        provider: "openai-compatible",
        openaiApiKey: undefined,
        openaiBaseUrl: "http://127.0.0.1:11434/v1",
      }),
    ).not.toThrow();
  });

  it.each([
    ["https://api.anthropic.com", "https://api.anthropic.com/v1"],
    ["https://api.anthropic.com/", "https://api.anthropic.com/v1"],
    ["https://api.anthropic.com/v1", "https://api.anthropic.com/v1"],
    ["http://127.0.0.1:9999/v1/", "http://127.0.0.1:9999/v1"],
    ["https://proxy.example/anthropic", "https://proxy.example/anthropic/v1"],
  ])("normalises ANTHROPIC_BASE_URL %s", (input, expected) => {
    expect(normalizeAnthropicBaseUrl(input)).toBe(expected);
  });
});
