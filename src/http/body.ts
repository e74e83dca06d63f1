import type { RouteConfig } from "@hono/zod-openapi";
import type { Context } from "hono";
import { z } from "zod";
import { AppError } from "../errors.ts";
import { fieldErrors } from "./problem.ts";

const JSON_TYPE = /^application\/([a-z0-9.-]+\+)?json\s*(;|$)/i;
// `curl -d '{…}'` sends this type; a JSON body under it is what the user meant. Browsers may send it cross-site
// without a CORS preflight, so it is only taken from clients that are not browsers (no Origin, no Sec-Fetch-Site):
// a web page elsewhere cannot make the local, key-less server act (CSRF).
const CURL_DEFAULT_TYPE = /^application\/x-www-form-urlencoded\s*(;|$)/i;

function acceptsType(c: Context, type: string): boolean {
  if (type === "" || JSON_TYPE.test(type)) return true;
  const fromBrowser = c.req.header("origin") !== undefined || c.req.header("sec-fetch-site") !== undefined;
  return CURL_DEFAULT_TYPE.test(type) && !fromBrowser;
}

export type BodyKind = "json" | "merge-patch";

/** Reads a JSON body; the media types accepted are application/json and application/*+json (plus curl's default). */
export async function readJsonBody(c: Context): Promise<{ value: unknown; kind: BodyKind }> {
  const type = c.req.header("content-type") ?? "";
  if (!acceptsType(c, type)) {
    throw new AppError("unsupported_media_type", `Send JSON (application/json); got ${type.split(";")[0]}`);
  }
  const text = await c.req.text();
  if (text.trim() === "") throw new AppError("bad_request", "The request body is empty; send a JSON object");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON");
  }
  return { value, kind: /^application\/merge-patch\+json/i.test(type) ? "merge-patch" : "json" };
}

export function parseWith<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new AppError("validation_failed", "The request body does not match the expected shape", {
      errors: fieldErrors(parsed.error),
    });
  }
  return parsed.data;
}

/** Reads and validates a JSON body against the schema (422 with field paths when it does not fit). */
export async function readBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  const { value } = await readJsonBody(c);
  return parseWith(schema, value);
}

/**
 * A request body for the OpenAPI document only. Bodies are validated by `readBody` (so curl's default content type
 * and merge patches work); handing the route a plain JSON Schema keeps the framework from validating them twice.
 */
export function documentedBody(schemas: Record<string, z.ZodType>, description?: string) {
  return {
    required: true,
    ...(description ? { description } : {}),
    content: Object.fromEntries(
      Object.entries(schemas).map(([type, schema]) => [
        type,
        // JSON Schema 2020-12 is what OpenAPI 3.1 uses for schemas.
        { schema: z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown> },
      ]),
    ),
  } as NonNullable<RouteConfig["request"]>["body"];
}
