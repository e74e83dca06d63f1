import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limitBody } from "./body-limit.ts";

const MAX = 100;

describe("limitBody through the node adapter", () => {
  let server: ReturnType<typeof serve>;
  let base = "";

  beforeAll(async () => {
    const app = new Hono();
    app.use("*", limitBody({ maxSize: MAX, onError: (c) => c.text("too large", 413) }));
    app.all("/echo", async (c) => c.text(`${c.req.method} ${(await c.req.text()).length}`));
    server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 });
    await new Promise((resolve) => server.once("listening", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.close();
  });

  /** A body sent as a stream goes out chunked, without Content-Length. */
  const chunked = (text: string) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < text.length; i += 30) controller.enqueue(new TextEncoder().encode(text.slice(i, i + 30)));
        controller.close();
      },
    });
  const send = async (init: RequestInit & { duplex?: "half" }) => {
    const res = await fetch(`${base}/echo`, init);
    return { status: res.status, text: await res.text() };
  };

  it("passes GET and HEAD without looking for a body", async () => {
    expect(await send({ method: "GET" })).toEqual({ status: 200, text: "GET 0" });
    expect((await send({ method: "HEAD" })).status).toBe(200);
  });

  it("judges a declared Content-Length from the header: at the limit passes, one byte over is refused", async () => {
    expect(await send({ method: "POST", body: "x".repeat(MAX) })).toEqual({ status: 200, text: `POST ${MAX}` });
    expect(await send({ method: "POST", body: "x".repeat(MAX + 1) })).toEqual({ status: 413, text: "too large" });
    expect(await send({ method: "POST" })).toEqual({ status: 200, text: "POST 0" });
  });

  it("counts a chunked body as it arrives and hands the handler all of it", async () => {
    const ok = "y".repeat(MAX - 10);
    expect(await send({ method: "POST", body: chunked(ok), duplex: "half" })).toEqual({
      status: 200,
      text: `POST ${ok.length}`,
    });
    expect((await send({ method: "POST", body: chunked("z".repeat(MAX * 3)), duplex: "half" })).status).toBe(413);
  });
});
