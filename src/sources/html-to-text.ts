/**
 * Fetched HTML -> readable text for extraction: Readability over linkedom, with page chrome (navigation, cookie
 * banners, sidebars, footers, scripts) removed first so it cannot leak into the main text. The title and headings
 * are kept as their own lines because they often name the person the page is about.
 */
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";

export interface HtmlText {
  title?: string;
  text: string;
}

const CHROME_TAGS = [
  "script",
  "style",
  "noscript",
  "template",
  "svg",
  "canvas",
  "iframe",
  "form",
  "button",
  "input",
  "select",
  "nav",
  "header",
  "footer",
  "aside",
];
const CHROME_CLASS_OR_ID =
  /cookie|consent|gdpr|(?:^|[-_ ])cc(?:[-_ ]|$)|banner|sidebar|side-bar|newsletter|subscribe|share|social|advert|(?:^|[-_ ])ads?(?:[-_ ]|$)|promo|donate|breadcrumb|popup|modal|topbar|navbar|(?:^|[-_ ])menu|skip-link|related|widget/i;
const NEVER_STRIP = new Set(["HTML", "BODY", "MAIN", "ARTICLE"]);
const BLOCK_TAGS = new Set([
  "ADDRESS",
  "ARTICLE",
  "BLOCKQUOTE",
  "BR",
  "DD",
  "DIV",
  "DL",
  "DT",
  "FIGCAPTION",
  "FIGURE",
  "H1",
  "H2",
  "H3",
  "H4",
  "H5",
  "H6",
  "HR",
  "LI",
  "MAIN",
  "OL",
  "P",
  "PRE",
  "SECTION",
  "TABLE",
  "TD",
  "TH",
  "TR",
  "UL",
]);
/** Below this, Readability probably kept a fragment; the stripped body is the safer text. */
const MIN_READABLE_SHARE = 0.5;

/** The small DOM surface this module uses; linkedom's types differ from lib.dom's, so we name only what we need. */
interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  // firstChild/nextSibling rather than childNodes: linkedom builds childNodes by walking the subtree, which makes a
  // full traversal quadratic on deep trees.
  firstChild: DomNode | null;
  nextSibling: DomNode | null;
}
interface DomElement extends DomNode {
  parentElement: DomElement | null;
  getAttribute(name: string): string | null;
  remove(): void;
  querySelectorAll(selectors: string): ArrayLike<DomElement>;
  querySelector(selectors: string): DomElement | null;
}
interface DomDocument {
  title: string;
  documentElement: DomElement | null;
  body: DomElement | null;
  querySelectorAll(selectors: string): ArrayLike<DomElement>;
  querySelector(selectors: string): DomElement | null;
}

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function parseDocument(html: string): DomDocument {
  const { document } = parseHTML(html);
  return document as unknown as DomDocument;
}

function stripChrome(document: DomDocument): void {
  for (const element of Array.from(document.querySelectorAll(CHROME_TAGS.join(",")))) {
    if (!isArticleHeader(element)) element.remove();
  }
  for (const element of Array.from(document.querySelectorAll("[class],[id]"))) {
    if (NEVER_STRIP.has(element.nodeName.toUpperCase())) continue;
    const marker = `${element.getAttribute("class") ?? ""} ${element.getAttribute("id") ?? ""}`;
    if (CHROME_CLASS_OR_ID.test(marker)) element.remove();
  }
}

/**
 * A <header> that opens an <article> is the article's own (its title, author and date: HTML's "introductory
 * content"), not the site's banner; its date is what tells how old the page's facts are. Only a direct child: looking
 * further up for every header would cost time quadratic in the nesting depth.
 */
function isArticleHeader(element: DomElement): boolean {
  return element.nodeName.toUpperCase() === "HEADER" && element.parentElement?.nodeName.toUpperCase() === "ARTICLE";
}

