import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { addressLimitKey, clientAddress } from "./client-address.ts";

/** What clientAddress answers for a request from `peer` carrying `forwarded` as X-Forwarded-For. */
async function seen(hops: number, peer: string, forwarded?: string): Promise<string> {
  const app = new Hono().get("/", (c) => c.text(clientAddress(c, hops)));
  const headers: Record<string, string> = forwarded === undefined ? {} : { "x-forwarded-for": forwarded };
  const res = await app.request("/", { headers }, { incoming: { socket: { remoteAddress: peer } } });
  return res.text();
}

describe("client address", () => {
  it.each([
    // hops, peer, X-Forwarded-For, client address
    [0, "203.0.113.9", "198.51.100.1", "203.0.113.9"],
    [0, "::ffff:203.0.113.9", undefined, "203.0.113.9"],
    [1, "192.0.2.2", "198.51.100.1", "198.51.100.1"],
    [1, "192.0.2.2", "6.6.6.6, 198.51.100.1", "198.51.100.1"],
    [2, "192.0.2.2", "6.6.6.6, 198.51.100.1, 192.0.2.3", "198.51.100.1"],
    [2, "192.0.2.2", "198.51.100.1", "198.51.100.1"],
    [1, "192.0.2.2", "198.51.100.1:51234", "198.51.100.1"],
    [1, "192.0.2.2", "[2001:DB8::7]:443", "2001:db8::7"],
    [1, "192.0.2.2", undefined, "192.0.2.2"],
    [1, "192.0.2.2", "not-an-address", "192.0.2.2"],
  ] as const)("with %i trusted hops, peer %s and X-Forwarded-For %s: %s", async (hops, peer, forwarded, expected) => {
    expect(await seen(hops, peer, forwarded)).toBe(expected);
  });

  it("is 'unknown' in-process, where there is no socket", async () => {
    const app = new Hono().get("/", (c) => c.text(clientAddress(c, 0)));
    expect(await (await app.request("/")).text()).toBe("unknown");
  });

  it("limits IPv4 addresses one by one and IPv6 addresses by their /64", () => {
    expect(addressLimitKey("198.51.100.1")).toBe("198.51.100.1");
    expect(addressLimitKey("2001:db8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(addressLimitKey("2001:db8:1:2::9")).toBe("2001:db8:1:2::/64");
    expect(addressLimitKey("unknown")).toBe("unknown");
  });
});
