import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../src/auth/api-keys.ts";
import type { Services } from "../src/context.ts";
import { createLogger } from "../src/logger.ts";
import { buildApp, testServices } from "./support/services.ts";

describe("logs", () => {
  const lines: string[] = [];
  let services: Services;
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    services = await testServices({ AUTH_MODE: "apikey" }, { logger: createLogger("trace", sink) });
  });
  afterAll(async () => {
    await services.database.close();
  });

  it("carry request ids but never persona content, search words or credentials", async () => {
    const app = buildApp(services);
    const { key } = await createApiKey(services.database.db, `log-${Date.now()}`);
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    const secretText = "I'm Zephyrine Quillfeather, a lighthouse keeper in Tromsø.";
    const created = await app.request("/v1/personas", {
      method: "POST",
      headers,
      body: JSON.stringify({ texts: [secretText] }),
    });
    expect(created.status).toBe(201);
    await app.request("/v1/personas?q=quillfeather", { headers });
    // Slugs are typed by users: the log names the route, not the path.
    await app.request("/v1/projects/zephyrine-secret-launch", { headers });
    await app.request("/v1/personas", { method: "POST", headers, body: "{not json" });
    await app.request("/v1/personas", { headers: { authorization: "Bearer ps_wrongwrongwr_secretsecretsecret" } });

    const log = lines.join("");
    expect(log).toContain('"request_id"');
    expect(log).toContain('"route":"/v1/personas"');
    expect(log).toContain('"route":"/v1/projects/:id"');
    // A random key may itself contain "_" (an empty piece is in every string): check the non-trivial pieces.
    for (const forbidden of [
      "zephyrine-secret-launch",
      "Zephyrine",
      "Quillfeather",
      "quillfeather",
      "lighthouse",
      key,
      key.split("_").slice(2).join("_"),
      "secretsecret",
    ].filter((s) => s.length >= 8)) {
      expect(log, forbidden).not.toContain(forbidden);
    }
  });
});
