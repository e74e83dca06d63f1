// Turns wireframe text into a grid of cells and decides how each cell is drawn. Kept apart from PNG encoding so the
// rules (limits, tabs, control characters, ASCII box joining) can be tested without decoding images.

import { boxSpecOf, diagonalOf, isBoxDrawing } from "./box-table.ts";
import { EmptyWireframeError, WireframeTooLargeError } from "./errors.ts";
import { glyphRows } from "./font/glyphs.ts";
import { type Arms, type BoxSpec, isBlockElement, isBraille, type Weight } from "./painters.ts";

/** Most lines a wireframe may have (after leading and trailing blank lines are dropped). */
export const MAX_WIREFRAME_LINES = 200;
/** Most columns (cells) in one line, after tabs are expanded and trailing whitespace is dropped. */
export const MAX_WIREFRAME_COLUMNS = 200;
/**
 * Most characters of input, counted as UTF-16 code units (`string.length`) and checked before any other work, so
 * an oversized input is refused at no cost.
 */
export const MAX_WIREFRAME_CHARS = 20_000;

/** A cell that is drawn as the placeholder box: control characters and code points the font lacks. */
export const PLACEHOLDER = -1;
const SPACE = 0x20;
const TAB = 0x09;

export interface WireframeGrid {
  /** One array of code points per line; lines are ragged (trailing whitespace removed). */
  readonly lines: readonly (readonly number[])[];
  readonly columns: number;
}

export interface ParseOptions {
  readonly tabWidth: number;
}

// Zero-width code points (combining marks, ZWJ, variation selectors, BOM, soft hyphen) take no cell: drawing them as
// a cell would shift the rest of the line out of alignment with the lines above and below.
const ZERO_WIDTH = /^[\p{M}\p{Cf}]$/u;
const CONTROL = /^\p{Cc}$/u;
const WHITESPACE = /^\s$/u;

/**
 * Splits the text into lines of cells. Rules, in order:
 * - `\r\n` and lone `\r` end a line like `\n`;
 * - a tab advances to the next multiple of `tabWidth`;
 * - every other control character (C0, DEL, C1) is REPLACED by the placeholder box, not rejected, so pasted
 *   terminal output still renders and shows where the stray byte was;
 * - zero-width characters are dropped; every other code point (emoji included) takes exactly one cell;
 * - trailing whitespace of each line and blank lines at the start and end are dropped.
 * Throws WireframeTooLargeError past the MAX_WIREFRAME_* limits and EmptyWireframeError when nothing is left.
 */
export function parseWireframe(text: string, options: ParseOptions): WireframeGrid {
  if (text.length > MAX_WIREFRAME_CHARS) {
    throw new WireframeTooLargeError("characters", MAX_WIREFRAME_CHARS, text.length);
  }
  const rawLines = text.split(/\r\n|\r|\n/);
  const lines: number[][] = [];
  for (const raw of rawLines) {
    const cells: number[] = [];
    for (const ch of raw) {
      const cp = ch.codePointAt(0) ?? SPACE;
      if (cp === TAB) {
        const next = (Math.floor(cells.length / options.tabWidth) + 1) * options.tabWidth;
        while (cells.length < next) cells.push(SPACE);
      } else if (CONTROL.test(ch)) {
        cells.push(PLACEHOLDER);
      } else if (!ZERO_WIDTH.test(ch)) {
        cells.push(cp);
      }
    }
    while (cells.length > 0 && isBlank(cells[cells.length - 1])) cells.pop();
    lines.push(cells);
  }
  while (lines.length > 0 && (lines[0]?.length ?? 0) === 0) lines.shift();
  while (lines.length > 0 && (lines[lines.length - 1]?.length ?? 0) === 0) lines.pop();
  if (lines.length === 0) throw new EmptyWireframeError();
  if (lines.length > MAX_WIREFRAME_LINES) {
    throw new WireframeTooLargeError("lines", MAX_WIREFRAME_LINES, lines.length);
  }
  const columns = Math.max(...lines.map((l) => l.length));
  if (columns > MAX_WIREFRAME_COLUMNS) {
    throw new WireframeTooLargeError("columns", MAX_WIREFRAME_COLUMNS, columns);
  }
  return { lines, columns };
}

function isBlank(cp: number | undefined): boolean {
  return cp !== undefined && cp !== PLACEHOLDER && WHITESPACE.test(String.fromCodePoint(cp));
}

export type CellPlan =
  | { readonly kind: "blank" }
  | { readonly kind: "glyph"; readonly rows: Uint8Array }
  | { readonly kind: "box"; readonly spec: BoxSpec }
  | { readonly kind: "diagonal"; readonly forward: boolean; readonly backward: boolean }
  | { readonly kind: "block"; readonly codePoint: number }
  | { readonly kind: "braille"; readonly codePoint: number }
  | { readonly kind: "placeholder" };

const BLANK: CellPlan = { kind: "blank" };
const PLACEHOLDER_PLAN: CellPlan = { kind: "placeholder" };

