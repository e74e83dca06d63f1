/**
 * Assistants sometimes name API resources in their text ("Read the PRD at /v1/projects/prj_…/prd?format=markdown",
 * "I sketched Checkout (/v1/projects/…/wireframes/wfr_….png)"). The web app shows those as links and thumbnails
 * rather than raw paths; this splits a text into plain parts and the resources it names.
 */
export type TextPart =
  | { kind: "text"; text: string }
  | { kind: "wireframe"; path: string }
  | { kind: "prd"; path: string; format: "json" | "markdown" | "html" | "docx" }
  | { kind: "page"; path: string; href: string; label: string }
  | { kind: "api"; path: string };

// An optional HTTP verb, then a /v1/ path up to white space; a closing mark of the sentence is not part of it.
const API_PATH = /(?:\b(?:GET|HEAD)\s+)?(\/v1\/[\w\-./~%]+(?:\?[\w\-.~%=&]*)?)/g;
const TRAILING = /[.,;:!?)]+$/;
const WIREFRAME = /^\/v1\/projects\/[^/?]+\/wireframes\/[^/?]+\.png$/;
const PRD = /^\/v1\/projects\/[^/?]+\/prd(?:\?(.*))?$/;
const FORMATS = ["json", "markdown", "html", "docx"] as const;
/** API resources the web app has a screen for. */
const PAGES: { pattern: RegExp; href: (id: string) => string; label: string }[] = [
  { pattern: /^\/v1\/personas\/([^/?]+)$/, href: (id) => `/personas/${id}`, label: "the persona" },
  { pattern: /^\/v1\/personas\/([^/?]+)\/conversations$/, href: (id) => `/personas/${id}/chat`, label: "the chats" },
  { pattern: /^\/v1\/projects\/([^/?]+)$/, href: (id) => `/projects/${id}`, label: "the project" },
];

export function splitApiLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(API_PATH)) {
    const raw = match[1] ?? "";
    const path = raw.replace(TRAILING, "");
    const start = match.index;
    const end = start + match[0].length - (raw.length - path.length);
    if (start > last) parts.push({ kind: "text", text: text.slice(last, start) });
    parts.push(classify(path));
    last = end;
  }
  if (last < text.length) parts.push({ kind: "text", text: text.slice(last) });
  return parts;
}

function classify(path: string): TextPart {
  if (WIREFRAME.test(path)) return { kind: "wireframe", path };
  const prd = PRD.exec(path);
  if (prd) {
    const asked = new URLSearchParams(prd[1] ?? "").get("format");
    const format = FORMATS.find((f) => f === asked) ?? "json";
    return { kind: "prd", path, format };
  }
  for (const page of PAGES) {
    const id = page.pattern.exec(path)?.[1];
    if (id) return { kind: "page", path, href: page.href(id), label: page.label };
  }
  return { kind: "api", path };
}

const EXTENSIONS: Record<(typeof FORMATS)[number], string> = {
  json: "json",
  markdown: "md",
  html: "html",
  docx: "docx",
};

/** How a PRD link reads: a file name ("PRD.md"), since that is what following it gives you. */
export const prdFileLabel = (format: (typeof FORMATS)[number]) => `PRD.${EXTENSIONS[format]}`;
