import { capitalize, cleanItem } from "../answers/text.ts";

/**
 * Automatic wireframe sketches for the screens a user names in an interview. Each screen is drawn from what the
 * user said about it ("Trail details: map, distance, start button") and from the kind of screen its name suggests
 * (a list, a form, a map, a dashboard, a detail page), so no two screens come out as the same template. Every line
 * has the same width and every nested box closes on its own column (see sketch.test.ts).
 */

export interface ScreenSpec {
  name: string;
  /** What the user said is on the screen, in order. */
  elements: string[];
}

type Kind = "form" | "map" | "dashboard" | "list" | "detail";

/** Which kind of screen a name suggests; the first matching row wins, "detail" when none does. */
const KINDS: Array<[Kind, RegExp]> = [
  [
    "form",
    /\b(log ?in|sign ?(?:in|up)|register|settings|preferences|create|new|edit|add|checkout|payment|onboarding|form|booking|book|contact|compose)\b/i,
  ],
  ["map", /\b(map|route|directions|nearby|location)\b/i],
  ["dashboard", /\b(dashboard|overview|stats|statistics|analytics|reports?|insights|summary)\b/i],
  [
    "list",
    /\b(list|feed|inbox|results?|history|search|home|today|browse|catalog|library|orders|alerts|notifications|trails|messages)\b/i,
  ],
];
const kindOf = (screen: ScreenSpec): Kind =>
  KINDS.find(([, re]) => re.test(screen.name))?.[0] ??
  KINDS.find(([, re]) => re.test(screen.elements.join(" ")))?.[0] ??
  "detail";

/** Elements that are things to press: "start button", "Book", "save". */
const ACTION =
  /\b(button|start|save|book|buy|submit|send|share|add|continue|next|log ?in|sign ?(?:in|up)|confirm|pay|join|download|export|cancel)\b/i;
const buttonLabel = (element: string) => capitalize(element.replace(/\s*\bbutton\b\s*/i, " ").trim() || "OK");

const INNER = 40;
const clip = (s: string, width: number) => (s.length > width ? `${s.slice(0, Math.max(0, width - 1))}…` : s);
const row = (s = "") => `│ ${clip(s, INNER - 2).padEnd(INNER - 2)} │`;
const rule = (l: string, r: string, width = INNER) => `${l}${"─".repeat(width)}${r}`;

/** A box `width` characters wide (borders included) around lines, each clipped and padded to fit. */
function box(width: number, lines: string[]): string[] {
  const inside = width - 4;
  return [
    rule("┌", "┐", width - 2),
    ...lines.map((l) => `│ ${clip(l, inside).padEnd(inside)} │`),
    rule("└", "┘", width - 2),
  ];
}

/** Boxes side by side, separated by one space, padded to `width`. */
function sideBySide(width: number, boxes: string[][]): string[] {
  const height = Math.max(...boxes.map((b) => b.length));
  return Array.from({ length: height }, (_, i) =>
    boxes
      .map((b) => b[i] ?? "")
      .join(" ")
      .padEnd(width),
  );
}

const WIDE = INNER - 2;
const MAP_FILL = "░".repeat(WIDE - 4);

/** The body of each kind of screen, from the described elements (or a sensible default when none were given). */
const BODIES: Record<Kind, (content: string[]) => string[]> = {
  list: (content) => [
    `[ ${"Search…".padEnd(WIDE - 4)} ]`,
    "",
    ...(content.length ? content : ["First item", "Second item", "Third item"])
      .slice(0, 5)
      .flatMap((item) => box(WIDE, [`${clip(item, WIDE - 6).padEnd(WIDE - 6)} ›`])),
  ],
  detail: (content) => [
    ...box(WIDE, ["[ image ]"]),
    "",
    ...(content.length ? content.map((c) => `• ${c}`) : ["Title", "Description", "Details"]),
  ],
  form: (content) =>
    (content.length ? content : ["Name", "Email"]).slice(0, 5).flatMap((field) => [field, `[${"_".repeat(WIDE - 2)}]`]),
  map: (content) => [
    ...box(WIDE, [MAP_FILL, `${MAP_FILL.slice(0, 15)} ◉ ${MAP_FILL.slice(18)}`, MAP_FILL]),
    ...content.filter((c) => !/^map$/i.test(c)).map((c) => `• ${c}`),
  ],
  dashboard: (content) => {
    const tiles = (content.length ? content : ["Total", "This week", "Trend"]).slice(0, 6);
    const out: string[] = [];
    for (let i = 0; i < tiles.length; i += 2) {
      const pair = tiles.slice(i, i + 2).map((t) => box(Math.floor((WIDE - 1) / 2), [t, "—"]));
      out.push(...sideBySide(WIDE, pair));
    }
    return out;
  },
};

const DEFAULT_ACTION: Record<Kind, string> = {
  list: "Open",
  detail: "Back",
  form: "Save",
  map: "Directions",
  dashboard: "Refresh",
};

/** The sketch of one screen: product header, the screen's title, its body, its actions and the navigation bar. */
export function sketchScreen(product: string, screen: ScreenSpec, allScreens: string[]): string {
  const kind = kindOf(screen);
  const actions = screen.elements.filter((e) => ACTION.test(e)).map(buttonLabel);
  const content = screen.elements.filter((e) => !ACTION.test(e));
  const buttons = (actions.length ? actions : [DEFAULT_ACTION[kind]]).map((a) => `[ ${a} ]`).join("  ");
  const nav = allScreens.map((s) => (s === screen.name ? `[${s}]` : s)).join(" | ");
  return [
    rule("┌", "┐"),
    row(`${clip(product, INNER - 12).padEnd(INNER - 10)}[ Menu ]`),
    rule("├", "┤"),
    row(screen.name.toUpperCase()),
    row(),
    ...BODIES[kind](content).map((line) => row(line)),
    row(),
    row(buttons),
    rule("├", "┤"),
    row(nav),
    rule("└", "┘"),
  ].join("\n");
}

/**
 * The screens named in an answer: "Today, Trail details" or, with what is on each, "Today: free windows, nearby
 * trails; Trail details: map, distance, start button" (one screen per line or semicolon when descriptions are given).
 */
export function parseScreens(answer: string, max = 4): ScreenSpec[] {
  const described = /[:(]/.test(answer);
  const items = described ? answer.split(/;|\r?\n/) : answer.split(/;|\r?\n|,\s*(?:and\s+)?|\s+and\s+/);
  const screens: ScreenSpec[] = [];
  for (const item of items.map((s) => s.trim()).filter(Boolean)) {
    const m = /^(.+?)\s*(?::|\(|—|–|\s-\s)\s*(.*?)\)?\s*\.?$/.exec(item);
    const name = capitalize(cleanItem(m?.[1] ?? item)).slice(0, 40);
    const elements = (m?.[2] ?? "")
      .split(/,\s*(?:and\s+)?|\s+and\s+|\s+with\s+|\s*\+\s*/)
      .map(cleanItem)
      .filter(Boolean)
      .map(capitalize)
      .slice(0, 8);
    if (name && !screens.some((s) => s.name.toLowerCase() === name.toLowerCase())) screens.push({ name, elements });
  }
  return screens.slice(0, max);
}
