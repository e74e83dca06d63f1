import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import type { Metrics } from "../observability/metrics.ts";

/** What a streamed operation gets: where to send its events, and a signal that fires when the client leaves. */
export interface EventSink<E> {
  signal: AbortSignal;
  emit: (event: E) => Promise<void>;
}

/**
 * Streams an operation's events as server-sent events (`event:` its type, `data:` the JSON of `payloadOf(event)`,
 * numbered `id:`s), with `: ping` comments every `heartbeatMs` so proxies keep the stream open. A client that
 * leaves aborts the signal; events after that are dropped. Open streams are counted in `sse_streams_open`.
 */
export function streamEvents<E extends { type: string }>(
  c: Context,
  options: { metrics: Metrics; heartbeatMs: number; payloadOf: (event: E) => unknown },
  run: (sink: EventSink<E>) => Promise<unknown>,
): Response {
  c.header("X-Accel-Buffering", "no"); // nginx: do not buffer the stream
  return streamSSE(c, async (stream) => {
    const controller = new AbortController();
    stream.onAbort(() => controller.abort(new DOMException("The client disconnected", "AbortError")));
    const ping = setInterval(() => {
      if (!stream.aborted && !stream.closed) stream.write(": ping\n\n").catch(() => {});
    }, options.heartbeatMs);
    let seq = 0;
    options.metrics.sseStreams.inc();
    try {
      await run({
        signal: controller.signal,
        emit: async (event) => {
          if (stream.aborted || stream.closed) return;
          await stream.writeSSE({
            event: event.type,
            data: JSON.stringify(options.payloadOf(event)),
            id: String(++seq),
          });
        },
      });
    } finally {
      clearInterval(ping);
      options.metrics.sseStreams.dec();
    }
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
