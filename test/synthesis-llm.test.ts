import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Services } from "../src/context.ts";
import { Problem } from "../src/http/openapi.ts";
import { createLanguageModel, describeModel } from "../src/llm/providers.ts";
import { wholeBodyFetch } from "../src/llm/whole-body-fetch.ts";
import { Changes } from "../src/personas/merge.ts";
import { PersonaResource } from "../src/personas/present.ts";
import { PERSONA_FIELDS } from "../src/personas/schemas.ts";
import { LlmExtractor } from "../src/synthesis/extract-llm.ts";
import { type FakeUpstream, type Recorded, reply, startFakeOpenAI } from "./fakes/openai-upstream.ts";
import { buildApp, readJson as read, testConfig, testServices } from "./support/services.ts";

const Resource = PersonaResource.extend({ changes: Changes.optional() });

const PAGE = (title: string, body: string) => `<!doctype html><html><head><title>${title}</title></head><body>
<div id="cookie-banner">We use cookies to improve your experience. <button>Accept all</button></div>
<nav><a href="/">Home</a> <a href="/blog">Blog</a> <a href="/contact">Contact</a></nav>
<main><article><h1>${title}</h1>${body}</article></main>
<footer>© 2024 Example Co. All rights reserved. Privacy · Terms</footer></body></html>`;

const PAGES: Record<string, string> = {
  "/about": PAGE(
    "About Lena Fischer",
    "<p>Lena Fischer is a product designer based in Leipzig, Germany. She has designed booking tools for small clinics for eight years.</p><p>In her spare time she restores old bicycles and sings in a community choir.</p>",
  ),
  "/talk": PAGE(
    "Talk: Designing for tired people",
    "<p>In this talk Lena argues that clarity beats cleverness. She values accessibility above visual polish.</p><p>Her goal this year is to publish a short book on calm interfaces.</p>",
  ),
};

const TEXTS = [
  "Call notes 2024-05-02. Lena: I'm 36 and I still hate how slow our design review process is.",
  "Lena (email): My biggest frustration is handoff to engineering, specs get lost.",
  "Survey answer: I'd describe myself as curious and stubborn.",
];

/** A text past the size whose cache key is computed on the event loop (32k characters), every line different. */
function longText(first: string): string {
  const lines = [first];
  for (let i = 1, chars = first.length; chars < 40_000; i++) {
    const line = `Note ${i}: shipment ${i * 37} left dock ${i % 9}.`;
    lines.push(line);
    chars += line.length + 1;
  }
  return lines.join("\n");
}

type Pick = {
  field: (typeof PERSONA_FIELDS)[number];
  value: string;
  quote: string;
  kind?: "stated" | "inferred";
  same_as?: string;
};

/** Answers like a well-behaved model: cites the block that holds each quote. */
function modelAnswer(request: Recorded, picks: Pick[]) {
  const blocks = [...request.text.matchAll(/<source id="(S\d+)"[^>]*>\n([\s\S]*?)\n<\/source>/g)];
  const answer: Record<string, unknown[]> = Object.fromEntries(PERSONA_FIELDS.map((f) => [f, []]));
  for (const pick of picks) {
    const block = blocks.find((b) => b[2]?.includes(pick.quote));
    answer[pick.field]?.push({
      value: pick.value,
      source_id: block?.[1] ?? "S1",
      quote: pick.quote,
      kind: pick.kind ?? "stated",
      same_as: pick.same_as ?? null,
    });
  }
  return reply.json(answer);
}

const GOOD: Pick[] = [
  { field: "name", value: "Lena Fischer", quote: "Lena Fischer is a product designer" },
  { field: "age", value: "36", quote: "I'm 36" },
  { field: "occupation", value: "product designer", quote: "Lena Fischer is a product designer" },
  { field: "location", value: "Leipzig, Germany", quote: "based in Leipzig, Germany" },
  { field: "interests", value: "restoring old bicycles", quote: "she restores old bicycles" },
  { field: "traits", value: "curious", quote: "curious and stubborn" },
  { field: "pain_points", value: "handoff to engineering", quote: "My biggest frustration is handoff to engineering" },
  { field: "goals", value: "publish a book on calm interfaces", quote: "publish a short book on calm interfaces" },
  // A value whose quote is in no source: must be dropped, never stored.
  { field: "skills", value: "Figma wizardry", quote: "expert in Figma and Sketch" },
];

