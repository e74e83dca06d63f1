/**
 * Benchmarks. Figures are ratios against a baseline measured in the same run, because these machines are noisy:
 *  - offline: the offline engine alone (cleaned text -> claims) at 10k and 1,000,000 words, as ratios to the 10k run
 *    and to a plain tokenising pass over the same text (every word matched once): the engine's cost per word.
 *  - pipeline: offline synthesis (clean -> extract -> assemble -> store) at 10k, 100k and 1,000,000 words; the
 *    baseline is the 10k run, so "ms per 1k words" ratios near 1 mean linear time.
 *  - llm: the same 1,000,000 words through the LLM extractor against the loopback fake upstream: calls, time.
 *  - http: requests/s of GET /v1/personas/{id} against GET /healthz on the same server (autocannon, loopback).
 *  - load, pool, start: heavy work off the event loop, pool throughput, start-up (bench/heavy.ts).
 * Usage: npm run bench [-- offline|pipeline|llm|http|load|pool|start]
 */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import autocannon from "autocannon";
import { buildApp } from "../src/app.ts";
import { LOCAL_TENANT } from "../src/auth/tenants.ts";
import type { Ctx } from "../src/context.ts";
import { createLogger } from "../src/logger.ts";
import { createPersona } from "../src/personas/create.ts";
import { createServices } from "../src/services.ts";
import { cleanText } from "../src/synthesis/clean.ts";
import { extractOffline } from "../src/synthesis/extract-offline.ts";
import { emptyExtractionOutput } from "../src/synthesis/prompts/extract.ts";
import { type Recorded, reply, startFakeOpenAI } from "../test/fakes/openai-upstream.ts";
import { testConfig } from "../test/support/services.ts";
import { benchLoad, benchPool, benchStart } from "./heavy.ts";

const PARAGRAPHS = [
  "Interview {n}. INT: Tell me about week {n}. P: Honestly it was long. I'm Priya Raman, I work as a logistics coordinator in Pune and the shift planning tool crashed {k} times on me.",
  "P: I love cycling on weekends and I've been learning to bake {w} bread. My goal is to move into a planning lead role within {k} years.",
  "INT: What frustrates you most about order {n}? P: Last-minute changes from {w} suppliers, and the spreadsheet exports that break every time someone adds column {k}.",
  "Support ticket #{n}: The dashboard shows {k} duplicate orders after the nightly sync of the {w} warehouse. Please advise. Regards, Priya",
  "P: I value reliability over speed in the {w} team, and I'd describe myself as patient but direct. My {k} colleagues say I'm very organised.",
];
const WORDS = ["north", "river", "rye", "coastal", "night", "regional", "spelt", "harbour", "inland", "seasonal"];

/**
 * About `words` words of realistic material. Every paragraph differs (numbers and words vary) because cleaning
 * rightly drops text repeated word for word, which would make a repeated sample measure nothing.
 */
function material(words: number): string {
  const out: string[] = [];
  let count = 0;
  for (let n = 0; count < words; n += 1) {
    const paragraph = (PARAGRAPHS[n % PARAGRAPHS.length] ?? "")
      .replaceAll("{n}", String(n))
      .replaceAll("{k}", String((n * 7) % 13))
      .replaceAll("{w}", WORDS[(n * 3) % WORDS.length] ?? "");
    out.push(paragraph);
    count += paragraph.split(/\s+/).length;
  }
  return out.join("\n\n");
}

/** The bare baseline: one pass that finds every word of the text (what any text processing pays at least). */
function tokenise(text: string): number {
  let words = 0;
  for (const _ of text.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu)) words += 1;
  return words;
}

function timed<T>(run: () => T): { ms: number; result: T } {
  const started = performance.now();
  const result = run();
  return { ms: performance.now() - started, result };
}

