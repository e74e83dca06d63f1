import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyLlmError } from "./resilience.ts";
import { wholeBodyFetch } from "./whole-body-fetch.ts";

/** A loopback server: /echo answers with what it received, /moved redirects to /echo, /empty is a 204, /hang never answers. */
function startServer(): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      if (req.url === "/moved") {
        res.writeHead(307, { location: "/echo" }).end();
      } else if (req.url === "/empty") {
        res.writeHead(204).end();
      } else if (req.url === "/echo") {
        const echo = { method: req.method, auth: req.headers.authorization, body: Buffer.concat(chunks).toString() };
        res.writeHead(201, { "content-type": "application/json", "set-cookie": ["a=1", "b=2"] });
        res.end(JSON.stringify(echo));
      }
      // anything else hangs until the client gives up
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

describe("wholeBodyFetch", () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = await startServer();
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it("sends method, headers and body, and answers with status, headers and the whole body", async () => {
    const res = await wholeBodyFetch(`${base}/echo`, {
      method: "POST",
      headers: { authorization: "Bearer k", "x-absent": undefined } as unknown as Record<string, string>,
      body: '{"q":1}',
    });
    expect(res.status).toBe(201);
    expect(res.ok).toBe(true);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(await res.json()).toEqual({ method: "POST", auth: "Bearer k", body: '{"q":1}' });
  });

  it("follows redirects as fetch does", async () => {
    const res = await wholeBodyFetch(`${base}/moved`, { method: "POST", body: "again" });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ method: "POST", body: "again" });
  });

  it("answers a 204 without a body", async () => {
    const res = await wholeBodyFetch(`${base}/empty`, { method: "POST", body: "" });
    expect(res.status).toBe(204);
    expect(res.body).toBeNull();
  });

  it("rejects with the signal's reason when aborted", async () => {
    const signal = AbortSignal.timeout(50);
    const error = await wholeBodyFetch(`${base}/hang`, { method: "POST", body: "x", signal }).catch((e) => e);
    expect(error).toBe(signal.reason);
    expect((error as Error).name).toBe("TimeoutError");
  });

  it("fails to connect as fetch does (TypeError 'fetch failed'), which the retry policy treats as retryable", async () => {
    const closed = await startServer();
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await wholeBodyFetch(`http://127.0.0.1:${port}/echo`, { method: "POST", body: "x" }).catch((e) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe("fetch failed");
    expect(((error as Error).cause as { code?: string }).code).toBe("ECONNREFUSED");
    expect(classifyLlmError(error).kind).toBe("retryable");
  });
});
