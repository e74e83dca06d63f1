import { describe, expect, it } from "vitest";
import { sourcesCacheKey, textsCacheKey } from "./cache.ts";
import { sha256 } from "./digest.ts";

const model = { provider: "openai", model: "gpt-test" };

describe("extraction cache keys", () => {
  it("depend on every text, their order and the model", () => {
    const key = textsCacheKey([sha256("a"), sha256("b")], model);
    expect(textsCacheKey([sha256("a"), sha256("b")], { ...model })).toBe(key);
    expect(textsCacheKey([sha256("b"), sha256("a")], model)).not.toBe(key);
    expect(textsCacheKey([sha256("a")], model)).not.toBe(key);
    expect(textsCacheKey([sha256("a"), sha256("b")], { ...model, model: "gpt-other" })).not.toBe(key);
    expect(textsCacheKey([sha256("a"), sha256("b")], { ...model, provider: "anthropic" })).not.toBe(key);
  });

  it("keep raw texts and cleaned sources apart, and sources apart by kind", () => {
    const digest = sha256("I'm Omar Haddad.");
    const asText = sourcesCacheKey([{ kind: "text", sha256: digest }], model);
    expect(textsCacheKey([digest], model)).not.toBe(asText);
    expect(sourcesCacheKey([{ kind: "url", sha256: digest }], model)).not.toBe(asText);
  });
});
