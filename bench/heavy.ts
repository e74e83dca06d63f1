/**
 * Heavy-work benchmarks (issue 8). Every figure is a ratio to a baseline measured in the same run:
 *  - load:  /healthz and GET /v1/personas/{id} latency (p50/p99) on the real server (compiled, its own process)
 *           while 3 creates of 8,000,000 characters run, against the same requests with no load.
 *  - pool:  throughput of the synthesis pool (offline engine, prepare + extract + assemble) on 1,000,000-word inputs
 *           with 1, 2 and 4 concurrent jobs (as many threads), against one job.
 *  - start: `npm start` to the first /healthz with an existing data dir, and `persona-studio create` of one sentence,
 *           against a bare `node -e` HTTP server started the same way.
 * All traffic stays on loopback.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { SynthesisPool } from "../src/synthesis/pool.ts";

const repo = join(import.meta.dirname, "..");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Distinct lines of interview-like text, `chars` characters in all. */
export function heavyText(chars: number, seed = 0): string {
  const lines: string[] = [];
  let length = 0;
  for (let i = 0; length < chars; i++) {
    const line = `Note ${seed}-${i}: P: I work as a logistics coordinator in Pune and week ${i} was long; I love cycling.`;
    lines.push(line);
    length += line.length + 1;
  }
  return lines.join("\n").slice(0, chars);
}

function wordsText(words: number, seed: number): string {
  return heavyText(words * 6, seed);
}

interface Started {
  child: ChildProcess;
  url: string;
  ms: number;
}

/** Starts a command that serves /healthz on PORT and answers how long until it first did. */
async function startAndWait(command: string, args: string[], env: Record<string, string>): Promise<Started> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: repo,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${command} exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    await sleep(5);
  }
  return { child, url, ms: performance.now() - started };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || !child.pid) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid, "SIGTERM");
  await exited;
}

const BARE_SERVER = [
  "-e",
  "require('node:http').createServer((q,s)=>s.end('ok')).listen(+process.env.PORT,'127.0.0.1')",
];

async function latencies(url: string, seconds: number): Promise<{ p50: number; p99: number }> {
  const result = await autocannon({ url, connections: 1, duration: seconds });
  return { p50: result.latency.p50, p99: result.latency.p99 };
}

export async function benchLoad(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "persona-bench-"));
  const server = await startAndWait(process.execPath, ["dist/main.js"], { DATA_DIR: dataDir });
  try {
    const created = await fetch(`${server.url}/v1/personas`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ texts: ["I'm Priya Raman, a logistics coordinator in Pune."] }),
    });
    const { id } = (await created.json()) as { id: string };
    const paths = { healthz: "/healthz", "GET persona": `/v1/personas/${id}` };
    console.log("load (real server, its own process; autocannon, 1 connection, 5 s per figure)");
    const idle: Record<string, { p50: number; p99: number }> = {};
    for (const [name, path] of Object.entries(paths)) idle[name] = await latencies(`${server.url}${path}`, 5);

    const creates = [0, 1, 2].map((seed) =>
      fetch(`${server.url}/v1/personas`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ texts: [heavyText(8_000_000, seed)] }),
      }).then((res) => res.status),
    );
    await sleep(2_000); // the bodies are sent and the first job is on a thread
    for (const [name, path] of Object.entries(paths)) {
      const busy = await latencies(`${server.url}${path}`, 5);
      const base = idle[name] ?? busy;
      console.log(
        `  ${name.padEnd(12)} p50 ${busy.p50} ms, p99 ${busy.p99} ms under 3 x 8,000,000-char creates; ` +
          `idle p50 ${base.p50} ms, p99 ${base.p99} ms (p99 x${(busy.p99 / Math.max(1, base.p99)).toFixed(1)})`,
      );
    }
    console.log(`  the 3 creates answered ${(await Promise.all(creates)).join(", ")}`);
  } finally {
    await stop(server.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchPool(): Promise<void> {
  console.log("pool (offline engine on 1,000,000-word inputs; threads = concurrent jobs)");
  let single = 0;
  for (const jobs of [1, 2, 4]) {
    const pool = new SynthesisPool({ threads: jobs, queueMax: 0, timeoutMs: 3_600_000 });
    pool.warm();
    const texts = Array.from({ length: jobs }, (_, seed) => wordsText(1_000_000, seed));
    const started = performance.now();
    await Promise.all(
      texts.map((text) =>
        pool.job(async (job) => {
          const { sources } = await job.run("prepare", { texts: [text], fetched: [] });
          return job.run("assemble", { sources });
        }),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    const wordsPerSecond = (jobs * 1_000_000) / seconds;
    if (!single) single = wordsPerSecond;
    console.log(
      `  ${jobs} job(s): ${seconds.toFixed(1)} s, ${Math.round(wordsPerSecond).toLocaleString("en-US")} words/s ` +
        `(x${(wordsPerSecond / single).toFixed(2)} of one job)`,
    );
    await pool.destroy();
  }
}

export async function benchStart(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "persona-bench-"));
  const note = join(dataDir, "note.txt");
  writeFileSync(note, "Hi, I'm Nadia Karim, a 33-year-old veterinary nurse in Bristol. I love wild swimming.");
  const env = { DATA_DIR: join(dataDir, "store") };
  try {
    // The first start creates the store; the figures are for an existing one.
    await stop((await startAndWait("npm", ["start", "--silent"], env)).child);
    console.log("start (existing data dir; each row: bare `node -e` HTTP server, then ours, same run)");
    for (let round = 1; round <= 3; round++) {
      const bare = await startAndWait(process.execPath, BARE_SERVER, {});
      await stop(bare.child);
      const app = await startAndWait("npm", ["start", "--silent"], env);
      await stop(app.child);
      const cliStarted = performance.now();
      const cli = spawnSync(process.execPath, ["bin/persona-studio.js", "create", "--text", note], {
        cwd: repo,
        env: { ...process.env, ...env, LOG_LEVEL: "warn" },
        encoding: "utf8",
      });
      const cliMs = performance.now() - cliStarted;
      if (cli.status !== 0) throw new Error(`CLI create failed: ${cli.stderr}`);
      console.log(
        `  round ${round}: bare ${bare.ms.toFixed(0)} ms; npm start -> /healthz ${app.ms.toFixed(0)} ms ` +
          `(x${(app.ms / bare.ms).toFixed(1)}); CLI create ${cliMs.toFixed(0)} ms (x${(cliMs / bare.ms).toFixed(1)})`,
      );
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
