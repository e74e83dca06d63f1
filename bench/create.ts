/**
 * create: POST /v1/personas with the LLM engine against a fake OpenAI upstream on loopback (in this process, answering
 * at once), on the project's server in its own process (Postgres when configured), against the same upstream request
 * sent directly from this process. One at a time and 50 at a time (closed loops); the figure is the latency the
 * project adds to the model call, p50 and p99. Every create sends different material, so the extraction cache never
 * answers in the upstream's place. Goal (issue 13): <= 2 ms added at p50 one at a time, <= 10 ms at p99 with 50.
 */
import { startFakeOpenAI } from "../test/fakes/openai-upstream.ts";
import { groundedAnswer } from "./pipeline.ts";
import { alternate, closedLoop, fmt, verdict } from "./support/measure.ts";
import { cpuMsOf, serveProject, settled } from "./support/process.ts";
import { benchStoreNames, openBenchStore, PROJECT_ENV } from "./support/stores.ts";

const CASES = [
  { concurrency: 1, total: 40, goal: { figure: "p50", ms: 2 } },
  { concurrency: 50, total: 200, goal: { figure: "p99", ms: 10 } },
] as const;

export async function benchCreate(): Promise<void> {
  const fake = await startFakeOpenAI();
  fake.setFallback((request) => groundedAnswer(request));
  const storeName = benchStoreNames()[0] ?? "pglite";
  const store = await openBenchStore(storeName);
  const app = await serveProject({
    ...store.env,
    ...PROJECT_ENV,
    LLM_PROVIDER: "openai",
    LLM_MODEL: "bench",
    OPENAI_API_KEY: "bench-key",
    OPENAI_BASE_URL: fake.url,
    // An LLM create holds a synthesis slot while it waits for the model: room for 50 at once.
    SYNTHESIS_QUEUE_MAX: "100",
  });
  let serial = 0;
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
  try {
    console.log(
      `create (LLM engine, fake upstream on loopback answering at once; ${storeName}; median of 3, alternating)`,
    );
    for (let i = 0; i < 10; i++) await create(); // warm-up
    // The server warms its synthesis threads in the background after it answers (seconds of CPU): a create that
    // never waits on the pool would otherwise be charged for that warm-up in the first measurement.
    await settled(app.pid);
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
      // The server's CPU per create (all its threads): steadier than latency on a shared machine.
      let cpuMs = 0;
      let mainMs = 0;
      let creates = 0;
      const { project, bare } = await alternate(
        async () => {
          const before = cpuMsOf(app.pid);
          const figures = await closedLoop(total, concurrency, create);
          const after = cpuMsOf(app.pid);
          cpuMs += after.all - before.all;
          mainMs += after.main - before.main;
          creates += total;
          return figures;
        },
        () => closedLoop(total, concurrency, direct),
      );
      const added = { p50: project.p50 - bare.p50, p99: project.p99 - bare.p99 };
      console.log(
        `  ${String(concurrency).padStart(2)} at a time: project p50 ${fmt(project.p50, 1)} ms, p99 ${fmt(project.p99, 1)} ms | ` +
          `upstream directly p50 ${fmt(bare.p50, 1)} ms, p99 ${fmt(bare.p99, 1)} ms | ` +
          `added p50 +${fmt(added.p50, 1)} ms, p99 +${fmt(added.p99, 1)} ms | server CPU ${fmt(cpuMs / creates, 1)} ms/create ` +
          `(event loop ${fmt(mainMs / creates, 1)}) | ` +
          `goal ${goal.figure} <= +${goal.ms} ms: ${verdict(added[goal.figure] <= goal.ms)}`,
      );
    }
  } finally {
    await app.stop();
    await fake.close();
    store.dispose();
  }
}
