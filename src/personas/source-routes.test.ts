import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildApp,
  newTenantAuth,
  readJson as read,
  STORES,
  sendJson,
  testServices,
} from "../../test/support/services.ts";
import type { Services } from "../context.ts";
import { SourceResource } from "./get-source.ts";
import { PersonaResource } from "./present.ts";

const NOTES = "Interview notes.\nMy name is Maya Chen. I work as a pediatric nurse in Denver, Colorado.";

for (const store of STORES) {
  describe(`GET /v1/personas/{id}/sources/{source_id} on ${store.name}`, () => {
    let services: Services;
    let app: ReturnType<typeof buildApp>;
    let alice: Record<string, string>;
    let bob: Record<string, string>;

    beforeAll(async () => {
      services = await testServices({ DATABASE_URL: store.databaseUrl, AUTH_MODE: "apikey" });
      app = buildApp(services);
      alice = await newTenantAuth(services);
      bob = await newTenantAuth(services);
    });
    afterAll(async () => {
      await services.database.close();
    });

    it("answers the source with the text every evidence quote is a span of", async () => {
      const created = await read(
        await sendJson(app, "POST", "/v1/personas", { texts: [NOTES] }, alice),
        PersonaResource,
      );
      const [entry] = created.evidence.location;
      expect(entry).toBeDefined();
      const res = await app.request(`/v1/personas/${created.id}/sources/${entry?.source_id}`, { headers: alice });
      expect(res.status).toBe(200);
      const source = await read(res, SourceResource);
      expect(source).toMatchObject({ id: entry?.source_id, kind: "text", chars: source.text.length });
      expect(source.text).toContain(entry?.quote);
    });

    it("answers 404 for an unknown source, a malformed id and another tenant's persona", async () => {
      const created = await read(
        await sendJson(app, "POST", "/v1/personas", { texts: [NOTES] }, alice),
        PersonaResource,
      );
      const sourceId = created.sources[0]?.id;
      const other = await read(await sendJson(app, "POST", "/v1/personas", { texts: [NOTES] }, alice), PersonaResource);
      for (const [path, headers] of [
        [`/v1/personas/${created.id}/sources/src_00000000000000000000`, alice],
        [`/v1/personas/${created.id}/sources/not-an-id`, alice],
        // A source of another persona is not reachable through this one.
        [`/v1/personas/${other.id}/sources/${sourceId}`, alice],
        [`/v1/personas/${created.id}/sources/${sourceId}`, bob],
      ] as const) {
        const res = await app.request(path, { headers });
        expect(res.status, path).toBe(404);
        expect(res.headers.get("content-type")).toContain("application/problem+json");
      }
    });
  });
}
