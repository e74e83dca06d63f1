import { ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Metrics } from "../observability/metrics.ts";

/** What a streamed operation gets: where to send its events, and a signal that fires when the client leaves. */
export interface EventSink<E> {
  signal: AbortSignal;
  emit: (event: E) => Promise<void>;
}

const encoder = new TextEncoder();

/** How much of a stream may wait for a slow client before `emit` waits (Node's own socket buffer is the same). */
export const UNREAD_BYTES = 16 * 1024;

/**
 * Streams an operation's events as server-sent events (`event:` its type, `data:` the JSON of `payloadOf(event)`,
 * numbered `id:`s), with `: ping` comments every `heartbeatMs` so proxies keep the stream open. A client that
 * leaves aborts the signal; events after that are dropped. Open streams are counted in `sse_streams_open`.
 *
 * The body is one ReadableStream fed directly (hono's streamSSE puts a TransformStream, a writer and a second
 * ReadableStream in between, per stream and per event): with a thousand replies open that layering was most of the
 * memory and a good part of the CPU. `emit` waits while more than UNREAD_BYTES are queued for a client that is not
 * reading (back-pressure). It does not wait for each event to be read: the body is read only once the response has
 * made its way back through the middleware and the adapter, and a chat reply that waited for its first event
 * (`message`) to be read called the model only after all that, instead of alongside it.
 *
 * Under the Node adapter the response's socket is corked until the end of this turn of the event loop: the adapter
 * flushes a streamed response's headers by themselves (one write) and then writes the first event (another), and on
 * a busy machine each write is a syscall that costs more than building the event. Corked, the headers and the events
 * written in the same turn (a chat reply writes its `message` event at once) leave in one write. Were the response
 * written later than that, the socket is uncorked anyway and the writes go out as before.
 */
export function streamEvents<E extends { type: string }>(
  c: Context,
  options: { metrics: Metrics; heartbeatMs: number; payloadOf: (event: E) => unknown },
  run: (sink: EventSink<E>) => Promise<unknown>,
): Response {
  coalesceFirstWrites(c);
  const aborter = new AbortController();
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  let open = true;
  // Emitters waiting for the client to read (a round may emit from several speakers at once).
  let waiting: Array<() => void> = [];
  const wake = () => {
    for (const resume of waiting) resume();
    waiting = [];
  };
  const body = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
      },
      pull: wake,
      cancel() {
        open = false;
        wake();
        aborter.abort(new DOMException("The client disconnected", "AbortError"));
      },
    },
    { highWaterMark: UNREAD_BYTES, size: (chunk) => chunk.byteLength },
  );
  const write = (text: string) => {
    if (!open || !controller) return;
    controller.enqueue(encoder.encode(text));
  };
  const ping = setInterval(() => write(": ping\n\n"), options.heartbeatMs);
  let seq = 0;
  options.metrics.sseStreams.inc();
  const sink: EventSink<E> = {
    signal: aborter.signal,
    emit: async (event) => {
      if (!open) return;
      // Event names are internal constants and JSON has no raw newlines, so each event is one data line.
      write(`event: ${event.type}\ndata: ${JSON.stringify(options.payloadOf(event))}\nid: ${++seq}\n\n`);
      if ((controller?.desiredSize ?? 1) <= 0) await new Promise<void>((resolve) => waiting.push(resolve));
    },
  };
  run(sink)
    .catch((error: unknown) => console.error(error))
    .finally(() => {
      clearInterval(ping);
      options.metrics.sseStreams.dec();
      if (open) {
        open = false;
        controller?.close();
      }
    });
  return c.body(body, 200, {
    "Content-Type": "text/event-stream",
    "Cache-Control": "no-cache",
    Connection: "keep-alive",
    "Transfer-Encoding": "chunked",
    "X-Accel-Buffering": "no", // nginx: do not buffer the stream
  });
}

/** Corks the Node response's socket until the end of this turn of the event loop (see streamEvents). */
function coalesceFirstWrites(c: Context): void {
  const socket = nodeSocketOf(c);
  if (!socket || socket.destroyed || !socket.writable) return;
  socket.cork();
  setImmediate(() => socket.uncork());
}

/** The socket under @hono/node-server (which passes `{ incoming, outgoing }` as env); none under app.request(). */
function nodeSocketOf(c: Context): Socket | undefined {
  const outgoing: unknown = (c.env as { outgoing?: unknown } | undefined)?.outgoing;
  return outgoing instanceof ServerResponse ? (outgoing.socket ?? undefined) : undefined;
}

/** One server-sent event as documented: its SSE event name and its JSON data. */
export function sseEvent<const N extends string, D extends z.ZodType>(name: N, data: D) {
  return z.object({ event: z.literal(name), data });
}

/** The `text/event-stream` content of a response whose events are `events` (a union of sseEvent schemas). */
export function sseContent(events: z.ZodType, what: string) {
  return {
    "text/event-stream": {
      schema: events.openapi({
        description:
          `${what}: a stream of server-sent events, each with \`event:\` (the name below), \`data:\` (its JSON) and ` +
          "an increasing `id:`; comment lines `: ping` keep proxies from closing it. See docs/streaming.md.",
      }),
    },
  };
}

/** An internal event `{ type, ...data }` as it goes on the wire: `{ event: type, data }`, per member of a union. */
export type WireEvent<E> = E extends { type: infer T } ? { event: T; data: Omit<E, "type"> } : never;

/** Splits an internal event into the SSE event name and its data. */
export function wireEvent<E extends { type: string }>(event: E): WireEvent<E> {
  const { type, ...data } = event;
  return { event: type, data } as WireEvent<E>;
}
