import { createHash } from "node:crypto";
import fc from "fast-check";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { boxSpecOf, diagonalOf } from "./box-table.ts";
import {
  BACKGROUND_GREY,
  CELL_HEIGHT,
  CELL_WIDTH,
  DEFAULT_MARGIN,
  EmptyWireframeError,
  MAX_WIREFRAME_CHARS,
  MAX_WIREFRAME_COLUMNS,
  MAX_WIREFRAME_LINES,
  MAX_WIREFRAME_PIXELS,
  renderWireframePng,
  WireframeError,
  WireframeTooLargeError,
  wireframeImageSize,
} from "./render-png.ts";

interface Decoded {
  width: number;
  height: number;
  /** True where the pixel is darker than the background. */
  inked(x: number, y: number): boolean;
}

function decode(png: Buffer): Decoded {
  const img = PNG.sync.read(png);
  return {
    width: img.width,
    height: img.height,
    inked: (x, y) => {
      if (x < 0 || y < 0 || x >= img.width || y >= img.height) throw new Error(`pixel ${x},${y} out of image`);
      return (img.data[(y * img.width + x) * 4] ?? BACKGROUND_GREY) < BACKGROUND_GREY;
    },
  };
}

/** Number of inked pixels in the cell at (row, col), margin 0. */
function cellInk(img: Decoded, row: number, col: number): number {
  let n = 0;
  for (let y = 0; y < CELL_HEIGHT; y += 1) {
    for (let x = 0; x < CELL_WIDTH; x += 1) if (img.inked(col * CELL_WIDTH + x, row * CELL_HEIGHT + y)) n += 1;
  }
  return n;
}

const render0 = (text: string): Decoded => decode(renderWireframePng(text, { margin: 0 }));

describe("renderWireframePng: size and content", () => {
  it("derives the image size from the longest line and the line count, plus the margin", () => {
    const img = decode(renderWireframePng("ab\ncdef\nx"));
    expect(img.width).toBe(4 * CELL_WIDTH + 2 * DEFAULT_MARGIN);
    expect(img.height).toBe(3 * CELL_HEIGHT + 2 * DEFAULT_MARGIN);
    expect({ width: img.width, height: img.height }).toEqual(wireframeImageSize(4, 3));
  });

  it("scales by an integer factor and honours the margin option", () => {
    const img = decode(renderWireframePng("abc", { scale: 2, margin: 4 }));
    expect(img.width).toBe((3 * CELL_WIDTH + 8) * 2);
    expect(img.height).toBe((CELL_HEIGHT + 8) * 2);
  });

  it("inks glyph cells and leaves spaces and the margin blank", () => {
    const img = decode(renderWireframePng("A B\n  #"));
    const m = DEFAULT_MARGIN;
    const inkAt = (row: number, col: number): number => {
      let n = 0;
      for (let y = 0; y < CELL_HEIGHT; y += 1) {
        for (let x = 0; x < CELL_WIDTH; x += 1) {
          if (img.inked(m + col * CELL_WIDTH + x, m + row * CELL_HEIGHT + y)) n += 1;
        }
      }
      return n;
    };
    expect(inkAt(0, 0)).toBeGreaterThan(10);
    expect(inkAt(0, 1)).toBe(0);
    expect(inkAt(0, 2)).toBeGreaterThan(10);
    expect(inkAt(1, 0)).toBe(0);
    expect(inkAt(1, 1)).toBe(0);
    expect(inkAt(1, 2)).toBeGreaterThan(10);
    for (let x = 0; x < img.width; x += 1) {
      for (const y of [0, m - 1, img.height - m, img.height - 1]) expect(img.inked(x, y)).toBe(false);
    }
    for (let y = 0; y < img.height; y += 1) {
      for (const x of [0, m - 1, img.width - m, img.width - 1]) expect(img.inked(x, y)).toBe(false);
    }
  });

  it("writes an 8-bit greyscale PNG with only IHDR, IDAT and IEND chunks (no time or text metadata)", () => {
    const png = renderWireframePng("+--+\n|ok|\n+--+");
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const chunks: string[] = [];
    let offset = 8;
    while (offset < png.length) {
      const length = png.readUInt32BE(offset);
      chunks.push(png.toString("latin1", offset + 4, offset + 8));
      offset += 12 + length;
    }
    expect(new Set(chunks)).toEqual(new Set(["IHDR", "IDAT", "IEND"]));
    expect(png.readUInt8(8 + 8 + 8)).toBe(8); // bit depth
    expect(png.readUInt8(8 + 8 + 9)).toBe(0); // colour type: greyscale
  });
});

