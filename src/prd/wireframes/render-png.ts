// ASCII/Unicode wireframe -> PNG. Synchronous by design: rendering is pure CPU work bounded by the exported limits
// (a full 100x100 wireframe takes ~40 ms warm, ~100 ms cold, on this project's 2-core machines), so an async API would only add ceremony. Callers
// that render many large wireframes in a request path can move it to a worker.

import { PNG } from "pngjs";
import { WireframeTooLargeError } from "./errors.ts";
import { type CellPlan, parseWireframe, planCell } from "./layout.ts";
import {
  CELL_HEIGHT,
  CELL_WIDTH,
  createCanvas,
  type InkCanvas,
  paintBlock,
  paintBox,
  paintBraille,
  paintDiagonal,
  paintGlyph,
  paintPlaceholder,
} from "./painters.ts";

export { EmptyWireframeError, WireframeError, type WireframeLimit, WireframeTooLargeError } from "./errors.ts";
export { MAX_WIREFRAME_CHARS, MAX_WIREFRAME_COLUMNS, MAX_WIREFRAME_LINES } from "./layout.ts";
export { CELL_HEIGHT, CELL_WIDTH } from "./painters.ts";

/** Most pixels (width x height, after scaling) of one output image. */
export const MAX_WIREFRAME_PIXELS = 8_000_000;

export const DEFAULT_MARGIN = 8;
export const MAX_MARGIN = 64;
export const MAX_SCALE = 4;
export const DEFAULT_TAB_WIDTH = 8;

/** Grey levels of the 8-bit greyscale output: near-white paper, near-black ink. */
export const BACKGROUND_GREY = 0xfa;
export const INK_GREY = 0x1f;

export interface RenderWireframeOptions {
  /** Integer pixel multiplier (1..4), nearest-neighbour, for high-density displays. Default 1 (8x16 px cells). */
  readonly scale?: number;
  /** Blank border in unscaled pixels on every side (0..64). Default 8. */
  readonly margin?: number;
  /** Tab stops every this many columns (1..16). Default 8. */
  readonly tabWidth?: number;
}

function intOption(name: string, value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
  return value;
}

/** Output size in pixels for a grid of `columns` x `lines` cells. */
export function wireframeImageSize(
  columns: number,
  lines: number,
  options: Pick<RenderWireframeOptions, "scale" | "margin"> = {},
): { width: number; height: number } {
  const scale = options.scale ?? 1;
  const margin = options.margin ?? DEFAULT_MARGIN;
  return {
    width: (columns * CELL_WIDTH + 2 * margin) * scale,
    height: (lines * CELL_HEIGHT + 2 * margin) * scale,
  };
}

/**
 * Renders wireframe text (plain ASCII, Unicode box drawing, block elements) as an 8-bit greyscale PNG, one 8x16
 * cell per character. The same text and options always give the same bytes: the PNG holds only IHDR, IDAT and IEND
 * (no time or text chunks) and is compressed with fixed settings.
 *
 * Throws WireframeTooLargeError (MAX_WIREFRAME_CHARS/LINES/COLUMNS/PIXELS), EmptyWireframeError (nothing visible),
 * and RangeError for out-of-range options. See parseWireframe for how tabs, control and zero-width characters are
 * treated; characters the font lacks (emoji, CJK) are drawn as a placeholder box.
 */
export function renderWireframePng(ascii: string, options: RenderWireframeOptions = {}): Buffer {
  const scale = intOption("scale", options.scale, 1, 1, MAX_SCALE);
  const margin = intOption("margin", options.margin, DEFAULT_MARGIN, 0, MAX_MARGIN);
  const tabWidth = intOption("tabWidth", options.tabWidth, DEFAULT_TAB_WIDTH, 1, 16);

  const grid = parseWireframe(ascii, { tabWidth });
  const { width, height } = wireframeImageSize(grid.columns, grid.lines.length, { scale, margin });
  if (width * height > MAX_WIREFRAME_PIXELS) {
    throw new WireframeTooLargeError("pixels", MAX_WIREFRAME_PIXELS, width * height);
  }

  const canvas = createCanvas(width / scale, height / scale);
  grid.lines.forEach((line, row) => {
    for (let col = 0; col < line.length; col += 1) {
      paintPlan(canvas, margin + col * CELL_WIDTH, margin + row * CELL_HEIGHT, planCell(grid, row, col));
    }
  });

  const png = new PNG({ width, height, colorType: 0, inputColorType: 0, bitDepth: 8, inputHasAlpha: false });
  png.data = toGrey(canvas, scale);
  return PNG.sync.write(png, {
    colorType: 0,
    inputColorType: 0,
    bitDepth: 8,
    inputHasAlpha: false,
    // Fixed compression settings are part of the byte-stability promise; do not leave them to library defaults.
    deflateLevel: 9,
    deflateStrategy: 0,
    filterType: 0,
  });
}

function paintPlan(canvas: InkCanvas, x: number, y: number, plan: CellPlan): void {
  switch (plan.kind) {
    case "blank":
      return;
    case "glyph":
      paintGlyph(canvas, x, y, plan.rows);
      return;
    case "box":
      paintBox(canvas, x, y, plan.spec);
      return;
    case "diagonal":
      paintDiagonal(canvas, x, y, plan.forward, plan.backward);
      return;
    case "block":
      paintBlock(canvas, x, y, plan.codePoint);
      return;
    case "braille":
      paintBraille(canvas, x, y, plan.codePoint);
      return;
    case "placeholder":
      paintPlaceholder(canvas, x, y);
      return;
  }
}

function toGrey(canvas: InkCanvas, scale: number): Buffer {
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v += 1) {
    lut[v] = Math.round(BACKGROUND_GREY - ((BACKGROUND_GREY - INK_GREY) * v) / 255);
  }
  const outWidth = canvas.width * scale;
  const out = Buffer.alloc(outWidth * canvas.height * scale);
  for (let y = 0; y < canvas.height; y += 1) {
    const rowStart = y * scale * outWidth;
    const inStart = y * canvas.width;
    for (let x = 0; x < canvas.width; x += 1) {
      const grey = lut[canvas.ink[inStart + x] ?? 0] ?? BACKGROUND_GREY;
      // Plain stores rather than Buffer#fill: one call per pixel dominated the run time.
      for (let k = rowStart + x * scale, end = k + scale; k < end; k += 1) out[k] = grey;
    }
    // Further scaled rows are copies of the first.
    for (let k = 1; k < scale; k += 1) out.copy(out, rowStart + k * outWidth, rowStart, rowStart + outWidth);
  }
  return out;
}
