import { describe, expect, it } from "vitest";
import { extractOffline } from "./extract-offline.ts";

const occupation = (text: string) =>
  extractOffline([{ id: "s0", kind: "text", text, order: 0 }]).claims.find((c) => c.field === "occupation");

describe("credential penalty", () => {
  it("reads the role as written: a credential shed from the value still makes it a weak job", () => {
    const claim = occupation("Ines Moura — certified pilates instructor\nWeekdays I do the books for a bakery.");
    expect(claim?.value).toBe("pilates instructor");
    expect(claim?.confidence).toBeLessThanOrEqual(0.45);
  });

  it("leaves a role written without a credential at full confidence", () => {
    const claim = occupation("Ines Moura — pilates instructor\nWeekdays I do the books for a bakery.");
    expect(claim?.value).toBe("pilates instructor");
    expect(claim?.confidence).toBeGreaterThan(0.45);
  });
});
