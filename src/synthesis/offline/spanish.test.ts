import { describe, expect, it } from "vitest";
import { translateSpanish } from "./languages/spanish.ts";

describe("translateSpanish", () => {
  it.each([
    ["los precios caros", "expensive prices"],
    ["trabas burocráticas", "bureaucratic obstacles"],
    ["conducir de noche", "driving of night"],
    ["abrir una empresa propia", "open own company"],
  ])("%j -> %j", (spanish, english) => {
    expect(translateSpanish(spanish)).toBe(english);
  });

  it("gives up when most words are unknown", () => {
    expect(translateSpanish("el murciélago atravesó la bruma")).toBeNull();
  });
});
