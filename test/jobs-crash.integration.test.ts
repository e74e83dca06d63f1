/**
 * A crashed job is retried or failed cleanly (issue 8, point 4), with real processes killed by SIGKILL in the middle
 * of a job:
 *  - Postgres (TEST_DATABASE_URL, a database of its own so no other test's node takes the jobs): a second node takes
 *    the job over once it expires (JOBS_EXPIRE_SECONDS, short here) and finishes it; a job whose every attempt dies
 *    ends `failed` with a problem after JOBS_MAX_ATTEMPTS.
 *  - The embedded store: a job left `running` by a killed server is resumed when the server starts again.
 * The job is slow because its text is large (synthesis takes seconds), not because of a hook. Only loopback traffic.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Job } from "../src/jobs/schemas.ts";

const LIMIT_MS = 300_000;
const dir = mkdtempSync(join(tmpdir(), "persona-crash-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** About 2,000,000 characters of distinct interview lines: seconds of synthesis, well inside every limit. */
function largeText(seed: string): string {
  const lines = [`My name is Rosa Ibarra. I'm 52 and I work as a harbour pilot in Valparaíso.`];
  for (let i = 0; lines.length < 22_000; i++) {
    lines.push(`Note ${seed}-${i}: P: week ${i} on the pilot boat was long; I love sea kayaking and tango.`);
  }
  return lines.join("\n");
}

interface Node {
  child: ChildProcess;
  url: string;
}

/** Starts `node dist/main.js` and answers once it logs its address. */
function startNode(env: Record<string, string | undefined>): Promise<Node> {
  const child = spawn(process.execPath, ["dist/main.js"], {
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", AUTH_MODE: "none", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out);
      if (match?.[1]) resolve({ child, url: match[1] });
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
  });
}

function kill(node: Node, signal: NodeJS.Signals): Promise<void> {
  if (node.child.exitCode !== null || node.child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    node.child.once("exit", () => resolve());
    node.child.kill(signal);
  });
}

async function createAsync(node: Node, text: string): Promise<string> {
  const res = await fetch(`${node.url}/v1/personas`, {
    method: "POST",
    headers: { "content-type": "application/json", prefer: "respond-async" },
    body: JSON.stringify({ texts: [text] }),
  });
  expect(res.status).toBe(202);
  return Job.parse(await res.json()).id;
}

async function readJob(node: Node, id: string): Promise<Job> {
  const res = await fetch(`${node.url}/v1/jobs/${id}`);
  expect(res.status).toBe(200);
  return Job.parse(await res.json());
}

/** Polls the job on `node` until `done` holds (every 50 ms: a running job is caught before it finishes). */
async function waitFor(node: Node, id: string, done: (job: Job) => boolean): Promise<Job> {
  const deadline = Date.now() + LIMIT_MS;
  for (;;) {
    const job = await readJob(node, id);
    if (done(job)) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${job.status} (${job.progress.stage})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const running = (attempt: number) => (job: Job) => job.status === "running" && job.attempts === attempt;
const finished = (job: Job) => job.status === "succeeded" || job.status === "failed";

const adminUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!adminUrl)("a crashed job on Postgres", { timeout: 900_000 }, () => {
  const name = `ps_crash_${process.pid}_${Date.now()}`;
  let databaseUrl = "";
  const nodes: Node[] = [];
  const node = async (env: Record<string, string>) => {
    const started = await startNode({ DATABASE_URL: databaseUrl, DATA_DIR: join(dir, "unused"), ...env });
    nodes.push(started);
    return started;
  };
  // No rate limit: the test polls every 50 ms for minutes, past the tenant's default 600 a minute (which the nodes
  // share through the database).
  const settings = {
    JOBS_EXPIRE_SECONDS: "15",
    SYNTHESIS_THREADS: "1",
    JOBS_CONCURRENCY: "1",
    RATE_LIMIT_PER_MINUTE: "0",
  };

  beforeAll(async () => {
    const admin = postgres(adminUrl ?? "", { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl ?? "");
    url.pathname = `/${name}`;
    databaseUrl = url.href;
  });
  afterAll(async () => {
    await Promise.all(nodes.map((n) => kill(n, "SIGKILL")));
    const admin = postgres(adminUrl ?? "", { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it("is taken over by another node after its expiry and finished there", async () => {
    const first = await node({ ...settings, JOBS_MAX_ATTEMPTS: "3" });
    const id = await createAsync(first, largeText("a"));
    await waitFor(first, id, running(1));
    await kill(first, "SIGKILL");

    const second = await node({ ...settings, JOBS_MAX_ATTEMPTS: "3" });
    const job = await waitFor(second, id, finished);
    expect(job.status, JSON.stringify(job.problem)).toBe("succeeded");
    expect(job.attempts).toBeGreaterThanOrEqual(2);
    expect(job.persona?.persona.name).toBe("Rosa Ibarra");
    const persona = await fetch(`${second.url}/v1/personas/${job.persona_id}`);
    expect(persona.status).toBe(200);
    await kill(second, "SIGTERM");
  });

  it("fails with a problem once every one of JOBS_MAX_ATTEMPTS attempts died, storing nothing", async () => {
    const env = { ...settings, JOBS_MAX_ATTEMPTS: "2" };
    const first = await node(env);
    const id = await createAsync(first, largeText("b"));
    await waitFor(first, id, running(1));
    await kill(first, "SIGKILL");

    const second = await node(env);
    await waitFor(second, id, running(2));
    await kill(second, "SIGKILL");

    const third = await node(env);
    const job = await waitFor(third, id, finished);
    expect(job.status).toBe("failed");
    expect(job.attempts).toBe(2);
    expect(job.problem).toMatchObject({ status: 500, code: "internal" });
    expect(job.problem?.detail).toMatch(/every attempt/);
    const persona = await fetch(`${third.url}/v1/personas/${job.persona_id}`);
    expect(persona.status).toBe(404);
    await kill(third, "SIGTERM");
  });
});

describe("a crashed job on the embedded store", { timeout: 900_000 }, () => {
  it("is resumed when the server starts again after being killed in the middle of it", async () => {
    const env = { DATABASE_URL: "", DATA_DIR: join(dir, "embedded"), SYNTHESIS_THREADS: "1" };
    const first = await startNode(env);
    let second: Node | undefined;
    try {
      const id = await createAsync(first, largeText("c"));
      await waitFor(first, id, running(1));
      await kill(first, "SIGKILL");

      // The killed server's lock is stale: the new one takes the store over and resumes the job.
      second = await startNode(env);
      const job = await waitFor(second, id, finished);
      expect(job.status, JSON.stringify(job.problem)).toBe("succeeded");
      expect(job.attempts).toBe(2);
      expect(job.persona?.persona.name).toBe("Rosa Ibarra");
    } finally {
      await kill(first, "SIGKILL");
      if (second) await kill(second, "SIGTERM");
    }
  });
});
