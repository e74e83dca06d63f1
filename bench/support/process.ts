import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { join } from "node:path";
import { ensureServerBuilt } from "../../scripts/ensure-built.mjs";

export const repo = join(import.meta.dirname, "..", "..");
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Served {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts the project's server as it ships: the compiled JavaScript in dist/ (built first when stale), run by plain
 * node. Through tsx every start transpiles, and an Error's stack is mapped through source maps, which the request
 * path pays wherever a library creates one (web streams do on every released reader). BENCH_FROM_SOURCE=1 runs
 * src/main.ts through tsx instead (to compare). `checkout`: another built copy of the project to serve instead (its
 * dist/ as it is; for A/B comparisons in the same run).
 */
export async function serveProject(env: Record<string, string>, checkout?: string): Promise<Served> {
  if (checkout) return serveProcess("dist/main.js", env, "/healthz", checkout);
  if (process.env.BENCH_FROM_SOURCE === "1") return serveProcess("src/main.ts", env);
  await ensureServerBuilt({ quiet: true });
  return serveProcess("dist/main.js", env);
}

/**
 * Starts a server in its own process (so its CPU and memory are its own, apart from the load generator's) and
 * waits until GET `ready` answers 200. `script` is a TypeScript entry run through tsx, or a .js one run by node;
 * PORT and HOST are set. `cwd`: the checkout it runs in (this one by default).
 */
export async function serveProcess(
  script: string,
  env: Record<string, string>,
  ready = "/healthz",
  cwd = repo,
): Promise<Served> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // BENCH_CPU_PROF=DIR: the server writes a V8 CPU profile there when it stops (open it in Chrome DevTools);
  // BENCH_CPU_PROF_INTERVAL: its sampling interval in microseconds (V8's default 1000 blurs a 3 ms request).
  const { BENCH_CPU_PROF: profileDir, BENCH_CPU_PROF_INTERVAL: interval } = process.env;
  const profile = profileDir
    ? ["--cpu-prof", "--cpu-prof-dir", profileDir, ...(interval ? ["--cpu-prof-interval", interval] : [])]
    : [];
  const loader = script.endsWith(".ts") ? ["--import", "tsx"] : [];
  const child = spawn(process.execPath, [...profile, ...loader, script], {
    cwd,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}${ready}`)).ok) break;
    } catch {
      // not listening yet
    }
    await sleep(20);
  }
  return { url, pid: child.pid ?? 0, stop: () => stop(child) };
}

/** A port the system just handed out (a random pick collided with busy ephemeral ports on a loaded machine). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const killer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(killer);
}

/** Resident memory of a process (Linux), in bytes. */
export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
  return Number(kb ?? 0) * 1024;
}

/**
 * CPU time a process has used so far (user + system, all its threads; Linux), in ms, and that of its main thread
 * (the event loop) alone. Clock ticks are 10 ms.
 */
export function cpuMsOf(pid: number): { all: number; main: number } {
  return { all: ticksMs(`/proc/${pid}/stat`), main: ticksMs(`/proc/${pid}/task/${pid}/stat`) };
}

function ticksMs(path: string): number {
  const stat = readFileSync(path, "utf8");
  // Fields after the command name (which may contain spaces) start at its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Starts `script` (TypeScript, through tsx) and answers the first line it prints, e.g. the URL it listens on. */
export async function startPrinting(
  script: string,
  env: Record<string, string>,
): Promise<{ line: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: repo,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const line = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const end = out.indexOf("\n");
      if (end >= 0) resolve(out.slice(0, end));
    });
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code} before printing`)));
  });
  child.stdout?.resume();
  return { line, stop: () => stop(child) };
}

/**
 * Waits until a server started by `serveProcess` has finished starting: for `quietMs` none of its threads is runnable
 * and its CPU use (all threads) stays under `idleShare` of one core, or `maxMs` passes. The project's server warms its
 * synthesis threads in the background after it answers (loading and compiling the engine: seconds of CPU on a loaded
 * machine), which a steady-state comparison must not count. A thread waiting for a core counts as busy: on a loaded
 * machine a starved warm-up uses little CPU while it waits.
 */
export async function settled(pid: number, { idleShare = 0.1, quietMs = 1000, maxMs = 60_000 } = {}): Promise<void> {
  const started = performance.now();
  let last = cpuMsOf(pid).all;
  let quietSince = performance.now();
  while (performance.now() - started < maxMs) {
    await sleep(100);
    const now = cpuMsOf(pid).all;
    if (now - last > 100 * idleShare || runnableThreads(pid) > 0) quietSince = performance.now();
    last = now;
    if (performance.now() - quietSince >= quietMs) return;
  }
}

/** Threads of a process that are running or waiting for a core (state R in /proc). */
function runnableThreads(pid: number): number {
  let runnable = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${task}/stat`, "utf8");
      if (stat[stat.lastIndexOf(")") + 2] === "R") runnable += 1;
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return runnable;
}
