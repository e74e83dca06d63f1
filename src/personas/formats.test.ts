import { eq } from "drizzle-orm";
import fc from "fast-check";
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
import { sources } from "../db/schema.ts";
import { Problem } from "../http/openapi.ts";
import { CardV2, CardV3 } from "./formats/card.ts";
import { PersonaFile } from "./formats/json.ts";
import { readPngText, writePngText } from "./formats/png-text.ts";
import { TinyPersonSpec } from "./formats/tinytroupe.ts";
import { PersonaResource } from "./present.ts";

const NOTES = [
  "Interview notes, 2024-03-02.",
  "My name is Maya Chen. I'm 34 years old and I work as a pediatric nurse in Denver, Colorado.",
  "I love trail running and baking sourdough on weekends.",
  'Honestly the scheduling app drives me mad: I\'m frustrated by last-minute shift changes and "surprise" overtime.',
  "My goal is to become a nurse educator.",
].join("\n");

const ROUND_TRIPS = ["json", "ccv2", "ccv3", "ccv3-png", "tinytroupe"] as const;
const FILE_NAMES: Record<string, string> = {
  json: "maya-chen.persona.json",
  markdown: "maya-chen.md",
  ccv2: "maya-chen.card-v2.json",
  ccv3: "maya-chen.card-v3.json",
  "ccv3-png": "maya-chen.card.png",
  tinytroupe: "maya-chen.agent.json",
};

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64");

