import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Services } from "../src/context.ts";
import { buildApp, newTenantAuth, STORES, testServices } from "./support/services.ts";

const ListPage = z.object({ data: z.array(z.object({ id: z.string() })) });

for (const store of STORES) {
  describe(`tenant isolation on ${store.name}`, () => {
    let services: Services;
    let app: ReturnType<typeof buildApp>;
    let owner: Record<string, string>;
    let stranger: Record<string, string>;
    let id: string;

    beforeAll(async () => {
      services = await testServices({ DATABASE_URL: store.databaseUrl, AUTH_MODE: "apikey" });
      app = buildApp(services);
      owner = await newTenantAuth(services);
      stranger = await newTenantAuth(services);
      const res = await app.request("/v1/personas", {
        method: "POST",
        headers: { ...owner, "content-type": "application/json" },
        body: JSON.stringify({ texts: ["My name is Quentin Blake. I am a zookeeper in Leeds."] }),
      });
      id = z.object({ id: z.string() }).parse(await res.json()).id;
    });
    afterAll(async () => {
      await services.database.close();
    });

    const routes: Array<{ name: string; method: string; path: () => string; body?: string; type?: string }> = [
      { name: "get", method: "GET", path: () => `/v1/personas/${id}` },
      { name: "versions", method: "GET", path: () => `/v1/personas/${id}/versions` },
      { name: "version 1", method: "GET", path: () => `/v1/personas/${id}/versions/1` },
      {
        name: "merge patch",
        method: "PATCH",
        path: () => `/v1/personas/${id}`,
        body: JSON.stringify({ name: "Hijacked" }),
        type: "application/merge-patch+json",
      },
      {
        name: "new material",
        method: "PATCH",
        path: () => `/v1/personas/${id}`,
        body: JSON.stringify({ texts: ["My name is Hijacked."] }),
        type: "application/json",
      },
      {
        name: "restore",
        method: "PATCH",
        path: () => `/v1/personas/${id}`,
        body: JSON.stringify({ restore_version: 1 }),
        type: "application/json",
      },
      { name: "delete", method: "DELETE", path: () => `/v1/personas/${id}` },
    ];

    for (const route of routes) {
      it(`another tenant's ${route.name} answers 404`, async () => {
        const res = await app.request(route.path(), {
          method: route.method,
          headers: { ...stranger, ...(route.type ? { "content-type": route.type } : {}) },
          ...(route.body ? { body: route.body } : {}),
        });
        expect(res.status).toBe(404);
        expect(await res.text()).not.toContain("Quentin");
      });
    }

    it("another tenant's list and search do not show it", async () => {
      for (const path of ["/v1/personas", "/v1/personas?q=quentin"]) {
        const page = ListPage.parse(await (await app.request(path, { headers: stranger })).json());
        expect(page.data.map((p) => p.id)).not.toContain(id);
      }
      const mine = ListPage.parse(await (await app.request("/v1/personas?q=quentin", { headers: owner })).json());
      expect(mine.data.map((p) => p.id)).toEqual([id]);
    });

    it("leaves the owner's persona untouched", async () => {
      const res = await app.request(`/v1/personas/${id}`, { headers: owner });
      expect(res.status).toBe(200);
      const body = z
        .object({ version: z.number(), persona: z.object({ name: z.string().nullable() }) })
        .parse(await res.json());
      expect(body).toEqual({ version: 1, persona: expect.objectContaining({ name: "Quentin Blake" }) });
    });
  });
}