/** Text of a subtree with one line per block element; iterative so deep documents cannot overflow the stack. */
export function blockLines(root: DomNode): string[] {
  const lines: string[] = [];
  let current = "";
  const flush = () => {
    const line = collapse(current);
    if (line !== "") lines.push(line);
    current = "";
  };
  // Explicit stack of [node, leaving] pairs: a block element flushes when entered and when left.
  const stack: [DomNode, boolean][] = [[root, false]];
  while (stack.length > 0) {
    const entry = stack.pop();
    if (entry === undefined) break;
    const [node, leaving] = entry;
    if (node.nodeType === TEXT_NODE) {
      current += node.textContent ?? "";
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue;
    const isBlock = BLOCK_TAGS.has(node.nodeName.toUpperCase());
    if (leaving) {
      if (isBlock) flush();
      continue;
    }
    if (isBlock) flush();
    stack.push([node, true]);
    const children: DomNode[] = [];
    for (let child = node.firstChild; child !== null; child = child.nextSibling) children.push(child);
    for (let i = children.length - 1; i >= 0; i -= 1) {
      const child = children[i];
      if (child !== undefined) stack.push([child, false]);
    }
  }
  flush();
  return lines;
}

/**
 * An element the page marks as its date ("updated", "published", a <time>): Readability drops it as a short sibling of
 * the article, yet it is what says how old the page's facts are. Short, so a dated sentence of the body is not lifted.
 */
const DATE_MARK = /(?:^|[-_\s])(?:date(?:line)?|pubdate|updated|published|modified|posted)(?:$|[-_\s])/i;
const MAX_DATE_LINE = 80;

function dateLine(document: DomDocument): string | undefined {
  for (const element of Array.from(document.querySelectorAll("time,[class],[id]"))) {
    const marker = `${element.getAttribute("class") ?? ""} ${element.getAttribute("id") ?? ""}`;
    if (element.nodeName.toUpperCase() !== "TIME" && !DATE_MARK.test(marker)) continue;
    const line = collapse(element.textContent ?? "");
    if (line !== "" && line.length <= MAX_DATE_LINE && /\d/.test(line)) return line;
  }
  return undefined;
}

function readabilityLines(html: string): string[] {
  const document = parseDocument(html);
  stripChrome(document);
  // Read before Readability, which removes what it takes for a byline from the document.
  const date = dateLine(document);
  const article = new Readability(document as unknown as Document, { charThreshold: 0 }).parse();
  if (!article?.content) return [];
  const fragment = parseDocument(`<!doctype html><html><body>${article.content}</body></html>`);
  const lines = fragment.body ? blockLines(fragment.body) : [];
  // Readability lifts the byline out of the content, but "By Ana Ruiz" is often the only place a post names its author.
  const byline = collapse(article.byline ?? "");
  const dated = withLine(lines, date);
  if (byline === "") return dated;
  return withLine(dated, /^by\b/i.test(byline) ? byline : `By ${byline}`, byline);
}

/** The lines with `line` first, unless one of them already holds `held` (the line itself by default). */
function withLine(lines: string[], line: string | undefined, held = line): string[] {
  if (line === undefined || held === undefined || lines.some((l) => l.includes(held))) return lines;
  return [line, ...lines];
}

function fallbackLines(document: DomDocument): string[] {
  const root = document.querySelector("main") ?? document.querySelector("article") ?? document.body;
  return root ? blockLines(root) : [];
}

/**
 * The fallback when parsing fails. A tag never contains '<', so `[^<>]` stops each scan at the next one: with `[^>]`
 * every '<' of an unclosed run rescanned the rest of the page (quadratic).
 */
function stripTagsCrudely(html: string): string {
  return collapse(
    html
      .replace(/<(script|style)[^<>]*>[^<]*<\/\1>/gi, " ")
      .replace(/<[^<>]*>/g, " ")
      .replace(/&nbsp;/g, " ")
      .replace(/&amp;/g, "&")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'"),
  );
}

/** Readability is super-linear on pathological trees; real pages stay far below these. */
const MAX_READABLE_DEPTH = 120;
const MAX_READABLE_ELEMENTS = 20_000;

function isReadabilitySafe(root: DomNode): boolean {
  let elements = 0;
  const stack: [DomNode, number][] = [[root, 0]];
  while (stack.length > 0) {
    const entry = stack.pop();
    if (entry === undefined) break;
    const [node, depth] = entry;
    if (node.nodeType !== ELEMENT_NODE) continue;
    elements += 1;
    if (depth > MAX_READABLE_DEPTH || elements > MAX_READABLE_ELEMENTS) return false;
    for (let child = node.firstChild; child !== null; child = child.nextSibling) stack.push([child, depth + 1]);
  }
  return true;
}

function chooseBodyLines(html: string, document: DomDocument): string[] {
  const fallback = fallbackLines(document);
  const root = document.documentElement ?? document.body;
  if (!root || !isReadabilitySafe(root)) return fallback;
  let readable: string[] = [];
  try {
    readable = readabilityLines(html);
  } catch {
    readable = [];
  }
  const size = (lines: string[]) => lines.reduce((sum, line) => sum + line.length, 0);
  return size(readable) >= MIN_READABLE_SHARE * size(fallback) ? readable : fallback;
}

function withHeadings(lines: string[], document: DomDocument): string[] {
  const h1 = document.querySelector("h1");
  const heading = h1 ? collapse(h1.textContent ?? "") : "";
  if (heading === "" || lines.includes(heading)) return lines;
  return [heading, ...lines];
}

/**
 * Deeper than this the page is not parsed: htmlparser2 keeps its open elements in an array it unshifts, so parsing
 * costs time quadratic in the nesting depth (64,000 unclosed tags took seconds). Real pages stay below ~100.
 */
export const MAX_PARSE_DEPTH = 500;

/** Elements whose content htmlparser2 reads as raw text (its Tokenizer's special tags): tags inside them do not nest. */
const RAW_TEXT = new Set(["script", "style", "textarea", "title", "xmp"]);
const RAW_TEXT_END = new Map([...RAW_TEXT].map((name) => [name, new RegExp(`</${name}`, "gi")]));
const VOID = new Set([
  "area",
  "base",
  "basefont",
  "br",
  "col",
  "command",
  "embed",
  "frame",
  "hr",
  "img",
  "input",
  "isindex",
  "keygen",
  "link",
  "meta",
  "param",
  "source",
  "track",
  "wbr",
]);
/** An opening tag closes these when they are the innermost open element (htmlparser2's implied closes, in short). */
const IMPLIED_CLOSE: ReadonlyMap<string, ReadonlySet<string>> = new Map<string, ReadonlySet<string>>([
  ["tr", new Set(["tr", "th", "td"])],
  ["th", new Set(["th"])],
  ["td", new Set(["thead", "th", "td"])],
  ["li", new Set(["li"])],
  ["option", new Set(["option"])],
  ["optgroup", new Set(["optgroup", "option"])],
  ["dd", new Set(["dd", "dt"])],
  ["dt", new Set(["dd", "dt"])],
  ["rt", new Set(["rt", "rp"])],
  ["rp", new Set(["rt", "rp"])],
  ["tbody", new Set(["thead", "tbody"])],
  ["tfoot", new Set(["thead", "tbody"])],
  ...["p", "h1", "h2", "h3", "h4", "h5", "h6", "div", "ul", "ol", "table", "section", "article", "pre"].map(
    (tag) => [tag, new Set(["p"])] as const,
  ),
]);
const TAG_NAME = /[A-Za-z][^\s/<>]*/y;

/**
 * Whether the page nests elements deeper than `limit`, read in one linear pass that models the parser's stack: an
 * element closes with its end tag (and every element opened inside it), or by an implied close. It errs on the deep
 * side, which only sends a pathological page to the plain fallback.
 */
export function nestsDeeperThan(html: string, limit: number): boolean {
  const stack: string[] = [];
  const open = new Map<string, number>();
  let at = html.indexOf("<");
  while (at !== -1) {
    if (html.startsWith("<!--", at)) {
      const end = html.indexOf("-->", at + 4);
      at = end === -1 ? -1 : html.indexOf("<", end + 3);
      continue;
    }
    const closing = html[at + 1] === "/";
    TAG_NAME.lastIndex = at + (closing ? 2 : 1);
    const name = TAG_NAME.exec(html)?.[0].toLowerCase();
    if (name === undefined) {
      at = html.indexOf("<", at + 1);
      continue;
    }
    const tagEnd = html.indexOf(">", TAG_NAME.lastIndex);
    if (tagEnd === -1) return false;
    if (closing) {
      // Pops to the matching open element; an end tag with none open is ignored, as the parser does.
      if ((open.get(name) ?? 0) > 0) {
        for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
          open.set(top, (open.get(top) ?? 1) - 1);
          if (top === name) break;
        }
      }
    } else if (!VOID.has(name)) {
      const closes = IMPLIED_CLOSE.get(name);
      while (closes && stack.length > 0 && closes.has(stack[stack.length - 1] ?? "")) {
        const top = stack.pop() ?? "";
        open.set(top, (open.get(top) ?? 1) - 1);
      }
      stack.push(name);
      open.set(name, (open.get(name) ?? 0) + 1);
      if (stack.length > limit) return true;
      if (RAW_TEXT.has(name)) {
        // Its content is text up to its end tag; the end tag itself is read next.
        const endTag = RAW_TEXT_END.get(name);
        if (endTag === undefined) return false;
        endTag.lastIndex = tagEnd + 1;
        at = endTag.exec(html)?.index ?? -1;
        continue;
      }
    }
    at = html.indexOf("<", tagEnd + 1);
  }
  return false;
}

/** Main text of an HTML page; never throws (malformed or pathologically nested input degrades to tag stripping). */
export function htmlToText(html: string, _url?: string): HtmlText {
  if (nestsDeeperThan(html, MAX_PARSE_DEPTH)) return { text: stripTagsCrudely(html) };
  try {
    const document = parseDocument(html);
    const title = collapse(document.title ?? "") || undefined;
    stripChrome(document);
    const lines = withHeadings(chooseBodyLines(html, document), document);
    const text = [title, ...lines].filter((line): line is string => Boolean(line)).join("\n");
    return title === undefined ? { text } : { title, text };
  } catch {
    return { text: stripTagsCrudely(html) };
  }
}
