import type { AddressInfo, Socket } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMetrics } from "../observability/metrics.ts";
import { streamEvents, UNREAD_BYTES } from "./sse.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("streamEvents through the node adapter", () => {
  let server: ReturnType<typeof serve>;
  let base = "";
  /** What the server wrote to its sockets, one entry per write handed to the OS (writev counts once). */
  const flushes: string[] = [];

  beforeAll(async () => {
    const app = new Hono();
    const metrics = createMetrics();
    app.get("/events", (c) =>
      streamEvents<{ type: string; n: number }>(
        c,
        { metrics, heartbeatMs: 60_000, payloadOf: (e) => e },
        async (sink) => {
          await sink.emit({ type: "first", n: 1 });
          await sleep(50);
          await sink.emit({ type: "second", n: 2 });
        },
      ),
    );
    server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 });
    server.on("connection", (socket: Socket) => {
      const writable = socket as unknown as {
        _write: (chunk: Buffer | string, encoding: BufferEncoding, cb: () => void) => void;
        _writev: (chunks: Array<{ chunk: Buffer | string }>, cb: () => void) => void;
      };
      const write = writable._write.bind(socket);
      const writev = writable._writev.bind(socket);
      writable._write = (chunk, encoding, cb) => {
        flushes.push(String(chunk));
        write(chunk, encoding, cb);
      };
      writable._writev = (chunks, cb) => {
        flushes.push(chunks.map((c) => String(c.chunk)).join(""));
        writev(chunks, cb);
      };
    });
    await new Promise((resolve) => server.once("listening", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.close();
  });

  it("sends the headers and the first event in one write, later events as they come", async () => {
    const res = await fetch(`${base}/events`);
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    const text = await res.text();
    expect(text).toBe(
      'event: first\ndata: {"type":"first","n":1}\nid: 1\n\nevent: second\ndata: {"type":"second","n":2}\nid: 2\n\n',
    );
    const first = flushes.findIndex((f) => f.startsWith("HTTP/1.1 200"));
    expect(flushes[first]).toContain("event: first\n");
    expect(flushes[first]).not.toContain("event: second");
    expect(flushes.slice(first + 1).some((f) => f.includes("event: second\n"))).toBe(true);
  });
});

describe("streamEvents back-pressure", () => {
  const metrics = createMetrics();
  /** An app whose stream emits `count` events of about `bytes` each, counting those `emit` returned from. */
  const emitting = (count: number, bytes: number) => {
    const state = { emitted: 0 };
    const app = new Hono();
    app.get("/events", (c) =>
      streamEvents<{ type: string; text: string }>(
        c,
        { metrics, heartbeatMs: 60_000, payloadOf: (e) => e },
        async (sink) => {
          for (let i = 0; i < count; i++) {
            await sink.emit({ type: "chunk", text: "x".repeat(bytes) });
            state.emitted++;
          }
        },
      ),
    );
    return { app, state };
  };

  it("does not hold the operation until its first events are read", async () => {
    const { app, state } = emitting(3, 10);
    const res = await app.request("/events");
    await sleep(20); // nothing has read the body yet
    expect(state.emitted).toBe(3);
    expect((await res.text()).match(/event: chunk\n/g)).toHaveLength(3);
  });

  it("holds the operation while a client that is not reading has UNREAD_BYTES waiting", async () => {
    const { app, state } = emitting(100, 1000);
    const res = await app.request("/events");
    await sleep(20);
    const unread = Math.ceil(UNREAD_BYTES / 1000); // each event also carries ~50 bytes of framing
    expect(state.emitted).toBeGreaterThanOrEqual(unread - 2);
    expect(state.emitted).toBeLessThanOrEqual(unread + 1);
    expect((await res.text()).match(/event: chunk\n/g)).toHaveLength(100);
    expect(state.emitted).toBe(100);
  });
});
