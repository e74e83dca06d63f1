import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { AppError } from "../errors.ts";
import { documentedBody, parseWith, readJsonBody } from "../http/body.ts";
import { attachment } from "../http/download.ts";
import { type AppEnv, ctxOf } from "../http/env.ts";
import { problems } from "../http/openapi.ts";
import { validationHook } from "../http/validation-hook.ts";
import { exportPersona } from "./export.ts";
import { ExportFormat, FORMAT_LABELS, ImportFormat } from "./formats/index.ts";
import { PERSONA_SCHEMA_PATH, personaFileJsonSchema } from "./formats/json.ts";
import { importPersona } from "./import.ts";
import { etagOf, PersonaResource } from "./present.ts";

/** Persona files in and out: export in the formats people already use, import them back, and the JSON Schema. */
export const personaTransferRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const IdParam = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, example: "per_…" }) });
const schemaUrlOf = (requestUrl: string) => new URL(PERSONA_SCHEMA_PATH, requestUrl).toString();

const FORMAT_HELP = Object.entries(FORMAT_LABELS)
  .map(([format, label]) => `\`${format}\` (${label})`)
  .join(", ");

personaTransferRouter.openapi(
  createRoute({
    method: "get",
    path: "/v1/personas/{id}/export",
    operationId: "exportPersona",
    tags: ["personas"],
    summary: "Download a persona as a file: JSON, Markdown, Character Card V2/V3 (JSON or PNG) or TinyTroupe agent",
    description:
      `Formats: ${FORMAT_HELP}. \`json\` follows the JSON Schema at ${PERSONA_SCHEMA_PATH}. Character cards carry the ` +
      "persona in `data.extensions.persona_studio`, so they import back without loss; the PNG holds the V3 card in " +
      "its `ccv3` text chunk and the V2 card in `chara`. The download is named after the persona.",
    request: { params: IdParam, query: z.object({ format: ExportFormat.default("json") }) },
    responses: {
      200: {
        description: "The file",
        headers: {
          "Content-Disposition": { schema: { type: "string" }, description: 'attachment; filename="maya-chen.…"' },
        },
        content: {
          "application/json": { schema: { type: "object", description: "json, ccv2, ccv3 or tinytroupe" } },
          "text/markdown": { schema: { type: "string" } },
          "image/png": { schema: { type: "string", format: "binary" } },
        },
      },
      ...problems(400, 401, 404, 429),
    },
  }),
  async (c) => {
    const { format } = c.req.valid("query");
    const file = await exportPersona({
      ctx: ctxOf(c),
      id: c.req.valid("param").id,
      format,
      schemaUrl: schemaUrlOf(c.req.url),
    });
    attachment(c, file.title, file.extension, "persona");
    const body = typeof file.body === "string" ? file.body : new Uint8Array(file.body);
    return c.body(body, 200, { "content-type": file.contentType });
  },
);

const ImportBody = z
  .object({
    format: ImportFormat,
    data: z
      .unknown()
      .refine((v) => v !== undefined, "send the file's content")
      .openapi({
        description:
          "The file: its JSON (an object, or the file's text) for json, ccv2, ccv3 and tinytroupe; base64 for ccv3-png",
      }),
  })
  .strict();

personaTransferRouter.openapi(
  createRoute({
    method: "post",
    path: "/v1/personas/import",
    operationId: "importPersona",
    tags: ["personas"],
    summary: "Create a persona from a file: Persona Studio JSON, Character Card V2/V3 (JSON or PNG), TinyTroupe agent",
    description:
      "`application/json` `{format, data}`, or a card PNG as the body (`image/png`; the `ccv3` chunk is read, else " +
      "`chara`). Nothing is synthesized: the values are the file's, each evidenced by a quote of the file (kind " +
      "`imported`), and the file's JSON is kept as the persona's source (kind `imported`). Values longer than the " +
      "persona's limits are shortened, with a warning. A file that is not what `format` says is a 422 naming what " +
      "is wrong. Answers like a create: 201 with Location and ETag.",
    request: {
      body: documentedBody({
        "application/json": ImportBody,
        "image/png": z.string().openapi({ format: "binary" }),
      }),
    },
    responses: {
      201: {
        description: "The imported persona, version 1",
        headers: {
          Location: { schema: { type: "string" }, description: "The new persona's URL" },
          ETag: { schema: { type: "string" }, description: "The persona's version, for If-Match" },
        },
        content: { "application/json": { schema: PersonaResource } },
      },
      ...problems(400, 401, 413, 415, 422, 429),
    },
  }),
  async (c) => {
    const ctx = ctxOf(c);
    const type = c.req.header("content-type") ?? "";
    let file: { format: ImportFormat; data: unknown };
    if (/^image\/png\s*(;|$)/i.test(type)) {
      const bytes = Buffer.from(await c.req.arrayBuffer());
      if (bytes.length === 0) throw new AppError("bad_request", "The request body is empty; send the card PNG");
      file = { format: "ccv3-png", data: bytes };
    } else {
      const { format, data } = parseWith(ImportBody, (await readJsonBody(c)).value);
      file = { format, data: format !== "ccv3-png" && typeof data === "string" ? parseJsonText(data) : data };
    }
    const persona = await importPersona({ ctx, file });
    c.header("Location", `/v1/personas/${persona.id}`);
    c.header("ETag", etagOf(persona));
    return c.json(persona, 201);
  },
);

/** `data` may be the file's text instead of its parsed JSON. */
function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("validation_failed", "data is a string but not JSON; send the file's JSON", {
      errors: [{ path: "data", message: "not JSON" }],
    });
  }
}

personaTransferRouter.openapi(
  createRoute({
    method: "get",
    path: PERSONA_SCHEMA_PATH,
    operationId: "getPersonaJsonSchema",
    tags: ["personas"],
    summary: "The JSON Schema (2020-12) of the persona file that format=json exports and imports",
    security: [],
    responses: {
      200: {
        description: "The JSON Schema",
        content: { "application/schema+json": { schema: z.record(z.string(), z.unknown()) } },
      },
    },
  }),
  (c) => {
    c.header("cache-control", "public, max-age=3600");
    return c.json(personaFileJsonSchema(schemaUrlOf(c.req.url)), 200, { "content-type": "application/schema+json" });
  },
);
