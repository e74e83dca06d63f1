/**
 * `node --import tsx scripts/engine-stats.ts [DIR]`: size figures of the offline engine (src/synthesis/offline by
 * default): lines per file, regular expressions by where they sit, and the places that produce candidates.
 * Regular expressions are found by a small lexer (strings, templates and comments skipped), so the figures are exact
 * for this code base's style, not for every possible JavaScript.
 *  - table: inside a top-level array or object literal (data)
 *  - named: a top-level constant that is one pattern
 *  - inline: a literal inside a function body (the kind the engine should not have outside rules)
 *  - built: `new RegExp` inside a function body, built at run time from data (the subject's name, a table's cues)
 * `--inline` lists each inline literal with its file and line.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

export interface FileStats {
  file: string;
  lines: number;
  table: number;
  named: number;
  inline: number;
  built: number;
  /** Calls that turn a match into a candidate. */
  producers: number;
}

/** Where `/` starts a regular expression: after an operator or keyword, not after a value. */
const REGEX_AFTER = /(?:^|[=(,:[!&|?{};+\-*%<>~^]|\breturn|\btypeof|\bcase|\bof|\bin)\s*$/;

export function scanSource(
  text: string,
  /** Receives the start and end offsets of each inline regular expression literal (for `--inline`). */
  onInline?: (start: number, end: number) => void,
): Omit<FileStats, "file" | "lines"> {
  const counts = { table: 0, named: 0, inline: 0, built: 0, producers: 0 };
  // Top-level statement being read: a function (regexes inside are inline), a constant being defined, or other.
  let depth = 0;
  let statement: "function" | "const" | "other" = "other";
  let constDirect = false;
  let code = "";
  // Depths at which the arrow functions being read inside a constant (a rule's value builder) began: their bodies run
  // per call, so a pattern there is inline. An arrow ends at a `,` or `;` at its depth, or when its bracket closes.
  const arrows: number[] = [];
  const classify = (isConstructor: boolean) => {
    if (statement === "function") counts[isConstructor ? "built" : "inline"] += 1;
    else if (statement === "const" && depth === 0 && (constDirect || isConstructor)) counts.named += 1;
    else if (statement === "const" && arrows.length > 0) counts[isConstructor ? "built" : "inline"] += 1;
    else counts.table += 1;
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? "";
    const next = text[i + 1] ?? "";
    if (ch === "/" && next === "/") {
      i = text.indexOf("\n", i) === -1 ? text.length : text.indexOf("\n", i);
      continue;
    }
    if (ch === "/" && next === "*") {
      i = text.indexOf("*/", i + 2) === -1 ? text.length : text.indexOf("*/", i + 2) + 2;
      continue;
    }
    if (ch === '"' || ch === "'" || ch === "`") {
      let j = i + 1;
      while (j < text.length && text[j] !== ch) j += text[j] === "\\" ? 2 : 1;
      code += "0";
      i = j + 1;
      continue;
    }
    if (ch === "/" && REGEX_AFTER.test(code.slice(-12))) {
      let j = i + 1;
      let inClass = false;
      while (j < text.length && (inClass || text[j] !== "/")) {
        if (text[j] === "\\") j += 1;
        else if (text[j] === "[") inClass = true;
        else if (text[j] === "]") inClass = false;
        j += 1;
      }
      constDirect = statement === "const" && depth === 0 && /=\s*$/.test(code);
      const before = counts.inline;
      classify(false);
      if (counts.inline > before) onInline?.(i, j + 1);
      code += "0";
      i = j + 1;
      continue;
    }
    if (text.startsWith("new RegExp(", i)) {
      constDirect = statement === "const" && depth === 0 && /=\s*$/.test(code);
      classify(true);
    }
    if (text.startsWith("fromUnit(", i) && !/function\s*$/.test(code)) counts.producers += 1;
    if (
      depth === 0 &&
      /^(?:export\s+)?(?:async\s+)?function\b/.test(text.slice(i, i + 30)) &&
      /(?:^|[;}\n])\s*$/.test(code)
    )
      statement = "function";
    else if (depth === 0 && /^(?:export\s+)?const\b/.test(text.slice(i, i + 14)) && /(?:^|[;}\n])\s*$/.test(code))
      statement = "const";
    if (ch === "=" && next === ">" && statement === "const") arrows.push(depth);
    if ((ch === "," || ch === ";") && arrows.at(-1) === depth) arrows.pop();
    if (ch === "{" || ch === "(" || ch === "[") depth += 1;
    if (ch === "}" || ch === ")" || ch === "]") {
      depth -= 1;
      while (arrows.length > 0 && (arrows.at(-1) as number) > depth) arrows.pop();
      if (depth === 0 && ch === "}" && statement === "function") statement = "other";
    }
    if (depth === 0 && ch === ";") {
      statement = "other";
      arrows.length = 0;
    }
    code += ch;
    if (code.length > 4000) code = code.slice(-200);
    i += 1;
  }
  return counts;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (name.endsWith(".ts") && !name.endsWith(".test.ts")) out.push(path);
  }
  return out;
}

export function engineStats(dir: string): FileStats[] {
  return sourceFiles(dir).map((path) => {
    const text = readFileSync(path, "utf8");
    return { file: relative(dir, path), lines: text.split("\n").length - 1, ...scanSource(text) };
  });
}

const COLUMNS = ["lines", "table", "named", "inline", "built", "producers"] as const;

const row = (name: string, values: Record<(typeof COLUMNS)[number], number>) =>
  `${name.padEnd(36)}${COLUMNS.map((c) => String(values[c]).padStart(c === "producers" ? 10 : 7)).join("")}`;

/** Each inline literal of the files under `dir`, as "file:line  /literal/flags". */
function inlineLiterals(dir: string): string[] {
  const out: string[] = [];
  for (const path of sourceFiles(dir)) {
    const text = readFileSync(path, "utf8");
    scanSource(text, (start, end) => {
      let flagsEnd = end;
      while (/[a-z]/.test(text[flagsEnd] ?? "")) flagsEnd += 1;
      const line = text.slice(0, start).split("\n").length;
      out.push(`${relative(dir, path)}:${line}  ${text.slice(start, flagsEnd)}`);
    });
  }
  return out;
}

if (process.argv[1]?.endsWith("engine-stats.ts")) {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith("--")) ?? "src/synthesis/offline";
  if (args.includes("--inline")) {
    for (const line of inlineLiterals(dir)) console.log(line);
  } else {
    const stats = engineStats(dir);
    const total = { lines: 0, table: 0, named: 0, inline: 0, built: 0, producers: 0 };
    console.log(`${"file".padEnd(36)}${COLUMNS.map((c) => c.padStart(c === "producers" ? 10 : 7)).join("")}`);
    for (const s of stats) {
      for (const key of COLUMNS) total[key] += s[key];
      console.log(row(s.file, s));
    }
    console.log(row("total", total));
    console.log(`regular expressions: ${total.table + total.named + total.inline + total.built}`);
  }
}
