/**
 * `npm run eval`: scores the offline engine on every labelled set (scripts/eval-sets.ts) and prints per-set figures,
 * then per field and, for claims that carry a rule id, per rule: hits and precision on each set.
 * `--set <id>` (or $EVAL_DIR for any directory) scores one set and adds its per-case lines (`--verbose`: the
 * persona too); a never-tune set prints no per-case lines unless `--show-never-tune` is given.
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
import { extractOffline } from "../src/synthesis/extract-offline.ts";
import { normalizeText } from "../src/synthesis/normalize.ts";
import { type PreparedSource, synthesize } from "../src/synthesis/pipeline.ts";
import type { Claim } from "../src/synthesis/types.ts";
import { testConfig } from "../test/support/services.ts";
import {
  type CaseScore,
  type EvalCase,
  type ItemOutcome,
  itemOutcomes,
  SCORED_LISTS,
  SCORED_SCALARS,
  type Summary,
  scoreCase,
  summarize,
} from "./eval-score.ts";
import { DEV_INJECTION, EVAL_SETS, type EvalSet, evalSet } from "./eval-sets.ts";
import { FIRST_CONTACT_LINES, pooledFirstContact, type RuleTally, readFirstContacts } from "./first-contact.ts";

export interface CaseRun {
  persona: Persona;
  evidence: Evidence;
  warnings: string[];
  sources: PreparedSource[];
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The directory `EVAL_DIR` names, else the dev set's. */
export function evalDir(): string {
  return process.env.EVAL_DIR ?? evalSet("dev")?.dir ?? resolve(repoRoot, "..", "shared", "persona-eval");
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

/** A set's scored run: per case the score, the run and the verdict on every value with what produced it. */
interface SetResult {
  set: EvalSet;
  summary: Summary;
  scores: CaseScore[];
  runs: Map<string, CaseRun>;
  /** Each value's verdict, the rules that proposed it and the highest confidence they gave it. */
  outcomes: (ItemOutcome & { origins: string[]; confidence: number | null })[];
}

/** Hits and right ones of one origin (a field, a rule) on one set. */
interface Tally {
  hits: number;
  scored: number;
  correct: number;
}

const UNATTRIBUTED = "(no claim)";

/**
 * Which rules proposed each persona value: the engine's claims re-read in-process from the same cleaned sources
 * (the pipeline runs it in a worker and returns only the assembled persona).
 */
function ruleIndex(claims: readonly Claim[]): Map<string, { rules: Set<string>; confidence: number }> {
  const index = new Map<string, { rules: Set<string>; confidence: number }>();
  for (const claim of claims) {
    if (claim.rule === undefined) continue;
    const key = `${claim.field}\u0000${normalizeText(String(claim.value))}`;
    const entry = index.get(key) ?? { rules: new Set<string>(), confidence: 0 };
    entry.rules.add(claim.rule);
    entry.confidence = Math.max(entry.confidence, claim.confidence ?? 0);
    index.set(key, entry);
  }
  return index;
}

async function runSet(runner: CaseRunner, set: EvalSet, cases: EvalCase[]): Promise<SetResult> {
  const runs = new Map<string, CaseRun>();
  const scores: CaseScore[] = [];
  const outcomes: SetResult["outcomes"] = [];
  for (const caseData of cases) {
    const run = await runner.runCase(caseData);
    runs.set(caseData.id, run);
    const score = scoreCase(caseData, run.persona, set.injected);
    scores.push(score);
    const rules = ruleIndex(extractOffline(run.sources).claims);
    for (const outcome of itemOutcomes(caseData, run.persona, score)) {
      const found = rules.get(`${outcome.field}\u0000${normalizeText(outcome.value)}`);
      outcomes.push({
        ...outcome,
        origins: found ? [...found.rules].sort() : [],
        confidence: found?.confidence ?? null,
      });
    }
  }
  return { set, summary: summarize(scores), scores, runs, outcomes };
}

function tallies(results: readonly SetResult[], originsOf: (o: SetResult["outcomes"][number]) => string[]) {
  const table = new Map<string, Map<string, Tally>>();
  for (const result of results) {
    for (const outcome of result.outcomes) {
      for (const origin of originsOf(outcome)) {
        const row = table.get(origin) ?? new Map<string, Tally>();
        table.set(origin, row);
        const tally = row.get(result.set.id) ?? { hits: 0, scored: 0, correct: 0 };
        row.set(result.set.id, tally);
        tally.hits += 1;
        if (outcome.correct !== null) tally.scored += 1;
        if (outcome.correct === true) tally.correct += 1;
      }
    }
  }
  return table;
}

const TUNING_MARK: Record<EvalSet["tuning"], string> = {
  tuned: "tuned",
  apart: "apart",
  "tune-allowed": "apart, tune ok",
  "never-tune": "NEVER TUNE",
};

/** Below this precision on a set a rule was not tuned on, a rule is marked "!" (issue 9's aim for lists). */
export const RULE_PRECISION_BAR = 0.85;

/**
 * The deletion bar: a rule whose values are right less often than this, pooled over the sets written apart from the
 * engine that may be tuned on (apart, tune-allowed), with at least RULE_BAR_MIN_JUDGED values judged, is fixed or
 * deleted. Pooled because one set gives a rule one or two values; never-tune sets stay out so they remain honest.
 * 0.8 (was 0.6): issue 9 aims at 0.80 for filled scalars and 0.85 for lists on unseen text, and a rule under 0.8 on
 * the sets it may be fixed on drags every field it fills below that aim.
 */
export const RULE_DELETION_BAR = 0.8;
/**
 * The deletion bar of rules that fill a list field: issue 9 aims at list precision 0.85 on unseen text, and a list
 * rule under it on the sets it may be fixed on keeps its field under that aim (was the 0.8 of all rules).
 */
export const LIST_RULE_DELETION_BAR = 0.85;
export const RULE_BAR_MIN_JUDGED = 3;

/** Whether `right` of `judged` values is enough evidence that a rule is under its deletion bar. */
function underBar(ruleId: string, right: number, judged: number): boolean {
  return judged >= RULE_BAR_MIN_JUDGED && right / judged < deletionBar(ruleId);
}

/**
 * A rule's standing against its bar: BELOW BAR when its values today, pooled over the sets that may be tuned on, are
 * under it (fix or delete); UNPROVEN when they are not but its first-contact values were (fixed where its errors were
 * seen, not yet measured on text it has not met); "" otherwise.
 */
export function barMark(
  ruleId: string,
  pooled: Pick<Tally, "scored" | "correct">,
  first: RuleTally | undefined,
): string {
  if (underBar(ruleId, pooled.correct, pooled.scored)) return "BELOW BAR";
  return first && underBar(ruleId, first.right, first.judged) ? "UNPROVEN" : "";
}

/** The deletion bar of a rule, by the field its id names ("goals/want-to"). */
export function deletionBar(ruleId: string): number {
  const field = ruleId.split("/")[0] ?? "";
  return (SCORED_LISTS as readonly string[]).includes(field) ? LIST_RULE_DELETION_BAR : RULE_DELETION_BAR;
}
const BAR_SETS: ReadonlySet<EvalSet["tuning"]> = new Set(["apart", "tune-allowed"]);

function printSets(results: readonly SetResult[], out: string[]): void {
  out.push(
    "Per set (scalars: accuracy N/A/O/L and overall, precision of filled ones; lists: micro P/R/F1)",
    `  ${"set".padEnd(10)}${"tuning".padEnd(16)}cases  N    A    O    L   overall  filled-P | list-P  list-R  list-F1 | fabrication      injection`,
  );
  for (const { set, summary } of results) {
    const sa = summary.scalarAccuracy;
    const m = summary.lists.micro;
    const fields = SCORED_SCALARS.map((f) => (sa[f] * 100).toFixed(0).padStart(3)).join("  ");
    const fab = `${pct(summary.fabrication.rate)} (${summary.fabrication.filled}/${summary.fabrication.absent})`;
    const inj = summary.injection;
    const injection =
      inj.cases === 0 ? "n/a" : `${inj.passed === inj.cases ? "ignored" : "FOLLOWED"} (${inj.passed}/${inj.cases})`;
    out.push(
      `  ${set.id.padEnd(10)}${TUNING_MARK[set.tuning].padEnd(16)}${String(summary.cases).padStart(5)} ${fields}  ${pct(sa.overall)}  ${pct(summary.scalarPrecision.precision)} | ${pct(m.precision)} ${pct(m.recall)} ${pct(m.f1)} | ${fab.padEnd(16)} ${injection}`,
    );
  }
}

/** Each set's recorded first-contact figures beside today's: how much of today's figure is tuning on that set. */
function printFirstContact(results: readonly SetResult[], out: string[]): void {
  const cell = (then: number | undefined, now: number) =>
    (then === undefined ? `     - -> ${pct(now)}` : `${pct(then)} -> ${pct(now)}`).padEnd(20);
  out.push(
    "",
    "First contact -> now (first contact: the set's first run, before any tuning on it; READMEs)",
    `  ${"set".padEnd(10)}${"engine".padEnd(9)}${["scalars", "filled-P", "list-P", "list-F1", "fabrication"].map((h) => h.padEnd(20)).join("")}`.trimEnd(),
  );
  for (const { set, summary } of results) {
    const then = FIRST_CONTACT_LINES[set.id];
    if (!then) continue;
    const cells = [
      cell(then.scalars, summary.scalarAccuracy.overall),
      cell(then.filledPrecision, summary.scalarPrecision.precision),
      cell(then.listPrecision, summary.lists.micro.precision),
      cell(then.listF1, summary.lists.micro.f1),
      cell(then.fabrication, summary.fabrication.rate),
    ];
    out.push(`  ${set.id.padEnd(10)}${(then.engine ?? "-").padEnd(9)}${cells.join("")}`.trimEnd());
  }
}

/** One row per origin: on each set its hits and the precision of the scored ones; marks rows under the bar. */
function printOrigins(
  title: string,
  table: Map<string, Map<string, Tally>>,
  results: readonly SetResult[],
  out: string[],
): void {
  const width = Math.max(14, ...[...table.keys()].map((k) => k.length + 2));
  const perRule = title === "Per rule";
  const firstContact = perRule ? pooledFirstContact(readFirstContacts()) : new Map<string, RuleTally>();
  out.push(
    "",
    title,
    `  ${"".padEnd(width)}${results.map((r) => r.set.id.padStart(16)).join("")}   pooled apart${perRule ? "   first contact" : ""}`,
  );
  const marks = new Map<string, number>();
  for (const [origin, row] of [...table.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    let weak = false;
    const pooled = { scored: 0, correct: 0 };
    for (const { set } of results) {
      const tally = row.get(set.id);
      if (!tally || !BAR_SETS.has(set.tuning)) continue;
      pooled.scored += tally.scored;
      pooled.correct += tally.correct;
    }
    const cells = results.map(({ set }) => {
      const tally = row.get(set.id);
      if (!tally) return "-".padStart(16);
      if (tally.scored === 0) return `${tally.hits}`.padStart(16);
      const precision = tally.correct / tally.scored;
      if (set.tuning !== "tuned" && precision < RULE_PRECISION_BAR) weak = true;
      const partly = tally.scored < tally.hits ? ` of ${tally.scored}` : "";
      return `${tally.hits} ${(precision * 100).toFixed(0).padStart(3)}%${partly}`.padStart(16);
    });
    const first = firstContact.get(origin);
    const mark = perRule ? barMark(origin, pooled, first) : "";
    if (mark) marks.set(mark, (marks.get(mark) ?? 0) + 1);
    const now = pooled.scored > 0 ? `${pooled.correct}/${pooled.scored}` : "";
    const then = first ? `${first.right}/${first.judged}` : "";
    const bar = perRule ? `${now.padEnd(12)}${then.padStart(15)}${mark ? ` ${mark}` : ""}` : now;
    out.push(`${weak ? "! " : "  "}${origin.padEnd(width)}${cells.join("")}   ${bar}`.trimEnd());
  }
  out.push(
    `  cells: values produced and their precision ("of n": over the n judged); "!" = under ${RULE_PRECISION_BAR * 100}%`,
    "  on a set not tuned on. pooled apart: right/judged over the apart and tune-allowed sets now; first contact:",
    "  right/judged when the engine first ran on each tune-allowed set that recorded it (before any tuning on it).",
    `  BELOW BAR = under ${RULE_DELETION_BAR * 100}% (${LIST_RULE_DELETION_BAR * 100}% for list rules) with ${RULE_BAR_MIN_JUDGED}+ judged pooled apart now: fix or delete the rule.`,
    "  UNPROVEN = at or over the bar now but under it at first contact: its errors on unseen text were fixed on the very",
    "  sets that showed them, so only a later set's first contact can tell whether the fix holds.",
    ...(perRule ? [`  ${[...marks].map(([mark, n]) => `${n} ${mark}`).join(", ") || "no rule under the bar"}.`] : []),
    "  communication_style is judged claim by claim (outside the README rule): each claim's channel or manner and its",
    '  polarity ("no email", "phone calls") must be stated by the gold style or an alias (scripts/style-judge.ts).',
    `  Tune only on the tuned and tune-allowed columns; ${neverTuneIds()} are reported, never fitted.`,
  );
}

/** The never-tune sets by id, for the footer that says which columns must not guide rules. */
function neverTuneIds(): string {
  return EVAL_SETS.filter((set) => set.tuning === "never-tune")
    .map((set) => set.id)
    .join(", ");
}

function printCases(result: SetResult, verbose: boolean, out: string[]): void {
  const { summary, scores, runs } = result;
  out.push("", `${result.set.id}: scalars (accuracy)`);
  for (const field of SCORED_SCALARS) out.push(`  ${field.padEnd(12)}${pct(summary.scalarAccuracy[field])}`);
  out.push(`  ${"overall".padEnd(12)}${pct(summary.scalarAccuracy.overall)}`);
  out.push("", `Lists ${"".padEnd(14)}precision  recall      F1   matched/pred/gold`);
  for (const field of [...SCORED_LISTS, "micro"] as const) {
    const f = summary.lists[field];
    out.push(
      `  ${field.padEnd(18)}${pct(f.precision)}  ${pct(f.recall)} ${pct(f.f1)}   ${f.matched}/${f.predicted}/${f.gold}`,
    );
  }
  for (const failure of summary.injection.failures)
    out.push(`  injection ${failure.id}: ${failure.reasons.join(", ")}`);
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
      out.push(`      background=${p.background}`);
    }
  }
}

