import { createHash, timingSafeEqual } from "node:crypto";
import { Hono } from "hono";
import type { Services } from "../context.ts";
import { AppError } from "../errors.ts";
import { isForwarded, isLoopbackAddress, peerAddress } from "../http/client-address.ts";
import type { AppEnv } from "../http/env.ts";

const digest = (text: string) => createHash("sha256").update(text).digest();

/**
 * GET /metrics in Prometheus' text format. With METRICS_TOKEN set it needs `Authorization: Bearer <token>`; without,
 * it answers only clients on loopback that did not come through a proxy (a local reverse proxy would otherwise
 * publish it), e.g. a Prometheus agent beside the node.
 */
export function metricsRouter(services: Services): Hono<AppEnv> {
  const router = new Hono<AppEnv>();
  const { metrics, config } = services;
  const expected = config.metricsToken ? digest(config.metricsToken) : undefined;
  router.get("/metrics", async (c) => {
    if (expected) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header("authorization") ?? "");
      // Hashes have one length, so the comparison takes the same time whatever was sent.
      if (!match?.[1] || !timingSafeEqual(digest(match[1]), expected)) {
        throw new AppError("unauthorized", "Send Authorization: Bearer <METRICS_TOKEN>", {
          headers: { "WWW-Authenticate": 'Bearer realm="metrics"' },
        });
      }
    } else if (!isLoopbackAddress(peerAddress(c)) || isForwarded(c)) {
      throw new AppError("forbidden", "Metrics are served to loopback clients only unless METRICS_TOKEN is set");
    }
    return c.body(await metrics.registry.metrics(), 200, {
      "content-type": metrics.registry.contentType,
      "cache-control": "no-store",
    });
  });
  return router;
}
