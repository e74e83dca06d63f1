/**
 * How many labelled cases use each lexicon entry: the evidence for "a lexicon entry only one labelled case uses is
 * fitting, not knowledge". Reads the lexicon sources (word lists, record keys, string arrays and every alternative
 * of every regex literal) and counts, per entry, the tuned or tune-allowed cases whose texts contain it. Never-tune
 * sets are not read at all: even a bare count of their cases could steer which entries are kept. It reads no outputs.
 *
 *   node --import tsx scripts/lexicon-usage.ts [--only-rare] [--json] [lexicon-file ...]
 */
import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { escapeRegExp } from "../src/synthesis/offline/engine/text.ts";
import { EVAL_SETS } from "./eval-sets.ts";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const LEXICON_DIR = resolve(repoRoot, "src", "synthesis", "offline", "lexicon");
/** pain-points.ts has its own owner and review; the rest are plain word lists. */
const DEFAULT_FILES = ["places", "occupations", "foreign-roles", "skills", "traits", "values", "interests"];
/** Lists whose entries are matched as written (capitalised names, codes): "US" is not "us", "Nice" is not "nice". */
const CASE_SENSITIVE = new Set(["places", "skills"]);
/** Object properties that are structure, not entries ({ agent, keepsObject, needs }, { pattern, label }). */
const STRUCTURAL_KEYS = new Set(["agent", "keepsObject", "needs", "pattern", "label"]);

export interface Entry {
  file: string;
  group: string;
  entry: string;
  test: RegExp;
}

export interface Usage extends Entry {
  tunable: string[];
}

interface LabelledCase {
  id: string;
  text: string;
}

const TAG = /<[^>]*>/g;
const SCRIPT_OR_STYLE = /<(script|style)\b[\s\S]*?<\/\1>/gi;

function caseText(json: { texts?: string[]; pages?: { html?: string }[] }): string {
  const pages = (json.pages ?? []).map((p) => (p.html ?? "").replace(SCRIPT_OR_STYLE, " ").replace(TAG, " "));
  return [...(json.texts ?? []), ...pages].join("\n");
}

export function loadCases(): LabelledCase[] {
  const cases: LabelledCase[] = [];
  for (const set of EVAL_SETS.filter((s) => s.tuning !== "never-tune")) {
    let files: string[];
    try {
      files = readdirSync(set.dir).filter((f) => f.startsWith("case-") && f.endsWith(".json"));
    } catch {
      continue;
    }
    for (const f of files.sort()) {
      const json = JSON.parse(readFileSync(resolve(set.dir, f), "utf8"));
      cases.push({ id: `${set.id}/${basename(f, ".json")}`, text: caseText(json) });
    }
  }
  return cases;
}

