import { describe, expect, it } from "vitest";
import { renderWireframePng } from "./render-png.ts";
import { parseScreens, type ScreenSpec, sketchScreen } from "./sketch.ts";

/**
 * The geometry of a sketch: every line as wide as the frame, and every box closed on its own column — each ┌ has a ┐
 * on the same line, a └ below it in the same column and a ┘ below the ┐, with │ on the lines between.
 */
function checkGeometry(ascii: string): void {
  const lines = ascii.split("\n").map((l) => [...l]);
  const width = lines[0]?.length ?? 0;
  for (const [i, line] of lines.entries()) expect(line.length, `line ${i}: ${line.join("")}`).toBe(width);
  for (const [top, line] of lines.entries()) {
    for (let left = 0; left < line.length; left++) {
      if (line[left] !== "┌") continue;
      const right = line.indexOf("┐", left);
      expect(right, `box at ${top}:${left} has no ┐`).toBeGreaterThan(left);
      let bottom = top + 1;
      while (bottom < lines.length && lines[bottom]?.[left] !== "└") {
        expect(lines[bottom]?.[left], `left edge at ${bottom}:${left}`).toMatch(/[│├]/);
        expect(lines[bottom]?.[right], `right edge at ${bottom}:${right} of\n${ascii}`).toMatch(/[│┤]/);
        bottom++;
      }
      expect(lines[bottom]?.[right], `bottom-right corner at ${bottom}:${right} of\n${ascii}`).toBe("┘");
    }
  }
}

const screen = (name: string, elements: string[] = []): ScreenSpec => ({ name, elements });

describe("wireframe sketches", () => {
  const screens = [
    screen("Today", ["Free windows", "Nearby trails"]),
    screen("Trail details", ["Map", "Distance", "Start button"]),
    screen("Sign up", ["Email", "Password"]),
    screen("Stats", ["Runs this week", "Distance", "Streak"]),
    screen("Nearby map"),
    screen("Settings"),
    screen("A screen whose name is far longer than the frame can show at all"),
  ];
  const names = screens.map((s) => s.name);

  for (const s of screens) {
    it(`"${s.name}" has straight edges and closed boxes, and renders`, () => {
      const ascii = sketchScreen("YardWatch", s, names);
      checkGeometry(ascii);
      expect(renderWireframePng(ascii).length).toBeGreaterThan(100);
    });
  }

  it("draws what the user described on each screen, so screens differ", () => {
    const sketches = screens.map((s) => sketchScreen("YardWatch", s, names));
    expect(new Set(sketches).size).toBe(sketches.length);
    const details = sketchScreen("YardWatch", screens[1] ?? screen("x"), names);
    expect(details).toContain("Distance");
    expect(details).toContain("[ Start ]");
    expect(sketchScreen("YardWatch", screens[2] ?? screen("x"), names)).toMatch(/Password\s*│\n│ \[_+\] │/);
    expect(sketchScreen("YardWatch", screens[0] ?? screen("x"), names)).toContain("Nearby trails");
  });

  it("reads screens with and without descriptions", () => {
    expect(parseScreens("Today, Trail details")).toEqual([screen("Today"), screen("Trail details")]);
    expect(parseScreens("Today: free windows, nearby trails; Trail details: map, distance and a start button")).toEqual(
      [
        screen("Today", ["Free windows", "Nearby trails"]),
        screen("Trail details", ["Map", "Distance", "A start button"]),
      ],
    );
    expect(parseScreens("Home (alerts list)\nSettings")).toEqual([screen("Home", ["Alerts list"]), screen("Settings")]);
    expect(parseScreens("a, b, c, d, e, f")).toHaveLength(4);
  });
});
