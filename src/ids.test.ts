import { describe, expect, it } from "vitest";
import { ANY_ID, isId, newId } from "./ids.ts";

describe("ids", () => {
  it("mints distinct ids of their kind across refills of the random pool", () => {
    const ids = Array.from({ length: 1000 }, (_, i) => newId(i % 2 ? "message" : "conversation"));
    expect(new Set(ids).size).toBe(ids.length);
    for (const [i, id] of ids.entries()) {
      expect(id).toMatch(ANY_ID);
      expect(isId(i % 2 ? "message" : "conversation", id)).toBe(true);
      expect(isId(i % 2 ? "conversation" : "message", id)).toBe(false);
    }
  });

  it("uses the whole alphabet (the bytes are spread, not one byte repeated)", () => {
    const letters = new Set(
      Array.from({ length: 200 }, () => newId("persona").slice(4))
        .join("")
        .split(""),
    );
    expect(letters.size).toBe(32);
  });
});
