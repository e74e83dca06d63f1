import { describe, expect, it } from "vitest";
import { readSse, SseParser } from "./sse.ts";

const all = (chunks: string[]) => {
  const parser = new SseParser();
  return chunks.flatMap((c) => parser.push(c));
};

describe("SseParser", () => {
  it("parses named events with JSON data", () => {
    expect(all(['event: text\ndata: {"delta":"Hi"}\n\nevent: done\ndata: {}\n\n'])).toEqual([
      { event: "text", data: '{"delta":"Hi"}' },
      { event: "done", data: "{}" },
    ]);
  });

  it("handles any split of the stream, including inside CRLF", () => {
    const stream = 'event: text\r\ndata: {"delta":"a b"}\r\n\r\nevent: done\r\ndata: 1\r\n\r\n';
    const expected = all([stream]);
    expect(expected).toHaveLength(2);
    for (let i = 1; i < stream.length; i++) {
      expect(all([stream.slice(0, i), stream.slice(i)])).toEqual(expected);
    }
    expect(all(stream.split(""))).toEqual(expected);
  });

  it("ignores comments (heartbeats), joins multi-line data, defaults the type to message", () => {
    expect(all([": ping\n\ndata: one\ndata: two\n\n"])).toEqual([{ event: "message", data: "one\ntwo" }]);
  });

  it("does not dispatch events without data and keeps the id", () => {
    expect(all(["event: text\n\nid: 7\nevent: x\ndata:y\n\n"])).toEqual([{ event: "x", data: "y", id: "7" }]);
  });

  it("accepts lone CR line endings and a field with no colon", () => {
    expect(all(["data\r\rdata: z\r\r"])).toEqual([
      { event: "message", data: "" },
      { event: "message", data: "z" },
    ]);
  });

  it("drops an unterminated final event at the end of the stream", () => {
    const parser = new SseParser();
    expect(parser.push("data: partial")).toEqual([]);
    expect(parser.end()).toEqual([]);
  });
});

describe("readSse", () => {
  it("decodes UTF-8 split across chunks", async () => {
    const bytes = new TextEncoder().encode("event: text\ndata: café ☕\n\n");
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const b of bytes) controller.enqueue(new Uint8Array([b]));
        controller.close();
      },
    });
    const events = [];
    for await (const e of readSse(body)) events.push(e);
    expect(events).toEqual([{ event: "text", data: "café ☕" }]);
  });

  it("stops when the signal aborts", async () => {
    const controller = new AbortController();
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode("data: 1\n\n"));
      },
    });
    const events = [];
    for await (const e of readSse(body, controller.signal)) {
      events.push(e);
      controller.abort();
    }
    expect(events).toHaveLength(1);
  });
});
