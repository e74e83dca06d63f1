import { Writable } from "node:stream";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Services } from "../src/context.ts";
import { decodeKeyset, encodeKeyset } from "../src/db/keyset.ts";
import { createLogger } from "../src/logger.ts";
import { buildApp, newTenantAuth, STORES, sendJson, testServices } from "./support/services.ts";

const Id = z.object({ id: z.string() });
const Page = z.object({ data: z.array(z.unknown()), next_cursor: z.string().nullable() });
const b64 = (text: string) => Buffer.from(text).toString("base64url");

/**
 * The test's own statement of the format the server emits, written without the server's decoder: base64url (no
 * padding) of `["<toISOString() of a year 1-9999>","<id>"]` for keyset lists, of `seq:<n>` for messages.
 */
function emittedFormat(cursor: string, kind: "keyset" | "seq"): boolean {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  if (b64(text) !== cursor) return false;
  if (kind === "seq") return /^seq:[1-9]\d{0,8}$/.test(text);
  try {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value) || value.length !== 2) return false;
    const [iso, id] = value as unknown[];
    if (typeof iso !== "string" || typeof id !== "string") return false;
    const at = new Date(iso);
    const year = at.getUTCFullYear();
    return (
      !Number.isNaN(at.getTime()) &&
      at.toISOString() === iso &&
      year >= 1 &&
      year <= 9999 &&
      /^[a-z]{3}_[0-9a-hjkmnp-tv-z]{20}$/.test(id) &&
      JSON.stringify([iso, id]) === text
    );
  } catch {
    return false;
  }
}

/** Cursors that look like ours but are not: other dates, NUL bytes, padding, whitespace, other JSON shapes. */
function craftedCursors(valid: string[]): fc.Arbitrary<string> {
  const id = fc.oneof(
    fc.constant("per_0123456789abcdefghjk"),
    fc.string({ maxLength: 30 }),
    fc.constant("per_0123456789abcdefghj\u0000"),
  );
  const isoLike = fc.oneof(
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    fc.constantFrom(
      "+275760-09-13T00:00:00.000Z",
      "-271821-04-20T00:00:00.000Z",
      "0000-01-01T00:00:00.000Z",
      "9999-12-31T23:59:59.999Z",
      "2024-02-30T00:00:00.000Z",
      "2024-01-01T00:00:00Z",
      "2024-01-01T00:00:00.000+01:00",
      "2024-01-01",
      "2024-01-01T00:00:00.000Z\u0000",
      "infinity",
      "epoch",
    ),
    fc.string({ maxLength: 40 }),
  );
  const mutated = fc
    .tuple(fc.constantFrom(...valid), fc.nat(), fc.string({ minLength: 1, maxLength: 2 }))
    .map(([c, at, insert]) => c.slice(0, at % c.length) + insert + c.slice((at % c.length) + 1));
  return fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.tuple(isoLike, id).map(([iso, i]) => b64(JSON.stringify([iso, i]))),
    fc.tuple(isoLike, id).map(([iso, i]) => b64(JSON.stringify([iso, i], null, 1))),
    fc.jsonValue({ maxDepth: 2 }).map((v) => b64(JSON.stringify(v) ?? "null")),
    fc.oneof(fc.integer(), fc.string({ maxLength: 12 })).map((n) => b64(`seq:${n}`)),
    fc.constantFrom(...valid).map((c) => `${c}=`),
    fc.constantFrom(...valid).map((c) => ` ${c}`),
    mutated,
  );
}

