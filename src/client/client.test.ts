import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentDocument, generatedFiles, staleFiles } from "../../scripts/client-generate.ts";
import { buildApp, newTenantAuth, testServices } from "../../test/support/services.ts";
import type { Services } from "../context.ts";
import { createPersonaStudioClient } from "./index.ts";
import committed from "./openapi.json" with { type: "json" };

const ROOT = join(import.meta.dirname, "..", "..");
const METHODS = ["get", "put", "post", "delete", "patch"] as const;

interface Operation {
  operationId?: string;
  security?: unknown[];
  requestBody?: unknown;
  responses: Record<string, { headers?: Record<string, unknown>; content?: Record<string, { schema?: unknown }> }>;
}
const operations = () =>
  Object.entries(committed.paths as unknown as Record<string, Record<string, Operation>>).flatMap(([path, item]) =>
    METHODS.flatMap((method) =>
      item[method] ? [{ label: `${method.toUpperCase()} ${path}`, path, op: item[method] }] : [],
    ),
  );

describe("the OpenAPI document and the typed client", () => {
  it("are committed as the routes describe them", async () => {
    const stale = await staleFiles(await generatedFiles(await currentDocument()));
    expect(stale, "src/client is out of date with the routes: run `npm run client:generate` and commit it").toEqual([]);
  }, 180_000);

  it("names every operation, applies the security scheme and declares what the middleware answers", () => {
    const ids = new Set<string>();
    for (const { label, path, op } of operations()) {
      expect(op.operationId, label).toMatch(/^[a-z][A-Za-z]+$/);
      ids.add(op.operationId ?? "");
      const api = path.startsWith("/v1/") || path.startsWith("/.netlify/");
      expect(op.security, label).toEqual(api ? [{ Bearer: [] }] : []);
      if (!api) continue;
      const statuses = ["401", "429", "500", "503", ...(op.requestBody ? ["413"] : [])];
      expect(Object.keys(op.responses), label).toEqual(expect.arrayContaining(statuses));
      expect(op.responses["429"]?.headers, label).toHaveProperty("Retry-After");
      expect(op.responses["503"]?.headers, label).toHaveProperty("Retry-After");
      for (const response of Object.values(op.responses)) expect(response.headers, label).toHaveProperty("RateLimit");
    }
    expect(ids.size).toBe(operations().length);
    expect(committed.servers.length).toBeGreaterThan(0);
  });

  it("keeps shared schemas non-nullable (a nullable use wraps them, it does not change them)", () => {
    const nullable = Object.entries(committed.components.schemas as Record<string, { type?: unknown }>)
      .filter(([, schema]) => Array.isArray(schema.type) && schema.type.includes("null"))
      .map(([name]) => name);
    expect(nullable).toEqual([]);
  });

  it("describes the events of every stream", () => {
    const streams = operations().flatMap(({ op }) =>
      Object.values(op.responses).flatMap((r) =>
        r.content?.["text/event-stream"] ? [r.content["text/event-stream"]] : [],
      ),
    );
    expect(streams.map((s) => (s.schema as { $ref?: string }).$ref).sort()).toEqual([
      "#/components/schemas/ChatStreamEvent",
      "#/components/schemas/FocusGroupStreamEvent",
      "#/components/schemas/JobStreamEvent",
    ]);
    const job = committed.components.schemas.JobStreamEvent as {
      oneOf: { properties: { event: { enum: string[] } } }[];
    };
    expect(job.oneOf.map((e) => e.properties.event.enum[0])).toEqual(["progress", "done"]);
    const chat = committed.components.schemas.ChatStreamEvent as {
      oneOf: { properties: { event: { enum: string[] } } }[];
    };
    expect(chat.oneOf.map((e) => e.properties.event.enum[0])).toEqual([
      "message",
      "text",
      "tool_call",
      "tool_result",
      "question",
      "error",
      "done",
    ]);
  });

  it("passes `@redocly/cli lint` with the rules of redocly.yaml", async () => {
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
      const child = spawn(join(ROOT, "node_modules", ".bin", "redocly"), ["lint", "--format=stylish"], {
        cwd: ROOT,
        // No usage data leaves the machine, no update check.
        env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" },
      });
      let output = "";
      child.stdout.on("data", (chunk) => {
        output += chunk;
      });
      child.stderr.on("data", (chunk) => {
        output += chunk;
      });
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, output }));
    });
    expect(code, output).toBe(0);
  }, 180_000);
});

describe("the typed client against the app", () => {
  let services: Services;
  let authorization: string;

  beforeAll(async () => {
    services = await testServices({ AUTH_MODE: "apikey" });
    authorization = (await newTenantAuth(services)).authorization;
  }, 60_000);
  afterAll(async () => {
    await services.database.close();
  });

  const client = (apiKey?: string) => {
    const app = buildApp(services);
    return createPersonaStudioClient({
      baseUrl: "http://persona.test",
      apiKey,
      fetch: (request: Request) => Promise.resolve(app.request(request)),
    });
  };

  it("sends the key, reads typed answers and headers, and returns problems as typed errors", async () => {
    const anonymous = await client().GET("/v1/personas", { params: { query: { limit: 5 } } });
    expect(anonymous.response.status).toBe(401);
    expect(anonymous.error?.code).toBe("unauthorized");

    const api = client(authorization.replace(/^Bearer /, ""));
    const created = await api.POST("/v1/personas", {
      body: { texts: ["Hi, I am Ines Moreau. I work as a florist. I live in Lyon."] },
    });
    expect(created.response.status).toBe(201);
    const id = created.data?.id ?? "";
    expect(created.response.headers.get("location")).toBe(`/v1/personas/${id}`);
    // Without Prefer: respond-async the answer is the persona (201), never the job (202).
    const persona = created.data && "sources" in created.data ? created.data.persona : undefined;
    expect(persona?.location).toBe("Lyon");

    const read = await api.GET("/v1/personas/{id}", { params: { path: { id } } });
    expect(read.data?.persona.name).toBe("Ines Moreau");
    expect(read.response.headers.get("etag")).toBeTruthy();

    const missing = await api.GET("/v1/personas/{id}", { params: { path: { id: "per_nope" } } });
    expect(missing.error).toMatchObject({ status: 404, code: "not_found" });
  }, 60_000);
});
