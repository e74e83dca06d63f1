import { PNG } from "pngjs";
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
import { PrdResource } from "./get-prd.ts";
import { RevisionSummary } from "./list-revisions.ts";
import { ProjectResource, WhatsNextItem } from "./schemas.ts";
import { WireframeResource } from "./wireframes/create.ts";

const BOX = ["┌────────────┐", "│ Trail list │", "├────────────┤", "│ [ Search ] │", "└────────────┘"].join("\n");

for (const store of STORES) {
  describe(`projects, PRD and wireframes on ${store.name}`, () => {
    let services: Services;
    let app: ReturnType<typeof buildApp>;
    let auth: Record<string, string>;
    let otherAuth: Record<string, string>;

    beforeAll(async () => {
      services = await testServices({ DATABASE_URL: store.databaseUrl, AUTH_MODE: "apikey" });
      app = buildApp(services);
      auth = await newTenantAuth(services);
      otherAuth = await newTenantAuth(services);
    });
    afterAll(async () => {
      await services.database.close();
    });

    const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = auth) =>
      sendJson(app, method, path, body, headers);

    const create = async (name: string) => {
      const res = await call("POST", "/v1/projects", { name });
      expect(res.status).toBe(201);
      return read(res, ProjectResource);
    };

    it("creates projects with unique slugs, renames with a new slug and keeps old slugs resolving", async () => {
      const a = await create("  My App  ");
      expect(a).toMatchObject({ name: "My App", slug: "my-app", prd_revision: 1, persona_ids: [] });
      expect(a.sections.missing).toContain("problem");
      const b = await create("My app!");
      expect(b.slug).toBe("my-app-2");

      const renamed = await read(await call("PATCH", `/v1/projects/${a.id}`, { name: "Trailmate" }), ProjectResource);
      expect(renamed.slug).toBe("trailmate");
      for (const key of [a.id, "my-app", "trailmate"]) {
        const got = await read(await call("GET", `/v1/projects/${key}`), ProjectResource);
        expect(got.id).toBe(a.id);
      }
      // The old slug stays with the renamed project: a new project gets the next one.
      expect((await create("My App")).slug).toBe("my-app-3");
      // Renaming back reuses the project's own old slug.
      const back = await read(await call("PATCH", `/v1/projects/trailmate`, { name: "My App" }), ProjectResource);
      expect(back.slug).toBe("my-app");

      const list = await read(
        await call("GET", "/v1/projects?limit=2"),
        z.object({ data: z.array(ProjectResource), next_cursor: z.string().nullable() }),
      );
      expect(list.data).toHaveLength(2);
      expect(list.next_cursor).not.toBeNull();
    });

    it("links personas of the tenant only", async () => {
      const persona = await call("POST", "/v1/personas", { texts: ["My name is Ada Park. I work as a ranger."] });
      const pid = z.object({ id: z.string() }).parse(await persona.json()).id;
      const ok = await call("POST", "/v1/projects", { name: "Linked", persona_ids: [pid] });
      expect((await read(ok, ProjectResource)).persona_ids).toEqual([pid]);
      const bad = await call("POST", "/v1/projects", { name: "Linked", persona_ids: [pid] }, otherAuth);
      expect(bad.status).toBe(422);
      expect((await read(bad, Problem)).errors?.[0]?.path).toBe("persona_ids/0");
    });

    it("serves the PRD as JSON, markdown and HTML, with downloads", async () => {
      const p = await create("Render <me> & co");
      const json = await read(await call("GET", `/v1/projects/${p.id}/prd`), PrdResource);
      expect(json).toMatchObject({ revision: 1, cause: "create", name: "Render <me> & co" });
      expect(json.document.functional_requirements).toEqual([]);

      const md = await call("GET", `/v1/projects/${p.id}/prd?format=markdown&download=1`);
      expect(md.headers.get("content-type")).toMatch(/^text\/markdown/);
      expect(md.headers.get("content-disposition")).toBe(`attachment; filename="${p.slug}-prd.md"`);
      const text = await md.text();
      expect(text).toContain("## 5. Functional requirements");
      expect(text).toContain("_Not covered yet._");

      const html = await call("GET", `/v1/projects/${p.id}/prd?format=html`);
      const page = await html.text();
      expect(page).toContain("Render &lt;me&gt; &amp; co");
      expect(page).not.toContain("<me>");
      expect((await call("GET", `/v1/projects/${p.id}/prd?format=pdf`)).status).toBe(400);
      expect((await call("GET", `/v1/projects/${p.id}/prd?revision=9`)).status).toBe(404);
    });

    it("stores what's next", async () => {
      const p = await create("Next");
      const items = [
        { id: "problem", title: "Describe the problem", status: "done" },
        { id: "metrics", title: "Agree on metrics", status: "todo" },
      ];
      const put = await call("PUT", `/v1/projects/${p.id}/whats-next`, { items });
      expect(put.status).toBe(200);
      const got = await read(
        await call("GET", `/v1/projects/${p.id}/whats-next`),
        z.object({ items: z.array(WhatsNextItem) }),
      );
      expect(got.items).toEqual(items);
      const dup = await call("PUT", `/v1/projects/${p.id}/whats-next`, { items: [items[0], items[0]] });
      expect(dup.status).toBe(422);
    });

    it("renders wireframes to stable PNGs referenced from the PRD", async () => {
      const p = await create("Frames");
      const res = await call("POST", `/v1/projects/${p.id}/wireframes`, { name: "Trail list", ascii: BOX });
      expect(res.status).toBe(201);
      const wf = await read(res, WireframeResource);
      expect(wf.url).toBe(`/v1/projects/${p.id}/wireframes/${wf.id}.png`);
      const png = await call("GET", wf.url);
      expect(png.status).toBe(200);
      expect(png.headers.get("content-type")).toBe("image/png");
      const bytes = Buffer.from(await png.arrayBuffer());
      const image = PNG.sync.read(bytes);
      expect([image.width, image.height]).toEqual([wf.width, wf.height]);
      expect(image.width).toBe(14 * 8 + 16);
      let ink = 0;
      for (let i = 0; i < image.data.length; i += 4) if ((image.data[i] ?? 255) < 128) ink++;
      expect(ink).toBeGreaterThan(100);

      // Same ASCII, same bytes; same name re-renders under the same id.
      const again = await read(
        await call("POST", `/v1/projects/${p.id}/wireframes`, { name: "Trail list", ascii: BOX }),
        WireframeResource,
      );
      expect(again.id).toBe(wf.id);
      expect(again.sha256).toBe(wf.sha256);
      expect(Buffer.from(await (await call("GET", wf.url)).arrayBuffer()).equals(bytes)).toBe(true);

      const prd = await read(await call("GET", `/v1/projects/${p.id}/prd`), PrdResource);
      expect(prd.document.wireframes).toEqual([{ id: "WF-1", wireframe_id: wf.id, name: "Trail list", url: wf.url }]);
      const revisions = await read(
        await call("GET", `/v1/projects/${p.id}/prd/revisions`),
        z.object({ data: z.array(RevisionSummary) }),
      );
      expect(revisions.data.map((r) => r.revision)).toEqual([1, 2, 3]);
    });

    it.each([
      ["empty name", "/v1/projects", { name: "   " }, 422],
      ["long name", "/v1/projects", { name: "x".repeat(101) }, 422],
      ["control characters", "/v1/projects", { name: "a\u0007b" }, 422],
      ["unknown field", "/v1/projects", { name: "ok", extra: 1 }, 422],
      ["not JSON", "/v1/projects", "{nope", 400],
      [
        "too many personas",
        "/v1/projects",
        { name: "ok", persona_ids: Array.from({ length: 21 }, (_, i) => `per_${i}`) },
        422,
      ],
    ])("rejects bad project input: %s", async (_label, path, body, status) => {
      const res = await call("POST", path, body);
      expect(res.status).toBe(status);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    });

    it.each([
      ["empty ascii", { name: "x", ascii: "   \n  " }, 422],
      ["too many lines", { name: "x", ascii: "a\n".repeat(300) }, 413],
      ["too wide", { name: "x", ascii: "a".repeat(300) }, 413],
      ["too many characters", { name: "x", ascii: "a".repeat(30_000) }, 413],
      ["no name", { ascii: "abc" }, 422],
    ])("rejects bad wireframes: %s", async (_label, body, status) => {
      const p = await create("Bad frames");
      const res = await call("POST", `/v1/projects/${p.id}/wireframes`, body);
      expect(res.status).toBe(status);
      const prd = await read(await call("GET", `/v1/projects/${p.id}/prd`), PrdResource);
      expect(prd.revision).toBe(1);
    });

    it("answers 404 for unknown and other tenants' projects on every route", async () => {
      const p = await create("Mine");
      const wf = await read(
        await call("POST", `/v1/projects/${p.id}/wireframes`, { name: "a", ascii: "[x]" }),
        WireframeResource,
      );
      const routes: Array<[string, string, unknown?]> = [
        ["GET", `/v1/projects/${p.id}`],
        ["GET", `/v1/projects/${p.slug}`],
        ["PATCH", `/v1/projects/${p.id}`, { name: "Theirs" }],
        ["GET", `/v1/projects/${p.id}/prd`],
        ["GET", `/v1/projects/${p.id}/prd?format=markdown`],
        ["GET", `/v1/projects/${p.id}/prd/revisions`],
        ["GET", `/v1/projects/${p.id}/whats-next`],
        ["PUT", `/v1/projects/${p.id}/whats-next`, { items: [] }],
        ["POST", `/v1/projects/${p.id}/wireframes`, { name: "b", ascii: "[y]" }],
        ["GET", wf.url],
        ["DELETE", `/v1/projects/${p.id}`],
      ];
      for (const [method, path, body] of routes) {
        const res = await call(method, path, body, otherAuth);
        expect([method, path, res.status]).toEqual([method, path, 404]);
      }
      for (const path of ["/v1/projects/prj_00000000000000000000", "/v1/projects/no-such-slug", "/v1/projects/%00"]) {
        expect((await call("GET", path)).status).toBe(404);
      }
      expect((await call("GET", `/v1/projects/${p.id}/wireframes/wfr_00000000000000000000.png`)).status).toBe(404);
      // Still there for its owner.
      expect((await call("GET", `/v1/projects/${p.id}`)).status).toBe(200);
      expect((await call("DELETE", `/v1/projects/${p.id}`)).status).toBe(204);
      expect((await call("GET", wf.url)).status).toBe(404);
    });
  });
}