for (const store of STORES) {
  describe(`list cursors on ${store.name}`, () => {
    const errors: string[] = [];
    let services: Services;
    let app: ReturnType<typeof buildApp>;
    let auth: Record<string, string>;
    const lists: Record<string, string> = {};
    const validCursors: string[] = [];

    beforeAll(async () => {
      const sink = new Writable({
        write(chunk, _encoding, done) {
          if (/"level":50/.test(chunk.toString())) errors.push(chunk.toString());
          done();
        },
      });
      services = await testServices(
        { DATABASE_URL: store.databaseUrl, AUTH_MODE: "apikey", RATE_LIMIT_PER_MINUTE: "0" },
        { logger: createLogger("error", sink) },
      );
      app = buildApp(services);
      auth = await newTenantAuth(services);
      const post = async (path: string, body: unknown) => {
        const res = await sendJson(app, "POST", path, body, auth);
        expect(res.status, path).toBeLessThan(300);
        return Id.parse(await res.json()).id;
      };
      const personaIds = [];
      for (const name of ["Ana Costa", "Rui Lopes"]) {
        personaIds.push(await post("/v1/personas", { texts: [`I'm ${name}, a ceramicist in Porto.`] }));
      }
      const [persona] = personaIds;
      const projectIds = [await post("/v1/projects", { name: "One" }), await post("/v1/projects", { name: "Two" })];
      const chats = [
        await post(`/v1/personas/${persona}/conversations`, {}),
        await post(`/v1/personas/${persona}/conversations`, {}),
      ];
      await post(`/v1/projects/${projectIds[0]}/conversations`, { interviewer: "pm" });
      await post(`/v1/projects/${projectIds[0]}/conversations`, { interviewer: "ux" });
      const said = await sendJson(app, "POST", `/v1/conversations/${chats[0]}/messages`, { content: "Hi" }, auth);
      expect(said.status).toBe(200);
      lists.personas = "/v1/personas?limit=1";
      lists.projects = "/v1/projects?limit=1";
      lists.persona_conversations = `/v1/personas/${persona}/conversations?limit=1`;
      lists.project_conversations = `/v1/projects/${projectIds[0]}/conversations?limit=1`;
      lists.messages = `/v1/conversations/${chats[0]}/messages?limit=1`;
    }, 120_000);
    afterAll(async () => {
      await services.database.close();
    });

    it("walks every list with the cursors the server emits", async () => {
      for (const [name, path] of Object.entries(lists)) {
        const first = Page.parse(await (await app.request(path, { headers: auth })).json());
        expect(first.next_cursor, name).toEqual(expect.any(String));
        const cursor = first.next_cursor ?? "";
        validCursors.push(cursor);
        const second = await app.request(`${path}&cursor=${encodeURIComponent(cursor)}`, { headers: auth });
        expect(second.status, name).toBe(200);
        expect(Page.parse(await second.json()).data.length, name).toBe(1);
      }
    });

    it("answers 400 naming the cursor for anything else, on all five lists, and never logs an error", async () => {
      const paths = Object.values(lists);
      await fc.assert(
        fc.asyncProperty(craftedCursors(validCursors), fc.constantFrom(...paths), async (cursor, path) => {
          const res = await app.request(`${path}&cursor=${encodeURIComponent(cursor)}`, { headers: auth });
          if (cursor === "" || emittedFormat(cursor, path.includes("/messages") ? "seq" : "keyset")) {
            expect(res.status, `${path} cursor=${JSON.stringify(cursor)}`).toBe(200);
            return;
          }
          expect(res.status, `${path} cursor=${JSON.stringify(cursor)}`).toBe(400);
          const problem = z.object({ code: z.string(), errors: z.array(z.object({ path: z.string() })) });
          const body = problem.parse(await res.json());
          expect(body.errors.map((e) => e.path)).toContain("cursor");
        }),
        { numRuns: store.name === "postgres" ? 200 : 120 },
      );
      expect(errors).toEqual([]);
    }, 180_000);
  });
}

describe("keyset cursors", () => {
  it("decode exactly what they encode, for every instant Postgres and JavaScript share", () => {
    const id = "cnv_0123456789abcdefghjk";
    fc.assert(
      fc.property(
        fc.date({ min: new Date("0001-01-01T00:00:00.000Z"), max: new Date("9999-12-31T23:59:59.999Z") }),
        (at) => {
          if (Number.isNaN(at.getTime())) return;
          const cursor = encodeKeyset({ at, id });
          expect(decodeKeyset(cursor)).toEqual({ at, id });
        },
      ),
    );
  });
});
