import type { WireframeImages } from "./render-docx.ts";
import { PRD_SECTIONS, type PrdDocument, type PrdSection, SECTION_TITLES } from "./schemas.ts";

export interface RenderInput {
  name: string;
  revision: number;
  updatedAt: string;
  document: PrdDocument;
}

export const EMPTY = "Not covered yet.";

/** One line per item, as plain text, for every renderer (each adds its own markup around it). */
export interface Block {
  kind: "text" | "list";
  paragraphs?: string[];
  items?: Array<{ head: string; body?: string; sub?: string[] }>;
}

export function blockOf(doc: PrdDocument, section: PrdSection): Block | null {
  switch (section) {
    case "overview":
    case "problem": {
      const text = doc[section];
      return text ? { kind: "text", paragraphs: text.split(/\n{2,}/) } : null;
    }
    case "target_users":
      return list(
        doc.target_users.map((u) => ({
          head: u.id,
          body: u.description + (u.persona_id ? ` (research persona ${u.persona_id})` : ""),
        })),
      );
    case "user_journeys":
      return list(
        doc.user_journeys.map((j) => ({
          head: j.id,
          body: j.title,
          sub: j.steps.map((s, i) => `Step ${i + 1}: ${s}`),
        })),
      );
    case "functional_requirements":
      return list(
        doc.functional_requirements.map((r) => ({
          head: `${r.id} [${r.priority}]`,
          body: r.title + (r.description ? ` — ${r.description}` : ""),
          sub: r.acceptance_criteria.map((c) => `Acceptance: ${c}`),
        })),
      );
    case "non_functional_requirements":
      return list(
        doc.non_functional_requirements.map((r) => ({
          head: r.id,
          body: (r.category ? `${r.category}: ` : "") + r.requirement,
        })),
      );
    case "success_metrics":
      return list(
        doc.success_metrics.map((m) => ({ head: m.id, body: m.metric + (m.target ? ` (target: ${m.target})` : "") })),
      );
    case "wireframes":
      return list(doc.wireframes.map((w) => ({ head: w.id, body: w.name, sub: [`Image: ${w.url}`] })));
    case "decision_log":
      return list(
        doc.decision_log.map((d) => ({
          head: `${d.id} (${d.date})`,
          body: d.decision + (d.rationale ? ` — because ${d.rationale}` : ""),
        })),
      );
    default:
      return list(doc[section].map((n) => ({ head: n.id, body: n.text })));
  }
}

const list = (items: Block["items"] = []): Block | null => (items.length ? { kind: "list", items } : null);

/** Keeps user text from starting markdown structure (headings, lists) or breaking out of its line. */
// Intraword underscores (ids, URLs) are not emphasis in CommonMark, so they stay readable unescaped.
export const mdInline = (s: string) =>
  s
    .replace(/\r?\n+/g, " ")
    .replace(/([\\`*[\]<>])/g, "\\$1")
    .replace(/(^|\s)_/g, "$1\\_")
    .replace(/^(#+|[-+]|\d+[.)])(\s)/, "\\$1$2");

export function renderMarkdown(input: RenderInput): string {
  const lines = [
    `# ${mdInline(input.name)} — Product requirements`,
    "",
    `_Revision ${input.revision}, updated ${input.updatedAt}_`,
    "",
  ];
  PRD_SECTIONS.forEach((section, index) => {
    lines.push(`## ${index + 1}. ${SECTION_TITLES[section]}`, "");
    const block = blockOf(input.document, section);
    if (!block) {
      lines.push(`_${EMPTY}_`, "");
      return;
    }
    if (block.kind === "text") {
      for (const p of block.paragraphs ?? []) lines.push(mdInline(p), "");
      return;
    }
    for (const item of block.items ?? []) {
      // Heads are ids and priorities the system wrote; only user text needs escaping.
      lines.push(`- **${item.head}** ${mdInline(item.body ?? "")}`.trimEnd());
      for (const sub of item.sub ?? []) lines.push(`  - ${mdInline(sub)}`);
      if (section === "wireframes") {
        const ref = input.document.wireframes.find((w) => item.head.startsWith(`${w.id}`));
        if (ref) lines.push(`  ![${mdInline(ref.name)}](${ref.url})`);
      }
    }
    lines.push("");
  });
  return `${lines.join("\n").trimEnd()}\n`;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/**
 * A standalone page that works opened from disk: every user-provided string is escaped, and each wireframe is
 * embedded as a data: URI of its PNG (`images`, by wireframe id), so nothing is fetched from anywhere.
 */
export function renderHtml(input: RenderInput, images: WireframeImages = new Map()): string {
  const body: string[] = [];
  PRD_SECTIONS.forEach((section, index) => {
    body.push(`<section id="${section}"><h2>${index + 1}. ${escapeHtml(SECTION_TITLES[section])}</h2>`);
    const block = blockOf(input.document, section);
    if (!block) body.push(`<p class="empty">${EMPTY}</p>`);
    else if (block.kind === "text") for (const p of block.paragraphs ?? []) body.push(`<p>${escapeHtml(p)}</p>`);
    else {
      body.push("<ul>");
      for (const item of block.items ?? []) {
        const sub = item.sub?.length ? `<ul>${item.sub.map((s) => `<li>${escapeHtml(s)}</li>`).join("")}</ul>` : "";
        body.push(`<li><strong>${escapeHtml(item.head)}</strong> ${escapeHtml(item.body ?? "")}${sub}</li>`);
      }
      body.push("</ul>");
    }
    if (section === "wireframes") {
      for (const w of input.document.wireframes) {
        const image = images.get(w.wireframe_id);
        if (!image) continue;
        body.push(
          `<figure><img src="data:image/png;base64,${image.png.toString("base64")}" alt="${escapeHtml(w.name)}"><figcaption>${escapeHtml(w.name)}</figcaption></figure>`,
        );
      }
    }
    body.push("</section>");
  });
  return [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(input.name)} — Product requirements</title>`,
    "<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;line-height:1.5}" +
      ".empty{color:#777;font-style:italic}img{max-width:100%;border:1px solid #ddd}</style>",
    "</head><body>",
    `<h1>${escapeHtml(input.name)} — Product requirements</h1>`,
    `<p><em>Revision ${input.revision}, updated ${escapeHtml(input.updatedAt)}</em></p>`,
    ...body,
    "</body></html>",
    "",
  ].join("\n");
}
