import type { Context } from "hono";
import { slugify } from "../prd/store.ts";

/**
 * `Content-Disposition: attachment` with a file name made from a user-given title: reduced to a slug so it is safe
 * in a header and on every file system ("Maya Chen" + ".ccv3.png" -> maya-chen.ccv3.png).
 */
export function attachment(c: Context, title: string, extension: string, fallback = "download"): void {
  const base = slugify(title);
  const name = `${base === "project" && !/project/i.test(title) ? fallback : base}.${extension}`;
  c.header("Content-Disposition", `attachment; filename="${name}"`);
}
