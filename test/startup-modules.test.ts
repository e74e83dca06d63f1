/**
 * Fast start (issue 8): what the server and the CLI load before they can serve is only what every request needs.
 * The heavy parts — the offline engine's NLP library (it runs on the synthesis threads), the AI SDK (only with a
 * model configured), DOCX export, the Postgres driver and pg-boss on the embedded store — are imported on first use.
 * This walks the static imports of the compiled entry points and names the chain that pulls a heavy package in, so a
 * new static import fails here: in dist/bundle/ (what `npm start` and the CLI run; type-only imports are erased), where
 * a package is either still imported or bundled into a chunk (marked `// node_modules/…` there), and in dist/ (what
 * the Docker image runs, `node dist/main.js`).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const dist = join(import.meta.dirname, "..", "dist");
const bundle = join(dist, "bundle");

/** Static `import … from "x"`, `export … from "x"` and bare `import "x"` at statement level; not `import("x")`. */
const STATIC_IMPORT = /^\s*(?:import|export)\s(?:[^;"']*?\sfrom\s)?["']([^"']+)["'];?\s*$/gm;

/** A module bundled from a package, as the bundler marks it: `// node_modules/drizzle-orm/pglite/driver.js`. */
const BUNDLED_MODULE = /^\/\/ node_modules\/((?:@[^/\n]+\/)?[^/\n]+)\/(?:([^/\n]+)\/)?/gm;

/** The package a specifier names (`drizzle-orm/pglite` -> `drizzle-orm`). */
const packageOf = (spec: string) =>
  spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : (spec.split("/")[0] ?? spec);

/**
 * Every package reachable through static imports from the entries (files under `root`), each with the chain of files
 * that loads it. A bundled package counts under its name and under its first sub-path (`drizzle-orm/pglite`).
 */
function staticPackages(root: string, entries: string[]): Map<string, string[]> {
  const via = new Map<string, string | null>(entries.map((entry) => [join(root, entry), null]));
  const queue = [...via.keys()];
  const packages = new Map<string, string[]>();
  const chain = (file: string | null): string[] => {
    const files: string[] = [];
    for (let at = file; at; at = via.get(at) ?? null) files.unshift(relative(root, at));
    return files;
  };
  for (let file = queue.shift(); file; file = queue.shift()) {
    const text = readFileSync(file, "utf8");
    for (const [, name = "", sub] of text.matchAll(BUNDLED_MODULE)) {
      for (const spec of sub ? [name, `${name}/${sub}`] : [name]) {
        if (!packages.has(spec)) packages.set(spec, [...chain(file), `${spec} (bundled)`]);
      }
    }
    for (const [, spec = ""] of text.matchAll(STATIC_IMPORT)) {
      if (spec.startsWith(".")) {
        const target = resolve(dirname(file), spec);
        if (!via.has(target)) {
          via.set(target, file);
          queue.push(target);
        }
      } else if (!spec.startsWith("node:")) {
        if (!packages.has(spec)) packages.set(spec, [...chain(file), packageOf(spec)]);
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

/**
 * The current build's chunks of modules the entries import dynamically but always (named after their module:
 * `services-<hash>.js`), from the build's list: chunks of earlier builds may still lie beside them.
 */
function chunksOf(...modules: string[]): string[] {
  const list = join(bundle, "chunks.json");
  if (!existsSync(list)) return [];
  const chunks = JSON.parse(readFileSync(list, "utf8")) as { fileName: string; name: string }[];
  return chunks.filter((chunk) => modules.includes(chunk.name)).map((chunk) => chunk.fileName);
}

describe("start-up loads only what serving needs", () => {
  it.each([
    // What `npm start` (scripts/start.mjs) and bin/persona-studio.js run. Packages every request uses are bundled.
    [
      "the server (bundle)",
      bundle,
      ["main.js", ...chunksOf("services", "app")],
      ["drizzle-orm", "zod", "hono", "pino"],
    ],
    ["the CLI create (bundle)", bundle, ["cli.js", ...chunksOf("services", "create")], ["drizzle-orm", "piscina"]],
    // The Docker image runs the unbundled compiled modules. The CLI's create loads services and create on demand.
    ["the server (dist)", dist, ["main.js", "services.js", "app.js"], ["drizzle-orm", "zod"]],
    ["the CLI create (dist)", dist, ["cli/main.js", "services.js", "personas/create.js"], ["drizzle-orm", "zod"]],
  ])("%s imports no heavy package statically", (_name, root, entries, expected) => {
    for (const entry of entries) {
      expect(existsSync(join(root, entry)), `${relative(dist, join(root, entry))} (run npm run build)`).toBe(true);
    }
    const packages = staticPackages(root, entries);
    // The walk itself works: packages every start uses are found.
    expect([...packages.keys()]).toEqual(expect.arrayContaining(expected));
    const loaded = HEAVY.filter((name) => packages.has(name)).map((name) => packages.get(name)?.join(" -> "));
    expect(loaded).toEqual([]);
  });

  it("the walk over the bundle sees heavy packages where they are loaded: in chunks of their own", () => {
    expect(chunksOf("services", "app", "create").length).toBeGreaterThanOrEqual(3);
    const packages = staticPackages(bundle, chunksOf("pglite", "postgres"));
    expect([...packages.keys()]).toEqual(
      expect.arrayContaining(["@electric-sql/pglite", "drizzle-orm/pglite", "postgres", "drizzle-orm/postgres-js"]),
    );
    // Bundled into the synthesis threads' entry (found by its markers, not by an import).
    expect(staticPackages(bundle, ["worker.js"]).get("compromise")?.at(-1)).toBe("compromise (bundled)");
  });
});