/** The offline engine alone, in this thread: cleaned text in, claims out (no pool, no store, no budget). */
function benchOffline(): void {
  console.log("offline engine (cleaned text -> claims, in-process)");
  // Warm-up: JIT compilation and lazily built tables are not per-word work.
  extractOffline([{ id: "S1", kind: "text", text: cleanText(material(2_000)), order: 0 }]);
  let baseline = 0;
  for (const words of [10_000, 1_000_000]) {
    const text = cleanText(material(words));
    const tokens = timed(() => tokenise(text));
    const engine = timed(() => extractOffline([{ id: "S1", kind: "text", text, order: 0 }]));
    const perKWords = engine.ms / (words / 1000);
    if (!baseline) baseline = perKWords;
    console.log(
      `  ${words.toLocaleString("en-US").padStart(9)} words: ${engine.ms.toFixed(0).padStart(6)} ms ` +
        `(x${(perKWords / baseline).toFixed(2)} of the 10k run per word, ` +
        `x${(engine.ms / tokens.ms).toFixed(1)} of a tokenising pass: ${tokens.ms.toFixed(0)} ms), ` +
        `${engine.result.claims.length} claims`,
    );
  }
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

async function benchPipeline(): Promise<void> {
  const services = await createServices(testConfig(), { logger: createLogger("silent") });
  const ctx: Ctx = { ...services, tenantId: LOCAL_TENANT.id, requestId: "bench", log: services.logger };
  try {
    console.log("pipeline (offline engine, embedded store)");
    // Warm-up: the first run pays for JIT compilation and lazy loading, which is not per-word work.
    await createPersona({ ctx, input: { texts: [material(2_000)], urls: [] } });
    let baseline = 0;
    for (const words of [10_000, 100_000, 1_000_000]) {
      const text = material(words);
      // One persona per text block is the API's shape; 1M words arrives as one 6 MB text.
      const started = performance.now();
      const persona = await createPersona({ ctx, input: { texts: [text], urls: [] } });
      const ms = performance.now() - started;
      const perKWords = ms / (words / 1000);
      if (!baseline) baseline = perKWords;
      console.log(
        `  ${words.toLocaleString("en-US").padStart(9)} words: ${ms.toFixed(0).padStart(6)} ms, ` +
          `${perKWords.toFixed(2)} ms/1k words (x${(perKWords / baseline).toFixed(2)} of the 10k baseline), ` +
          // maxRSS is the process's high-water mark so far (the loop is busy during extraction, so sampling misses it).
          `max RSS so far ${mb(process.resourceUsage().maxRSS * 1024)} MB, name=${JSON.stringify(persona.persona.name)}`,
      );
    }
  } finally {
    await services.database.close();
  }
}

async function benchLlm(): Promise<void> {
  const fake = await startFakeOpenAI();
  // A fake model that answers every chunk after 50 ms with the same small grounded persona (the delay makes the
  // bounded concurrency visible in the figures).
  const answer = (request: Recorded) => {
    const id = /<source id="(S\d+)"/.exec(request.text)?.[1] ?? "S1";
    return reply.json(
      {
        ...emptyExtractionOutput(),
        name: [{ value: "Priya Raman", source_id: id, quote: "I'm Priya Raman", kind: "stated", same_as: null }],
      },
      { delayMs: 50 },
    );
  };
  const config = testConfig({
    LLM_PROVIDER: "openai",
    LLM_MODEL: "bench",
    OPENAI_API_KEY: "bench-key",
    OPENAI_BASE_URL: fake.url,
  });
  const services = await createServices(config, { logger: createLogger("silent") });
  const ctx: Ctx = { ...services, tenantId: LOCAL_TENANT.id, requestId: "bench", log: services.logger };
  try {
    console.log("llm (fake OpenAI upstream on loopback)");
    for (const words of [10_000, 1_000_000]) {
      fake.reset();
      fake.setFallback(answer);
      const started = performance.now();
      const persona = await createPersona({ ctx, input: { texts: [material(words)], urls: [], engine: "llm" } });
      console.log(
        `  ${words.toLocaleString("en-US").padStart(9)} words: ${(performance.now() - started).toFixed(0)} ms, ` +
          `${persona.usage?.llm_calls} LLM calls (max ${fake.stats().maxInFlight} in flight), ` +
          `~${persona.usage?.input_tokens} input tokens, warnings: ${persona.warnings.length}`,
      );
    }
  } finally {
    await services.database.close();
    await fake.close();
  }
}

async function benchHttp(): Promise<void> {
  const services = await createServices(testConfig(), { logger: createLogger("silent") });
  const ctx: Ctx = { ...services, tenantId: LOCAL_TENANT.id, requestId: "bench", log: services.logger };
  const persona = await createPersona({ ctx, input: { texts: [material(2_000)], urls: [] } });
  const server = serve({ fetch: buildApp(services).fetch, hostname: "127.0.0.1", port: 0 });
  await new Promise((resolve) => server.once("listening", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const run = (path: string) =>
    autocannon({ url: `${base}${path}`, connections: 10, duration: 5 }).then((r) => r.requests.average);
  try {
    console.log("http (autocannon, 10 connections, 5 s each, loopback)");
    const health = await run("/healthz");
    const get = await run(`/v1/personas/${persona.id}`);
    const list = await run("/v1/personas?limit=20");
    console.log(`  GET /healthz            ${health.toFixed(0)} req/s (baseline)`);
    console.log(`  GET /v1/personas/{id}   ${get.toFixed(0)} req/s (x${(get / health).toFixed(2)} of baseline)`);
    console.log(`  GET /v1/personas        ${list.toFixed(0)} req/s (x${(list / health).toFixed(2)} of baseline)`);
  } finally {
    server.close();
    await services.database.close();
  }
}

const which = process.argv[2];
if (!which || which === "offline") benchOffline();
if (!which || which === "pipeline") await benchPipeline();
if (!which || which === "llm") await benchLlm();
if (!which || which === "http") await benchHttp();
if (!which || which === "load") await benchLoad();
if (!which || which === "pool") await benchPool();
if (!which || which === "start") await benchStart();
