import { readFile, stat } from "node:fs/promises";
import { extname, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { Hono } from "hono";
import type { AppEnv } from "./env.ts";

/** Where `npm run build:web` writes the web app. */
export const WEB_DIST_DIR = fileURLToPath(new URL("../../web/dist/", import.meta.url));

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

/** Paths the API owns: never answered with the app, so unknown API routes keep their problem+json 404. */
const API_PATH = /^\/(v1(\/|$)|openapi\.json$|docs(\/|$)|healthz$|readyz$|metrics$)/;

/** Vite names built assets `name-<hash>.ext` under assets/: safe to cache forever. */
const HASHED = /^\/assets\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

const IMMUTABLE = "public, max-age=31536000, immutable";
const REVALIDATE = "no-cache";

// The app talks only to its own origin; images may be blob: URLs (wireframes fetched with the API key), and so may
// sound (spoken replies fetched with the API key, a recording played back).
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; " +
  "connect-src 'self'; " +
  "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

interface StaticFile {
  body: Buffer;
  etag: string;
  type: string;
}

async function loadFile(root: string, file: string): Promise<StaticFile | undefined> {
  try {
    const info = await stat(file);
    if (!info.isFile() || !file.startsWith(root)) return undefined;
    const body = await readFile(file);
    return {
      body,
      etag: `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`,
      type: TYPES[extname(file).toLowerCase()] ?? "application/octet-stream",
    };
  } catch {
    return undefined;
  }
}

/** Maps a URL path to a file inside `root`, or undefined for anything that could leave it. */
export function resolveStaticPath(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return undefined;
  const segments = decoded.split("/").filter((s) => s !== "");
  if (segments.some((s) => s === ".." || s === "." || s.startsWith("."))) return undefined;
  const file = resolve(root, ...segments);
  return file.startsWith(root.endsWith(sep) ? root : root + sep) ? file : undefined;
}

const acceptsHtml = (accept: string | undefined) => !accept || /text\/html|\*\/\*/.test(accept);

/**
 * Serves the built web app after the API routes: hashed assets cached for a year, everything else revalidated
 * (ETag), and index.html for any other GET that asks for HTML (client-side routes). Mount it after the API routers.
 */
export function mountWebUi(app: Hono<AppEnv>, options: { root?: string } = {}): void {
  const root = resolve(options.root ?? WEB_DIST_DIR);
  const serve = async (path: string, method: string, ifNoneMatch: string | undefined, cacheControl: string) => {
    const file = resolveStaticPath(root, path);
    const found = file ? await loadFile(root, file) : undefined;
    if (!found) return undefined;
    const headers: Record<string, string> = {
      "content-type": found.type,
      "cache-control": cacheControl,
      etag: found.etag,
      "x-content-type-options": "nosniff",
    };
    if (found.type.startsWith("text/html")) headers["content-security-policy"] = CSP;
    if (ifNoneMatch?.split(",").some((t) => t.trim() === found.etag)) {
      return new Response(null, { status: 304, headers });
    }
    headers["content-length"] = String(found.body.byteLength);
    return new Response(method === "HEAD" ? null : new Uint8Array(found.body), { status: 200, headers });
  };

  app.on(["GET", "HEAD"], "*", async (c, next) => {
    const path = c.req.path;
    if (API_PATH.test(path)) return next();
    const ifNoneMatch = c.req.header("if-none-match");
    if (path !== "/" && path !== "/index.html") {
      const asset = await serve(path, c.req.method, ifNoneMatch, HASHED.test(path) ? IMMUTABLE : REVALIDATE);
      if (asset) return asset;
      // A missing file under assets/ (an old build's chunk) must not turn into the HTML page.
      if (path.startsWith("/assets/") || extname(path) !== "") return next();
    }
    if (!acceptsHtml(c.req.header("accept"))) return next();
    const index = await serve("/index.html", c.req.method, ifNoneMatch, REVALIDATE);
    if (index) return index;
    return c.text(
      "The web UI has not been built. Run `npm run build:web` (or `npm start`, which builds it), then reload.\n",
      503,
      { "cache-control": "no-store" },
    );
  });
}
