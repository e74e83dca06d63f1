/**
 * `npm run eval`: scores the offline engine on ../shared/persona-eval/ (or $EVAL_DIR) and prints per-field figures.
 * Each case goes through the product's pipeline as a request would (pages served on loopback and fetched as URLs).
 * It reports and never gates: exit code 0 unless the cases cannot be read. `--json` prints the full result as JSON.
 */
import { readdir, readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { LOCAL_TENANT } from "../src/auth/tenants.ts";
import type { Ctx } from "../src/context.ts";
import { createLogger } from "../src/logger.ts";
import type { Evidence, Persona } from "../src/personas/schemas.ts";
import { createServices } from "../src/services.ts";
import { type PreparedSource, synthesize } from "../src/synthesis/pipeline.ts";
import { testConfig } from "../test/support/services.ts";
import {
  type CaseScore,
  type EvalCase,
  SCORED_LISTS,
  SCORED_SCALARS,
  type Summary,
  scoreCase,
  summarize,
} from "./eval-score.ts";

export interface CaseRun {
  persona: Persona;
  evidence: Evidence;
  warnings: string[];
  sources: PreparedSource[];
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export function evalDir(): string {
  return process.env.EVAL_DIR ?? resolve(repoRoot, "..", "shared", "persona-eval");
}

export interface CaseRunner {
  runCase(caseData: EvalCase): Promise<CaseRun>;
  close(): Promise<void>;
}

/**
 * Runs cases exactly as a user's request would: the case's pages are served from a loopback server at their paths
 * and passed as URLs (fetched through the SSRF-safe fetcher, allowed by FETCH_ALLOW_HOSTS), the texts as texts,
 * through the product's synthesis pipeline with the offline engine.
 */
export async function startCaseRunner(): Promise<CaseRunner> {
  let current: EvalCase | undefined;
  const pages = createServer((req, res) => {
    const page = current?.pages.find((p) => p.path === req.url);
    if (!page) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page.html);
  });
  await new Promise<void>((done) => pages.listen(0, "127.0.0.1", done));
  const host = `127.0.0.1:${(pages.address() as AddressInfo).port}`;
  const services = await createServices(testConfig({ FETCH_ALLOW_HOSTS: host }), { logger: createLogger("silent") });
  const ctx: Ctx = { ...services, tenantId: LOCAL_TENANT.id, requestId: "eval", log: services.logger };
  return {
    async runCase(caseData) {
      current = caseData;
      const urls = caseData.pages.map((page) => `http://${host}${page.path}`);
      const result = await synthesize(ctx, { texts: caseData.texts, urls, engine: "offline" });
      return { persona: result.persona, evidence: result.evidence, warnings: result.warnings, sources: result.sources };
    },
    async close() {
      await services.database.close();
      await new Promise((done) => pages.close(done));
    },
  };
}

/** Checks the fields the runner and scorer rely on, so malformed data fails loudly instead of scoring zero. */
function asEvalCase(data: unknown, file: string): EvalCase {
  const value = data as Partial<EvalCase> | null;
  const ok =
    value !== null &&
    typeof value === "object" &&
    typeof value.id === "string" &&
    Array.isArray(value.texts) &&
    Array.isArray(value.pages) &&
    typeof value.gold === "object" &&
    value.gold !== null &&
    Array.isArray(value.absent) &&
    typeof value.aliases === "object";
  if (!ok) throw new Error(`${file} is not a persona-eval case (see the eval README for the format)`);
  return { ...(value as EvalCase), traps: Array.isArray(value.traps) ? value.traps : [] };
}

export async function loadCases(dir: string): Promise<EvalCase[]> {
  const files = (await readdir(dir)).filter((file) => /^case-.*\.json$/.test(file)).sort();
  const cases: EvalCase[] = [];
  for (const file of files) cases.push(asEvalCase(JSON.parse(await readFile(join(dir, file), "utf8")), file));
  return cases;
}

const pct = (value: number) => `${(value * 100).toFixed(1)}%`.padStart(7);

function printReport(summary: Summary, scores: CaseScore[], runs: Map<string, CaseRun>, verbose: boolean): void {
  const out: string[] = [];
  out.push(`Persona eval — offline engine — ${summary.cases} cases`);
  out.push("", "Scalars (accuracy)");
  for (const field of SCORED_SCALARS) out.push(`  ${field.padEnd(12)}${pct(summary.scalarAccuracy[field])}`);
  out.push(`  ${"overall".padEnd(12)}${pct(summary.scalarAccuracy.overall)}`);
  out.push("", `Lists ${"".padEnd(14)}precision  recall      F1   matched/pred/gold`);
  for (const field of [...SCORED_LISTS, "micro"] as const) {
    const f = summary.lists[field];
    out.push(
      `  ${field.padEnd(18)}${pct(f.precision)}  ${pct(f.recall)} ${pct(f.f1)}   ${f.matched}/${f.predicted}/${f.gold}`,
    );
  }
  out.push(
    "",
    `Fabrication rate ${pct(summary.fabrication.rate)} (${summary.fabrication.filled}/${summary.fabrication.absent})`,
  );
  const inj = summary.injection;
  out.push(
    `Injection ${inj.cases === 0 ? "n/a" : inj.passed === inj.cases ? "PASS" : "FAIL"} (${inj.passed}/${inj.cases})`,
  );
  for (const failure of inj.failures) out.push(`  ${failure.id}: ${failure.reasons.join(", ")}`);
  out.push("", "Per case: scalars N A O L | list matched/pred/gold | fabricated");
  for (const score of scores) {
    const flags = SCORED_SCALARS.map((f) => (score.scalars[f] ? "✓" : "✗")).join(" ");
    const lists = SCORED_LISTS.map(
      (f) => `${score.lists[f].matched}/${score.lists[f].predicted}/${score.lists[f].gold}`,
    );
    const fab = score.fabricated.length > 0 ? ` fabricated: ${score.fabricated.join(",")}` : "";
    out.push(`  ${score.id}  ${flags} | ${lists.join(" ")}${fab}`);
    const run = runs.get(score.id);
    if (verbose && run) {
      const p = run.persona;
      out.push(`      name=${p.name} age=${p.age} occupation=${p.occupation} location=${p.location}`);
      for (const f of SCORED_LISTS) out.push(`      ${f}: ${JSON.stringify(p[f])}`);
      out.push(`      style=${p.communication_style}`);
    }
  }
  process.stdout.write(`${out.join("\n")}\n`);
}

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  let cases: EvalCase[];
  try {
    cases = await loadCases(evalDir());
    if (cases.length === 0) throw new Error("no case-*.json files");
  } catch (error) {
    process.stderr.write(`eval: cannot read cases from ${evalDir()}: ${(error as Error).message}\n`);
    process.exitCode = 1;
    return;
  }
  const runs = new Map<string, CaseRun>();
  const scores: CaseScore[] = [];
  const runner = await startCaseRunner();
  try {
    for (const caseData of cases) {
      const run = await runner.runCase(caseData);
      runs.set(caseData.id, run);
      scores.push(scoreCase(caseData, run.persona));
    }
  } finally {
    await runner.close();
  }
  const summary = summarize(scores);
  if (args.has("--json")) {
    const perCase = scores.map((score) => ({ ...score, persona: runs.get(score.id)?.persona }));
    process.stdout.write(`${JSON.stringify({ summary, cases: perCase }, null, 2)}\n`);
    return;
  }
  printReport(summary, scores, runs, args.has("--verbose") || args.has("-v"));
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
