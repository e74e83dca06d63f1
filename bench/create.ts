/**
 * create: POST /v1/personas with the LLM engine against a fake OpenAI upstream on loopback (in this process, answering
 * at once), on the project's server in its own process (Postgres when configured), against the same upstream request
 * sent directly from this process. One at a time and 50 at a time (closed loops); the figure is the latency the
 * project adds to the model call, p50 and p99. Every create sends different material, so the extraction cache never
 * answers in the upstream's place. Goal (issue 13): <= 2 ms added at p50 one at a time, <= 10 ms at p99 with 50.
 * BENCH_CREATE_AGAINST=DIR adds another built copy of the project (e.g. main's, for an A/B in the same minutes) as a
 * side of its own, with a store of its own; the sides take turns round by round (the first side rotates).
 */
import { loadavg } from "node:os";
import { startFakeOpenAI } from "../test/fakes/openai-upstream.ts";
import { groundedAnswer } from "./pipeline.ts";
import { closedLoop, fmt, median, ROUNDS, verdict } from "./support/measure.ts";
import { cpuMsOf, type Served, serveProject, settled } from "./support/process.ts";
import { type BenchStore, benchStoreNames, openBenchStore, PROJECT_ENV } from "./support/stores.ts";

const CASES = [
  { concurrency: 1, total: 40, goal: { figure: "p50", ms: 2 } },
  { concurrency: 50, total: 200, goal: { figure: "p99", ms: 10 } },
] as const;

const AGAINST = process.env.BENCH_CREATE_AGAINST;

interface ProjectSide {
  label: string;
  app: Served;
  store: BenchStore;
  create: () => Promise<void>;
}

export async function benchCreate(): Promise<void> {
  const fake = await startFakeOpenAI();
  fake.setFallback((request) => groundedAnswer(request));
  const storeName = benchStoreNames()[0] ?? "pglite";
  const sides: ProjectSide[] = [];
  let serial = 0;
  const startSide = async (label: string, checkout?: string) => {
    // Each side its own store: an embedded store is held by one process.
    const store = await openBenchStore(storeName);
    const env = {
      ...store.env,
      ...PROJECT_ENV,
      LLM_PROVIDER: "openai",
      LLM_MODEL: "bench",
      OPENAI_API_KEY: "bench-key",
      OPENAI_BASE_URL: fake.url,
      // An LLM create holds a synthesis slot while it waits for the model: room for 50 at once.
      SYNTHESIS_QUEUE_MAX: "100",
    };
    const app = await serveProject(env, checkout);
    const create = async () => {
      const res = await fetch(`${app.url}/v1/personas`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${store.key}` },
        body: JSON.stringify({
          texts: [`I'm Priya Raman, a logistics coordinator in Pune. Note ${++serial} of ${process.pid}.`],
          engine: "llm",
        }),
      });
      await res.arrayBuffer();
      if (res.status !== 201) throw new Error(`create answered ${res.status}`);
    };
    sides.push({ label, app, store, create });
  };
  try {
    await startSide("project");
    if (AGAINST) await startSide(AGAINST, AGAINST);
    console.log(
      `create (LLM engine, fake upstream on loopback answering at once; ${storeName}; median of ${ROUNDS}, alternating; load ${loadavg()[0]?.toFixed(1)})`,
    );
    for (const side of sides) for (let i = 0; i < 10; i++) await side.create(); // warm-up
    // The server warms its synthesis threads in the background after it answers (seconds of CPU): a create that
    // never waits on the pool would otherwise be charged for that warm-up in the first measurement.
    for (const side of sides) await settled(side.app.pid);
    const recorded = fake.requests.at(-1);
    if (!recorded) throw new Error("the project sent nothing upstream");
    const upstreamBody = JSON.stringify(recorded.body);
    const direct = async () => {
      const res = await fetch(`${fake.url}/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: "Bearer bench-key" },
        body: upstreamBody,
      });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`the upstream answered ${res.status}`);
    };
    for (const { concurrency, total, goal } of CASES) {
      fake.requests.length = 0;
      // Per side: latency figures of each round and the server's CPU (all its threads, and the event loop alone;
      // steadier than latency on a shared machine).
      const runs = sides.map(() => ({ p50: [] as number[], p99: [] as number[], cpu: 0, main: 0, creates: 0 }));
      const bare = { p50: [] as number[], p99: [] as number[] };
      const turns = [...sides.map((_, i) => i), -1]; // -1: the upstream directly
      for (let round = 0; round < ROUNDS; round++) {
        for (let k = 0; k < turns.length; k++) {
          const index = turns[(round + k) % turns.length] ?? -1;
          const side = sides[index];
          const run = runs[index];
          if (!side || !run) {
            const figures = await closedLoop(total, concurrency, direct);
            bare.p50.push(figures.p50);
            bare.p99.push(figures.p99);
            continue;
          }
          const before = cpuMsOf(side.app.pid);
          const figures = await closedLoop(total, concurrency, side.create);
          const after = cpuMsOf(side.app.pid);
          Object.assign(run, {
            cpu: run.cpu + after.all - before.all,
            main: run.main + after.main - before.main,
            creates: run.creates + total,
          });
          run.p50.push(figures.p50);
          run.p99.push(figures.p99);
        }
      }
      const directly = { p50: median(bare.p50), p99: median(bare.p99) };
      const described = sides.map((side, i) => {
        const run = runs[i] ?? { p50: [], p99: [], cpu: 0, main: 0, creates: 1 };
        const figures = { p50: median(run.p50), p99: median(run.p99) };
        const added = { p50: figures.p50 - directly.p50, p99: figures.p99 - directly.p99 };
        const cpu = `server CPU ${fmt(run.cpu / run.creates, 1)} ms/create (event loop ${fmt(run.main / run.creates, 1)})`;
        const latency = `p50 ${fmt(figures.p50, 1)} ms, p99 ${fmt(figures.p99, 1)} ms`;
        const addedText = `added p50 +${fmt(added.p50, 1)} ms, p99 +${fmt(added.p99, 1)} ms`;
        return i === 0
          ? `project ${latency} | upstream directly p50 ${fmt(directly.p50, 1)} ms, p99 ${fmt(directly.p99, 1)} ms | ` +
              `${addedText} | ${cpu} | goal ${goal.figure} <= +${goal.ms} ms: ${verdict(added[goal.figure] <= goal.ms)}`
          : `${side.label} ${latency}, ${addedText}, ${cpu}`;
      });
      console.log(`  ${String(concurrency).padStart(2)} at a time: ${described.join(" | ")}`);
    }
  } finally {
    for (const side of sides) {
      await side.app.stop();
      side.store.dispose();
    }
    await fake.close();
  }
}
