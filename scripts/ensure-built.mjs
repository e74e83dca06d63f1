// Compiles the server (src/ -> dist/, plain JavaScript) when dist/ is missing or older than its inputs, then bundles
// what `npm start` and the CLI run (dist/bundle/, see bundle()), and builds the web app the same way
// (web/scripts/ensure-built.mjs). Runs during `npm ci` (prepare), before `npm start` and from bin/persona-studio.js, so
// nothing transpiles TypeScript at start-up. When up to date it costs a few milliseconds of stat calls. Plain JS so it
// runs without a TypeScript loader.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { copyFile, mkdir, readdir, rm, stat, utimes, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const repoDir = dirname(dirname(fileURLToPath(import.meta.url)));
const srcDir = join(repoDir, "src");
const distDir = join(repoDir, "dist");
/** Written last by a successful build: its time is the build's. */
const stamp = join(distDir, ".built");
const lockDir = join(repoDir, ".build-lock");
const bundleDir = join(distDir, "bundle");
/** This script is an input too: a change to how the server is built (say, the bundle's settings) rebuilds it. */
const INPUTS = [
  srcDir,
  fileURLToPath(import.meta.url),
  ...["tsconfig.json", "tsconfig.build.json", "package-lock.json"].map((f) => join(repoDir, f)),
];
/**
 * Files the compiled server reads at run time besides its modules. The migrations go beside the bundle's chunks too:
 * db/migrate.ts finds them next to itself (`./migrations`), and in the bundle it lives in dist/bundle/.
 */
const MIGRATIONS = join(srcDir, "db", "migrations");
const ASSETS = [
  { from: MIGRATIONS, to: join(distDir, "db", "migrations"), ext: ".sql" },
  { from: MIGRATIONS, to: join(bundleDir, "migrations"), ext: ".sql" },
];

/**
 * Newest modification time (ms) under `path`, 0 when it does not exist. Synchronous on purpose: it runs before
 * anything else at every start, and ~330 sequential async stats cost ~50-130 ms of start-up where sync ones cost a few.
 */
function newest(path) {
  let info;
  try {
    info = statSync(path);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  let max = info.mtimeMs;
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)));
  return max;
}