const DASH = 0x2d; // -
const EQUALS = 0x3d; // =
const BAR = 0x7c; // |
const PLUS = 0x2b; // +

/**
 * How the cell at (row, col) is drawn. ASCII `-`, `=`, `|` and `+` that are part of a drawn line (`+---+`, a column
 * of `|`, `|===|`) become procedural strokes like their Unicode box-drawing counterparts, so ASCII boxes join as
 * well; the same characters in prose (`e-mail`, `a | b`, `C++`) keep their font glyph.
 */
export function planCell(grid: WireframeGrid, row: number, col: number): CellPlan {
  const cp = at(grid, row, col);
  if (cp === SPACE) return BLANK;
  if (cp === PLACEHOLDER) return PLACEHOLDER_PLAN;
  if (isBoxDrawing(cp)) {
    const diagonal = diagonalOf(cp);
    return diagonal === undefined ? { kind: "box", spec: boxSpecOf(cp) } : { kind: "diagonal", ...diagonal };
  }
  if (isBlockElement(cp)) return { kind: "block", codePoint: cp };
  if (isBraille(cp)) return { kind: "braille", codePoint: cp };
  const ascii = asciiArms(grid, row, col);
  if (ascii !== undefined) return { kind: "box", spec: { arms: ascii } };
  const rows = glyphRows(cp);
  return rows === undefined ? PLACEHOLDER_PLAN : { kind: "glyph", rows };
}

function at(grid: WireframeGrid, row: number, col: number): number {
  return grid.lines[row]?.[col] ?? SPACE;
}

const UP = 0;
const RIGHT = 1;
const DOWN = 2;
const LEFT = 3;

function isHorizontalLine(grid: WireframeGrid, row: number, col: number): boolean {
  const cp = at(grid, row, col);
  if (cp !== DASH && cp !== EQUALS) return false;
  const left = at(grid, row, col - 1);
  const right = at(grid, row, col + 1);
  return (
    left === cp ||
    right === cp ||
    left === PLUS ||
    right === PLUS ||
    // A short run between two drawn bars (`|-|`, table rules) is a line too.
    isVerticalLine(grid, row, col - 1) ||
    isVerticalLine(grid, row, col + 1) ||
    (isBoxDrawing(left) && (boxSpecOf(left).arms[RIGHT] ?? 0) !== 0) ||
    (isBoxDrawing(right) && (boxSpecOf(right).arms[LEFT] ?? 0) !== 0)
  );
}

function isVerticalLine(grid: WireframeGrid, row: number, col: number): boolean {
  if (at(grid, row, col) !== BAR) return false;
  const above = at(grid, row - 1, col);
  const below = at(grid, row + 1, col);
  return (
    above === BAR ||
    below === BAR ||
    above === PLUS ||
    below === PLUS ||
    (isBoxDrawing(above) && (boxSpecOf(above).arms[DOWN] ?? 0) !== 0) ||
    (isBoxDrawing(below) && (boxSpecOf(below).arms[UP] ?? 0) !== 0)
  );
}

function horizontalWeight(grid: WireframeGrid, row: number, col: number, towardDir: number): Weight {
  // Only `-`/`=` runs and box characters pointing back count, never another `+`, so "C++" stays text.
  const cp = at(grid, row, col);
  if (isHorizontalLine(grid, row, col)) return cp === EQUALS ? 3 : 1;
  if (isBoxDrawing(cp)) return boxSpecOf(cp).arms[towardDir] ?? 0;
  return 0;
}

function verticalWeight(grid: WireframeGrid, row: number, col: number, towardDir: number): Weight {
  const cp = at(grid, row, col);
  if (isVerticalLine(grid, row, col)) return 1;
  if (isBoxDrawing(cp)) return boxSpecOf(cp).arms[towardDir] ?? 0;
  return 0;
}

function asciiArms(grid: WireframeGrid, row: number, col: number): Arms | undefined {
  const cp = at(grid, row, col);
  if (cp === DASH || cp === EQUALS) {
    if (!isHorizontalLine(grid, row, col)) return undefined;
    const w: Weight = cp === EQUALS ? 3 : 1;
    return [0, w, 0, w];
  }
  if (cp === BAR) {
    if (!isVerticalLine(grid, row, col)) return undefined;
    // A bar between line runs becomes a tee or cross (`|---|` -> ├───┤).
    const left = isHorizontalLine(grid, row, col - 1) ? horizontalWeight(grid, row, col - 1, RIGHT) : 0;
    const right = isHorizontalLine(grid, row, col + 1) ? horizontalWeight(grid, row, col + 1, LEFT) : 0;
    return [1, right, 1, left];
  }
  if (cp === PLUS) {
    const arms: Arms = [
      verticalWeight(grid, row - 1, col, DOWN),
      horizontalWeight(grid, row, col + 1, LEFT),
      verticalWeight(grid, row + 1, col, UP),
      horizontalWeight(grid, row, col - 1, RIGHT),
    ];
    return arms.some((w) => w !== 0) ? arms : undefined;
  }
  return undefined;
}
