import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CaseRunner, loadCases, startCaseRunner } from "../../scripts/eval.ts";
import { type CaseScore, type EvalCase, type Summary, scoreCase, summarize } from "../../scripts/eval-score.ts";

// Hand-written cases the engine was never tuned on before their baseline was recorded (see the fixture commit).
// The floors sit a little below what the engine reaches, so a rule that only helps the dev set and breaks
// generalisation fails here.
const dir = resolve(import.meta.dirname, "../../test/fixtures/heldout");

describe("offline engine on held-out cases", () => {
  let runner: CaseRunner;
  let cases: EvalCase[];
  let summary: Summary;
  const personas = new Map<string, Awaited<ReturnType<CaseRunner["runCase"]>>["persona"]>();

  beforeAll(async () => {
    runner = await startCaseRunner();
    cases = await loadCases(dir);
    const scores: CaseScore[] = [];
    for (const caseData of cases) {
      const run = await runner.runCase(caseData);
      personas.set(caseData.id, run.persona);
      scores.push(scoreCase(caseData, run.persona));
    }
    summary = summarize(scores);
  }, 60_000);
  afterAll(async () => {
    await runner.close();
  });

  it("has enough cases of varied genres", () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
    expect(new Set(cases.map((c) => c.genre)).size).toBeGreaterThanOrEqual(7);
  });

  it("keeps scalar accuracy, list F1 and fabrication above their floors", () => {
    expect(summary.scalarAccuracy.name).toBeGreaterThanOrEqual(0.9);
    expect(summary.scalarAccuracy.overall).toBeGreaterThanOrEqual(FLOORS.scalars);
    expect(summary.lists.micro.f1).toBeGreaterThanOrEqual(FLOORS.listF1);
    expect(summary.lists.micro.precision).toBeGreaterThanOrEqual(0.85);
    expect(summary.fabrication.rate).toBeLessThanOrEqual(FLOORS.fabrication);
  });

  it("ignores the instruction pasted into the sales notes", () => {
    for (const persona of personas.values()) {
      expect(persona.name).not.toBe("ROOT");
      expect(persona.occupation ?? "").not.toMatch(/chief technology officer/i);
      expect(persona.location ?? "").not.toMatch(/zurich/i);
      expect(persona.skills.join(" ")).not.toMatch(/system access/i);
    }
  });
});

const FLOORS = { scalars: 0.9, listF1: 0.58, fabrication: 0.2 };
