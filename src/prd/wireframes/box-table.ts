// Arms of every box-drawing character U+2500..U+257F as four digits: up, right, down, left, each
// 0 = none, 1 = light, 2 = heavy, 3 = double. Derived from the Unicode character names (e.g. "DOWN LIGHT AND RIGHT
// HEAVY"), so each line can be checked against its comment.
import type { Arms, BoxSpec, Dash, Weight } from "./painters.ts";

const BOX_ARMS: readonly string[] = [
  "0101", // 2500 ─ light horizontal
  "0202", // 2501 ━ heavy horizontal
  "1010", // 2502 │ light vertical
  "2020", // 2503 ┃ heavy vertical
  "0101", // 2504 ┄ light triple dash horizontal
  "0202", // 2505 ┅ heavy triple dash horizontal
  "1010", // 2506 ┆ light triple dash vertical
  "2020", // 2507 ┇ heavy triple dash vertical
  "0101", // 2508 ┈ light quadruple dash horizontal
  "0202", // 2509 ┉ heavy quadruple dash horizontal
  "1010", // 250A ┊ light quadruple dash vertical
  "2020", // 250B ┋ heavy quadruple dash vertical
  "0110", // 250C ┌ light down and right
  "0210", // 250D ┍ down light and right heavy
  "0120", // 250E ┎ down heavy and right light
  "0220", // 250F ┏ heavy down and right
  "0011", // 2510 ┐ light down and left
  "0012", // 2511 ┑ down light and left heavy
  "0021", // 2512 ┒ down heavy and left light
  "0022", // 2513 ┓ heavy down and left
  "1100", // 2514 └ light up and right
  "1200", // 2515 ┕ up light and right heavy
  "2100", // 2516 ┖ up heavy and right light
  "2200", // 2517 ┗ heavy up and right
  "1001", // 2518 ┘ light up and left
  "1002", // 2519 ┙ up light and left heavy
  "2001", // 251A ┚ up heavy and left light
  "2002", // 251B ┛ heavy up and left
  "1110", // 251C ├ light vertical and right
  "1210", // 251D ┝ vertical light and right heavy
  "2110", // 251E ┞ up heavy and right down light
  "1120", // 251F ┟ down heavy and right up light
  "2120", // 2520 ┠ vertical heavy and right light
  "2210", // 2521 ┡ down light and right up heavy
  "1220", // 2522 ┢ up light and right down heavy
  "2220", // 2523 ┣ heavy vertical and right
  "1011", // 2524 ┤ light vertical and left
  "1012", // 2525 ┥ vertical light and left heavy
  "2011", // 2526 ┦ up heavy and left down light
  "1021", // 2527 ┧ down heavy and left up light
  "2021", // 2528 ┨ vertical heavy and left light
  "2012", // 2529 ┩ down light and left up heavy
  "1022", // 252A ┪ up light and left down heavy
  "2022", // 252B ┫ heavy vertical and left
  "0111", // 252C ┬ light down and horizontal
  "0112", // 252D ┭ left heavy and right down light
  "0211", // 252E ┮ right heavy and left down light
  "0212", // 252F ┯ down light and horizontal heavy
  "0121", // 2530 ┰ down heavy and horizontal light
  "0122", // 2531 ┱ right light and left down heavy
  "0221", // 2532 ┲ left light and right down heavy
  "0222", // 2533 ┳ heavy down and horizontal
  "1101", // 2534 ┴ light up and horizontal
  "1102", // 2535 ┵ left heavy and right up light
  "1201", // 2536 ┶ right heavy and left up light
  "1202", // 2537 ┷ up light and horizontal heavy
  "2101", // 2538 ┸ up heavy and horizontal light
  "2102", // 2539 ┹ right light and left up heavy
  "2201", // 253A ┺ left light and right up heavy
  "2202", // 253B ┻ heavy up and horizontal
  "1111", // 253C ┼ light vertical and horizontal
  "1112", // 253D ┽ left heavy and right vertical light
  "1211", // 253E ┾ right heavy and left vertical light
  "1212", // 253F ┿ vertical light and horizontal heavy
  "2111", // 2540 ╀ up heavy and down horizontal light
  "1121", // 2541 ╁ down heavy and up horizontal light
  "2121", // 2542 ╂ vertical heavy and horizontal light
  "2112", // 2543 ╃ left up heavy and right down light
  "2211", // 2544 ╄ right up heavy and left down light
  "1122", // 2545 ╅ left down heavy and right up light
  "1221", // 2546 ╆ right down heavy and left up light
  "2212", // 2547 ╇ down light and up horizontal heavy
  "1222", // 2548 ╈ up light and down horizontal heavy
  "2122", // 2549 ╉ right light and left vertical heavy
  "2221", // 254A ╊ left light and right vertical heavy
  "2222", // 254B ╋ heavy vertical and horizontal
  "0101", // 254C ╌ light double dash horizontal
  "0202", // 254D ╍ heavy double dash horizontal
  "1010", // 254E ╎ light double dash vertical
  "2020", // 254F ╏ heavy double dash vertical
  "0303", // 2550 ═ double horizontal
  "3030", // 2551 ║ double vertical
  "0310", // 2552 ╒ down single and right double
  "0130", // 2553 ╓ down double and right single
  "0330", // 2554 ╔ double down and right
  "0013", // 2555 ╕ down single and left double
  "0031", // 2556 ╖ down double and left single
  "0033", // 2557 ╗ double down and left
  "1300", // 2558 ╘ up single and right double
  "3100", // 2559 ╙ up double and right single
  "3300", // 255A ╚ double up and right
  "1003", // 255B ╛ up single and left double
  "3001", // 255C ╜ up double and left single
  "3003", // 255D ╝ double up and left
  "1310", // 255E ╞ vertical single and right double
  "3130", // 255F ╟ vertical double and right single
  "3330", // 2560 ╠ double vertical and right
  "1013", // 2561 ╡ vertical single and left double
  "3031", // 2562 ╢ vertical double and left single
  "3033", // 2563 ╣ double vertical and left
  "0313", // 2564 ╤ down single and horizontal double
  "0131", // 2565 ╥ down double and horizontal single
  "0333", // 2566 ╦ double down and horizontal
  "1303", // 2567 ╧ up single and horizontal double
  "3101", // 2568 ╨ up double and horizontal single
  "3303", // 2569 ╩ double up and horizontal
  "1313", // 256A ╪ vertical single and horizontal double
  "3131", // 256B ╫ vertical double and horizontal single
  "3333", // 256C ╬ double vertical and horizontal
  "0110", // 256D ╭ light arc down and right
  "0011", // 256E ╮ light arc down and left
  "1001", // 256F ╯ light arc up and left
  "1100", // 2570 ╰ light arc up and right
  "0000", // 2571 ╱ light diagonal upper right to lower left
  "0000", // 2572 ╲ light diagonal upper left to lower right
  "0000", // 2573 ╳ light diagonal cross
  "0001", // 2574 ╴ light left
  "1000", // 2575 ╵ light up
  "0100", // 2576 ╶ light right
  "0010", // 2577 ╷ light down
  "0002", // 2578 ╸ heavy left
  "2000", // 2579 ╹ heavy up
  "0200", // 257A ╺ heavy right
  "0020", // 257B ╻ heavy down
  "0201", // 257C ╼ light left and heavy right
  "1020", // 257D ╽ light up and heavy down
  "0102", // 257E ╾ heavy left and light right
  "2010", // 257F ╿ heavy up and light down
];

