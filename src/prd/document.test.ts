import { describe, expect, it } from "vitest";
import { applySectionUpdate, parseSectionUpdate, UpdatePrdArgs } from "./document.ts";
import { emptyPrd } from "./schemas.ts";

const at = new Date("2026-01-02T03:04:05Z");
const update = (args: unknown) => parseSectionUpdate(UpdatePrdArgs.parse(args));

describe("PRD section updates", () => {
  it("assigns stable ids that survive replaces and are never reused", () => {
    const fr = (title: string, id?: string) => ({
      ...(id ? { id } : {}),
      title,
      acceptance_criteria: [`${title} works`],
    });
    let state = applySectionUpdate(
      emptyPrd(),
      {},
      update({ section: "functional_requirements", mode: "append", items: [fr("a"), fr("b")] }),
      at,
    );
    expect(state.ids).toEqual(["FR-1", "FR-2"]);
    // Replace keeps FR-2 by id, drops FR-1, and the new item gets FR-3 (not FR-1 again).
    state = applySectionUpdate(
      state.document,
      state.counters,
      update({ section: "functional_requirements", mode: "replace", items: [fr("b2", "FR-2"), fr("c")] }),
      at,
    );
    expect(state.document.functional_requirements.map((r) => [r.id, r.title, r.priority])).toEqual([
      ["FR-2", "b2", "P1"],
      ["FR-3", "c", "P1"],
    ]);
    // Appending never takes over an existing id.
    state = applySectionUpdate(
      state.document,
      state.counters,
      update({ section: "functional_requirements", mode: "append", items: [fr("d", "FR-2")] }),
      at,
    );
    expect(state.ids).toEqual(["FR-4"]);
  });

  it("appends to text sections and dates decisions", () => {
    let state = applySectionUpdate(emptyPrd(), {}, update({ section: "problem", mode: "replace", text: "One." }), at);
    state = applySectionUpdate(
      state.document,
      state.counters,
      update({ section: "problem", mode: "append", text: "Two." }),
      at,
    );
    expect(state.document.problem).toBe("One.\n\nTwo.");
    state = applySectionUpdate(
      state.document,
      state.counters,
      update({ section: "decision_log", mode: "append", items: [{ decision: "Ship" }] }),
      at,
    );
    expect(state.document.decision_log).toEqual([
      { id: "DL-1", decision: "Ship", rationale: null, date: "2026-01-02" },
    ]);
  });

  it.each([
    [{ section: "problem", mode: "replace" }, /needs a non-empty "text"/],
    [{ section: "problem", mode: "replace", text: "x", items: [] }, /takes "text"/],
    [{ section: "scope", mode: "append" }, /needs a non-empty "items"/],
    [{ section: "scope", mode: "append", items: [{ txt: "typo" }] }, /items do not fit/],
    [
      {
        section: "functional_requirements",
        mode: "append",
        items: [{ title: "x", priority: "P9", acceptance_criteria: ["y"] }],
      },
      /items do not fit/,
    ],
  ])("rejects %j", (args, message) => {
    expect(() => update(args)).toThrow(message);
  });

  it("refuses to grow a section past its limit", () => {
    const items = Array.from({ length: 30 }, (_, i) => ({ text: `item ${i}` }));
    const first = applySectionUpdate(emptyPrd(), {}, update({ section: "scope", mode: "append", items }), at);
    expect(() =>
      applySectionUpdate(first.document, first.counters, update({ section: "scope", mode: "append", items }), at),
    ).toThrow(/at most 50/);
  });
});
