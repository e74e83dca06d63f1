import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  buildApp,
  newTenantAuth,
  readJson as read,
  STORES,
  sendJson,
  testServices,
} from "../../test/support/services.ts";
import type { Services } from "../context.ts";
import { Problem } from "../http/openapi.ts";
import { Persona } from "../personas/schemas.ts";

const NOTES =
  "My name is Maya Chen. I'm 34 years old and I work as a pediatric nurse in Denver, Colorado. I love trail running. I'm frustrated by last-minute shift changes.";

const InDb = z.object({
  id: z.string(),
  person_id: z.string(),
  version: z.number(),
  computed_from_data_ids: z.array(z.string()),
  persona: Persona,
  created_at: z.string(),
  updated_at: z.string(),
});
const NetlifyPersona = z.object({
  name: z.string().nullable(),
  age: z.number().nullable(),
  occupation: z.string().nullable(),
  background: z.string(),
  traits: z.array(z.string()),
  interests: z.array(z.string()),
  challenges: z.array(z.string()),
  relationships: z.array(z.string()),
  personality_type: z.null(),
  metadata: z.object({ created_at: z.string(), source_text_blocks: z.number(), source_links: z.number() }),
  raw_data: z.object({ textBlocks: z.array(z.string()), links: z.array(z.string()) }).optional(),
});
const NetlifyProblem = Problem.extend({ success: z.literal(false), error: z.string(), statusCode: z.number() });

