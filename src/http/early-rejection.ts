import type { IncomingMessage } from "node:http";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./env.ts";

/**
 * When the app answers before reading a request's body (401, 404, 415, 429, 503…), the rest of that body is read and
 * dropped before the answer goes out, if its declared length is within the body limit. Otherwise the socket is closed
 * under a client that is still uploading, and Node's clients (node:http, fetch) report EPIPE instead of the answer
 * (nodejs/node#54366): three 8 MB creates refused by the rate limit all failed that way. The read costs no more than an
 * accepted request of that size, and a client that stops sending is cut by HTTP_REQUEST_TIMEOUT_MS (408). A body over
 * the limit (413) or of undeclared length gets `Connection: close` instead, so no more of it is read.
 */
export function earlyRejection(bodyLimitBytes: number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    // Set by @hono/node-server; absent under app.request() in tests and on other runtimes.
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    const length = Number(c.req.header("content-length") ?? 0);
    const hasBody = c.req.header("transfer-encoding") !== undefined || length > 0;
    if (!incoming || incoming.readableEnded || !hasBody) return;
    const declared = c.req.header("transfer-encoding") === undefined && Number.isInteger(length);
    if (declared && length <= bodyLimitBytes && !c.req.raw.bodyUsed) {
      try {
        // Streamed to nowhere: a refused 16 MB body is never held in memory.
        await c.req.raw.body?.pipeTo(new WritableStream());
        return;
      } catch {
        // the client went away or sent less than it declared: close below
      }
    }
    c.res.headers.set("Connection", "close");
  };
}
