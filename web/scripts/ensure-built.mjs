// Builds web/dist when it is missing or older than its inputs; fast (a few stat calls) when up to date.
// Used by `npm start` (prestart) and the browser tests. Plain JS so it runs without a TypeScript loader.
import { mkdir, readdir, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const webDir = dirname(dirname(fileURLToPath(import.meta.url)));
const repoDir = dirname(webDir);
const distIndex = join(webDir, "dist", "index.html");
const lockDir = join(webDir, ".build-lock");
const INPUTS = ["index.html", "vite.config.ts", "src", "public"].map((p) => join(webDir, p));

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

/** True when web/dist is missing or older than any input (sources, config, installed dependencies). */
export async function webBuildIsStale() {
  const built = await newest(distIndex);
  if (built === 0) return true;
  const inputs = await Promise.all([...INPUTS, join(repoDir, "package-lock.json")].map(newest));
  return inputs.some((t) => t > built);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** One builder at a time (tests run in parallel workers); a lock older than two minutes is a crashed build's. */
async function withLock(fn) {
  for (let waited = 0; ; waited += 100) {
    try {
      await mkdir(lockDir);
      break;
    } catch {
      const info = await stat(lockDir).catch(() => undefined);
      if (info && Date.now() - info.mtimeMs > 120_000) await rm(lockDir, { recursive: true, force: true });
      if (waited > 180_000) throw new Error(`web build lock ${lockDir} is held; remove it if no build is running`);
      await sleep(100);
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

/** Builds the web app if needed; answers whether it built. */
export async function ensureWebBuilt({ quiet = false } = {}) {
  if (!(await webBuildIsStale())) return false;
  return withLock(async () => {
    if (!(await webBuildIsStale())) return false;
    const started = performance.now();
    if (!quiet) process.stderr.write("Building the web UI (web/dist)…\n");
    const { build } = await import("vite");
    // Vite bundles React's development build when NODE_ENV says so (vitest sets it to "test"): force production.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = "production";
    try {
      await build({
        configFile: join(webDir, "vite.config.ts"),
        mode: "production",
        logLevel: quiet ? "error" : "warn",
      });
    } finally {
      if (nodeEnv === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = nodeEnv;
    }
    if (!quiet) process.stderr.write(`Web UI built in ${Math.round(performance.now() - started)} ms\n`);
    return true;
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    await ensureWebBuilt();
  } catch (error) {
    process.stderr.write(`Could not build the web UI: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
