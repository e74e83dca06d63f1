import { describe, expect, it } from "vitest";
import { scanSource } from "./engine-stats.ts";

describe("engine-stats scanSource", () => {
  it("counts a rule's pattern after a value builder as table, and a literal inside the builder as inline", () => {
    const source = `
const RULES = [
  { pattern: /first/i, value: (m) => (/^x/.test(m[0]) ? "x" : "y"), confidence: 0.5 },
  { pattern: /second/i, value: (m) => { return /^y/.test(m[0]) ? m[0] : null; } },
  foreign("german", /\\bbin\\s+(\\d+)/giu, (unit) => unit.line),
  { pattern: /third/i },
];`;
    const inline: string[] = [];
    const counts = scanSource(source, (start, end) => inline.push(source.slice(start, end)));
    expect(inline).toEqual(["/^x/", "/^y/"]);
    expect(counts).toMatchObject({ table: 4, inline: 2, named: 0 });
  });

  it("tells named constants, function bodies and producers apart", () => {
    const source = `
const WORD = /word/i;
const BUILT = new RegExp("a|b", "g");
const ends = (text) => /end$/.test(text);
function make(name) {
  const re = new RegExp(name);
  return fromUnit(unit, "skills", /x/.exec(name), 0.5);
}`;
    expect(scanSource(source)).toEqual({ table: 0, named: 2, inline: 2, built: 1, producers: 1 });
  });
});
