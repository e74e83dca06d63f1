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
import { ensureTenant } from "../auth/tenants.ts";
import type { Services } from "../context.ts";
import { Problem } from "../http/openapi.ts";
import { Changes } from "./merge.ts";
import { PersonaResource } from "./present.ts";
import { PersonaVersion, VersionSummary } from "./versions.ts";

// Responses are parsed with the API's own schemas, so every test also checks the documented shape.
const Resource = PersonaResource.extend({ changes: Changes.optional() });
const Versions = z.object({ data: z.array(VersionSummary) });
const ListPage = z.object({ data: z.array(z.object({ id: z.string() })), next_cursor: z.string().nullable() });

const NOTES = [
  "Interview notes, 2024-03-02.",
  "My name is Maya Chen. I'm 34 years old and I work as a pediatric nurse in Denver, Colorado.",
  "I love trail running and baking sourdough on weekends.",
  "Honestly the scheduling app drives me mad: I'm frustrated by last-minute shift changes.",
  "My goal is to become a nurse educator.",
].join("\n");

const MORE = [
  "Follow-up call, 2024-09-10.",
  "Maya Chen here. I moved to Boulder, Colorado in the summer. I also love rock climbing.",
].join("\n");

for (const store of STORES) {
  describe(`persona API on ${store.name}`, () => {
    let services: Services;
    let app: ReturnType<typeof buildApp>;
    let tenantHeader: Record<string, string>;

    beforeAll(async () => {
      services = await testServices({ DATABASE_URL: store.databaseUrl, AUTH_MODE: "apikey" });
      app = buildApp(services);
      tenantHeader = await newTenantAuth(services);
    });
    afterAll(async () => {
      await services.database.close();
    });

    const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      sendJson(app, method, path, body, { ...tenantHeader, ...headers });

    async function createMaya() {
      const res = await call("POST", "/v1/personas", { texts: [NOTES] });
      expect(res.status).toBe(201);
      return { res, body: await read(res, Resource) };
    }

    it("stores text with a lone UTF-16 surrogate (as U+FFFD) and reads it back the same", async () => {
      const res = await call("POST", "/v1/personas", { texts: [`${NOTES}\nA broken character: \ud800 here.`] });
      expect(res.status).toBe(201);
      const body = await read(res, Resource);
      expect(body.persona.name).toBe("Maya Chen");
      const got = await call("GET", `/v1/personas/${body.id}`);
      expect(await got.json()).toEqual(body);
    });

    it("creates a persona with evidence, Location and ETag, and reads it back", async () => {
      const { res, body } = await createMaya();
      expect(res.headers.get("location")).toBe(`/v1/personas/${body.id}`);
      expect(res.headers.get("etag")).toBe('"1"');
      expect(body.version).toBe(1);
      expect(body.persona.name).toBe("Maya Chen");
      expect(body.persona.age).toBe(34);
      expect(body.sources).toHaveLength(1);
      expect(body.sources[0]).toMatchObject({ kind: "text", chars: expect.any(Number), sha256: expect.any(String) });
      expect(body.usage).toMatchObject({ engine: "offline", llm_calls: 0 });
      // Every evidence quote names a stored source.
      const sourceIds = new Set(body.sources.map((s) => s.id));
      for (const entry of body.evidence.name) expect(sourceIds.has(entry.source_id)).toBe(true);
      expect(body.evidence.name[0]?.quote).toContain("Maya Chen");

      const got = await call("GET", `/v1/personas/${body.id}`);
      expect(got.status).toBe(200);
      expect(got.headers.get("etag")).toBe('"1"');
      expect(await got.json()).toEqual(body);
    });

    it("accepts curl's default content type for a JSON body", async () => {
      const res = await app.request("/v1/personas", {
        method: "POST",
        headers: { ...tenantHeader, "content-type": "application/x-www-form-urlencoded" },
        body: JSON.stringify({ texts: [NOTES] }),
      });
      expect(res.status).toBe(201);
      // …but not from a browser page elsewhere, which could send it without a CORS preflight.
      const forged = await app.request("/v1/personas", {
        method: "POST",
        headers: {
          ...tenantHeader,
          "content-type": "application/x-www-form-urlencoded",
          origin: "https://evil.example",
        },
        body: JSON.stringify({ texts: [NOTES] }),
      });
      expect(forged.status).toBe(415);
    });

    it("merges new material: changes with a conflict, version 2, both values kept in the conflict", async () => {
      const { body: created } = await createMaya();
      const res = await call("PATCH", `/v1/personas/${created.id}`, { texts: [MORE] }, { "if-match": '"1"' });
      expect(res.status).toBe(200);
      expect(res.headers.get("etag")).toBe('"2"');
      const body = await read(res, Resource);
      expect(body.version).toBe(2);
      expect(body.sources).toHaveLength(2);
      // Dated headers become the sources' material dates, which decide recency.
      expect(body.sources.map((s) => s.date)).toEqual(["2024-03-02", "2024-09-10"]);
      const location = body.changes?.conflicts.find((c) => c.field === "location");
      expect(location).toMatchObject({ resolution: "incoming", rule: "recency" });
      expect(location?.current.value).toMatch(/Denver/);
      expect(location?.incoming.value).toMatch(/Boulder/);
      expect(location?.current.evidence[0]?.source_id).not.toBe(location?.incoming.evidence[0]?.source_id);
      expect(body.persona.location).toMatch(/Boulder/);
      expect(body.persona.name).toBe("Maya Chen");

      const versions = await read(await call("GET", `/v1/personas/${created.id}/versions`), Versions);
      expect(versions.data.map((v) => [v.version, v.cause])).toEqual([
        [1, "create"],
        [2, "merge"],
      ]);
      const v1 = await read(await call("GET", `/v1/personas/${created.id}/versions/1`), PersonaVersion);
      expect(v1.persona.location).toMatch(/Denver/);
      // Any two versions, either order.
      const back = await read(await call("GET", `/v1/personas/${created.id}/versions/1?compare_to=2`), PersonaVersion);
      expect(back.compared_to).toBe(2);
      expect(back.diff).toContainEqual({
        field: "location",
        op: "replace",
        from: body.persona.location,
        to: v1.persona.location,
      });
      expect((await call("GET", `/v1/personas/${created.id}/versions/1?compare_to=9`)).status).toBe(404);
    });

    it("keeps the newer material's values when older material is merged after it", async () => {
      const tickets = [
        "Support tickets, 2024-09-02.",
        "My name is Rosa Lindqvist. I'm 41 years old and I work as a logistics manager in Gothenburg.",
      ].join("\n");
      const interview = [
        "Interview notes, 2024-03-14.",
        "My name is Rosa Lindqvist. I'm 40 years old and I work as a warehouse supervisor in Malmö.",
      ].join("\n");
      const created = await read(await call("POST", "/v1/personas", { texts: [tickets] }), Resource);
      expect(created.persona).toMatchObject({ age: 41, location: "Gothenburg" });
      const res = await call("PATCH", `/v1/personas/${created.id}`, { texts: [interview] });
      expect(res.status).toBe(200);
      const body = await read(res, Resource);
      expect(body.sources.map((s) => s.date)).toEqual(["2024-09-02", "2024-03-14"]);
      expect(body.persona).toMatchObject({ age: 41, location: "Gothenburg" });
      expect(body.persona.occupation).toMatch(/logistics manager/);
      const age = body.changes?.conflicts.find((c) => c.field === "age");
      expect(age).toMatchObject({
        current: { value: 41 },
        incoming: { value: 40 },
        resolution: "current",
        rule: "recency",
      });
    });

    it("edits fields with a merge patch, evidenced by a manual source, and restores an old version", async () => {
      const { body: created } = await createMaya();
      const res = await call(
        "PATCH",
        `/v1/personas/${created.id}`,
        JSON.stringify({ occupation: "Nurse educator", traits: ["patient"], age: null }),
        { "content-type": "application/merge-patch+json" },
      );
      expect(res.status).toBe(200);
      const edited = await read(res, Resource);
      expect(edited.version).toBe(2);
      expect(edited.persona).toMatchObject({ occupation: "Nurse educator", traits: ["patient"], age: null });
      expect(edited.evidence.occupation[0]).toMatchObject({ quote: "Nurse educator", kind: "stated" });
      const manual = edited.sources.find((s) => s.kind === "manual");
      expect(manual?.id).toBe(edited.evidence.occupation[0]?.source_id);

      const restored = await call("PATCH", `/v1/personas/${created.id}`, { restore_version: 1 });
      expect(restored.status).toBe(200);
      const body = await read(restored, Resource);
      expect(body.version).toBe(3);
      expect(body.persona).toEqual(created.persona);
      const versions = await read(await call("GET", `/v1/personas/${created.id}/versions`), Versions);
      expect(versions.data.at(-1)).toMatchObject({ version: 3, cause: "restore:1" });
    });

    it("answers 412 on a stale If-Match and changes nothing", async () => {
      const { body: created } = await createMaya();
      await call("PATCH", `/v1/personas/${created.id}`, JSON.stringify({ occupation: "Nurse" }), {
        "content-type": "application/merge-patch+json",
      });
      const stale = await call("PATCH", `/v1/personas/${created.id}`, JSON.stringify({ occupation: "Chef" }), {
        "content-type": "application/merge-patch+json",
        "if-match": '"1"',
      });
      expect(stale.status).toBe(412);
      expect(stale.headers.get("content-type")).toBe("application/problem+json");
      const now = await read(await call("GET", `/v1/personas/${created.id}`), Resource);
      expect(now).toMatchObject({ version: 2, persona: { occupation: "Nurse" } });
    });

    it("lists newest first with a cursor and searches with q", async () => {
      const headers = { ...(await newTenantAuth(services)), "content-type": "application/json" };
      const ids: string[] = [];
      for (const who of ["Ana Lopez, a teacher in Lima", "Ben Okoro, a farmer in Kano", "Cy Park, a pilot in Busan"]) {
        const res = await app.request("/v1/personas", {
          method: "POST",
          headers,
          body: JSON.stringify({ texts: [`My name is ${who.split(",")[0]}. I work as ${who.split(", ")[1]}.`] }),
        });
        ids.push((await read(res, Resource)).id);
      }
      const page1 = await read(await app.request("/v1/personas?limit=2", { headers }), ListPage);
      expect(page1.data.map((p) => p.id)).toEqual([ids[2], ids[1]]);
      expect(page1.next_cursor).toEqual(expect.any(String));
      const page2 = await read(
        await app.request(`/v1/personas?limit=2&cursor=${page1.next_cursor}`, { headers }),
        ListPage,
      );
      expect(page2.data.map((p) => p.id)).toEqual([ids[0]]);
      expect(page2.next_cursor).toBeNull();

      const found = await read(await app.request("/v1/personas?q=okor", { headers }), ListPage);
      expect(found.data.map((p) => p.id)).toEqual([ids[1]]);
      const none = await read(await app.request("/v1/personas?q=zzzz", { headers }), ListPage);
      expect(none.data).toEqual([]);
    });

    it("deletes a persona with its versions and sources", async () => {
      const { body: created } = await createMaya();
      expect((await call("DELETE", `/v1/personas/${created.id}`)).status).toBe(204);
      expect((await call("GET", `/v1/personas/${created.id}`)).status).toBe(404);
      expect((await call("GET", `/v1/personas/${created.id}/versions`)).status).toBe(404);
      expect((await call("DELETE", `/v1/personas/${created.id}`)).status).toBe(404);
      const { sources, personaVersions } = await import("../db/schema.ts");
      const { eq } = await import("drizzle-orm");
      expect(await services.database.db.select().from(sources).where(eq(sources.personaId, created.id))).toEqual([]);
      expect(
        await services.database.db.select().from(personaVersions).where(eq(personaVersions.personaId, created.id)),
      ).toEqual([]);
    });

    describe("bad input gets the right problem and writes nothing", () => {
      const cases: Array<{
        name: string;
        method: string;
        path?: string;
        body?: string;
        headers?: Record<string, string>;
        status: number;
        errorPath?: string;
      }> = [
        { name: "empty body", method: "POST", body: "", status: 400 },
        { name: "malformed JSON", method: "POST", body: "{texts:", status: 400 },
        { name: "not an object", method: "POST", body: "[]", status: 422 },
        {
          name: "wrong type",
          method: "POST",
          body: JSON.stringify({ texts: "hello" }),
          status: 422,
          errorPath: "texts",
        },
        {
          name: "wrong item type",
          method: "POST",
          body: JSON.stringify({ texts: [42] }),
          status: 422,
          errorPath: "texts/0",
        },
        { name: "unknown field", method: "POST", body: JSON.stringify({ texts: ["hi"], colour: "red" }), status: 422 },
        { name: "no texts", method: "POST", body: JSON.stringify({ texts: [] }), status: 422, errorPath: "texts" },
        {
          name: "only blank texts",
          method: "POST",
          body: JSON.stringify({ texts: ["  "] }),
          status: 422,
          errorPath: "texts",
        },
        {
          name: "too many texts",
          method: "POST",
          body: JSON.stringify({ texts: Array(21).fill("I am Al.") }),
          status: 422,
          errorPath: "texts",
        },
        {
          name: "too many urls",
          method: "POST",
          body: JSON.stringify({ urls: Array(26).fill("http://127.0.0.1:9/") }),
          status: 422,
          errorPath: "urls",
        },
        {
          name: "non-http url",
          method: "POST",
          body: JSON.stringify({ urls: ["file:///etc/passwd"] }),
          status: 422,
          errorPath: "urls/0",
        },
        {
          name: "unknown engine",
          method: "POST",
          body: JSON.stringify({ texts: ["hi"], engine: "gpt" }),
          status: 422,
          errorPath: "engine",
        },
        {
          name: "llm engine with none configured",
          method: "POST",
          body: JSON.stringify({ texts: ["hi"], engine: "llm" }),
          status: 422,
          errorPath: "engine",
        },
        {
          name: "unsupported media type",
          method: "POST",
          body: "texts=hi",
          headers: { "content-type": "text/plain" },
          status: 415,
        },
        { name: "invalid id", method: "GET", path: "/v1/personas/not-an-id", status: 404 },
        { name: "unknown id", method: "GET", path: "/v1/personas/per_00000000000000000000", status: 404 },
        { name: "bad limit", method: "GET", path: "/v1/personas?limit=0", status: 400, errorPath: "limit" },
        { name: "bad cursor", method: "GET", path: "/v1/personas?cursor=abc", status: 400, errorPath: "cursor" },
        {
          name: "bad version number",
          method: "GET",
          path: "/v1/personas/per_00000000000000000000/versions/x",
          status: 400,
          errorPath: "version",
        },
        { name: "unknown route", method: "GET", path: "/v1/nothing-here", status: 404 },
      ];
      for (const c of cases) {
        it(`${c.name} -> ${c.status}`, async () => {
          const before = await read(await call("GET", "/v1/personas?limit=100"), ListPage);
          const res = await app.request(c.path ?? "/v1/personas", {
            method: c.method,
            headers: { ...tenantHeader, "content-type": "application/json", ...(c.headers ?? {}) },
            ...(c.body !== undefined ? { body: c.body } : {}),
          });
          expect(res.status).toBe(c.status);
          expect(res.headers.get("content-type")).toBe("application/problem+json");
          const problem = await read(res, Problem);
          expect(problem.status).toBe(c.status);
          expect(problem.request_id).toEqual(expect.any(String));
          if (c.errorPath) expect(problem.errors?.map((e) => e.path)).toContain(c.errorPath);
          const after = await read(await call("GET", "/v1/personas?limit=100"), ListPage);
          expect(after.data.length).toBe(before.data.length);
        });
      }

      it("rejects a text over the character limit with 422", async () => {
        const res = await call("POST", "/v1/personas", { texts: ["a".repeat(8_000_001)] });
        expect(res.status).toBe(422);
        expect((await read(res, Problem)).errors?.[0]?.path).toBe("texts/0");
      });

      it("rejects malformed and invalid merge patches without a new version", async () => {
        const { body: created } = await createMaya();
        const patch = (body: string) =>
          call("PATCH", `/v1/personas/${created.id}`, body, { "content-type": "application/merge-patch+json" });
        const bad: Array<[string, number, string?]> = [
          ["{", 400],
          ["[1,2]", 422],
          [JSON.stringify({ favourite_colour: "red" }), 422, "favourite_colour"],
          [JSON.stringify({ age: "old" }), 422, "age"],
          [JSON.stringify({ age: 400 }), 422, "age"],
          [JSON.stringify({ traits: "kind" }), 422, "traits"],
          [JSON.stringify({ traits: ["x".repeat(201)] }), 422, "traits/0"],
          [JSON.stringify({}), 422],
        ];
        for (const [body, status, path] of bad) {
          const res = await patch(body);
          expect(res.status, body).toBe(status);
          if (path) expect((await read(res, Problem)).errors?.map((e) => e.path)).toContain(path);
        }
        const versions = await read(await call("GET", `/v1/personas/${created.id}/versions`), Versions);
        expect(versions.data).toHaveLength(1);
      });

      it("answers 404 for restoring a version that does not exist", async () => {
        const { body: created } = await createMaya();
        const res = await call("PATCH", `/v1/personas/${created.id}`, { restore_version: 9 });
        expect(res.status).toBe(404);
      });
    });
  });
}

