import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import type { Config } from "../config.ts";

export interface Listening {
  server: Server;
  url: string;
}

/**
 * The Node HTTP server in front of the app. Its timeouts close slow-loris connections: headers must arrive within
 * `headersTimeoutMs`, the whole request within `requestTimeoutMs` (responses, such as long SSE replies, are not
 * limited). Node checks these deadlines every `connectionsCheckingInterval`, by default only every 30 s, so the check
 * runs at a quarter of the headers timeout (at most once a second).
 */
export function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  options: Pick<Config, "host" | "port" | "http">,
): Promise<Listening> {
  const { headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs } = options.http;
  const server = createAdaptorServer({
    fetch,
    serverOptions: {
      headersTimeout: headersTimeoutMs,
      requestTimeout: requestTimeoutMs,
      keepAliveTimeout: keepAliveTimeoutMs,
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(headersTimeoutMs / 4))),
    },
  }) as Server;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      const info = server.address() as AddressInfo;
      const host = info.family === "IPv6" ? `[${info.address}]` : info.address;
      resolve({ server, url: `http://${host}:${info.port}` });
    });
  });
}