describe("renderWireframePng: lines join across cells", () => {
  const centreX = (col: number): number => col * CELL_WIDTH + 3;
  const centreY = (row: number): number => row * CELL_HEIGHT + 7;

  function expectHorizontalRun(img: Decoded, y: number, x0: number, x1: number): void {
    for (let x = x0; x <= x1; x += 1) expect(img.inked(x, y), `pixel ${x},${y}`).toBe(true);
  }
  function expectVerticalRun(img: Decoded, x: number, y0: number, y1: number): void {
    for (let y = y0; y <= y1; y += 1) expect(img.inked(x, y), `pixel ${x},${y}`).toBe(true);
  }

  it.each([
    ["light", "┌──┐\n│  │\n└──┘"],
    ["heavy", "┏━━┓\n┃  ┃\n┗━━┛"],
    ["ascii", "+--+\n|  |\n+--+"],
  ])("%s box: unbroken edges from corner to corner", (_name, text) => {
    const img = render0(text);
    expectHorizontalRun(img, centreY(0), centreX(0), centreX(3));
    expectHorizontalRun(img, centreY(2), centreX(0), centreX(3));
    expectVerticalRun(img, centreX(0), centreY(0), centreY(2));
    expectVerticalRun(img, centreX(3), centreY(0), centreY(2));
    expect(cellInk(img, 1, 1)).toBe(0);
  });

  it("double box: both lines of each edge run unbroken, with a gap between them", () => {
    const img = render0("╔══╗\n║  ║\n╚══╝");
    // Outer lines sit one pixel outside the centre, inner lines one pixel inside.
    expectHorizontalRun(img, centreY(0) - 1, centreX(0) - 1, centreX(3) + 1);
    expectHorizontalRun(img, centreY(0) + 1, centreX(0) + 1, centreX(3) - 1);
    expectVerticalRun(img, centreX(0) - 1, centreY(0) - 1, centreY(2) + 1);
    expectVerticalRun(img, centreX(0) + 1, centreY(0) + 1, centreY(2) - 1);
    for (let x = centreX(0) + 1; x <= centreX(3) - 1; x += 1) expect(img.inked(x, centreY(0))).toBe(false);
  });

  it("tees and crosses connect to their neighbours (├─┼─┤ and |---|)", () => {
    const unicode = render0("│ │ │\n├─┼─┤\n│ │ │");
    expectHorizontalRun(unicode, centreY(1), centreX(0), centreX(4));
    for (const col of [0, 2, 4]) expectVerticalRun(unicode, centreX(col), 0, 3 * CELL_HEIGHT - 1);
    const ascii = render0("| |\n|-|\n| |");
    expectHorizontalRun(ascii, centreY(1), centreX(0), centreX(2));
    expectVerticalRun(ascii, centreX(2), 0, 3 * CELL_HEIGHT - 1);
  });

  it("keeps `-`, `|` and `+` in prose as font glyphs", () => {
    const img = render0("e-mail a | b C++");
    // A line stroke would reach the cell's left edge; the font's hyphen does not.
    expect(img.inked(1 * CELL_WIDTH, centreY(0))).toBe(false);
    expect(img.inked(9 * CELL_WIDTH + 3, 0)).toBe(false); // `|` alone is not a full-height bar
    expect(img.inked(14 * CELL_WIDTH, centreY(0))).toBe(false);
  });

  it("every box-drawing character reaches exactly the cell edges its arms name", () => {
    for (let cp = 0x2500; cp <= 0x257f; cp += 1) {
      if (diagonalOf(cp) !== undefined) continue;
      const { arms, dash } = boxSpecOf(cp);
      const img = render0(String.fromCodePoint(cp));
      const [up, right, down, left] = arms;
      const label = `U+${cp.toString(16)} ${String.fromCodePoint(cp)}`;
      // Dashed lines have gaps by design at the edges; check only that they are present.
      if (dash !== undefined) {
        expect(cellInk(img, 0, 0), label).toBeGreaterThan(0);
        continue;
      }
      const edge = (w: number, onCentre: boolean, onSides: boolean): void => {
        if (w === 0) {
          expect(onCentre || onSides, `${label}: unexpected arm`).toBe(false);
        } else if (w === 3) {
          expect(onSides && !onCentre, `${label}: double arm`).toBe(true);
        } else {
          expect(onCentre, `${label}: arm`).toBe(true);
        }
      };
      const top = (x: number): boolean => img.inked(x, 0);
      const bottom = (x: number): boolean => img.inked(x, CELL_HEIGHT - 1);
      const leftEdge = (y: number): boolean => img.inked(0, y);
      const rightEdge = (y: number): boolean => img.inked(CELL_WIDTH - 1, y);
      edge(up, top(3), top(2) && top(4));
      edge(down, bottom(3), bottom(2) && bottom(4));
      edge(left, leftEdge(7), leftEdge(6) && leftEdge(8));
      edge(right, rightEdge(7), rightEdge(6) && rightEdge(8));
    }
  });

  it("draws diagonals, blocks, shades and braille without the font", () => {
    const img = render0("╲█░⣿");
    expect(img.inked(0, 0) && img.inked(CELL_WIDTH - 1, CELL_HEIGHT - 1)).toBe(true);
    expect(cellInk(img, 0, 1)).toBe(CELL_WIDTH * CELL_HEIGHT);
    expect(cellInk(img, 0, 2)).toBe(CELL_WIDTH * CELL_HEIGHT); // light grey, but every pixel is tinted
    expect(cellInk(img, 0, 3)).toBe(8 * 4);
  });
});

