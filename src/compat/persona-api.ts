import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { documentedBody, readBody } from "../http/body.ts";
import { type AppEnv, ctxOf } from "../http/env.ts";
import { problems } from "../http/openapi.ts";
import { validationHook } from "../http/validation-hook.ts";
import { createPersona } from "../personas/create.ts";
import { getPersona } from "../personas/get.ts";
import { countPersonas, listPersonas } from "../personas/list.ts";
import type { PersonaResource } from "../personas/present.ts";
import { Persona } from "../personas/schemas.ts";
import { updatePersona } from "../personas/update.ts";

/**
 * The Persona-API's routes (a FastAPI service: POST/GET /v1/persona, GET/PATCH /v1/persona/{id}), as thin adapters
 * over the same verbs as /v1/personas. Shapes follow its models (PersonaCreate {raw_text?, urls?}; the minimal 201
 * {id, created_at, updated_at}; PersonaInDB {id, person_id, version, computed_from_data_ids, persona, created_at,
 * updated_at}; PersonaListResponse {items, total, limit, offset}). See docs/compat.md.
 */
export const personaApiRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const TAGS = ["compat"];
const LIMITS = { rawTextChars: 50_000, urls: 10, listDefault: 10, listMax: 100, offsetMax: 10_000 } as const;

const HttpUrl = z
  .string()
  .max(2_048)
  .refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), "must be an http(s) URL");

const PersonaCreate = z
  .object({
    raw_text: z.string().min(1).max(LIMITS.rawTextChars).nullable().optional(),
    urls: z.array(HttpUrl).min(1).max(LIMITS.urls).nullable().optional(),
  })
  .strict()
  .refine((b) => (b.raw_text?.trim() ?? "") !== "" || (b.urls?.length ?? 0) > 0, {
    message: "Either raw_text or urls must be provided",
    path: ["raw_text"],
  })
  .openapi("CompatPersonaCreate");

const PersonaCreateResponse = z
  .object({ id: z.string(), created_at: z.string(), updated_at: z.string() })
  .openapi("CompatPersonaCreateResponse");

const PersonaInDB = z
  .object({
    id: z.string(),
    person_id: z.string().openapi({ description: "The persona's id (Persona Studio has no separate person record)" }),
    version: z.number().int(),
    computed_from_data_ids: z.array(z.string()).openapi({ description: "The ids of the persona's sources" }),
    persona: Persona,
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("CompatPersonaInDB");

const PersonaList = z
  .object({ items: z.array(PersonaInDB), total: z.number().int(), limit: z.number().int(), offset: z.number().int() })
  .openapi("CompatPersonaList");

const IdParam = z.object({
  persona_id: z
    .string()
    .max(100)
    .openapi({ param: { name: "persona_id", in: "path" } }),
});

const material = (body: z.infer<typeof PersonaCreate>) => ({
  texts: body.raw_text?.trim() ? [body.raw_text] : [],
  urls: body.urls ?? [],
});

const inDb = (r: PersonaResource): z.infer<typeof PersonaInDB> => ({
  id: r.id,
  person_id: r.id,
  version: r.version,
  computed_from_data_ids: r.sources.map((s) => s.id),
  persona: r.persona,
  created_at: r.created_at,
  updated_at: r.updated_at,
});

personaApiRouter.openapi(
  createRoute({
    method: "post",
    path: "/v1/persona",
    operationId: "compatCreatePersona",
    tags: TAGS,
    summary: "Persona-API: create a persona from raw_text and/or urls (answers only id and timestamps)",
    request: { body: documentedBody({ "application/json": PersonaCreate }) },
    responses: {
      201: {
        description: "Created",
        headers: { Location: { schema: { type: "string" }, description: "The persona's URL (GET /v1/persona/{id})" } },
        content: { "application/json": { schema: PersonaCreateResponse } },
      },
      ...problems(400, 401, 413, 415, 422, 429, 502, 503, 504),
    },
  }),
  async (c) => {
    const body = await readBody(c, PersonaCreate);
    const created = await createPersona({ ctx: ctxOf(c), input: material(body) });
    c.header("Location", `/v1/persona/${created.id}`);
    return c.json({ id: created.id, created_at: created.created_at, updated_at: created.updated_at }, 201);
  },
);

personaApiRouter.openapi(
  createRoute({
    method: "get",
    path: "/v1/persona",
    operationId: "compatListPersonas",
    tags: TAGS,
    summary: "Persona-API: list personas, newest first, with limit and offset",
    request: {
      query: z.object({
        limit: z.coerce.number().int().min(1).max(LIMITS.listMax).default(LIMITS.listDefault),
        offset: z.coerce.number().int().min(0).max(LIMITS.offsetMax).default(0),
      }),
    },
    responses: {
      200: { description: "A page", content: { "application/json": { schema: PersonaList } } },
      ...problems(400, 401, 429),
    },
  }),
  async (c) => {
    const ctx = ctxOf(c);
    const { limit, offset } = c.req.valid("query");
    const page = await listPersonas({ ctx, limit, offset });
    const items = await Promise.all(page.data.map((p) => getPersona({ ctx, id: p.id })));
    return c.json({ items: items.map(inDb), total: await countPersonas(ctx), limit, offset }, 200);
  },
);

personaApiRouter.openapi(
  createRoute({
    method: "get",
    path: "/v1/persona/{persona_id}",
    operationId: "compatGetPersona",
    tags: TAGS,
    summary: "Persona-API: get a persona",
    request: { params: IdParam },
    responses: {
      200: { description: "The persona", content: { "application/json": { schema: PersonaInDB } } },
      ...problems(401, 404, 429),
    },
  }),
  async (c) => c.json(inDb(await getPersona({ ctx: ctxOf(c), id: c.req.valid("param").persona_id })), 200),
);

personaApiRouter.openapi(
  createRoute({
    method: "patch",
    path: "/v1/persona/{persona_id}",
    operationId: "compatUpdatePersona",
    tags: TAGS,
    summary: "Persona-API: add raw_text and/or urls to a persona (merged in as a new version)",
    request: { params: IdParam, body: documentedBody({ "application/json": PersonaCreate }) },
    responses: {
      200: { description: "The updated persona", content: { "application/json": { schema: PersonaInDB } } },
      ...problems(400, 401, 404, 413, 415, 422, 429, 502, 503, 504),
    },
  }),
  async (c) => {
    const body = await readBody(c, PersonaCreate);
    const { resource } = await updatePersona({
      ctx: ctxOf(c),
      id: c.req.valid("param").persona_id,
      update: { kind: "material", input: material(body) },
    });
    return c.json(inDb(resource), 200);
  },
);
