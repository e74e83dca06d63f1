import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createMetrics, observeDatabase } from "../src/observability/metrics.ts";

const RULES = "ops/prometheus/alerts.yml";
const RULE_TESTS = "ops/prometheus/alerts.test.yml";

/** promtool comes from Debian's `prometheus` package (.ci/run installs it). */
function promtool(...args: string[]) {
  const run = spawnSync("promtool", args, { encoding: "utf8", timeout: 120_000 });
  if (run.error) throw new Error(`promtool is needed for this test (apt-get install prometheus): ${run.error.message}`);
  return { code: run.status, output: `${run.stdout}${run.stderr}` };
}

describe("alert rules", () => {
  it("are valid for promtool check rules", () => {
    const run = promtool("check", "rules", RULES);
    expect(run.output).toContain("SUCCESS: 5 rules found");
    expect(run.code).toBe(0);
  });

  it("fire and stay quiet as promtool test rules expects", () => {
    const run = promtool("test", "rules", RULE_TESTS);
    expect(run.output).toContain("SUCCESS");
    expect(run.code).toBe(0);
  });

  it("only use metrics the service exports (or Prometheus' own up)", async () => {
    const metrics = createMetrics();
    observeDatabase(metrics, { db: {} as never, pool: { max: 1, inFlight: () => 0 } });
    const exported = new Set((await metrics.registry.getMetricsAsJSON()).map((m) => m.name));
    const used = new Set(
      [...readFileSync(RULES, "utf8").matchAll(/\b([a-z_]+)(?:_bucket)?\{job=/g)].map((m) =>
        (m[1] ?? "").replace(/_bucket$/, ""),
      ),
    );
    expect(used.size).toBeGreaterThanOrEqual(5);
    for (const name of used) if (name !== "up") expect(exported, name).toContain(name);
  });
});