describe("renderWireframePng: determinism", () => {
  const fixture = ["+--------+", "| Login  |", "| [ OK ] |", "+--------+", "┌─┬─┐ ╔═╗", "└─┴─┘ ╚═╝ ░▒▓"].join("\n");

  it("renders the same bytes every time", () => {
    expect(renderWireframePng(fixture).equals(renderWireframePng(fixture))).toBe(true);
  });

  it("treats CRLF and LF line ends alike", () => {
    expect(renderWireframePng(fixture.replaceAll("\n", "\r\n")).equals(renderWireframePng(fixture))).toBe(true);
  });

  it("matches the stored SHA-256 of a fixture, so any change in rendering is noticed", () => {
    // If this fails after an intended change to glyphs, geometry, colours or compression, look at the new image
    // and then update the hash.
    const sha = createHash("sha256").update(renderWireframePng(fixture)).digest("hex");
    expect(sha).toBe("4ec81c2f0e9111c0e0c90e1f0f2927bf29ef23e97e8f80697440b3af68baad4a");
  });
});

describe("renderWireframePng: input rules", () => {
  it("expands tabs to the next multiple of tabWidth", () => {
    expect(decode(renderWireframePng("a\tb", { margin: 0 })).width).toBe(9 * CELL_WIDTH);
    expect(decode(renderWireframePng("a\tb", { margin: 0, tabWidth: 4 })).width).toBe(5 * CELL_WIDTH);
  });

  it("drops trailing whitespace and blank lines at the start and end", () => {
    const img = decode(renderWireframePng("\n\n  \nab   \n\ncd\n\n \n", { margin: 0 }));
    expect([img.width, img.height]).toEqual([2 * CELL_WIDTH, 3 * CELL_HEIGHT]);
  });

  it("replaces control characters with the placeholder box and drops zero-width characters", () => {
    const img = render0("a\u0001b\u200dc\u0301\ufe0f");
    expect(img.width).toBe(4 * CELL_WIDTH);
    expect(cellInk(img, 0, 1)).toBeGreaterThan(10);
  });

  it("draws emoji, CJK, unassigned and lone surrogate code points as one placeholder cell each, never throwing", () => {
    const text = "😀中\u{10ffff}\ud800👨‍👩‍👧";
    const img = render0(text);
    expect(img.width).toBe(7 * CELL_WIDTH);
    for (let col = 0; col < 7; col += 1) expect(cellInk(img, 0, col)).toBeGreaterThan(10);
  });

  it("only ever throws wireframe errors, whatever the text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
        try {
          const img = decode(renderWireframePng(text));
          return img.width > 0 && img.height > 0;
        } catch (error) {
          return error instanceof WireframeError;
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe("renderWireframePng: limits", () => {
  function tooLarge(fn: () => unknown): WireframeTooLargeError {
    try {
      fn();
    } catch (error) {
      if (error instanceof WireframeTooLargeError) return error;
      throw error;
    }
    throw new Error("expected WireframeTooLargeError");
  }

  it("accepts exactly the maximum lines and columns", () => {
    const text = Array.from({ length: MAX_WIREFRAME_LINES }, () => "x".repeat(MAX_WIREFRAME_COLUMNS / 2 - 1)).join(
      "\n",
    );
    expect(text.length).toBeLessThanOrEqual(MAX_WIREFRAME_CHARS);
    expect(decode(renderWireframePng(text, { margin: 0 })).height).toBe(MAX_WIREFRAME_LINES * CELL_HEIGHT);
    expect(decode(renderWireframePng("x".repeat(MAX_WIREFRAME_COLUMNS), { margin: 0 })).width).toBe(
      MAX_WIREFRAME_COLUMNS * CELL_WIDTH,
    );
  });

  it.each([
    ["characters", () => renderWireframePng("x".repeat(MAX_WIREFRAME_CHARS + 1)), MAX_WIREFRAME_CHARS],
    ["lines", () => renderWireframePng("x\n".repeat(MAX_WIREFRAME_LINES + 1)), MAX_WIREFRAME_LINES],
    ["columns", () => renderWireframePng("x".repeat(MAX_WIREFRAME_COLUMNS + 1)), MAX_WIREFRAME_COLUMNS],
    ["columns", () => renderWireframePng(`x${"\t".repeat(30)}x`), MAX_WIREFRAME_COLUMNS],
    [
      "pixels",
      () => renderWireframePng(Array.from({ length: 100 }, () => "x".repeat(100)).join("\n"), { scale: 4 }),
      MAX_WIREFRAME_PIXELS,
    ],
  ] as const)("rejects too many %s with WireframeTooLargeError naming the limit", (limit, fn, max) => {
    const error = tooLarge(fn);
    expect(error.limit).toBe(limit);
    expect(error.max).toBe(max);
    expect(error.actual).toBeGreaterThan(max);
    expect(error.message).toContain(limit);
    expect(error.message).toContain(String(max));
    expect(error).toBeInstanceOf(WireframeError);
  });

  it.each(["", "   ", "\n\n", " \t \r\n\t", "\u200b\u200d", "\ufeff"])("rejects empty input %j", (text) => {
    expect(() => renderWireframePng(text)).toThrow(EmptyWireframeError);
  });

  it.each([{ scale: 0 }, { scale: 1.5 }, { scale: 5 }, { margin: -1 }, { margin: 65 }, { tabWidth: 0 }])(
    "rejects out-of-range option %j",
    (options) => {
      expect(() => renderWireframePng("x", options)).toThrow(RangeError);
    },
  );
});
