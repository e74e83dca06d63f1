import { describe, expect, it } from "vitest";
import type { CleanSource } from "../../types.ts";
import type { Candidate } from "./candidate.ts";
import { collapseNear } from "./select.ts";

const source: CleanSource = { id: "s1", kind: "text", text: "", order: 0 };

function candidate(value: string, confidence = 0.6): Candidate {
  return { field: "pain_points", value, quote: "q", source, kind: "stated", confidence, date: null, position: 1 };
}

const distinct = (values: readonly string[]) =>
  new Set(collapseNear(values.map((value) => candidate(value))).map((c) => c.value));

describe("collapseNear", () => {
  it("folds a plural and its singular into one item", () => {
    expect(distinct(["no-shows", "~12% no-show rate"]).size).toBe(1);
  });

  it("keeps items that share only a generic word", () => {
    expect(distinct(["playing violin", "playing accordion"]).size).toBe(2);
    expect(distinct(["sales calls", "cold calls"]).size).toBe(2);
  });
});
