import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Metrics } from "../observability/metrics.ts";

/** What a streamed operation gets: where to send its events, and a signal that fires when the client leaves. */
export interface EventSink<E> {
  signal: AbortSignal;
  emit: (event: E) => Promise<void>;
}

const encoder = new TextEncoder();

/**
 * Streams an operation's events as server-sent events (`event:` its type, `data:` the JSON of `payloadOf(event)`,
 * numbered `id:`s), with `: ping` comments every `heartbeatMs` so proxies keep the stream open. A client that
 * leaves aborts the signal; events after that are dropped. Open streams are counted in `sse_streams_open`.
 *
 * The body is one ReadableStream fed directly (hono's streamSSE puts a TransformStream, a writer and a second
 * ReadableStream in between, per stream and per event): with a thousand replies open that layering was most of the
 * memory and a good part of the CPU. `emit` waits while the client is not reading (back-pressure).
 */
export function streamEvents<E extends { type: string }>(
  c: Context,
  options: { metrics: Metrics; heartbeatMs: number; payloadOf: (event: E) => unknown },
  run: (sink: EventSink<E>) => Promise<unknown>,
): Response {
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
    { highWaterMark: 1 },
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
