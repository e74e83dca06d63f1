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
    // hops, peer, X-Forwarded-For, client address. Loopback addresses only: nothing is sent, but the test names no
    // other address; which one is the client depends only on the header's position, not on the address's kind.
    [0, "127.0.0.9", "127.0.0.1", "127.0.0.9"],
    [0, "::ffff:127.0.0.9", undefined, "127.0.0.9"],
    [1, "127.0.0.2", "127.0.0.1", "127.0.0.1"],
    [1, "127.0.0.2", "127.6.6.6, 127.0.0.1", "127.0.0.1"],
    [2, "127.0.0.2", "127.6.6.6, 127.0.0.1, 127.0.0.3", "127.0.0.1"],
    [2, "127.0.0.2", "127.0.0.1", "127.0.0.1"],
    [1, "127.0.0.2", "127.0.0.1:51234", "127.0.0.1"],
    [1, "127.0.0.2", "[::1]:443", "::1"],
    [1, "127.0.0.2", undefined, "127.0.0.2"],
    [1, "127.0.0.2", "not-an-address", "127.0.0.2"],
  ] as const)("with %i trusted hops, peer %s and X-Forwarded-For %s: %s", async (hops, peer, forwarded, expected) => {
    expect(await seen(hops, peer, forwarded)).toBe(expected);
  });

  it("is 'unknown' in-process, where there is no socket", async () => {
    const app = new Hono().get("/", (c) => c.text(clientAddress(c, 0)));
    expect(await (await app.request("/")).text()).toBe("unknown");
  });

  it("limits IPv4 addresses one by one and IPv6 addresses by their /64", () => {
    expect(addressLimitKey("127.0.0.5")).toBe("127.0.0.5");
    expect(addressLimitKey("2001:db8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(addressLimitKey("2001:db8:1:2::9")).toBe("2001:db8:1:2::/64");
    expect(addressLimitKey("unknown")).toBe("unknown");
  });
});
