/**
 * Fast start (issue 8): what the server and the CLI load before they can serve is only what every request needs.
 * The heavy parts — the offline engine's NLP library (it runs on the synthesis threads), the AI SDK (only with a
 * model configured), DOCX export, the Postgres driver and pg-boss on the embedded store — are imported on first use.
 * This walks the static imports of the compiled entry points (dist/, as users run them; type-only imports are
 * erased by the compiler) and names the chain that pulls a heavy package in, so a new static import fails here.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const dist = join(import.meta.dirname, "..", "dist");

/** Static `import … from "x"`, `export … from "x"` and bare `import "x"` at statement level; not `import("x")`. */
const STATIC_IMPORT = /^\s*(?:import|export)\s(?:[^;"']*?\sfrom\s)?["']([^"']+)["'];?\s*$/gm;

/** Every package reachable through static imports from the entries, each with the chain of files that loads it. */
function staticPackages(entries: string[]): Map<string, string[]> {
  const via = new Map<string, string | null>(entries.map((entry) => [join(dist, entry), null]));
  const queue = [...via.keys()];
  const packages = new Map<string, string[]>();
  const chain = (file: string | null): string[] => {
    const files: string[] = [];
    for (let at = file; at; at = via.get(at) ?? null) files.unshift(relative(dist, at));
    return files;
  };
  for (let file = queue.shift(); file; file = queue.shift()) {
    const text = readFileSync(file, "utf8");
    for (const [, spec = ""] of text.matchAll(STATIC_IMPORT)) {
      if (spec.startsWith(".")) {
        const target = resolve(dirname(file), spec);
        if (!via.has(target)) {
          via.set(target, file);
          queue.push(target);
        }
      } else if (!spec.startsWith("node:")) {
        const name = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : (spec.split("/")[0] ?? spec);
        if (!packages.has(spec)) packages.set(spec, [...chain(file), name]);
      }
    }
  }
  return packages;
}

const HEAVY = [
  "compromise", // offline engine NLP (~0.6 s): synthesis threads only
  "ai", // AI SDK (~0.4 s with a provider): only when a model is configured
  "@ai-sdk/openai",
  "@ai-sdk/anthropic",
  "@ai-sdk/openai-compatible",
  "docx", // DOCX export
  "linkedom", // HTML to text of fetched pages: synthesis threads
  "undici", // page fetching: first URL create
  "pg-boss", // the job queue on Postgres only
  "postgres", // the Postgres driver: not on the embedded store
  "drizzle-orm/postgres-js",
  "@electric-sql/pglite", // the embedded store: not with DATABASE_URL (loaded by db/pglite.ts when used)
  "drizzle-orm/pglite",
];

describe("start-up loads only what serving needs", () => {
  it.each([
    ["the server", ["main.js", "services.js", "app.js"]],
    ["the CLI create", ["cli/main.js", "services.js", "personas/create.js"]],
  ])("%s imports no heavy package statically", (_name, entries) => {
    for (const entry of entries) expect(existsSync(join(dist, entry)), `dist/${entry} (run npm run build)`).toBe(true);
    const packages = staticPackages(entries);
    // The walk itself works: packages every request uses are found.
    expect([...packages.keys()]).toEqual(expect.arrayContaining(["drizzle-orm", "zod"]));
    const loaded = HEAVY.filter((name) => packages.has(name)).map((name) => packages.get(name)?.join(" -> "));
    expect(loaded).toEqual([]);
  });
});
