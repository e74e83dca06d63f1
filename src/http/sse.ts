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
