/**
 * First-contact figures per rule: what each rule did on a labelled set the first time the engine ran on it, before
 * anyone could tune on that set. Figures measured after tuning overstate a rule (the tune-allowed sets reach list
 * precision 87-97 % while the same rules reach 53-78 % on never-tune sets), so the deletion bar in `npm run eval`
 * also looks at these.
 *
 * Each tune-allowed set may hold `first-contact-rules.json`, written once by
 *   node --import tsx scripts/first-contact.ts <set-id> <eval-json-file> <engine-commit>
 * from `npm run -s eval -- --json --set <set-id>` run on the first-contact engine. Never-tune sets get none: their
 * per-rule figures must not steer rules. When the eval's judge of a field changes, that field's counts are re-judged
 * from a re-run of the recorded engine commit (communication_style on 2026-12-07: the re-run reproduced the old
 * overlap counts exactly, then scripts/style-judge.ts judged the same values).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { EVAL_SETS, type EvalSet, evalSet } from "./eval-sets.ts";

export interface RuleTally {
  judged: number;
  right: number;
}

export interface FirstContact {
  set: string;
  /** The engine commit that first ran on the set. */
  engine: string;
  /** Right/judged per rule id, counted for every rule that proposed a judged value (as `npm run eval` counts). */
  rules: Record<string, RuleTally>;
}

const FILE = "first-contact-rules.json";

/** A set's aggregate figures the first time the engine ran on it; what a set's record does not hold stays out. */
export interface FirstContactLine {
  engine?: string;
  scalars?: number;
  filledPrecision?: number;
  listPrecision?: number;
  listF1?: number;
  fabrication?: number;
}

/**
 * The first-contact aggregate line of each set, as recorded in its README or fixture commit (dev, heldout and heldout2
 * in the repository README's table; heldout5 and heldout6 recorded only what is listed). These are the honest
 * figures of a set; everything measured after tuning on it may overstate the engine.
 */
export const FIRST_CONTACT_LINES: Readonly<Record<string, FirstContactLine>> = {
  dev: { scalars: 0.77, listF1: 0.34 },
  heldout: { scalars: 0.583, listF1: 0.305 },
  heldout2: { scalars: 0.313, listF1: 0.077 },
  heldout3: { scalars: 0.271, listF1: 0.114 },
  heldout4: { scalars: 0.525, listF1: 0.091 },
  heldout5: { fabrication: 5 / 17 },
  heldout6: { listPrecision: 0.545, listF1: 0.2, fabrication: 6 / 25 },
  heldout7: {
    engine: "911b759",
    scalars: 0.479,
    filledPrecision: 0.72,
    listPrecision: 0.568,
    listF1: 0.249,
    fabrication: 0,
  },
  heldout8: {
    engine: "911b759",
    scalars: 0.438,
    filledPrecision: 0.708,
    listPrecision: 0.759,
    listF1: 0.265,
    fabrication: 0,
  },
  heldout9: {
    engine: "fc33987",
    scalars: 0.521,
    filledPrecision: 0.655,
    listPrecision: 0.676,
    listF1: 0.342,
    fabrication: 1 / 21,
  },
  heldout10: {
    engine: "fc33987",
    scalars: 0.542,
    filledPrecision: 0.808,
    listPrecision: 0.571,
    listF1: 0.267,
    fabrication: 2 / 26,
  },
  heldout11: {
    engine: "b565eea",
    scalars: 0.521,
    filledPrecision: 0.8,
    listPrecision: 0.644,
    listF1: 0.225,
    fabrication: 0,
  },
  heldout12: {
    engine: "ac2b455",
    scalars: 0.396,
    filledPrecision: 0.7,
    listPrecision: 0.765,
    listF1: 0.117,
    fabrication: 0,
  },
  heldout13: {
    engine: "eb386e6",
    scalars: 0.521,
    filledPrecision: 0.759,
    listPrecision: 0.655,
    listF1: 0.123,
    fabrication: 0,
  },
  heldout14: {
    engine: "eb386e6",
    scalars: 0.646,
    filledPrecision: 0.844,
    listPrecision: 0.532,
    listF1: 0.156,
    fabrication: 0,
  },
  heldout15: {
    engine: "eb386e6",
    scalars: 0.583,
    filledPrecision: 0.727,
    listPrecision: 0.605,
    listF1: 0.187,
    fabrication: 0,
  },
  heldout16: {
    engine: "813f370",
    scalars: 0.479,
    filledPrecision: 0.741,
    listPrecision: 0.628,
    listF1: 0.165,
    fabrication: 0,
  },
  heldout17: {
    engine: "813f370",
    scalars: 0.5,
    filledPrecision: 0.741,
    listPrecision: 0.548,
    listF1: 0.146,
    fabrication: 0,
  },
  heldout18: {
    engine: "813f370",
    scalars: 0.375,
    filledPrecision: 0.609,
    listPrecision: 0.667,
    listF1: 0.199,
    fabrication: 0,
  },
  heldout19: {
    engine: "fa94eac",
    scalars: 0.583,
    filledPrecision: 0.781,
    listPrecision: 0.634,
    listF1: 0.189,
    fabrication: 0,
  },
  heldout20: {
    engine: "fa94eac",
    scalars: 0.5,
    filledPrecision: 0.645,
    listPrecision: 0.667,
    listF1: 0.147,
    fabrication: 0,
  },
  heldout21: {
    engine: "2b63f9f",
    scalars: 0.625,
    filledPrecision: 0.844,
    listPrecision: 0.738,
    listF1: 0.248,
    fabrication: 0,
  },
  heldout22: {
    engine: "bef05fb",
    scalars: 0.563,
    filledPrecision: 0.774,
    listPrecision: 0.826,
    listF1: 0.146,
    fabrication: 0,
  },
  heldout23: {
    engine: "9416b15",
    scalars: 0.458,
    filledPrecision: 0.72,
    listPrecision: 0.594,
    listF1: 0.147,
    fabrication: 0,
  },
  heldout24: {
    engine: "18a9b3f",
    scalars: 0.458,
    filledPrecision: 0.69,
    listPrecision: 0.586,
    listF1: 0.117,
    fabrication: 0.125,
  },
  heldout25: {
    engine: "2e5ac41",
    scalars: 0.625,
    filledPrecision: 0.929,
    listPrecision: 0.381,
    listF1: 0.058,
    fabrication: 0,
  },
  heldout26: {
    engine: "2e5ac41",
    scalars: 0.375,
    filledPrecision: 0.625,
    listPrecision: 0.656,
    listF1: 0.152,
    fabrication: 1 / 10,
  },
  heldout27: {
    engine: "91cb8a0",
    scalars: 0.438,
    filledPrecision: 0.75,
    listPrecision: 0.667,
    listF1: 0.125,
    fabrication: 0,
  },
  heldout28: {
    engine: "31d00d1",
    scalars: 0.521,
    filledPrecision: 0.821,
    listPrecision: 0.737,
    listF1: 0.111,
    fabrication: 0,
  },
  heldout29: {
    engine: "31d00d1",
    scalars: 0.479,
    filledPrecision: 0.769,
    listPrecision: 0.821,
    listF1: 0.21,
    fabrication: 0,
  },
  heldout30: {
    engine: "91cb8a0",
    scalars: 0.375,
    filledPrecision: 0.727,
    listPrecision: 0.647,
    listF1: 0.082,
    fabrication: 0,
  },
  heldout31: {
    engine: "dafea67",
    scalars: 0.646,
    filledPrecision: 0.882,
    listPrecision: 0.727,
    listF1: 0.199,
    fabrication: 0,
  },
  heldout32: {
    engine: "dafea67",
    scalars: 0.604,
    filledPrecision: 0.875,
    listPrecision: 0.756,
    listF1: 0.193,
    fabrication: 0,
  },
  heldout33: {
    engine: "6c967b2",
    scalars: 0.646,
    filledPrecision: 0.829,
    listPrecision: 0.77,
    listF1: 0.287,
    fabrication: 0,
  },
};

