// Procedural drawing of the characters whose look depends on joining their neighbours: box drawing, block elements
// and braille. Font glyphs for these rarely meet exactly at cell borders; drawing strokes through fixed cell-centre
// bands guarantees that ─│┌ and friends (and ASCII +-| boxes, see layout.ts) join into unbroken lines.
//
// Geometry follows the 8x16 cell of the bundled font (its own box glyphs use the same bands), so procedural strokes
// and font glyphs such as `-` line up.

import { GLYPH_HEIGHT, GLYPH_WIDTH } from "./font/glyphs.ts";

export const CELL_WIDTH = GLYPH_WIDTH;
export const CELL_HEIGHT = GLYPH_HEIGHT;

/** Coverage bitmap: 0 = background, 255 = full ink. Grey levels are used for the shade blocks ░▒▓. */
export interface InkCanvas {
  readonly width: number;
  readonly height: number;
  readonly ink: Uint8Array;
}

export function createCanvas(width: number, height: number): InkCanvas {
  return { width, height, ink: new Uint8Array(width * height) };
}

/** Stroke weight of one arm of a box-drawing character (plain numbers so the box table stays compact). */
export type Weight = 0 | 1 | 2 | 3;
export const Weight = { None: 0, Light: 1, Heavy: 2, Double: 3 } as const;
type Stroke = 1 | 2 | 3;

/** Arms in the order up, right, down, left. */
export type Arms = readonly [Weight, Weight, Weight, Weight];

export type Dash = 2 | 3 | 4;

export interface BoxSpec {
  readonly arms: Arms;
  readonly dash?: Dash;
  readonly arc?: boolean;
}

function fill(c: InkCanvas, x0: number, y0: number, x1: number, y1: number, value = 255): void {
  // Inclusive rectangle, clipped to the canvas so a bad caller can never write out of bounds.
  const xa = Math.max(0, x0);
  const xb = Math.min(c.width - 1, x1);
  const ya = Math.max(0, y0);
  const yb = Math.min(c.height - 1, y1);
  for (let y = ya; y <= yb; y += 1) {
    const row = y * c.width;
    for (let x = xa; x <= xb; x += 1) {
      const i = row + x;
      if ((c.ink[i] ?? 0) < value) c.ink[i] = value;
    }
  }
}

function clear(c: InkCanvas, x0: number, y0: number, x1: number, y1: number): void {
  for (let y = Math.max(0, y0); y <= Math.min(c.height - 1, y1); y += 1) {
    c.ink.fill(0, y * c.width + Math.max(0, x0), y * c.width + Math.min(c.width - 1, x1) + 1);
  }
}

// Bands (inclusive pixel offsets inside the cell) of a vertical stroke's columns and a horizontal stroke's rows.
const CX = Math.floor((CELL_WIDTH - 1) / 2);
const CY = Math.floor((CELL_HEIGHT - 1) / 2);
const V_BAND: Record<Stroke, readonly [number, number]> = {
  [Weight.Light]: [CX, CX],
  [Weight.Heavy]: [CX, CX + 1],
  [Weight.Double]: [CX - 1, CX + 1],
};
const H_BAND: Record<Stroke, readonly [number, number]> = {
  [Weight.Light]: [CY, CY],
  [Weight.Heavy]: [CY, CY + 1],
  [Weight.Double]: [CY - 1, CY + 1],
};

function union(
  bands: Record<Stroke, readonly [number, number]>,
  weights: readonly Weight[],
  fallback: Weight,
): readonly [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const w of weights.length > 0 ? weights : [fallback]) {
    if (w === Weight.None) continue;
    const [a, b] = bands[w];
    lo = Math.min(lo, a);
    hi = Math.max(hi, b);
  }
  return Number.isFinite(lo) ? [lo, hi] : [0, -1];
}