const DASHED: ReadonlyMap<number, Dash> = new Map<number, Dash>([
  [0x2504, 3],
  [0x2505, 3],
  [0x2506, 3],
  [0x2507, 3],
  [0x2508, 4],
  [0x2509, 4],
  [0x250a, 4],
  [0x250b, 4],
  [0x254c, 2],
  [0x254d, 2],
  [0x254e, 2],
  [0x254f, 2],
]);

export function isBoxDrawing(cp: number): boolean {
  return cp >= 0x2500 && cp <= 0x257f;
}

/** ╱ (forward), ╲ (backward) and ╳ (both) are diagonals, not arms. */
export function diagonalOf(cp: number): { forward: boolean; backward: boolean } | undefined {
  if (cp === 0x2571) return { forward: true, backward: false };
  if (cp === 0x2572) return { forward: false, backward: true };
  if (cp === 0x2573) return { forward: true, backward: true };
  return undefined;
}

function toWeight(digit: string | undefined): Weight {
  const n = Number(digit);
  return n === 1 || n === 2 || n === 3 ? n : 0;
}

export function parseArms(code: string): Arms {
  return [toWeight(code[0]), toWeight(code[1]), toWeight(code[2]), toWeight(code[3])];
}

const NO_ARMS: Arms = [0, 0, 0, 0];

export function boxSpecOf(cp: number): BoxSpec {
  const code = BOX_ARMS[cp - 0x2500];
  const arms = code === undefined ? NO_ARMS : parseArms(code);
  const dash = DASHED.get(cp);
  const arc = cp >= 0x256d && cp <= 0x2570;
  return { arms, ...(dash === undefined ? {} : { dash }), ...(arc ? { arc } : {}) };
}
