import { unzipSync } from "fflate";
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
import { ProjectResource } from "./schemas.ts";
import { WireframeResource } from "./wireframes/create.ts";

const BOX = ["┌────────────┐", "│ Trail list │", "├────────────┤", "│ [ Search ] │", "└────────────┘"].join("\n");
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

for (const store of STORES) {
  describe(`PRD downloads (DOCX, self-contained HTML) on ${store.name}`, () => {
    let services: Services;
    let app: ReturnType<typeof buildApp>;
    let auth: Record<string, string>;
    let project: ProjectResource;
    let wireframe: WireframeResource;

    beforeAll(async () => {
      services = await testServices({ DATABASE_URL: store.databaseUrl, AUTH_MODE: "apikey" });
      app = buildApp(services);
      auth = await newTenantAuth(services);
      project = await read(await call("POST", "/v1/projects", { name: "Trails <&> co" }), ProjectResource);
      wireframe = await read(
        await call("POST", `/v1/projects/${project.id}/wireframes`, { name: "Trail list", ascii: BOX }),
        WireframeResource,
      );
    });
    afterAll(async () => {
      await services.database.close();
    });

    const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = auth) =>
      sendJson(app, method, path, body, headers);

    it("writes a Word document with every section, the user's text as text and the wireframes embedded", async () => {
      const res = await call("GET", `/v1/projects/${project.id}/prd?format=docx&download=1`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe(DOCX);
      expect(res.headers.get("content-disposition")).toBe(`attachment; filename="${project.slug}-prd.docx"`);
      const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
      const xml = new TextDecoder().decode(files["word/document.xml"]);
      expect(xml).toContain("Trails &lt;&amp;&gt; co — Product requirements");
      expect(xml).toContain("5. Functional requirements");
      expect(xml).toContain("Not covered yet.");
      expect(xml).toContain("Trail list");
      const media = Object.keys(files).filter((f) => f.startsWith("word/media/"));
      expect(media).toHaveLength(1);
      const png = await call("GET", wireframe.url);
      expect(Buffer.from(files[media[0] ?? ""] ?? []).equals(Buffer.from(await png.arrayBuffer()))).toBe(true);
    });

    it("serves HTML that works opened from disk: wireframes are data: URIs", async () => {
      const res = await call("GET", `/v1/projects/${project.id}/prd?format=html&download=1`);
      expect(res.headers.get("content-disposition")).toBe(`attachment; filename="${project.slug}-prd.html"`);
      expect(res.headers.get("content-security-policy")).toContain("img-src data:");
      const html = await res.text();
      const png = Buffer.from(await (await call("GET", wireframe.url)).arrayBuffer());
      expect(html).toContain(`<img src="data:image/png;base64,${png.toString("base64")}" alt="Trail list">`);
      expect(html).not.toContain('src="/v1/');
    });

    it("picks the format from Accept when the query names none; the query wins when both do", async () => {
      const cases: Array<[string, RegExp]> = [
        ["text/markdown", /^text\/markdown/],
        ["text/html", /^text\/html/],
        [DOCX, new RegExp(`^${DOCX}`)],
        ["application/json", /^application\/json/],
        ["*/*", /^application\/json/],
        ["text/html;q=0.5, text/markdown", /^text\/markdown/],
      ];
      for (const [accept, type] of cases) {
        const res = await call("GET", `/v1/projects/${project.id}/prd`, undefined, { ...auth, accept });
        expect(res.status, accept).toBe(200);
        expect(res.headers.get("content-type"), accept).toMatch(type);
      }
      const both = await call("GET", `/v1/projects/${project.id}/prd?format=markdown`, undefined, {
        ...auth,
        accept: "text/html",
      });
      expect(both.headers.get("content-type")).toMatch(/^text\/markdown/);
      expect((await call("GET", `/v1/projects/${project.id}/prd?format=pdf`)).status).toBe(400);
      const other = await newTenantAuth(services);
      expect((await call("GET", `/v1/projects/${project.id}/prd?format=docx`, undefined, other)).status).toBe(404);
    });
  });
}
