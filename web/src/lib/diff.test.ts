import { describe, expect, it } from "vitest";
import { describeCause, describeDiffEntry, groupDiff } from "./diff.ts";

describe("diff presentation", () => {
  it("groups by field in persona order", () => {
    const groups = groupDiff([
      { field: "traits", op: "add_item", to: "x" },
      { field: "name", op: "set", to: "A" },
      { field: "traits", op: "add_item", to: "y" },
    ]);
    expect(groups.map((g) => [g.field, g.entries.length])).toEqual([
      ["name", 1],
      ["traits", 2],
    ]);
  });

  it("describes entries and causes in words", () => {
    expect(describeDiffEntry({ field: "location", op: "replace", from: "Denver", to: "Boulder" })).toBe(
      "Location: “Denver” → “Boulder”",
    );
    expect(describeDiffEntry({ field: "pain_points", op: "add_item", to: "slow apps" })).toBe(
      "Pain points: added “slow apps”",
    );
    expect(describeCause("restore:2")).toBe("Restored version 2");
    expect(describeCause("merge")).toBe("New material merged");
    expect(describeCause("resolve:cfl_1:keep_current")).toBe("Conflict resolved: kept the current value");
    expect(describeCause("resolve:cfl_1:take_proposed")).toBe("Conflict resolved: took the proposed value");
    expect(describeCause("resolve:cfl_1:write")).toBe("Conflict resolved: wrote another value");
    expect(describeCause("some_new_cause")).toBe("some new cause");
  });
});