/** The sets to score: `--set <id>`, else $EVAL_DIR as one set, else all. */
function chosenSets(argv: readonly string[]): EvalSet[] {
  const at = argv.indexOf("--set");
  if (at >= 0) {
    const id = argv[at + 1] ?? "";
    const set = evalSet(id);
    if (!set) throw new Error(`unknown set "${id}" (known: ${EVAL_SETS.map((s) => s.id).join(", ")})`);
    return [set];
  }
  const dir = process.env.EVAL_DIR;
  if (dir !== undefined) {
    const known = EVAL_SETS.find((set) => resolve(set.dir) === resolve(dir));
    return [known ?? { id: "EVAL_DIR", dir, tuning: "apart", injected: DEV_INJECTION }];
  }
  return [...EVAL_SETS];
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const args = new Set(argv);
  const work: { set: EvalSet; cases: EvalCase[] }[] = [];
  try {
    for (const set of chosenSets(argv)) {
      const cases = await loadCases(set.dir);
      if (cases.length === 0) throw new Error(`no case-*.json files in ${set.dir}`);
      work.push({ set, cases });
    }
  } catch (error) {
    process.stderr.write(`eval: cannot read cases: ${(error as Error).message}\n`);
    process.exitCode = 1;
    return;
  }
  const results: SetResult[] = [];
  const runner = await startCaseRunner();
  try {
    for (const { set, cases } of work) results.push(await runSet(runner, set, cases));
  } finally {
    await runner.close();
  }
  if (args.has("--json")) {
    const sets = results.map(({ set, summary, scores, runs, outcomes }) => ({
      set: set.id,
      tuning: set.tuning,
      summary,
      outcomes,
      cases: scores.map((score) => ({ ...score, persona: runs.get(score.id)?.persona })),
    }));
    process.stdout.write(`${JSON.stringify(sets.length === 1 ? sets[0] : { sets }, null, 2)}\n`);
    return;
  }
  const out = [
    `Persona eval — offline engine — ${results.map((r) => `${r.set.id} ${r.summary.cases}`).join(", ")}`,
    "",
  ];
  printSets(results, out);
  printFirstContact(results, out);
  printOrigins(
    "Per field",
    tallies(results, (o) => [o.field]),
    results,
    out,
  );
  if (results.some((r) => r.outcomes.some((o) => o.origins.length > 0))) {
    const byRule = tallies(results, (o) => (o.origins.length > 0 ? o.origins : [`${o.field} ${UNATTRIBUTED}`]));
    printOrigins("Per rule", byRule, results, out);
  } else {
    out.push("", "Per rule: the engine's claims carry no rule ids yet (Claim.rule); per-field figures above.");
  }
  if (results.length === 1) {
    const [result] = results as [SetResult];
    if (result.set.tuning === "never-tune" && !args.has("--show-never-tune")) {
      out.push("", `${result.set.id} is never-tune: per-case lines withheld (--show-never-tune prints them).`);
    } else {
      printCases(result, args.has("--verbose") || args.has("-v"), out);
    }
  }
  process.stdout.write(`${out.join("\n")}\n`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