for (const store of STORES) {
  describe(`persona export and import on ${store.name}`, () => {
    let services: Services;
    let app: ReturnType<typeof buildApp>;
    let auth: Record<string, string>;
    let maya: z.infer<typeof PersonaResource>;

    beforeAll(async () => {
      services = await testServices({ DATABASE_URL: store.databaseUrl, AUTH_MODE: "apikey" });
      app = buildApp(services);
      auth = await newTenantAuth(services);
      maya = await read(await call("POST", "/v1/personas", { texts: [NOTES] }), PersonaResource);
      expect(maya.persona.interests.length).toBeGreaterThan(0);
    });
    afterAll(async () => {
      await services.database.close();
    });

    const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = auth) =>
      sendJson(app, method, path, body, headers);
    const download = async (format: string) => {
      const res = await call("GET", `/v1/personas/${maya.id}/export?format=${format}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-disposition")).toBe(`attachment; filename="${FILE_NAMES[format]}"`);
      return res;
    };
    const importPng = (bytes: Uint8Array, headers: Record<string, string> = auth) =>
      app.request("/v1/personas/import", {
        method: "POST",
        headers: { ...headers, "content-type": "image/png" },
        body: new Uint8Array(bytes),
      });
    const sourceContent = async (id: string) =>
      (await services.database.db.select().from(sources).where(eq(sources.personaId, id)))[0]?.content ?? "";

    for (const format of ROUND_TRIPS) {
      it(`round-trips ${format}: the imported persona has the same values, each quoted from the file`, async () => {
        const res = await download(format);
        let imported: Response;
        if (format === "ccv3-png") {
          expect(res.headers.get("content-type")).toBe("image/png");
          imported = await importPng(new Uint8Array(await res.arrayBuffer()));
        } else {
          expect(res.headers.get("content-type")).toMatch(/^application\/json/);
          imported = await call("POST", "/v1/personas/import", { format, data: await res.json() });
        }
        expect(imported.status).toBe(201);
        const copy = await read(imported, PersonaResource);
        expect(imported.headers.get("location")).toBe(`/v1/personas/${copy.id}`);
        expect(imported.headers.get("etag")).toBe('"1"');
        expect(copy.id).not.toBe(maya.id);
        expect(copy.persona).toEqual(maya.persona);

        // Provenance: the file is the source, every value is evidenced as imported by a quote of it.
        expect(copy.sources).toEqual([
          expect.objectContaining({ kind: "imported", title: expect.stringMatching(/import$/) }),
        ]);
        const content = await sourceContent(copy.id);
        const entries = Object.values(copy.evidence).flat(2);
        expect(entries.length).toBeGreaterThan(5);
        for (const entry of entries) {
          expect(entry).toMatchObject({ source_id: copy.sources[0]?.id, kind: "imported" });
          expect(content).toContain(entry.quote);
        }
        const versions = await read(
          await call("GET", `/v1/personas/${copy.id}/versions`),
          z.object({ data: z.array(z.object({ cause: z.string() })) }),
        );
        expect(versions.data.map((v) => v.cause)).toEqual([`import:${format}`]);
      });
    }

    it("exports JSON that follows its published JSON Schema", async () => {
      const file = PersonaFile.parse(await (await download("json")).json());
      expect(file).toMatchObject({ format: "persona-studio/persona", format_version: 1, id: maya.id, version: 1 });
      expect(file.$schema).toBe("http://localhost/schemas/persona.json");
      expect(file.evidence).toEqual(maya.evidence);
      const schema = await app.request("/schemas/persona.json");
      expect(schema.status).toBe(200);
      expect(schema.headers.get("content-type")).toMatch(/^application\/schema\+json/);
      const body = z
        .object({
          $id: z.string(),
          $schema: z.string(),
          required: z.array(z.string()),
          properties: z.record(z.string(), z.unknown()),
        })
        .parse(await schema.json());
      expect(body.$id).toBe("http://localhost/schemas/persona.json");
      expect(body.$schema).toMatch(/2020-12/);
      for (const key of Object.keys(file)) expect(Object.keys(body.properties)).toContain(key);
      expect(body.required).toEqual(expect.arrayContaining(["format", "persona", "evidence", "sources"]));
    });

    it("writes cards the specs describe, V3 PNG with both chunks", async () => {
      const v2 = CardV2.parse(await (await download("ccv2")).json());
      expect(v2.spec_version).toBe("2.0");
      expect(v2.data.name).toBe("Maya Chen");
      expect(v2.data.description).toMatch(/^Maya Chen, 34, works as a pediatric nurse in Denver, Colorado\./);
      expect(v2.data.description).toContain("Interests: ");
      const v3 = CardV3.parse(await (await download("ccv3")).json());
      expect(v3.data).toMatchObject({
        group_only_greetings: [],
        creator: "Persona Studio",
        source: [`persona-studio:${maya.id}`],
      });
      const png = Buffer.from(await (await download("ccv3-png")).arrayBuffer());
      const chunks = readPngText(png);
      expect(JSON.parse(Buffer.from(chunks.get("ccv3") ?? "", "base64").toString())).toMatchObject({
        spec: "chara_card_v3",
      });
      expect(JSON.parse(Buffer.from(chunks.get("chara") ?? "", "base64").toString())).toMatchObject({
        spec: "chara_card_v2",
      });
      const agent = TinyPersonSpec.parse(await (await download("tinytroupe")).json());
      expect(agent.persona).toMatchObject({ name: "Maya Chen", age: 34, residence: "Denver, Colorado" });
    });

    it("exports a Markdown one-pager with the quote behind each item", async () => {
      const res = await download("markdown");
      expect(res.headers.get("content-type")).toMatch(/^text\/markdown/);
      const md = await res.text();
      expect(md).toMatch(/^# Maya Chen\n/);
      expect(md).toContain("- **Occupation:** pediatric nurse");
      expect(md).toMatch(/## Interests\n\n- trail running — “.*trail running/);
      expect(md).toContain("## Sources");
    });

    it("imports other apps' cards and agents from what they plainly say", async () => {
      const card = {
        spec: "chara_card_v2",
        spec_version: "2.0",
        data: {
          name: "Captain Ro",
          description: "A retired ferry captain who now runs a bait shop on the harbour.",
          personality: "gruff, loyal, superstitious",
          scenario: "",
          first_mes: "Ahoy.",
          mes_example: "",
          creator_notes: "",
          system_prompt: "",
          post_history_instructions: "",
          alternate_greetings: [],
          tags: ["sailor"],
          creator: "someone",
          character_version: "1",
          extensions: {},
        },
      };
      const ro = await read(await call("POST", "/v1/personas/import", { format: "ccv2", data: card }), PersonaResource);
      expect(ro.persona).toMatchObject({
        name: "Captain Ro",
        background: "A retired ferry captain who now runs a bait shop on the harbour.",
        traits: ["gruff", "loyal", "superstitious"],
        occupation: null,
        interests: [],
      });
      // A V2-only PNG (chara chunk) and a card sent as the file's text.
      const v2png = writePngText(Buffer.from(await (await download("ccv3-png")).arrayBuffer()), { chara: b64(card) });
      const withBoth = readPngText(v2png);
      expect(withBoth.has("ccv3")).toBe(true); // the V3 chunk still wins
      const onlyV2 = writePngText(await stripCcv3(v2png), { chara: b64(card) });
      expect((await read(await importPng(onlyV2), PersonaResource)).persona.name).toBe("Captain Ro");
      const asText = await call("POST", "/v1/personas/import", { format: "ccv2", data: JSON.stringify(card) });
      expect((await read(asText, PersonaResource)).persona.name).toBe("Captain Ro");

      const agent = {
        type: "TinyPerson",
        persona: {
          name: "Ines Duarte",
          age: 52,
          residence: "Lisbon, Portugal",
          occupation: { title: "Tram driver", organization: "Carris", description: "You drive the 28 tram." },
          style: "Warm and direct.",
          personality: { traits: ["Patient with tourists.", "Hates being late."], big_five: { openness: "High." } },
          preferences: {
            interests: ["Fado", "Crosswords"],
            likes: ["Quiet mornings"],
            dislikes: ["Broken ticket machines"],
          },
          skills: ["Reading traffic"],
          beliefs: ["Public transport is a public good."],
          long_term_goals: ["Retire to the Algarve."],
          other_facts: ["Grew up in Porto.", "Has driven trams for 25 years."],
          health: "Good.",
        },
      };
      const ines = await read(
        await call("POST", "/v1/personas/import", { format: "tinytroupe", data: agent }),
        PersonaResource,
      );
      expect(ines.persona).toEqual({
        name: "Ines Duarte",
        age: 52,
        occupation: "Tram driver",
        location: "Lisbon, Portugal",
        background: "Grew up in Porto. Has driven trams for 25 years.",
        traits: ["Patient with tourists.", "Hates being late."],
        interests: ["Fado", "Crosswords"],
        skills: ["Reading traffic"],
        values: ["Public transport is a public good."],
        goals: ["Retire to the Algarve."],
        pain_points: ["Broken ticket machines"],
        communication_style: "Warm and direct.",
      });
    });

    async function stripCcv3(png: Buffer): Promise<Buffer> {
      // Rewrite the PNG keeping every chunk but ccv3: decode with pngjs and re-add only chara.
      const { PNG } = await import("pngjs");
      return PNG.sync.write(PNG.sync.read(png));
    }

    it("fits oversized values into the persona's limits, with warnings, instead of refusing the file", async () => {
      const agent = {
        type: "TinyPerson",
        persona: {
          name: "Long Story",
          age: 400,
          skills: Array.from({ length: 60 }, (_, i) => `Skill number ${i}`),
          other_facts: ["x".repeat(2_500)],
          beliefs: ["y".repeat(250)],
        },
      };
      const res = await call("POST", "/v1/personas/import", { format: "tinytroupe", data: agent });
      expect(res.status).toBe(201);
      const p = await read(res, PersonaResource);
      expect(p.persona.age).toBeNull();
      expect(p.persona.skills).toHaveLength(50);
      expect(p.persona.background?.length).toBe(2_000);
      expect(p.persona.values[0]?.length).toBe(200);
      expect(p.warnings.join(" ")).toMatch(/age .* left out.*background was longer.*skills had 60 items/s);
    });

    const bad: Array<[string, unknown, number]> = [
      ["an unknown format", { format: "vcard", data: {} }, 422],
      ["no data", { format: "ccv3" }, 422],
      [
        "a V2 card sent as V3",
        { format: "ccv3", data: { spec: "chara_card_v2", spec_version: "2.0", data: { name: "x" } } },
        422,
      ],
      ["a card without data", { format: "ccv2", data: { spec: "chara_card_v2", spec_version: "2.0" } }, 422],
      [
        "a card with nothing in it",
        { format: "ccv2", data: { spec: "chara_card_v2", spec_version: "2.0", data: { name: " " } } },
        422,
      ],
      ["a persona file with a wrong type", { format: "json", data: { persona: { age: "old" } } }, 422],
      ["a persona file with unknown fields", { format: "json", data: { persona: { name: "A", shoe_size: 9 } } }, 422],
      ["a string that is not JSON", { format: "tinytroupe", data: "{nope" }, 422],
      ["an agent of another type", { format: "tinytroupe", data: { type: "TinyWorld", persona: {} } }, 422],
      ["base64 that is not a PNG", { format: "ccv3-png", data: b64({ a: 1 }) }, 422],
      ["a PNG as a number", { format: "ccv3-png", data: 42 }, 422],
      ["extra keys", { format: "json", data: {}, more: 1 }, 422],
      ["malformed JSON", "{", 400],
    ];
    for (const [name, body, status] of bad) {
      it(`refuses ${name} with a ${status} problem`, async () => {
        const res = await call("POST", "/v1/personas/import", body);
        expect(res.status).toBe(status);
        expect(res.headers.get("content-type")).toBe("application/problem+json");
        expect((await read(res, Problem)).detail.length).toBeGreaterThan(10);
      });
    }

    it("refuses broken PNGs with a reason, never a 5xx", async () => {
      const good = Buffer.from(await (await download("ccv3-png")).arrayBuffer());
      const cases: Array<[Uint8Array, RegExp]> = [
        [new Uint8Array(0), /empty/],
        [Buffer.from("hello"), /not a PNG/],
        [good.subarray(0, good.length - 20), /truncated|past the end|no end/],
        [
          Buffer.concat([good.subarray(0, 40), Buffer.from([0xff]), good.subarray(41)]),
          /corrupt|past the end|malformed/,
        ],
        [await stripCcv3(good), /no ccv3 or chara/],
        [writePngText(await stripCcv3(good), { chara: "%%%" }), /not base64-encoded JSON/],
      ];
      for (const [bytes, reason] of cases) {
        const res = await importPng(bytes);
        expect(res.status, reason.source).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect((await read(res, Problem)).detail).toMatch(reason);
      }
      const wrongType = await call("POST", "/v1/personas/import", "data", { ...auth, "content-type": "text/plain" });
      expect(wrongType.status).toBe(415);
    });

    it("answers any file, mangled or made up, with a success or a 4xx problem", async () => {
      const good = Buffer.from(await (await download("ccv3-png")).arrayBuffer());
      await fc.assert(
        fc.asyncProperty(
          fc.nat({ max: good.length - 1 }),
          fc.nat({ max: 255 }),
          fc.nat({ max: good.length }),
          async (at, byte, cut) => {
            const mangled = Buffer.from(good);
            mangled[at] = byte;
            const res = await importPng(mangled.subarray(0, Math.max(cut, 8)));
            expect(res.status).not.toBeGreaterThanOrEqual(500);
          },
        ),
        { numRuns: 40 },
      );
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...ROUND_TRIPS), fc.jsonValue({ maxDepth: 4 }), async (format, data) => {
          const res = await call("POST", "/v1/personas/import", { format, data });
          expect(res.status).toBeLessThan(500);
        }),
        { numRuns: 80 },
      );
      const cardish = fc.record({
        spec: fc.constantFrom("chara_card_v2", "chara_card_v3"),
        spec_version: fc.oneof(fc.string(), fc.integer()),
        data: fc.record(
          {
            name: fc.oneof(fc.string(), fc.integer()),
            description: fc.string({ maxLength: 3000 }),
            personality: fc.string(),
            extensions: fc.oneof(
              fc.record({ persona_studio: fc.jsonValue({ maxDepth: 3 }) }),
              fc.jsonValue({ maxDepth: 2 }),
            ),
          },
          { requiredKeys: [] },
        ),
      });
      await fc.assert(
        fc.asyncProperty(fc.constantFrom("ccv2", "ccv3"), cardish, async (format, data) => {
          const res = await call("POST", "/v1/personas/import", { format, data });
          expect(res.status).toBeLessThan(500);
        }),
        { numRuns: 60 },
      );
    }, 120_000);

    it("exports only the tenant's own personas", async () => {
      const other = await newTenantAuth(services);
      const res = await call("GET", `/v1/personas/${maya.id}/export?format=ccv3`, undefined, other);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain("Maya");
      expect((await call("GET", `/v1/personas/${maya.id}/export?format=docx`)).status).toBe(400);
    });
  });
}