/** Draws a box-drawing cell whose top-left pixel is (x0, y0). */
export function paintBox(c: InkCanvas, x0: number, y0: number, spec: BoxSpec): void {
  const [up, right, down, left] = spec.arms;
  const W = CELL_WIDTH - 1;
  const H = CELL_HEIGHT - 1;
  const vertical = [up, down].filter((w) => w !== Weight.None);
  const horizontal = [left, right].filter((w) => w !== Weight.None);

  if (spec.arc === true) {
    // Rounded corner: the two light arms stop short of the centre and a diagonal pixel joins them.
    const dx = right !== Weight.None ? 1 : -1;
    const dy = down !== Weight.None ? 1 : -1;
    const hx = CX + 2 * dx;
    fill(c, x0 + Math.min(hx, dx > 0 ? W : 0), y0 + CY, x0 + Math.max(hx, dx > 0 ? W : 0), y0 + CY);
    const vy = CY + 2 * dy;
    fill(c, x0 + CX, y0 + Math.min(vy, dy > 0 ? H : 0), x0 + CX, y0 + Math.max(vy, dy > 0 ? H : 0));
    fill(c, x0 + CX + dx, y0 + CY + dy, x0 + CX + dx, y0 + CY + dy);
    return;
  }

  // Double arms are drawn as a filled outer band minus its inner band, so every double corner, tee and cross comes
  // out right without a case per character; single and heavy strokes are drawn afterwards on top.
  for (const pass of ["outer", "inner"] as const) {
    for (const [dir, w] of [
      ["up", up],
      ["right", right],
      ["down", down],
      ["left", left],
    ] as const) {
      if (w !== Weight.Double) continue;
      const isVertical = dir === "up" || dir === "down";
      const perpendicular = isVertical ? horizontal : vertical;
      const hasDoublePerp = perpendicular.includes(Weight.Double);
      const own = isVertical ? V_BAND[Weight.Double] : H_BAND[Weight.Double];
      const across = isVertical ? union(H_BAND, perpendicular, w) : union(V_BAND, perpendicular, w);
      // The outer band reaches the far side of the perpendicular strokes; the inner band (cleared) stops at the
      // perpendicular's inner line when that is double, so the two double lines turn the corner as outline.
      const band = pass === "outer" ? own : ([own[0] + 1, own[1] - 1] as const);
      const reach = pass === "outer" ? across : hasDoublePerp ? ([across[0] + 1, across[1] - 1] as const) : across;
      let rect: [number, number, number, number];
      if (dir === "up") rect = [band[0], 0, band[1], reach[1]];
      else if (dir === "down") rect = [band[0], reach[0], band[1], H];
      else if (dir === "left") rect = [0, band[0], reach[1], band[1]];
      else rect = [reach[0], band[0], W, band[1]];
      const [ax, ay, bx, by] = rect;
      if (pass === "outer") fill(c, x0 + ax, y0 + ay, x0 + bx, y0 + by);
      else clear(c, x0 + ax, y0 + ay, x0 + bx, y0 + by);
    }
  }

  for (const [dir, w] of [
    ["up", up],
    ["right", right],
    ["down", down],
    ["left", left],
  ] as const) {
    if (w === Weight.None || w === Weight.Double) continue;
    const isVertical = dir === "up" || dir === "down";
    const band = isVertical ? V_BAND[w] : H_BAND[w];
    const across = isVertical ? union(H_BAND, horizontal, w) : union(V_BAND, vertical, w);
    let rect: [number, number, number, number];
    if (dir === "up") rect = [band[0], 0, band[1], across[1]];
    else if (dir === "down") rect = [band[0], across[0], band[1], H];
    else if (dir === "left") rect = [0, band[0], across[1], band[1]];
    else rect = [across[0], band[0], W, band[1]];
    const [ax, ay, bx, by] = rect;
    fill(c, x0 + ax, y0 + ay, x0 + bx, y0 + by);
  }

  if (spec.dash !== undefined) {
    // Dashed lines: punch regular gaps into the straight stroke drawn above.
    const n = spec.dash;
    if (vertical.length > 0) {
      const seg = CELL_HEIGHT / n;
      for (let y = 0; y <= H; y += 1) if (y % seg >= seg * 0.6) clear(c, x0, y0 + y, x0 + W, y0 + y);
    } else {
      const seg = CELL_WIDTH / n;
      for (let x = 0; x <= W; x += 1) if (x % seg >= seg * 0.6) clear(c, x0 + x, y0, x0 + x, y0 + H);
    }
  }
}

/** ╱ ╲ ╳: one pixel per row, so consecutive diagonal cells continue each other. */
export function paintDiagonal(c: InkCanvas, x0: number, y0: number, forward: boolean, backward: boolean): void {
  for (let y = 0; y < CELL_HEIGHT; y += 1) {
    const t = Math.floor(((y + 0.5) * CELL_WIDTH) / CELL_HEIGHT);
    if (backward) fill(c, x0 + t, y0 + y, x0 + t, y0 + y);
    if (forward) fill(c, x0 + CELL_WIDTH - 1 - t, y0 + y, x0 + CELL_WIDTH - 1 - t, y0 + y);
  }
}

