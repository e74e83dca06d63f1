import { describe, expect, it } from "vitest";
import { toGerund } from "./text.ts";

describe("toGerund", () => {
  it.each([
    ["swim laps", "swimming laps"],
    ["travel more", "travelling more"],
    ["write songs", "writing songs"],
    ["tie flies", "tying flies"],
    ["free up time", "freeing up time"],
    ["garden", "gardening"],
    ["fix bikes", "fixing bikes"],
    ["reading", "reading"],
    ["be", "be"],
  ])("%j -> %j", (phrase, gerund) => {
    expect(toGerund(phrase)).toBe(gerund);
  });
});