describe("limits and auth", () => {
  let services: Services;
  beforeAll(async () => {
    services = await testServices({ BODY_LIMIT_BYTES: "1000" });
  });
  afterAll(async () => {
    await services.database.close();
  });

  it("answers 413 for a body over the limit", async () => {
    const app = buildApp(services);
    const res = await app.request("/v1/personas", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ texts: ["x".repeat(2000)] }),
    });
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });

  it("serves health, readiness, the OpenAPI document and the docs page", async () => {
    const app = buildApp(services);
    expect(await (await app.request("/healthz")).json()).toEqual({ status: "ok" });
    expect(await (await app.request("/readyz")).json()).toEqual({ status: "ok", database: "ok" });
    const doc = z
      .object({ openapi: z.string(), paths: z.record(z.string(), z.record(z.string(), z.unknown())) })
      .parse(await (await app.request("/openapi.json")).json());
    expect(doc.openapi).toBe("3.1.0");
    for (const path of [
      "/v1/personas",
      "/v1/personas/{id}",
      "/v1/personas/{id}/versions",
      "/v1/personas/{id}/versions/{version}",
      "/healthz",
      "/readyz",
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(Object.keys(doc.paths["/v1/personas/{id}"] ?? {})).toEqual(
      expect.arrayContaining(["get", "patch", "delete"]),
    );
    const docs = await app.request("/docs");
    expect(await docs.text()).toContain("/docs/assets/swagger-ui-bundle.js");
    expect((await app.request("/docs/assets/swagger-ui-bundle.js")).status).toBe(200);
  });

  it("describes its capabilities so clients offer only what works", async () => {
    const res = await buildApp(services).request("/v1/capabilities");
    expect(await res.json()).toMatchObject({
      engines: { offline: true, llm: null },
      default_engine: "offline",
      auth_mode: "none",
      limits: { body_bytes: 1000, texts: 20, urls: 25 },
    });
  });

  it("answers 401 in apikey mode without a valid key", async () => {
    const keyed = await testServices({ AUTH_MODE: "apikey" });
    try {
      const app = buildApp(keyed);
      for (const authorization of [
        undefined,
        "Bearer nope",
        "Basic abc",
        "Bearer ps_aaaaaaaaaaaa_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
      ]) {
        const res = await app.request("/v1/personas", { headers: authorization ? { authorization } : {} });
        expect(res.status).toBe(401);
        expect(res.headers.get("www-authenticate")).toContain("Bearer");
      }
      expect((await app.request("/healthz")).status).toBe(200);
    } finally {
      await keyed.database.close();
    }
  });

  it("scopes JWT callers by their subject", async () => {
    const { SignJWT } = await import("jose");
    const secret = "s".repeat(32);
    const jwt = await testServices({ AUTH_MODE: "jwt", JWT_SECRET: secret });
    try {
      const app = buildApp(jwt);
      const token = (sub: string) =>
        new SignJWT({})
          .setProtectedHeader({ alg: "HS256" })
          .setSubject(sub)
          .setExpirationTime("5m")
          .sign(new TextEncoder().encode(secret));
      const alice = { authorization: `Bearer ${await token("alice")}`, "content-type": "application/json" };
      const bob = { authorization: `Bearer ${await token("bob")}` };
      const created = await app.request("/v1/personas", {
        method: "POST",
        headers: alice,
        body: JSON.stringify({ texts: ["My name is Al Green. I am a baker."] }),
      });
      expect(created.status).toBe(201);
      const { id } = await read(created, Resource);
      expect((await app.request(`/v1/personas/${id}`, { headers: alice })).status).toBe(200);
      expect((await app.request(`/v1/personas/${id}`, { headers: bob })).status).toBe(404);
      const forged = await new SignJWT({})
        .setProtectedHeader({ alg: "HS256" })
        .setSubject("alice")
        .sign(new TextEncoder().encode("x".repeat(32)));
      expect((await app.request(`/v1/personas/${id}`, { headers: { authorization: `Bearer ${forged}` } })).status).toBe(
        401,
      );
    } finally {
      await jwt.database.close();
    }
  });

  it("keeps the local tenant usable in AUTH_MODE=none", async () => {
    expect(await ensureTenant(services.database.db, "local", "ten_local")).toBe("ten_local");
  });
});