// Block elements U+2580..U+259F as rectangles in eighths of the cell [x0, y0, x1, y1) plus an ink level.
type Eighths = readonly [number, number, number, number];
const FULL: Eighths = [0, 0, 8, 8];
const Q_UL: Eighths = [0, 0, 4, 4];
const Q_UR: Eighths = [4, 0, 8, 4];
const Q_LL: Eighths = [0, 4, 4, 8];
const Q_LR: Eighths = [4, 4, 8, 8];
const BLOCKS: ReadonlyArray<{ rects: readonly Eighths[]; level: number }> = [
  { rects: [[0, 0, 8, 4]], level: 255 }, // ▀
  ...[1, 2, 3, 4, 5, 6, 7].map((k) => ({ rects: [[0, 8 - k, 8, 8] as Eighths], level: 255 })), // ▁..▇
  { rects: [FULL], level: 255 }, // █
  ...[7, 6, 5, 4, 3, 2, 1].map((k) => ({ rects: [[0, 0, k, 8] as Eighths], level: 255 })), // ▉..▏
  { rects: [[4, 0, 8, 8]], level: 255 }, // ▐
  { rects: [FULL], level: 64 }, // ░ — grey levels read better in a PNG than the font's dither patterns
  { rects: [FULL], level: 128 }, // ▒
  { rects: [FULL], level: 192 }, // ▓
  { rects: [[0, 0, 8, 1]], level: 255 }, // ▔
  { rects: [[7, 0, 8, 8]], level: 255 }, // ▕
  { rects: [Q_LL], level: 255 }, // ▖
  { rects: [Q_LR], level: 255 }, // ▗
  { rects: [Q_UL], level: 255 }, // ▘
  { rects: [Q_UL, Q_LL, Q_LR], level: 255 }, // ▙
  { rects: [Q_UL, Q_LR], level: 255 }, // ▚
  { rects: [Q_UL, Q_UR, Q_LL], level: 255 }, // ▛
  { rects: [Q_UL, Q_UR, Q_LR], level: 255 }, // ▜
  { rects: [Q_UR], level: 255 }, // ▝
  { rects: [Q_UR, Q_LL], level: 255 }, // ▞
  { rects: [Q_UR, Q_LL, Q_LR], level: 255 }, // ▟
];

export function isBlockElement(cp: number): boolean {
  return cp >= 0x2580 && cp <= 0x259f;
}

export function paintBlock(c: InkCanvas, x0: number, y0: number, cp: number): void {
  const block = BLOCKS[cp - 0x2580];
  if (block === undefined) return;
  for (const [ax, ay, bx, by] of block.rects) {
    const px0 = Math.round((ax * CELL_WIDTH) / 8);
    const py0 = Math.round((ay * CELL_HEIGHT) / 8);
    const px1 = Math.round((bx * CELL_WIDTH) / 8) - 1;
    const py1 = Math.round((by * CELL_HEIGHT) / 8) - 1;
    fill(c, x0 + px0, y0 + py0, x0 + px1, y0 + py1, block.level);
  }
}

export function isBraille(cp: number): boolean {
  return cp >= 0x2800 && cp <= 0x28ff;
}

// Braille dot number (bit index) -> [column, row] in the 2x4 dot grid.
const BRAILLE_DOTS: ReadonlyArray<readonly [number, number]> = [
  [0, 0],
  [0, 1],
  [0, 2],
  [1, 0],
  [1, 1],
  [1, 2],
  [0, 3],
  [1, 3],
];

export function paintBraille(c: InkCanvas, x0: number, y0: number, cp: number): void {
  const bits = cp - 0x2800;
  const colW = CELL_WIDTH / 2;
  const rowH = CELL_HEIGHT / 4;
  BRAILLE_DOTS.forEach(([col, row], bit) => {
    if ((bits & (1 << bit)) === 0) return;
    const dx = x0 + col * colW + 1;
    const dy = y0 + row * rowH + 1;
    fill(c, dx, dy, dx + 1, dy + 1);
  });
}

/**
 * Stand-in for a character the font lacks (emoji, CJK, controls): a hollow box with a centre dot, distinct from
 * □ (U+25A1), which wireframes use for checkboxes.
 */
export function paintPlaceholder(c: InkCanvas, x0: number, y0: number): void {
  const l = x0 + 1;
  const r = x0 + CELL_WIDTH - 2;
  const t = y0 + 2;
  const b = y0 + CELL_HEIGHT - 3;
  fill(c, l, t, r, t);
  fill(c, l, b, r, b);
  fill(c, l, t, l, b);
  fill(c, r, t, r, b);
  fill(c, x0 + CX, y0 + CY, x0 + CX + 1, y0 + CY + 1);
}

export function paintGlyph(c: InkCanvas, x0: number, y0: number, rows: Uint8Array): void {
  // Direct stores: glyph pixels are the bulk of the work, and the cell is always inside the canvas.
  for (let y = 0; y < CELL_HEIGHT; y += 1) {
    const bits = rows[y] ?? 0;
    if (bits === 0) continue;
    const row = (y0 + y) * c.width + x0;
    for (let x = 0; x < CELL_WIDTH; x += 1) {
      if ((bits & (0x80 >> x)) !== 0) c.ink[row + x] = 255;
    }
  }
}