/** A word or phrase as a whole word: "art" is not in "start", "UK" is not in "UKIP". */
export function wordTest(entry: string, caseSensitive: boolean): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(entry)}(?![\\p{L}\\p{N}])`, caseSensitive ? "u" : "iu");
}

interface Disjunction {
  start: number;
  end: number;
  alternatives: [number, number][];
}

/**
 * The alternations of a regex source, each with its alternatives' spans. Alternations inside negative lookarounds
 * list what is refused, not entries, and are skipped.
 */
export function disjunctions(source: string): Disjunction[] {
  interface Open {
    start: number;
    bars: number[];
    negative: boolean;
  }
  const found: Disjunction[] = [];
  const stack: Open[] = [{ start: 0, bars: [], negative: false }];
  const close = (open: Open, end: number) => {
    if (open.bars.length === 0 || open.negative || stack.some((o) => o.negative)) return;
    const cuts = [open.start - 1, ...open.bars, end];
    const alternatives = cuts.slice(1).map((cut, i) => [(cuts[i] ?? 0) + 1, cut] as [number, number]);
    found.push({ start: open.start, end, alternatives });
  };
  for (let i = 0; i < source.length; i += 1) {
    const c = source[i];
    if (c === "\\") {
      i += 1;
    } else if (c === "[") {
      for (i += 1; i < source.length && source[i] !== "]"; i += 1) if (source[i] === "\\") i += 1;
    } else if (c === "(") {
      const prefix = /^\?(?:<?[=!]|:|<[A-Za-z]\w*>)?/.exec(source.slice(i + 1))?.[0] ?? "";
      stack.push({ start: i + 1 + prefix.length, bars: [], negative: prefix === "?!" || prefix === "?<!" });
      i += prefix.length;
    } else if (c === ")") {
      const open = stack.pop();
      if (open) close(open, i);
    } else if (c === "|") {
      stack[stack.length - 1]?.bars.push(i);
    }
  }
  const top = stack.pop();
  if (top) close(top, source.length);
  return found;
}

/** A whole-phrase pattern ("^(?:dog|cat)$") searched for in running text: its outer anchors dropped. */
const unanchored = (source: string) => source.replace(/^\^/, "").replace(/(?<!\\)\$$/, "");

/** Each alternative of each alternation, as the whole pattern narrowed to that alternative. */
export function regexEntries(file: string, group: string, re: RegExp): Entry[] {
  const flags = re.flags.replace(/[gy]/g, "");
  const source = unanchored(re.source);
  const entries: Entry[] = [];
  disjunctions(source).forEach((d, n) => {
    for (const [from, to] of d.alternatives) {
      const alternative = source.slice(from, to);
      const test = new RegExp(source.slice(0, d.start) + alternative + source.slice(d.end), flags);
      entries.push({ file, group: `${group}/${n}`, entry: alternative, test });
    }
  });
  return entries;
}

const COMMENT = /\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm;
const DECLARATION = /^(?:export )?(const|function|interface) (\w+)/gm;
const REGEX_LITERAL = /(?<![\w)\]"'`])\/(?![/*])((?:\\.|\[(?:\\.|[^\]\\])*\]|[^/\\\n[])+)\/([dgimsuyv]*)/g;
const TEMPLATE = /(\w+)\(`([^`]*)`\)/g;
const STRING_RUN = /"[^"\n]*"(?:\s*\+\s*"[^"\n]*")*/g;

/** Word lists, keys, strings and regex alternatives declared in one lexicon source file. */
export function sourceEntries(file: string, source: string): Entry[] {
  const caseSensitive = CASE_SENSITIVE.has(file);
  const entries: Entry[] = [];
  const add = (group: string, entry: string) => {
    const e = entry.trim();
    if (e) entries.push({ file, group, entry: e, test: wordTest(e, caseSensitive) });
  };
  const code = source.replace(COMMENT, "");
  const starts = [...code.matchAll(DECLARATION)];
  starts.forEach((m, k) => {
    if (m[1] !== "const") return; // code, not data
    const group = m[2] ?? "?";
    let body = code.slice(m.index, starts[k + 1]?.index ?? code.length);
    body = body.replace(REGEX_LITERAL, (_all, src: string, flags: string) => {
      entries.push(...regexEntries(file, group, new RegExp(src, flags)));
      return "REGEX";
    });
    body = body.replace(TEMPLATE, (_all, fn: string, text: string) => {
      for (const e of text.split(fn === "list" ? /[;\n]/ : /\s+/)) add(group, e);
      return "TEMPLATE";
    });
    for (const run of body.matchAll(STRING_RUN)) {
      const before = body.slice(0, run.index).trimEnd();
      const after = body.slice((run.index ?? 0) + run[0].length).trimStart();
      const text = [...run[0].matchAll(/"([^"]*)"/g)].map((s) => s[1]).join("");
      if (before.endsWith(":") || before.endsWith("REGEX,")) continue; // a value or an output, not an entry
      if (after.startsWith(":")) add(group, text);
      else if (after.startsWith(").split") || after.startsWith(".split") || before.endsWith("words("))
        for (const e of text.split(/\s+/)) add(group, e);
      else if (text.includes("|")) for (const e of text.split("|")) add(group, e);
      else add(group, text);
    }
    for (const key of body.matchAll(/^\s*([\p{L}][\p{L}\p{N}_-]*):\s/gmu))
      if (key[1] && !STRUCTURAL_KEYS.has(key[1]) && key[1] !== group) add(group, key[1]);
  });
  return entries;
}

export function usage(entries: Entry[], cases: LabelledCase[]): Usage[] {
  return entries.map((e) => ({ ...e, tunable: cases.filter((c) => e.test.test(c.text)).map((c) => c.id) }));
}

function main(argv: string[]) {
  const files = argv.filter((a) => !a.startsWith("--"));
  const cases = loadCases();
  const rows = usage(
    (files.length ? files : DEFAULT_FILES).flatMap((f) =>
      sourceEntries(f, readFileSync(resolve(LEXICON_DIR, `${f}.ts`), "utf8")),
    ),
    cases,
  );
  if (argv.includes("--json")) {
    console.log(JSON.stringify(rows.map(({ test: _t, ...r }) => r)));
    return;
  }
  const groups = new Map<string, Usage[]>();
  for (const r of rows) {
    const key = `${r.file}:${r.group.split("/")[0]}`;
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  console.log(`${cases.length} tunable cases (never-tune sets are not read)`);
  for (const [name, list] of groups) {
    const one = list.filter((r) => r.tunable.length === 1).length;
    console.log(
      `\n${name}: ${list.length} entries, ${list.filter((r) => r.tunable.length === 0).length} in no tunable case, ${one} in exactly one`,
    );
    for (const r of list) {
      if (argv.includes("--only-rare") && r.tunable.length !== 1) continue;
      const where = r.tunable.length <= 2 ? r.tunable.join(" ") : "";
      console.log(`  ${String(r.tunable.length).padStart(3)}  ${r.entry}  ${where}`);
    }
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
