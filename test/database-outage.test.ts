import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createApiKey } from "../src/auth/api-keys.ts";
import type { Services } from "../src/context.ts";
import { buildApp, sendJson, testServices } from "./support/services.ts";
import { startTcpProxy, type TcpProxy } from "./support/tcp-proxy.ts";

const databaseUrl = process.env.TEST_DATABASE_URL;
const Id = z.object({ id: z.string() });
const Problem = z.object({ status: z.number(), code: z.string(), detail: z.string() });
const OpenApi = z.object({ paths: z.record(z.string(), z.record(z.string(), z.unknown())) });

/** A valid body per route, so each request gets past validation to its database work. */
const BODIES: Record<string, unknown> = {
  "POST /v1/personas": { texts: ["I'm Ines Moreau, a florist in Lyon."] },
  "PATCH /v1/personas/{id}": { texts: ["She also loves jazz."] },
  "POST /v1/projects": { name: "Outage" },
  "PATCH /v1/projects/{id}": { name: "Outage 2" },
  "PUT /v1/projects/{id}/whats-next": { items: [] },
  "POST /v1/projects/{id}/wireframes": { name: "home", ascii: "+--+\n|  |\n+--+" },
  "POST /v1/projects/{id}/conversations": { interviewer: "pm" },
  "POST /v1/personas/{id}/conversations": {},
  "POST /v1/conversations/{id}/messages": { content: "Hello" },
  "POST /v1/focus-groups/{id}/messages": { content: "Hello" },
  "POST /v1/personas/import": { format: "tinytroupe", data: { type: "TinyPerson", persona: { name: "Ines Moreau" } } },
  "POST /v1/persona": { raw_text: "I'm Ines Moreau, a florist in Lyon." },
  "PATCH /v1/persona/{persona_id}": { raw_text: "She also loves jazz." },
};

/**
 * The database goes away under a running app (a proxy in front of the test Postgres refuses and cuts connections)
 * and comes back: every API route answers 503 problem+json with Retry-After meanwhile, never 500, and the same app
 * serves again afterwards without a restart.
 */
describe.skipIf(!databaseUrl)("a database outage", () => {
  let proxy: TcpProxy;
  let services: Services;
  let keyed: Services;
  let app: ReturnType<typeof buildApp>;
  let keyedApp: ReturnType<typeof buildApp>;
  let auth: Record<string, string>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const target = new URL(databaseUrl ?? "");
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(target);
    viaProxy.port = String(proxy.port);
    services = await testServices({ DATABASE_URL: viaProxy.toString(), RATE_LIMIT_PER_MINUTE: "0" });
    keyed = await testServices({ DATABASE_URL: viaProxy.toString(), AUTH_MODE: "apikey", RATE_LIMIT_PER_MINUTE: "0" });
    app = buildApp(services);
    keyedApp = buildApp(keyed);
    auth = { authorization: `Bearer ${(await createApiKey(keyed.database.db, `outage-${Date.now()}`)).key}` };
    const post = async (path: string, body: unknown) =>
      Id.parse(await (await sendJson(app, "POST", path, body, {})).json()).id;
    ids.persona = await post("/v1/personas", BODIES["POST /v1/personas"]);
    ids.project = await post("/v1/projects", { name: "Outage target" });
    ids.conversation = await post(`/v1/personas/${ids.persona}/conversations`, {});
    const other = await post("/v1/personas", { texts: ["I'm Ravi Rao, a bus driver in Leeds."] });
    BODIES["POST /v1/focus-groups"] = { persona_ids: [ids.persona, other] };
    ids.focusGroup = await post("/v1/focus-groups", BODIES["POST /v1/focus-groups"]);
  }, 60_000);
  afterAll(async () => {
    await proxy.restore();
    await services.database.close();
    await keyed.database.close();
    await proxy.close();
  });

  /** Every operation of the OpenAPI document under /v1, with ids of real rows filled in. */
  async function operations(): Promise<Array<{ method: string; template: string; path: string }>> {
    const doc = OpenApi.parse(await (await app.request("/openapi.json")).json());
    const out = [];
    for (const [template, methods] of Object.entries(doc.paths)) {
      if (!template.startsWith("/v1/")) continue;
      const path = template
        .replace(/\/personas\/\{id\}/, `/personas/${ids.persona}`)
        .replace(/\/projects\/\{id\}/, `/projects/${ids.project}`)
        .replace(/\/conversations\/\{id\}/, `/conversations/${ids.conversation}`)
        .replace(/\/focus-groups\/\{id\}/, `/focus-groups/${ids.focusGroup}`)
        .replace(/\/persona\/\{persona_id\}/, `/persona/${ids.persona}`)
        .replace(/\{version\}/, "1")
        .replace(/\{file\}/, "wfr_0000000000000000000a.png")
        .replace(/\{[a-z_]+\}/g, "x");
      for (const method of Object.keys(methods)) out.push({ method: method.toUpperCase(), template, path });
    }
    return out;
  }

  it("answers 503 with Retry-After on every route while it is down, and serves again once it is back", async () => {
    const ops = await operations();
    expect(ops.length).toBeGreaterThan(20);
    expect((await app.request(`/v1/personas/${ids.persona}`)).status).toBe(200);

    await proxy.cut();
    const unavailable: string[] = [];
    for (const op of ops) {
      const body =
        BODIES[`${op.method} ${op.template}`] ?? (op.method === "GET" || op.method === "DELETE" ? undefined : {});
      for (const [name, target, headers] of [
        ["none", app, {}],
        ["apikey", keyedApp, auth],
      ] as const) {
        const res = await sendJson(target, op.method, op.path, body, headers);
        const label = `${name} ${op.method} ${op.template}`;
        expect(res.status, label).not.toBe(500);
        if (res.status !== 503) continue;
        expect(res.headers.get("content-type"), label).toBe("application/problem+json");
        expect(Number(res.headers.get("retry-after")), label).toBeGreaterThan(0);
        expect(Problem.parse(await res.json()).code, label).toBe("database_unavailable");
        unavailable.push(label);
      }
    }
    // With API keys, every route needs the database (the key lookup); without, all but the static descriptions and
    // transcription (it stores nothing).
    const keyedOps = unavailable.filter((l) => l.startsWith("apikey"));
    expect(keyedOps.length).toBe(ops.length);
    const databaseFree = ["/v1/capabilities", "/v1/interviewers", "/v1/transcriptions"];
    const statics = ops.filter((o) => databaseFree.includes(o.template)).length;
    expect(unavailable.length - keyedOps.length).toBe(ops.length - statics);
    expect((await app.request("/readyz")).status).toBe(503);
    expect((await app.request("/healthz")).status).toBe(200);

    await proxy.restore();
    expect((await app.request("/readyz")).status).toBe(200);
    expect((await app.request(`/v1/personas/${ids.persona}`)).status).toBe(200);
    expect((await keyedApp.request(`/v1/personas?limit=1`, { headers: auth })).status).toBe(200);
    const created = await sendJson(app, "POST", "/v1/personas", BODIES["POST /v1/personas"], {});
    expect(created.status).toBe(201);
  }, 120_000);
});
