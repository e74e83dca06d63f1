import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  barMark,
  type CaseRunner,
  deletionBar,
  evalDir,
  LIST_RULE_DELETION_BAR,
  loadCases,
  RULE_DELETION_BAR,
  startCaseRunner,
} from "./eval.ts";
import { type CaseScore, scoreCase, summarize } from "./eval-score.ts";

describe("rule deletion bar", () => {
  it("holds list rules to issue 9's list aim and other rules to the scalar one", () => {
    expect(LIST_RULE_DELETION_BAR).toBe(0.85);
    expect(deletionBar("goals/want-to")).toBe(LIST_RULE_DELETION_BAR);
    expect(deletionBar("pain_points/labelled")).toBe(LIST_RULE_DELETION_BAR);
    expect(deletionBar("location/here-in")).toBe(RULE_DELETION_BAR);
    expect(deletionBar("communication_style/avoids-channel")).toBe(RULE_DELETION_BAR);
  });

  it("calls a rule under the bar today BELOW BAR, and one under it only at first contact UNPROVEN", () => {
    expect(barMark("goals/want-to", { scored: 10, correct: 8 }, { judged: 10, right: 10 })).toBe("BELOW BAR");
    expect(barMark("goals/want-to", { scored: 10, correct: 9 }, { judged: 10, right: 5 })).toBe("UNPROVEN");
    expect(barMark("location/here-in", { scored: 10, correct: 8 }, { judged: 5, right: 4 })).toBe("");
    // Two judged values are not evidence either way.
    expect(barMark("goals/want-to", { scored: 2, correct: 0 }, { judged: 2, right: 0 })).toBe("");
    expect(barMark("goals/want-to", { scored: 10, correct: 10 }, undefined)).toBe("");
  });
});

// The labelled cases live outside the repo (../shared/persona-eval); the test skips when they are absent.
const dir = evalDir();

describe.skipIf(!existsSync(dir))("offline engine on the evaluation set", () => {
  let runner: CaseRunner;
  beforeAll(async () => {
    runner = await startCaseRunner();
  });
  afterAll(async () => {
    await runner.close();
  });

  it("meets the quality bar and leaves the injection case untouched", async () => {
    const cases = await loadCases(dir);
    expect(cases.length).toBeGreaterThan(0);
    const scores: CaseScore[] = [];
    for (const caseData of cases) scores.push(scoreCase(caseData, (await runner.runCase(caseData)).persona));
    const summary = summarize(scores);
    expect(summary.scalarAccuracy.overall).toBeGreaterThanOrEqual(0.8);
    expect(summary.lists.micro.f1).toBeGreaterThanOrEqual(0.5);
    expect(summary.fabrication.rate).toBeLessThanOrEqual(0.05);
    expect(summary.injection.failures).toEqual([]);
  });

  it("keeps every evidence quote a verbatim span of its source, pages included", async () => {
    for (const caseData of (await loadCases(dir)).filter((c) => c.pages.length > 0)) {
      const run = await runner.runCase(caseData);
      expect(run.sources.filter((s) => s.kind === "url")).toHaveLength(caseData.pages.length);
      const text = new Map(run.sources.map((s) => [s.id, s.text]));
      const entries = Object.values(run.evidence).flat(2);
      expect(entries.length).toBeGreaterThan(0);
      for (const entry of entries) expect(text.get(entry.source_id)).toContain(entry.quote);
    }
  });
});
