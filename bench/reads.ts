/**
 * reads: GET /v1/personas/{id} on the project's server (its own process, API-key auth, rate limit off, logs at warn)
 * against node:http + the same driver running one query for the same row (bench/support/bare-reads.ts), on
 * Postgres and on the embedded store. autocannon with 50 connections from this process; each side is started
 * fresh per round, left to finish starting (see `settled`) and warmed up for a second before its 5 s measurement. Goal: >= 0.6x the baseline's requests/s,
 * p99 within 2x of the baseline's.
 */
import autocannon from "autocannon";
import { material } from "./pipeline.ts";
import { alternate, fmt, verdict } from "./support/measure.ts";
import { cpuMsOf, type Served, serveProcess, serveProject, settled } from "./support/process.ts";
import { type BenchStore, benchStoreNames, openBenchStore, PROJECT_ENV } from "./support/stores.ts";

const CONNECTIONS = 50;
const SECONDS = 5;

async function load(server: Served, url: string, headers: Record<string, string>) {
  await settled(server.pid); // the project's server warms its synthesis threads in the background after it answers
  await autocannon({ url, headers, connections: CONNECTIONS, duration: 1 }); // warm-up: JIT, pools, caches
  const before = cpuMsOf(server.pid);
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: SECONDS });
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0) throw new Error(`${url}: ${failed} of ${result.requests.total} requests failed`);
  // The server's CPU per request (all threads, and the event loop alone): steadier than requests/s on a shared machine.
  const after = cpuMsOf(server.pid);
  const requests = Math.max(1, result.requests.total);
  const cpuMs = (after.all - before.all) / requests;
  const loopMs = (after.main - before.main) / requests;
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, cpuMs, loopMs };
}

/** Creates the persona read by both sides through the project's API (offline engine). */
async function seed(store: BenchStore): Promise<string> {
  const app = await serveProject({ ...store.env, ...PROJECT_ENV });
  try {
    const res = await fetch(`${app.url}/v1/personas`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${store.key}` },
      body: JSON.stringify({ texts: [material(2_000)] }),
    });
    if (res.status !== 201) throw new Error(`seeding the persona answered ${res.status}`);
    return ((await res.json()) as { id: string }).id;
  } finally {
    await app.stop();
  }
}

export async function benchReads(): Promise<void> {
  console.log(
    `reads (GET /v1/personas/{id}; autocannon ${CONNECTIONS} connections, ${SECONDS} s; median of 3, alternating)`,
  );
  for (const name of benchStoreNames()) {
    const store = await openBenchStore(name);
    try {
      const id = await seed(store);
      const path = `/v1/personas/${id}`;
      // One process at a time: the embedded store has one owner.
      const measure = async (start: () => Promise<Served>, headers: Record<string, string>) => {
        const server = await start();
        try {
          return await load(server, `${server.url}${path}`, headers);
        } finally {
          await server.stop();
        }
      };
      const { project, bare } = await alternate(
        () => measure(() => serveProject({ ...store.env, ...PROJECT_ENV }), { authorization: `Bearer ${store.key}` }),
        () =>
          measure(
            () => serveProcess("bench/support/bare-reads.ts", { ...store.env, BENCH_TENANT: store.tenantId }),
            {},
          ),
      );
      const ratio = project.rps / bare.rps;
      const p99Ratio = project.p99 / Math.max(1, bare.p99);
      const driver = name === "postgres" ? "postgres.js" : "PGlite";
      console.log(
        `  ${name.padEnd(8)} project ${fmt(project.rps)} req/s, p99 ${project.p99} ms | ` +
          `node:http + ${driver}: ${fmt(bare.rps)} req/s, p99 ${bare.p99} ms | ` +
          `x${ratio.toFixed(2)}, p99 x${p99Ratio.toFixed(1)} | server CPU per read ${fmt(project.cpuMs, 2)} ms, ` +
          `event loop ${fmt(project.loopMs, 2)} (bare ${fmt(bare.cpuMs, 2)}, ${fmt(bare.loopMs, 2)}) | goal >= 0.6x, p99 <= 2x: ${verdict(ratio >= 0.6 && p99Ratio <= 2)}`,
      );
    } finally {
      store.dispose();
    }
  }
}