for (const store of STORES) {
  describe(`compatibility routes on ${store.name}`, () => {
    let services: Services;
    let app: ReturnType<typeof buildApp>;
    let auth: Record<string, string>;

    beforeAll(async () => {
      services = await testServices({ DATABASE_URL: store.databaseUrl, AUTH_MODE: "apikey" });
      app = buildApp(services);
      auth = await newTenantAuth(services);
    });
    afterAll(async () => {
      await services.database.close();
    });

    const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = auth) =>
      sendJson(app, method, path, body, headers);

    it("Persona-API: creates (minimal 201), lists with offsets, reads and merges new material", async () => {
      const res = await call("POST", "/v1/persona", { raw_text: NOTES });
      expect(res.status).toBe(201);
      const created = await read(
        res,
        z.object({ id: z.string(), created_at: z.string(), updated_at: z.string() }).strict(),
      );
      expect(res.headers.get("location")).toBe(`/v1/persona/${created.id}`);

      const got = await read(await call("GET", `/v1/persona/${created.id}`), InDb);
      expect(got).toMatchObject({ id: created.id, person_id: created.id, version: 1 });
      expect(got.persona.name).toBe("Maya Chen");
      expect(got.computed_from_data_ids).toHaveLength(1);
      // The same persona through the native API: same verbs, same store.
      const native = await read(await call("GET", `/v1/personas/${created.id}`), z.object({ persona: Persona }));
      expect(native.persona).toEqual(got.persona);

      const patched = await read(
        await call("PATCH", `/v1/persona/${created.id}`, { raw_text: "Maya Chen here. I also love rock climbing." }),
        InDb,
      );
      expect(patched.version).toBe(2);
      expect(patched.persona.interests).toContain("rock climbing");
      expect(patched.computed_from_data_ids).toHaveLength(2);

      await call("POST", "/v1/persona", { raw_text: "My name is Ravi Rao. I work as a bus driver in Leeds." });
      const page = await read(
        await call("GET", "/v1/persona?limit=1&offset=1"),
        z.object({ items: z.array(InDb), total: z.number(), limit: z.number(), offset: z.number() }),
      );
      expect(page).toMatchObject({ total: 2, limit: 1, offset: 1 });
      expect(page.items.map((i) => i.id)).toEqual([created.id]);
    });

    const personaApiBad: Array<[string, string, unknown, number]> = [
      ["POST", "/v1/persona", {}, 422],
      ["POST", "/v1/persona", { raw_text: "" }, 422],
      ["POST", "/v1/persona", { urls: [] }, 422],
      ["POST", "/v1/persona", { urls: ["ftp://example.test/a"] }, 422],
      ["POST", "/v1/persona", { raw_text: "x".repeat(50_001) }, 422],
      ["POST", "/v1/persona", { raw_text: "hi", persona: {} }, 422],
      ["GET", "/v1/persona?limit=0", undefined, 400],
      ["GET", "/v1/persona?offset=-1", undefined, 400],
      ["GET", "/v1/persona/per_nope", undefined, 404],
      ["PATCH", "/v1/persona/per_nope", { raw_text: "hi" }, 404],
    ];
    for (const [method, path, body, status] of personaApiBad) {
      it(`Persona-API: ${method} ${path} ${JSON.stringify(body)?.slice(0, 40) ?? ""} -> ${status}`, async () => {
        const res = await call(method, path, body);
        expect(res.status).toBe(status);
        expect(res.headers.get("content-type")).toBe("application/problem+json");
        expect((await read(res, Problem)).detail).toBeTruthy();
      });
    }

    it("Netlify: process-persona previews without storing, save-persona stores, get-persona reads back", async () => {
      const before = await read(await call("GET", "/v1/personas"), z.object({ data: z.array(z.unknown()) }));
      const processed = await call("POST", "/.netlify/functions/process-persona", { textBlocks: [NOTES], links: [] });
      expect(processed.status).toBe(200);
      const { persona } = await read(processed, z.object({ success: z.literal(true), persona: NetlifyPersona }));
      expect(persona).toMatchObject({ name: "Maya Chen", age: 34, occupation: "pediatric nurse", relationships: [] });
      expect(persona.challenges.join(" ")).toMatch(/shift changes/);
      expect(persona.raw_data).toEqual({ textBlocks: [NOTES], links: [] });
      const after = await read(await call("GET", "/v1/personas"), z.object({ data: z.array(z.unknown()) }));
      expect(after.data).toHaveLength(before.data.length);

      const edited = { ...persona, occupation: "charge nurse" };
      const saved = await read(
        await call("POST", "/.netlify/functions/save-persona", { persona: edited }),
        z.object({ success: z.literal(true), persona_id: z.string(), storage_path: z.string() }),
      );
      expect(saved.storage_path).toBe(`${saved.persona_id}.json`);
      const native = await read(
        await call("GET", `/v1/personas/${saved.persona_id}`),
        z.object({
          persona: Persona,
          evidence: z.record(z.string(), z.unknown()),
          sources: z.array(z.object({ kind: z.string() })),
        }),
      );
      expect(native.persona).toMatchObject({ name: "Maya Chen", occupation: "charge nurse" });
      expect(native.sources.map((s) => s.kind)).toEqual(["imported"]);

      const got = await read(
        await call("GET", `/.netlify/functions/get-persona?persona_id=${saved.persona_id}`),
        z.object({ success: z.literal(true), persona: NetlifyPersona }),
      );
      expect(got.persona).toMatchObject({
        name: "Maya Chen",
        occupation: "charge nurse",
        challenges: persona.challenges,
      });
    });

    const netlifyBad: Array<[string, string, unknown, number]> = [
      ["POST", "/.netlify/functions/process-persona", { textBlocks: [] }, 422],
      ["POST", "/.netlify/functions/process-persona", { textBlocks: ["  "] }, 422],
      ["POST", "/.netlify/functions/process-persona", { textBlocks: ["hi"], links: ["javascript:alert(1)"] }, 422],
      ["POST", "/.netlify/functions/process-persona", { textBlocks: Array(21).fill("x") }, 422],
      ["POST", "/.netlify/functions/process-persona", { textBlocks: ["The weather was fine."] }, 422],
      ["POST", "/.netlify/functions/save-persona", {}, 422],
      ["POST", "/.netlify/functions/save-persona", { persona: { traits: "not a list" } }, 422],
      ["POST", "/.netlify/functions/save-persona", { persona: {} }, 422],
      ["POST", "/.netlify/functions/save-persona", "{", 400],
      ["GET", "/.netlify/functions/get-persona", undefined, 400],
      ["GET", "/.netlify/functions/get-persona?persona_id=persona_abcdefabcdef", undefined, 404],
    ];
    for (const [method, path, body, status] of netlifyBad) {
      it(`Netlify: ${method} ${path.split("/").pop()} ${JSON.stringify(body)?.slice(0, 40) ?? ""} -> ${status}`, async () => {
        const res = await call(method, path, body);
        expect(res.status).toBe(status);
        expect(res.headers.get("content-type")).toBe("application/problem+json");
        const problem = await read(res, NetlifyProblem);
        expect(problem).toMatchObject({ success: false, statusCode: status, status });
        expect(problem.error).toBe(problem.detail);
      });
    }

    it("keeps tenants apart and needs a key, like /v1", async () => {
      const id = (await read(await call("POST", "/v1/persona", { raw_text: NOTES }), z.object({ id: z.string() }))).id;
      const other = await newTenantAuth(services);
      for (const [method, path, body] of [
        ["GET", `/v1/persona/${id}`],
        ["PATCH", `/v1/persona/${id}`, { raw_text: "My name is Hijacked." }],
        ["GET", `/.netlify/functions/get-persona?persona_id=${id}`],
      ] as Array<[string, string, unknown?]>) {
        const res = await call(method, path, body, other);
        expect(res.status, path).toBe(404);
        expect(await res.text()).not.toContain("Maya");
      }
      const list = await read(await call("GET", "/v1/persona", undefined, other), z.object({ total: z.number() }));
      expect(list.total).toBe(0);
      for (const path of ["/.netlify/functions/get-persona?persona_id=x", "/v1/persona"]) {
        expect((await app.request(path)).status).toBe(401);
      }
      const spec = await read(
        await app.request("/openapi.json"),
        z.object({
          paths: z.record(z.string(), z.record(z.string(), z.object({ tags: z.array(z.string()).optional() }))),
        }),
      );
      for (const path of [
        "/v1/persona",
        "/v1/persona/{persona_id}",
        "/.netlify/functions/process-persona",
        "/.netlify/functions/save-persona",
        "/.netlify/functions/get-persona",
      ]) {
        for (const op of Object.values(spec.paths[path] ?? {})) expect(op.tags).toEqual(["compat"]);
      }
    });
  });
}
