import { describe, expect, it } from "vitest";
import { materialDate } from "./prepare.ts";

describe("materialDate", () => {
  it.each([
    ["Call notes 2024-05-02. Lena said hi.", "2024-05-02"],
    ["Interview\nRecorded 14 March 2024, 10:00\nP: hello", "2024-03-14"],
    ["\n\nSupport ticket\nOpened: March 3, 2023\nText", "2023-03-03"],
  ])("reads the dated header of %j", (text, date) => {
    expect(materialDate(text)).toBe(date);
  });

  it("ignores dates deep in the text and undated material", () => {
    expect(materialDate("Hello.\nI'm Ana.\nI like tea.\nI graduated on 2010-06-01.")).toBeUndefined();
    expect(materialDate("I'm Ana, a baker.")).toBeUndefined();
  });
});
