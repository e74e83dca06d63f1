import { renderWireframePng } from "../../prd/wireframes/render-png.ts";
import type { Persona } from "../schemas.ts";

const WIDTH = 34;
const clip = (s: string) => (s.length > WIDTH - 4 ? `${s.slice(0, WIDTH - 5)}…` : s);
const row = (s = "") => `│ ${clip(s).padEnd(WIDTH - 4)} │`;

/**
 * The picture a Character Card PNG shows: a small name card drawn with the wireframe renderer (bundled font, no
 * external assets). A few dozen lines of text at 2x: tens of milliseconds, bounded whatever the persona says.
 */
export function cardImage(p: Persona): Buffer {
  const ascii = [
    `┌${"─".repeat(WIDTH - 2)}┐`,
    row(),
    row((p.name ?? "Unnamed persona").toUpperCase()),
    row(p.occupation ?? ""),
    row(p.location ?? ""),
    row(),
    row(p.traits.slice(0, 3).join(", ")),
    row(),
    row("Persona Studio · research persona"),
    `└${"─".repeat(WIDTH - 2)}┘`,
  ].join("\n");
  return renderWireframePng(ascii, { scale: 2, margin: 8 });
}
