// Compiles the server (src/ -> dist/, plain JavaScript) when dist/ is missing or older than its inputs, and builds the
// web app the same way (web/scripts/ensure-built.mjs). Runs during `npm ci` (prepare), before `npm start`
// (prestart) and from bin/persona-studio.js, so nothing transpiles TypeScript at start-up. When up to date it costs
// a few stat calls. Plain JS so it runs without a TypeScript loader.
import { spawnSync } from "node:child_process";
import { copyFile, mkdir, readdir, rm, stat, utimes, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const repoDir = dirname(dirname(fileURLToPath(import.meta.url)));
const srcDir = join(repoDir, "src");
const distDir = join(repoDir, "dist");
/** Written last by a successful build: its time is the build's. */
const stamp = join(distDir, ".built");
const lockDir = join(repoDir, ".build-lock");
const INPUTS = [srcDir, ...["tsconfig.json", "tsconfig.build.json", "package-lock.json"].map((f) => join(repoDir, f))];
/** Files the compiled server reads at run time besides its modules. */
const ASSETS = [{ from: join(srcDir, "db", "migrations"), to: join(distDir, "db", "migrations"), ext: ".sql" }];

/** Newest modification time (ms) under `path`, 0 when it does not exist. */
async function newest(path) {
  let info;
  try {
    info = await stat(path);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  let max = info.mtimeMs;
  for (const entry of await readdir(path)) max = Math.max(max, await newest(join(path, entry)));
  return max;
}

/** True when dist/ is missing or older than any input (sources, compiler settings, installed dependencies). */
export async function serverBuildIsStale() {
  const built = await newest(stamp);
  if (built === 0) return true;
  const inputs = await Promise.all(INPUTS.map(newest));
  return inputs.some((t) => t > built);
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
