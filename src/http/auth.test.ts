import { describe, expect, it } from "vitest";
import { cachedVerifier } from "./auth.ts";

describe("cachedVerifier (API keys remembered for API_KEY_CACHE_SECONDS)", () => {
  const setup = (ttlMs: number) => {
    let now = 1_000;
    const valid = new Map([["ps_key_a", "ten_a"]]);
    const lookups: string[] = [];
    const verify = cachedVerifier(
      async (key) => {
        lookups.push(key);
        return valid.get(key);
      },
      ttlMs,
      () => now,
    );
    return { verify, lookups, valid, advance: (ms: number) => (now += ms) };
  };

  it("looks a verified key up once per period, then again", async () => {
    const { verify, lookups, advance } = setup(30_000);
    expect(await verify("ps_key_a")).toBe("ten_a");
    advance(29_999);
    expect(await verify("ps_key_a")).toBe("ten_a");
    expect(lookups).toHaveLength(1);
    advance(1);
    expect(await verify("ps_key_a")).toBe("ten_a");
    expect(lookups).toHaveLength(2);
  });

  it("stops accepting a revoked key once its period is over", async () => {
    const { verify, valid, advance } = setup(30_000);
    expect(await verify("ps_key_a")).toBe("ten_a");
    valid.delete("ps_key_a"); // revoked in the database
    advance(30_000);
    expect(await verify("ps_key_a")).toBeUndefined();
  });

  it("never remembers a key that failed, so a new key works at once", async () => {
    const { verify, valid, lookups } = setup(30_000);
    expect(await verify("ps_key_b")).toBeUndefined();
    valid.set("ps_key_b", "ten_b");
    expect(await verify("ps_key_b")).toBe("ten_b");
    expect(lookups).toEqual(["ps_key_b", "ps_key_b"]);
  });

  it("checks the database on every request with 0", async () => {
    const { verify, lookups } = setup(0);
    await verify("ps_key_a");
    await verify("ps_key_a");
    expect(lookups).toHaveLength(2);
  });
});
