import type { IncomingMessage } from "node:http";
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
