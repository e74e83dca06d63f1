/**
 * Offline engine and LLM extractor figures (see bench/README.md):
 *  - pipeline: offline synthesis (clean -> extract -> assemble -> store) at 10k, 100k and 1,000,000 words; the
 *    baseline is the 10k run, so "ms per 1k words" ratios near 1 mean linear time.
 *  - llm: the same 1,000,000 words through the LLM extractor against the loopback fake upstream: calls, time.
 */
import { LOCAL_TENANT } from "../src/auth/tenants.ts";
import type { Ctx } from "../src/context.ts";
import { createLogger } from "../src/logger.ts";
import { createPersona } from "../src/personas/create.ts";
import { createServices } from "../src/services.ts";
import { emptyExtractionOutput } from "../src/synthesis/prompts/extract.ts";
import { type FakeReply, type Recorded, reply, startFakeOpenAI } from "../test/fakes/openai-upstream.ts";
import { testConfig } from "../test/support/services.ts";

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
export function material(words: number): string {
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

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

export async function benchPipeline(): Promise<void> {
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

/**
 * A fake model's answer to an extraction request: the same small grounded persona for every chunk, quoting
 * "I'm Priya Raman" from the source the request names (the material must contain it). `delayMs` makes bounded
 * concurrency visible.
 */
export function groundedAnswer(request: Recorded, delayMs = 0): FakeReply {
  const id = /<source id="(S\d+)"/.exec(request.text)?.[1] ?? "S1";
  return reply.json(
    {
      ...emptyExtractionOutput(),
      name: [{ value: "Priya Raman", source_id: id, quote: "I'm Priya Raman", kind: "stated", same_as: null }],
    },
    { delayMs },
  );
}

export async function benchLlm(): Promise<void> {
  const fake = await startFakeOpenAI();
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
      fake.setFallback((request) => groundedAnswer(request, 50));
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
