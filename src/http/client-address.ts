import type { IncomingMessage } from "node:http";
import { isIPv4 } from "node:net";
import type { Context } from "hono";
import { parseIPv6 } from "../sources/address.ts";

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
 * One X-Forwarded-For entry or peer address as a bare address: without the port some proxies append
 * ("203.0.113.7:51234", "[2001:db8::1]:443") and with IPv4-mapped IPv6 written as IPv4. Undefined if not an address.
 */
function bareAddress(entry: string): string | undefined {
  let text = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed?.[1]) text = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(":"));
  text = text.replace(/^::ffff:(?=[\d.]+$)/i, "");
  if (isIPv4(text)) return text;
  return parseIPv6(text) ? text.toLowerCase() : undefined;
}

/**
 * The client's address for per-client limits. With `trustedHops` proxies in front (TRUST_PROXY_HOPS), it is the
 * X-Forwarded-For entry that many places from the right: the address the outermost trusted proxy saw. Entries
 * further left were written by the client and are never trusted; with fewer entries than hops (a request that
 * skipped a proxy) it is the leftmost, which a trusted proxy wrote. Without proxies it is the TCP peer.
 */
export function clientAddress(c: Context, trustedHops: number): string {
  const peer = peerAddress(c);
  const peerText = (peer && bareAddress(peer)) ?? "unknown";
  if (trustedHops <= 0) return peerText;
  const entries = (c.req.header("x-forwarded-for") ?? "").split(",").filter((e) => e.trim() !== "");
  const trusted = entries[Math.max(0, entries.length - trustedHops)];
  return (trusted && bareAddress(trusted)) ?? peerText;
}

/**
 * The key a per-address limit counts under: an IPv4 address itself, an IPv6 address by its /64 — one host usually
 * holds a whole /64 and could otherwise rotate through addresses to escape the limit.
 */
export function addressLimitKey(address: string): string {
  const groups = parseIPv6(address);
  if (!groups) return address;
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(":")}::/64`;
}
