import { request } from "node:http";
import { connect, type Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { Client } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../src/auth/api-keys.ts";
import type { Services } from "../src/context.ts";
import { type Listening, listen } from "../src/http/server.ts";
import { buildApp, testServices } from "./support/services.ts";

/** Resolves when the server closes the socket (or the socket errors out), with the bytes it sent before. */
function closed(socket: Socket): Promise<string> {
  let received = "";
  socket.on("data", (chunk) => {
    received += chunk.toString("latin1");
  });
  return new Promise((resolve) => {
    socket.once("close", () => resolve(received));
  });
}

function open(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => resolve(socket));
    socket.once("error", reject);
  });
}

/** Reads one HTTP/1.1 response with a Content-Length body from a raw socket. */
function readResponse(socket: Socket): Promise<{ head: string; body: string }> {
  return new Promise((resolve, reject) => {
    let buffer = "";
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString("latin1");
      const end = buffer.indexOf("\r\n\r\n");
      if (end < 0) return;
      const head = buffer.slice(0, end);
      const length = Number(/content-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
      if (buffer.length < end + 4 + length) return;
      socket.off("data", onData);
      resolve({ head, body: buffer.slice(end + 4, end + 4 + length) });
    };
    socket.on("data", onData);
    socket.once("error", reject);
    socket.once("close", () => reject(new Error(`socket closed; got ${JSON.stringify(buffer.slice(0, 200))}`)));
  });
}

describe("the HTTP server under slow and half-sent requests", () => {
  let services: Services;
  let server: Listening;

  beforeAll(async () => {
    services = await testServices({ AUTH_MODE: "apikey", BODY_LIMIT_BYTES: "200000" });
    server = await listen(buildApp(services).fetch, {
      host: "127.0.0.1",
      port: 0,
      http: { headersTimeoutMs: 800, requestTimeoutMs: 1500, keepAliveTimeoutMs: 5000 },
    });
  });
  afterAll(async () => {
    server.server.closeAllConnections();
    await new Promise((resolve) => server.server.close(resolve));
    await services.database.close();
  });

  it("closes slow-loris connections (headers dripped, idle, body dripped) and keeps serving others", async () => {
    const { key } = await createApiKey(services.database.db, `slow-${Date.now()}`);
    const attackers: Array<Promise<string>> = [];
    const timers: NodeJS.Timeout[] = [];
    for (let i = 0; i < 60; i += 1) {
      const socket = await open(server.url);
      attackers.push(closed(socket));
      if (i % 3 === 0) continue; // idle: connects and sends nothing
      const dripsBody = i % 3 === 2;
      socket.write(
        dripsBody
          ? `POST /v1/personas HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${key}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{`
          : "GET /healthz HTTP/1.1\r\nHost: x\r\n",
      );
      timers.push(
        setInterval(() => {
          if (!socket.destroyed) socket.write(dripsBody ? " " : "X-Slow: a\r\n");
        }, 100),
      );
    }
    try {
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      const answers = await Promise.all(attackers);
      // Idle, dripped headers and dripped bodies alike get a 408 and the close.
      expect(new Set(answers.map((a) => a.slice(0, 12)))).toEqual(new Set(["HTTP/1.1 408"]));
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      for (const timer of timers) clearInterval(timer);
    }
  }, 60_000);

  it("keeps a connection usable after an early 401 on a small body (the body is read, not cut)", async () => {
    const socket = await open(server.url);
    try {
      const body = JSON.stringify({ texts: ["x".repeat(10_000)] });
      socket.write(
        `POST /v1/personas HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      );
      const first = await readResponse(socket);
      expect(first.head).toMatch(/^HTTP\/1\.1 401/);
      expect(first.head).not.toMatch(/connection: close/i);
      await sleep(800); // longer than the adapter's 500 ms drain window
      socket.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
      const second = await readResponse(socket);
      expect(second.head).toMatch(/^HTTP\/1\.1 200/);
    } finally {
      socket.destroy();
    }
  });

  it("reads a refused body within the limit to its end before answering, so a client still uploading gets the answer", async () => {
    // Node's clients count an answer only once their upload is done: a socket closed under them is EPIPE, not a 401.
    const parts = 15;
    const part = "x".repeat(10_000);
    const answer = await new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
      const req = request(`${server.url}/v1/personas`, {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": String(parts * part.length) },
      });
      req.on("error", reject);
      const uploaded = new Promise((done) => req.on("finish", done));
      req.on("response", (res) => {
        res.resume();
        res.on("end", () => {
          void uploaded.then(() => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
        });
      });
      let sent = 0;
      const timer = setInterval(() => {
        req.write(part);
        sent += 1;
        if (sent === parts) {
          clearInterval(timer);
          req.end();
        }
      }, 40);
    });
    expect(answer).toEqual({ status: 401, connection: "keep-alive" });
  });

  it("says Connection: close at once to a body over the limit, and cuts a stalled body within it at the request timeout", async () => {
    for (const path of ["/v1/personas", "/v1/nope"]) {
      const socket = await open(server.url);
      const gone = closed(socket);
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 250000\r\n\r\n${"a".repeat(70_000)}`,
      );
      const answer = await gone;
      expect(answer).toMatch(/^HTTP\/1\.1 413/);
      expect(answer).toMatch(/connection: close/i);
    }
    const socket = await open(server.url);
    const gone = closed(socket);
    socket.write(
      `POST /v1/personas HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 150000\r\n\r\n${"a".repeat(70_000)}`,
    );
    expect(await gone).toMatch(/^HTTP\/1\.1 408/);
  });

  it("lets a keep-alive client go on after early 401, 404, 413 and 415 answers", async () => {
    const client = new Client(server.url, { pipelining: 1, keepAliveTimeout: 10_000 });
    const { key } = await createApiKey(services.database.db, `keepalive-${Date.now()}`);
    const auth = { authorization: `Bearer ${key}` };
    try {
      const big = "x".repeat(150_000);
      const small = "x".repeat(1_000);
      const rejected = [
        { method: "POST", path: "/v1/personas", type: "application/json", body: big, status: 401 },
        { method: "POST", path: "/v1/personas", type: "application/json", body: small, status: 401 },
        { method: "POST", path: "/v1/personas", type: "application/json", body: "y".repeat(300_000), status: 413 },
        { method: "POST", path: "/nope", type: "application/json", body: big, status: 404 },
        { method: "POST", path: "/nope", type: "application/json", body: small, status: 404 },
        { method: "POST", path: "/v1/personas", type: "text/plain", body: big, status: 415, headers: auth },
        { method: "PUT", path: "/v1/nope", type: "application/json", body: big, status: 404, headers: auth },
      ];
      for (let round = 0; round < 3; round += 1) {
        for (const r of rejected) {
          const res = await client.request({
            method: r.method as "POST" | "PUT",
            path: r.path,
            headers: { "content-type": r.type, ...r.headers },
            body: r.body,
          });
          await res.body.text();
          expect(res.statusCode, r.path).toBe(r.status);
          await sleep(50);
          const next = await client.request({ method: "GET", path: "/healthz" });
          expect(next.statusCode).toBe(200);
          await next.body.text();
        }
      }
    } finally {
      await client.close();
    }
  }, 60_000);
});
