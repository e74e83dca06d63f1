import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";
import type { Context } from "hono";

/** The address of the peer on the TCP connection (the load balancer, if there is one); undefined in-process. */
export function peerAddress(c: Context): string | undefined {
  return (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket?.remoteAddress;
}

export const isLoopbackAddress = (address: string | undefined): boolean =>
  address !== undefined && (address === "::1" || /^(::ffff:)?127\./.test(address));

/** Headers a proxy adds: a request that carries one came through a proxy, whatever the peer address says. */
export const isForwarded = (c: Context): boolean =>
  ["x-forwarded-for", "forwarded", "x-real-ip"].some((h) => c.req.header(h) !== undefined);

/**
 * The client's address for per-client limits. With `trustedHops` proxies in front (TRUST_PROXY_HOPS), it is the
 * entry that many places from the right of X-Forwarded-For, the one the outermost trusted proxy saw; entries further
 * left are written by the client and never trusted. Without proxies it is the peer address.
 */
export function clientAddress(c: Context, trustedHops: number): string {
  const peer = peerAddress(c) ?? "unknown";
  if (trustedHops <= 0) return peer;
  const hops = (c.req.header("x-forwarded-for") ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter((h) => isIP(h) !== 0);
  return hops[hops.length - trustedHops] ?? peer;
}
