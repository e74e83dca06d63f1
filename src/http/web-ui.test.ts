import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hono } from "hono";
import { afterAll, describe, expect, it } from "vitest";
import type { AppEnv } from "./env.ts";
import { mountWebUi, resolveStaticPath } from "./web-ui.ts";

const root = mkdtempSync(join(tmpdir(), "web-ui-"));
mkdirSync(join(root, "assets"));
writeFileSync(join(root, "index.html"), "<!doctype html><title>app</title>");
writeFileSync(join(root, "assets", "index-AbCd1234.js"), "console.log(1)");
writeFileSync(join(root, "favicon.svg"), "<svg/>");
afterAll(() => rmSync(root, { recursive: true, force: true }));

function appWith(dir: string) {
  const app = new Hono<AppEnv>();
  app.get("/v1/things", (c) => c.json({ ok: true }));
  app.get("/healthz", (c) => c.json({ status: "ok" }));
  mountWebUi(app, { root: dir });
  app.notFound((c) => c.json({ title: "Not found" }, 404, { "content-type": "application/problem+json" }));
  return app;
}
const app = appWith(root);
const html = { accept: "text/html,application/xhtml+xml" };

describe("web UI serving", () => {
  it("serves hashed assets as immutable and other files as revalidated", async () => {
    const asset = await app.request("/assets/index-AbCd1234.js");
    expect(asset.status).toBe(200);
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(asset.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    const icon = await app.request("/favicon.svg");
    expect(icon.headers.get("cache-control")).toBe("no-cache");
    expect(icon.headers.get("content-type")).toBe("image/svg+xml");
  });

  it("answers client-side routes with index.html (no-cache, CSP) when the client wants HTML", async () => {
    for (const path of ["/", "/personas/per_1", "/projects/x/y"]) {
      const res = await app.request(path, { headers: html });
      expect(res.status, path).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-cache");
      expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
      // Spoken replies and recordings play from blob: URLs.
      expect(res.headers.get("content-security-policy")).toContain("media-src 'self' blob:");
      expect(await res.text()).toContain("<title>app</title>");
    }
  });

  it("revalidates with the ETag (304) and answers HEAD without a body", async () => {
    const first = await app.request("/", { headers: html });
    const etag = first.headers.get("etag") ?? "";
    expect(etag).not.toBe("");
    const again = await app.request("/", { headers: { ...html, "if-none-match": etag } });
    expect(again.status).toBe(304);
    const head = await app.request("/", { method: "HEAD", headers: html });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });

  it("leaves API paths, missing assets and non-HTML requests to the API's 404", async () => {
    for (const [path, headers] of [
      ["/v1/nope", html],
      ["/v1", html],
      ["/openapi.jsonx", {}],
      ["/assets/index-old12345.js", html],
      ["/robots.txt", html],
      ["/personas/per_1", { accept: "application/json" }],
    ] as const) {
      const res = await app.request(path, { headers });
      expect(res.status, path).toBe(404);
    }
    expect((await app.request("/v1/things", { headers: html })).status).toBe(200);
    expect((await app.request("/healthz", { headers: html })).status).toBe(200);
  });

  it("never serves files outside the build folder", async () => {
    writeFileSync(join(root, "..", "web-ui-secret.txt"), "secret");
    try {
      for (const path of [
        "/../web-ui-secret.txt",
        "/%2e%2e/web-ui-secret.txt",
        "/assets/%2e%2e%2f..%2fweb-ui-secret.txt",
      ]) {
        const res = await app.request(path, { headers: { accept: "*/*" } });
        expect(await res.text(), path).not.toContain("secret");
      }
    } finally {
      rmSync(join(root, "..", "web-ui-secret.txt"), { force: true });
    }
    expect(resolveStaticPath(root, "/.env")).toBeUndefined();
    expect(resolveStaticPath(root, "/a%00b")).toBeUndefined();
    expect(resolveStaticPath(root, "/%E0%A4%A")).toBeUndefined();
    expect(resolveStaticPath(root, "/assets/x.js")).toBe(join(root, "assets", "x.js"));
  });

  it("says how to build the UI when it has not been built", async () => {
    const res = await appWith(join(root, "missing")).request("/", { headers: html });
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/npm run build:web/);
  });
});
