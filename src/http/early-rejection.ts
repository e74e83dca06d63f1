import type { IncomingMessage } from "node:http";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./env.ts";

/** Bodies up to this size are read and dropped after an early answer, so the connection stays reusable. */
export const DRAIN_LIMIT_BYTES = 64 * 1024;

/**
 * When the app answers before reading a request's body (401, 404, 413, 415, …), the node adapter discards the rest
 * of the body for 500 ms and then destroys the socket, under a keep-alive client that already sent its next request.
 * So: a small declared body is read to its end before the answer goes out, and any other unread body gets
 * `Connection: close`, which tells the client not to reuse the socket.
 */
export function earlyRejection(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    // Set by @hono/node-server; absent under app.request() in tests and on other runtimes.
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    const length = Number(c.req.header("content-length") ?? 0);
    const hasBody = c.req.header("transfer-encoding") !== undefined || length > 0;
    if (!incoming || incoming.readableEnded || !hasBody) return;
    if (Number.isInteger(length) && length <= DRAIN_LIMIT_BYTES && !c.req.raw.bodyUsed) {
      try {
        await c.req.raw.arrayBuffer();
        return;
      } catch {
        // the client went away or sent less than it declared: close below
      }
    }
    c.res.headers.set("Connection", "close");
  };
}
