import { describe, expect, it } from "vitest";
import { jsonParam } from "./store.ts";

describe("jsonParam", () => {
  it("replaces lone surrogates (which jsonb refuses) with U+FFFD, at any depth", () => {
    const value = { quote: "a\ud800b", list: ["\udfffx"], nested: { key: "ok" } };
    expect(JSON.parse(jsonParam(value))).toEqual({ quote: "a\ufffdb", list: ["\ufffdx"], nested: { key: "ok" } });
  });

  it("keeps surrogate pairs and text that only looks like an escape", () => {
    const value = { emoji: "\u{1F600}", text: "\\ud800 is an escape", n: 1, none: null };
    expect(jsonParam(value)).toBe(JSON.stringify(value));
    expect(JSON.parse(jsonParam(value))).toEqual(value);
  });
});