interface JudgedOutcome {
  correct: boolean | null;
  origins: string[];
}

/** Tallies the judged values of one `eval --json` result by every rule that proposed them. */
export function tallyRules(outcomes: readonly JudgedOutcome[]): Record<string, RuleTally> {
  const rules: Record<string, RuleTally> = {};
  for (const { correct, origins } of outcomes) {
    if (correct === null) continue;
    for (const rule of origins) {
      const tally = rules[rule] ?? { judged: 0, right: 0 };
      tally.judged += 1;
      if (correct) tally.right += 1;
      rules[rule] = tally;
    }
  }
  return Object.fromEntries(Object.entries(rules).sort(([a], [b]) => a.localeCompare(b)));
}

/** Every recorded first contact among the given sets (never-tune sets are skipped even if a file exists). */
export function readFirstContacts(sets: readonly EvalSet[] = EVAL_SETS): FirstContact[] {
  return sets
    .filter((set) => set.tuning !== "never-tune" && existsSync(join(set.dir, FILE)))
    .map((set) => JSON.parse(readFileSync(join(set.dir, FILE), "utf8")) as FirstContact);
}

/** Right/judged per rule pooled over the recorded first contacts. */
export function pooledFirstContact(contacts: readonly FirstContact[]): Map<string, RuleTally> {
  const pooled = new Map<string, RuleTally>();
  for (const contact of contacts) {
    for (const [rule, { judged, right }] of Object.entries(contact.rules)) {
      const tally = pooled.get(rule) ?? { judged: 0, right: 0 };
      tally.judged += judged;
      tally.right += right;
      pooled.set(rule, tally);
    }
  }
  return pooled;
}

function record(argv: readonly string[]): void {
  const [id, jsonFile, engine] = argv;
  const set = evalSet(id ?? "");
  if (!set || !jsonFile || !engine) {
    throw new Error("usage: first-contact.ts <set-id> <eval-json-file> <engine-commit>");
  }
  if (set.tuning === "never-tune") throw new Error(`${set.id} is never-tune: its per-rule figures are not recorded`);
  const result = JSON.parse(readFileSync(jsonFile, "utf8")) as { set: string; outcomes: JudgedOutcome[] };
  if (result.set !== set.id) throw new Error(`${jsonFile} holds set ${result.set}, not ${set.id}`);
  const contact: FirstContact = { set: set.id, engine, rules: tallyRules(result.outcomes) };
  // One rule a line, so a diff of the file reads as a table.
  const rows = Object.entries(contact.rules).map(
    ([rule, tally]) => `    ${JSON.stringify(rule)}: ${JSON.stringify(tally)}`,
  );
  const body = [`  "set": ${JSON.stringify(contact.set)},`, `  "engine": ${JSON.stringify(engine)},`, '  "rules": {'];
  writeFileSync(join(set.dir, FILE), `{\n${body.join("\n")}\n${rows.join(",\n")}\n  }\n}\n`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  record(process.argv.slice(2));
}