describe("synthesis with an LLM (fake OpenAI upstream) and URLs (loopback page server)", () => {
  let fake: FakeUpstream;
  let pages: Server;
  let pageBase: string;
  let services: Services;
  let app: ReturnType<typeof buildApp>;
  let canaryHits = 0;
  let canary: Server;
  let canaryUrl: string;

  const listen = (server: Server) =>
    new Promise<string>((resolve) =>
      server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
    );

  beforeAll(async () => {
    fake = await startFakeOpenAI();
    pages = createServer((req, res) => {
      const html = PAGES[req.url ?? ""];
      if (!html) return void res.writeHead(404).end("not found");
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
    });
    pageBase = await listen(pages);
    canary = createServer((_req, res) => {
      canaryHits += 1;
      res.end("canary");
    });
    canaryUrl = await listen(canary);
    const env = {
      LLM_PROVIDER: "openai",
      LLM_MODEL: "gpt-test",
      OPENAI_API_KEY: "test-key",
      OPENAI_BASE_URL: fake.url,
      FETCH_ALLOW_HOSTS: new URL(pageBase).host,
    };
    const llm = testConfig(env).llm;
    services = await testServices(env, {
      extractors: {
        // Short timeouts and backoff keep the fault tests fast; the policy itself is the product's, and so is the
        // fetch (services.ts), so the faults below also go through it.
        llm: new LlmExtractor({
          model: createLanguageModel(llm, { fetch: wholeBodyFetch }),
          description: describeModel(llm),
          retry: { baseDelayMs: 5, maxDelayMs: 50, timeoutMs: 1_500 },
        }),
      },
    });
    app = buildApp(services);
  });
  beforeEach(() => fake.reset());
  afterAll(async () => {
    await services.database.close();
    await fake.close();
    await new Promise((r) => pages.close(r));
    await new Promise((r) => canary.close(r));
  });

  const post = (body: unknown) =>
    app.request("/v1/personas", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  const count = async () =>
    z.object({ data: z.array(z.unknown()) }).parse(await (await app.request("/v1/personas?limit=100")).json()).data
      .length;

  it("offers the configured model in its capabilities", async () => {
    const caps = await app.request("/v1/capabilities");
    expect(await caps.json()).toMatchObject({
      engines: { llm: { provider: "openai", model: "gpt-test" } },
      default_engine: "llm",
    });
  });

  it("makes exactly one LLM call for 3 texts + 2 URLs and returns a grounded persona", async () => {
    fake.script((request) => modelAnswer(request, GOOD));
    const res = await post({ texts: TEXTS, urls: [`${pageBase}/about`, `${pageBase}/talk`] });
    expect(res.status).toBe(201);
    const body = await read(res, Resource);

    expect(fake.requests).toHaveLength(1);
    const prompt = fake.requests[0]?.text ?? "";
    expect(prompt.match(/<source id="S\d+"/g)).toHaveLength(5);
    // Pages reach the model as their main text: no cookie banner, nav or footer.
    expect(prompt).toContain("restores old bicycles");
    expect(prompt).not.toContain("We use cookies");
    expect(prompt).not.toContain("All rights reserved");

    expect(body.persona).toMatchObject({
      name: "Lena Fischer",
      age: 36,
      occupation: "product designer",
      location: "Leipzig, Germany",
    });
    expect(body.persona.skills).toEqual([]);
    expect(body.warnings.join("\n")).toMatch(/skills/);
    expect(body.sources.map((s) => s.kind)).toEqual(["text", "text", "text", "url", "url"]);
    expect(body.sources[3]).toMatchObject({ url: `${pageBase}/about`, title: "About Lena Fischer" });
    const locationSource = body.sources.find((s) => s.id === body.evidence.location[0]?.source_id);
    expect(locationSource?.kind).toBe("url");
    expect(body.usage).toMatchObject({ engine: "llm", provider: "openai", model: "gpt-test", llm_calls: 1 });
    expect(body.usage?.input_tokens).toBeGreaterThan(0);
  });

  it("serves identical input from the cache without a new LLM call", async () => {
    const input = { texts: ["Cache check: I'm Omar Haddad, a 52-year-old beekeeper."] };
    const picks: Pick[] = [{ field: "name", value: "Omar Haddad", quote: "I'm Omar Haddad" }];
    fake.script((request) => modelAnswer(request, picks));
    const first = await read(await post(input), Resource);
    const second = await read(await post(input), Resource);
    expect(fake.requests).toHaveLength(1);
    expect(second.id).not.toBe(first.id);
    expect(second.persona.name).toBe("Omar Haddad");
    expect(second.evidence.name[0]?.source_id).toBe(second.sources[0]?.id);
    expect(second.usage).toMatchObject({ llm_calls: 0, cached: true });
  });

  // Small text-only material is keyed on its raw texts on the event loop; longer texts are hashed in the pool, and
  // material with pages is keyed on its cleaned sources. Each kind must find its own entry again.
  it.each([
    ["long texts (hashed in the pool)", () => ({ texts: [longText("Cache long: I'm Omar Haddad.")] })],
    ["texts with a page", () => ({ texts: ["Cache page: I'm Omar Haddad."], urls: [`${pageBase}/about`] })],
  ])("serves identical %s from the cache without a new LLM call", async (_name, material) => {
    const picks: Pick[] = [{ field: "name", value: "Omar Haddad", quote: "I'm Omar Haddad" }];
    fake.script((request) => modelAnswer(request, picks));
    const first = await read(await post(material()), Resource);
    const second = await read(await post(material()), Resource);
    expect(fake.requests).toHaveLength(1);
    expect(first.usage).toMatchObject({ llm_calls: 1 });
    expect(second.usage).toMatchObject({ llm_calls: 0, cached: true });
    expect(second.persona.name).toBe("Omar Haddad");
    expect(second.evidence.name[0]?.source_id).toBe(second.sources[0]?.id);
  });

  it("retries a 429 honouring retry-after, then succeeds", async () => {
    fake.script(reply.rateLimited(0.05), (request) => modelAnswer(request, GOOD.slice(0, 1)));
    const res = await post({ texts: [`${TEXTS[0]} (429 run)`], urls: [`${pageBase}/about`] });
    expect(res.status).toBe(201);
    expect(fake.requests).toHaveLength(2);
  });

  it("repairs invalid output once", async () => {
    fake.script(reply.invalidJson(), (request) => modelAnswer(request, GOOD.slice(0, 1)));
    const res = await post({ texts: [`${TEXTS[0]} (repair run)`], urls: [`${pageBase}/about`] });
    expect(res.status).toBe(201);
    expect(fake.requests).toHaveLength(2);
  });

  const faults: Array<[string, () => void, number]> = [
    ["server errors until retries run out", () => fake.setFallback(reply.serverError()), 503],
    ["invalid output twice", () => fake.script(reply.invalidJson(), reply.invalidJson()), 502],
    ["a hung upstream", () => fake.setFallback(reply.hang()), 504],
    ["a truncated stream every time", () => fake.setFallback(reply.truncate()), 503],
    ["a 401 from the provider", () => fake.setFallback(reply.error(401)), 502],
  ];
  for (const [name, arrange, status] of faults) {
    it(`ends ${name} in a ${status} problem and stores nothing`, async () => {
      arrange();
      const before = await count();
      const res = await post({ texts: [`Fault run ${name}: I'm Ida Berg.`] });
      expect(res.status).toBe(status);
      const problem = await read(res, Problem);
      expect(problem.detail).not.toContain("test-key");
      expect(problem.detail).not.toContain("Ida Berg");
      expect(await count()).toBe(before);
    });
  }

  it("turns each unusable URL into a warning naming it, and fails only when nothing is usable", async () => {
    fake.script((request) => modelAnswer(request, GOOD.slice(0, 1)));
    const res = await post({
      texts: [`${TEXTS[1]} (warning run)`],
      urls: [`${pageBase}/about`, `${pageBase}/missing`, `${canaryUrl}/secret`],
    });
    expect(res.status).toBe(201);
    const body = await read(res, Resource);
    expect(body.warnings.some((w) => w.includes(`${pageBase}/missing`))).toBe(true);
    expect(body.warnings.some((w) => w.includes(`${canaryUrl}/secret`))).toBe(true);

    const none = await post({ urls: [`${pageBase}/missing`, `${canaryUrl}/x`] });
    expect(none.status).toBe(422);
    expect(fake.requests).toHaveLength(1);
    expect(canaryHits).toBe(0);
  });

  it("reconciles near-duplicate list items in the same call when merging with an LLM", async () => {
    fake.script((request) =>
      modelAnswer(request, [
        { field: "name", value: "Tom Reyes", quote: "I'm Tom Reyes" },
        { field: "interests", value: "hiking", quote: "I love hiking" },
      ]),
    );
    const created = await read(await post({ texts: ["I'm Tom Reyes and I love hiking."] }), Resource);
    fake.script((request) => {
      expect(request.text).toContain("hiking");
      return modelAnswer(request, [
        { field: "interests", value: "hikes on weekends", quote: "I go on hikes on weekends", same_as: "hiking" },
        { field: "interests", value: "chess", quote: "I play chess" },
      ]);
    });
    const res = await app.request(`/v1/personas/${created.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ texts: ["Update: I go on hikes on weekends and I play chess."] }),
    });
    expect(res.status).toBe(200);
    const merged = await read(res, Resource);
    expect(merged.persona.interests).toEqual(["hiking", "chess"]);
    expect(merged.evidence.interests[0]).toHaveLength(2);
    expect(merged.changes?.added.map((a) => a.value)).toEqual(["chess"]);
  });
});
