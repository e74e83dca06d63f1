/**
 * Bad input over the API (issue 8): an adversarial create gets a persona, a 4xx, or a 503/504 problem within the
 * synthesis budget — never a hung request or a 500. The budget is generous; a hang would blow the test timeout.
 * Time growth on each kind of input is tested in-process (src/synthesis/adversarial.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../src/context.ts";
import { Problem } from "../src/http/openapi.ts";
import { buildApp, newTenantAuth, sendJson, testServices } from "./support/services.ts";

const ANSWERS = [201, 400, 413, 422, 503, 504];

describe("adversarial creates", () => {
  let services: Services;
  let app: ReturnType<typeof buildApp>;
  let auth: { authorization: string };
  beforeAll(async () => {
    services = await testServices({ AUTH_MODE: "apikey", SYNTHESIS_TIMEOUT_MS: "60000" });
    app = buildApp(services);
    auth = await newTenantAuth(services);
  });
  afterAll(async () => {
    await services.pool.destroy();
    await services.database.close();
  });

  async function create(texts: string[]): Promise<Response> {
    const res = await sendJson(app, "POST", "/v1/personas", { texts }, auth);
    expect(ANSWERS).toContain(res.status);
    if (res.status !== 201) {
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      Problem.parse(await res.json());
    }
    return res;
  }

  it("answers an 8,000,000-character token within the budget", async () => {
    await create(["x".repeat(8_000_000)]);
  }, 300_000);

  it("answers a mix of pathological texts in one create", async () => {
    await create([
      ".".repeat(500_000),
      "9".repeat(500_000),
      `a${"\u0301".repeat(200_000)}`,
      "😀👩‍👩‍👧‍👦🏳️‍🌈 مرحبا שלום 我叫李明 \u202eevil\u202c ".repeat(10_000),
      `My name is A${"b".repeat(100_000)} Smith.`,
      `My name is A${"b-C".repeat(100_000)}. I'm a baker in Leeds.`,
      "I'm Ada Park, a baker in Leeds.",
    ]);
  }, 300_000);

  it("answers a 100,000-line list within the budget", async () => {
    await create([Array.from({ length: 100_000 }, (_, i) => `- item ${i}`).join("\n")]);
  }, 300_000);
});
