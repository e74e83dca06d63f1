import { describe, expect, it } from "vitest";
import { cachedVerifier } from "../auth/key-cache.ts";

describe("cachedVerifier (API keys remembered per node, forgotten when revoked)", () => {
  const setup = (ttlMs: number, { live = true } = {}) => {
    let now = 1_000;
    const valid = new Map([
      ["ps_a_1", "ten_a"],
      ["ps_b_1", "ten_b"],
    ]);
    const lookups: string[] = [];
    let watched = 0;
    // When set, a lookup reads the database, then waits for it (a lookup in flight while a revocation arrives).
    let gate: Promise<void> | undefined;
    const verify = cachedVerifier(
      async (key) => {
        lookups.push(key);
        const answer = valid.get(key);
        await gate;
        return answer;
      },
      ttlMs,
      {
        now: () => now,
        prefixOf: (key) => key.split("_")[1],
        watch: (cache) => {
          watched += 1;
          if (live) cache.up();
        },
      },
    );
    return {
      verify,
      lookups,
      valid,
      watched: () => watched,
      advance: (ms: number) => (now += ms),
      hold: () => {
        let open = () => {};
        gate = new Promise<void>((resolve) => {
          open = resolve;
        });
        return () => {
          gate = undefined;
          open();
        };
      },
    };
  };

  it("looks a verified key up once per period, then again", async () => {
    const { verify, lookups, advance, watched } = setup(30_000);
    expect(await verify("ps_a_1")).toBe("ten_a");
    advance(29_999);
    expect(await verify("ps_a_1")).toBe("ten_a");
    expect(lookups).toHaveLength(1);
    advance(1);
    expect(await verify("ps_a_1")).toBe("ten_a");
    expect(lookups).toHaveLength(2);
    expect(watched()).toBe(1); // the feed is started once, at the first lookup
  });

  it("forgets a revoked key at once, and only that key", async () => {
    const { verify, valid, lookups } = setup(30_000);
    expect(await verify("ps_a_1")).toBe("ten_a");
    expect(await verify("ps_b_1")).toBe("ten_b");
    valid.delete("ps_a_1"); // revoked in the database, which announces prefix "a"
    verify.forget("a");
    expect(verify.remembers("a")).toBe(false);
    expect(await verify("ps_a_1")).toBeUndefined();
    expect(await verify("ps_b_1")).toBe("ten_b");
    expect(lookups).toEqual(["ps_a_1", "ps_b_1", "ps_a_1"]);
  });

  it("does not remember a lookup that was in flight when a revocation arrived", async () => {
    const { verify, valid, hold } = setup(30_000);
    const release = hold();
    const inFlight = verify("ps_a_1");
    valid.delete("ps_a_1");
    verify.forget("a");
    release();
    expect(await inFlight).toBe("ten_a"); // read before the revocation: serves that request…
    expect(verify.remembers("a")).toBe(false); // …but is not trusted afterwards
    expect(await verify("ps_a_1")).toBeUndefined();
  });

  it("remembers nothing while the feed of revocations is down, and forgets everything when it goes down", async () => {
    const { verify, lookups } = setup(30_000, { live: false });
    await verify("ps_a_1");
    await verify("ps_a_1");
    expect(lookups).toHaveLength(2);
    verify.up();
    await verify("ps_a_1");
    expect(verify.remembers("a")).toBe(true);
    verify.down(); // announcements may be missed from now on
    expect(verify.remembers("a")).toBe(false);
    await verify("ps_a_1");
    expect(lookups).toHaveLength(4);
    expect(verify.remembers("a")).toBe(false);
  });

  it("never remembers a key that failed, so a new key works at once", async () => {
    const { verify, valid, lookups } = setup(30_000);
    expect(await verify("ps_c_1")).toBeUndefined();
    valid.set("ps_c_1", "ten_c");
    expect(await verify("ps_c_1")).toBe("ten_c");
    expect(lookups).toEqual(["ps_c_1", "ps_c_1"]);
  });

  it("checks the database on every request with 0, and never listens", async () => {
    const { verify, lookups, watched } = setup(0);
    await verify("ps_a_1");
    await verify("ps_a_1");
    expect(lookups).toHaveLength(2);
    expect(watched()).toBe(0);
  });
});
