import { z } from "@hono/zod-openapi";

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