/** True when dist/ is missing or older than any input (sources, compiler settings, installed dependencies). */
export async function serverBuildIsStale() {
  const built = newest(stamp);
  if (built === 0) return true;
  return INPUTS.some((input) => newest(input) > built);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** One builder at a time (parallel test workers, a CLI call beside `npm start`); a lock older than 2 min is a crash's. */
async function withLock(fn) {
  for (let waited = 0; ; waited += 100) {
    try {
      await mkdir(lockDir);
      break;
    } catch {
      const info = await stat(lockDir).catch(() => undefined);
      if (info && Date.now() - info.mtimeMs > 120_000) await rm(lockDir, { recursive: true, force: true });
      if (waited > 300_000) throw new Error(`build lock ${lockDir} is held; remove it if no build is running`);
      await sleep(100);
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

async function copyAssets() {
  for (const { from, to, ext } of ASSETS) {
    await mkdir(to, { recursive: true });
    for (const name of await readdir(from)) if (name.endsWith(ext)) await copyFile(join(from, name), join(to, name));
  }
}

/**
 * Packages bundled into dist/bundle/ with the server's own code: the ones every start loads, most of them spread over
 * dozens to hundreds of small files (drizzle-orm ~100, zod ~95, jose ~45, hono ~40…). Node's ESM loader resolves,
 * reads and compiles each file on its own; in a few bundled chunks the same code starts ~0.3 s sooner. The rest stay
 * ordinary imports from node_modules: packages that find files next to themselves (PGlite's WASM and data, piscina's
 * and pino's worker threads, swagger-ui's assets) and the heavy ones that load only on first use (the AI SDK,
 * pg-boss, the Postgres driver, undici, docx, linkedom), whose dynamic import() stays lazy. A package
 * missing here is only loaded the slower way, never wrongly.
 */
const BUNDLED_PACKAGES = new Set([
  "drizzle-orm",
  "zod",
  "hono",
  "@hono/node-server",
  "@hono/zod-openapi",
  "@hono/zod-validator",
  "@asteasolutions/zod-to-openapi",
  "@opentelemetry/api", // prom-client's optional exemplars
  "jose",
  "rate-limiter-flexible",
  "prom-client",
  "bintrees",
  "tdigest",
  "pngjs",
  "csv-stringify",
  "minisearch",
  "stemmer",
  "dotenv",
  // The offline engine's NLP library: 436 modules in its ESM form (~0.2 s more to load than as one file). Only the
  // synthesis threads' chunks hold it (test/startup-modules.test.ts checks that the server and CLI never load it).
  "compromise",
  "efrt",
  "suffix-thumb",
  "grad-school",
]);

/** Entry points of the bundle: the server (`npm start`), the CLI, and the synthesis threads (pool.ts's ./worker.js). */
const BUNDLE_ENTRIES = { main: "main.js", cli: "cli/main.js", worker: "synthesis/worker.js" };

const packageOf = (specifier) =>
  specifier
    .split("/")
    .slice(0, specifier.startsWith("@") ? 2 : 1)
    .join("/");

/**
 * Bundles the compiled server into dist/bundle/ (rolldown, pinned to the version vite uses, so one copy). Dynamic
 * import()s stay separate chunks loaded on first use; strictExecutionOrder keeps modules evaluating in the order
 * Node would (@hono/zod-openapi must extend zod before any schema is declared). Modules keep `// node_modules/…`
 * markers, which test/startup-modules.test.ts reads to tell which packages a start loads.
 */
async function bundle() {
  const { rolldown } = await import("rolldown");
  const build = await rolldown({
    input: Object.fromEntries(Object.entries(BUNDLE_ENTRIES).map(([name, file]) => [name, join(distDir, file)])),
    platform: "node",
    external: (id, _importer, isResolved) =>
      !isResolved && !id.startsWith(".") && !id.startsWith("/") && !BUNDLED_PACKAGES.has(packageOf(id)),
    logLevel: "warn",
  });
  let output;
  try {
    ({ output } = await build.write({
      dir: bundleDir,
      format: "esm",
      strictExecutionOrder: true,
      entryFileNames: "[name].js",
      chunkFileNames: "[name]-[hash].js",
    }));
  } finally {
    await build.close();
  }
  const chunks = output.filter((file) => file.type === "chunk");
  // What this build made, for test/startup-modules.test.ts: older chunks may still lie beside them (see below).
  await writeFile(
    join(bundleDir, CHUNKS_FILE),
    `${JSON.stringify(
      chunks.map(({ fileName, name, isEntry }) => ({ fileName, name, isEntry })),
      null,
      1,
    )}\n`,
  );
  await pruneOldChunks(new Set(chunks.map((chunk) => chunk.fileName)));
}

/** The list of the current build's chunks in dist/bundle/. */
const CHUNKS_FILE = "chunks.json";
const DAY_MS = 24 * 3600 * 1000;

/**
 * A server started before a rebuild (a CLI command rebuilds when sources changed) still imports its lazy chunks by
 * their old names, so a rebuild does not delete them at once: chunks of earlier builds go when a day old.
 */
async function pruneOldChunks(current) {
  for (const name of await readdir(bundleDir)) {
    if (!name.endsWith(".js") || current.has(name)) continue;
    const path = join(bundleDir, name);
    const info = await stat(path).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > DAY_MS) await rm(path, { force: true });
  }
}

/** Compiles src/ into dist/ if needed (type-checking is `npm run typecheck`'s job); answers whether it built. */
export async function ensureServerBuilt({ quiet = false } = {}) {
  if (!(await serverBuildIsStale())) return false;
  return withLock(async () => {
    if (!(await serverBuildIsStale())) return false;
    const started = performance.now();
    if (!quiet) process.stderr.write("Compiling the server (dist/)…\n");
    const tsc = join(repoDir, "node_modules", "typescript", "bin", "tsc");
    const run = spawnSync(process.execPath, [tsc, "-p", join(repoDir, "tsconfig.build.json")], { encoding: "utf8" });
    if (run.status !== 0) throw new Error(`tsc failed:\n${run.stdout}${run.stderr}`);
    await bundle();
    await copyAssets();
    // The stamp takes the time the build started, so a source saved during the build still counts as newer.
    await writeFile(stamp, "");
    const at = new Date(Date.now() - (performance.now() - started));
    await utimes(stamp, at, at);
    if (!quiet) process.stderr.write(`Server compiled in ${Math.round(performance.now() - started)} ms\n`);
    return true;
  });
}

/** The server and the web app, both up to date. */
export async function ensureBuilt({ quiet = false } = {}) {
  await ensureServerBuilt({ quiet });
  const { ensureWebBuilt } = await import("../web/scripts/ensure-built.mjs");
  await ensureWebBuilt({ quiet });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    if (process.argv.includes("--server-only")) await ensureServerBuilt();
    else await ensureBuilt();
  } catch (error) {
    process.stderr.write(`Could not build: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
