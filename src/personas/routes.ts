import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { documentedBody, parseWith, readBody, readJsonBody } from "../http/body.ts";
import { type AppEnv, ctxOf } from "../http/env.ts";
import { locationHeader, problems } from "../http/openapi.ts";
import { validationHook } from "../http/validation-hook.ts";
import { enqueueCreate, enqueueMerge } from "../jobs/enqueue.ts";
import { Job } from "../jobs/schemas.ts";
import { MATERIAL_LIMITS } from "../synthesis/pipeline.ts";
import { createPersona } from "./create.ts";
import { deletePersona } from "./delete.ts";
import { getPersona } from "./get.ts";
import { LIST_LIMITS, listPersonas } from "./list.ts";
import { Changes } from "./merge.ts";
import { etagOf, PersonaResource } from "./present.ts";
import { Persona } from "./schemas.ts";
import { updatePersona } from "./update.ts";
import { getVersion, listVersions, PersonaVersion, VersionSummary } from "./versions.ts";

const HttpUrl = z
  .string()
  .max(MATERIAL_LIMITS.charsPerUrl)
  .refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), "must be an http(s) URL");

const Material = z
  .object({
    texts: z
      .array(z.string().max(MATERIAL_LIMITS.charsPerText, `at most ${MATERIAL_LIMITS.charsPerText} characters`))
      .max(MATERIAL_LIMITS.texts, `at most ${MATERIAL_LIMITS.texts} texts`)
      .default([]),
    urls: z.array(HttpUrl).max(MATERIAL_LIMITS.urls, `at most ${MATERIAL_LIMITS.urls} URLs`).default([]),
    engine: z.enum(["offline", "llm"]).optional(),
  })
  .strict()
  .refine((m) => m.texts.some((t) => t.trim() !== "") || m.urls.length > 0, {
    message: "send at least one non-empty text or one URL",
    path: ["texts"],
  });

const Restore = z.object({ restore_version: z.number().int().min(1) }).strict();

// Documents the merge patch: every persona field may be set, or cleared with null (RFC 7396); lists are replaced.
const FieldPatchDoc = z
  .object(Object.fromEntries(Object.entries(Persona.shape).map(([k, v]) => [k, v.nullable().optional()])))
  .strict();

const IdParam = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, example: "per_…" }) });
const VersionParam = IdParam.extend({
  version: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: "version", in: "path" } }),
});

const PersonaWithChanges = PersonaResource.extend({ changes: Changes.optional() }).openapi("PersonaWithChanges");

const personaHeaders = {
  ETag: { schema: { type: "string" as const }, description: "The persona's current version, for If-Match" },
};

/** RFC 7240: `Prefer: respond-async` (among other preferences, any case) asks for a job instead of waiting. */
const prefersAsync = (prefer: string | undefined) =>
  (prefer ?? "").split(",").some((p) => p.split(/[;=]/)[0]?.trim().toLowerCase() === "respond-async");

const PreferHeader = z.object({
  prefer: z
    .string()
    .optional()
    .openapi({
      description:
        "`respond-async`: answer `202` at once with the job (`Location: /v1/jobs/{id}`) instead of waiting for the " +
        "synthesis; follow it with `GET /v1/jobs/{id}` (JSON or server-sent events).",
    }),
});

const accepted = {
  202: {
    description: "With `Prefer: respond-async`: the job, queued",
    headers: {
      Location: { schema: { type: "string" as const }, description: "The job: /v1/jobs/{id}" },
      "Preference-Applied": { schema: { type: "string" as const }, description: "`respond-async`" },
    },
    content: { "application/json": { schema: Job } },
  },
};

/** The 202 of an async request: the job, where to follow it, and that the preference was honoured. */
function acceptedJob(c: Context<AppEnv>, job: Job) {
  c.header("Location", `/v1/jobs/${job.id}`);
  c.header("Preference-Applied", "respond-async");
  return c.json(job, 202);
}

export const personasRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

personasRouter.openapi(
  createRoute({
    method: "post",
    path: "/v1/personas",
    operationId: "createPersona",
    tags: ["personas"],
    summary: "Build a persona from texts and URLs",
    request: { headers: PreferHeader, body: documentedBody({ "application/json": Material }) },
    responses: {
      ...accepted,
      201: {
        description: "The persona, version 1",
        headers: { ...personaHeaders, ...locationHeader },
        content: { "application/json": { schema: PersonaResource } },
      },
      ...problems(400, 401, 413, 415, 422, 429, 502, 503, 504),
    },
  }),
  async (c) => {
    const input = await readBody(c, Material);
    if (prefersAsync(c.req.header("prefer"))) return acceptedJob(c, await enqueueCreate({ ctx: ctxOf(c), input }));
    // A client that disconnects cancels its synthesis job (the request's signal aborts).
    const persona = await createPersona({ ctx: ctxOf(c), input, signal: c.req.raw.signal });
    c.header("Location", `/v1/personas/${persona.id}`);
    c.header("ETag", etagOf(persona));
    return c.json(persona, 201);
  },
);

personasRouter.openapi(
  createRoute({
    method: "get",
    path: "/v1/personas",
    operationId: "listPersonas",
    tags: ["personas"],
    summary: "List personas, newest first",
    request: {
      query: z.object({
        limit: z.coerce.number().int().min(1).max(LIST_LIMITS.maxLimit).default(LIST_LIMITS.defaultLimit),
        cursor: z.string().max(500).optional(),
        q: z.string().max(LIST_LIMITS.maxQueryChars).optional().openapi({ description: "Words to search for" }),
      }),
    },
    responses: {
      200: {
        description: "A page of personas",
        content: {
          "application/json": {
            schema: z.object({
              data: z.array(
                z.object({
                  id: z.string(),
                  version: z.number(),
                  name: z.string().nullable(),
                  occupation: z.string().nullable(),
                  location: z.string().nullable(),
                  persona: Persona,
                  created_at: z.string(),
                  updated_at: z.string(),
                }),
              ),
              next_cursor: z.string().nullable(),
            }),
          },
        },
      },
      ...problems(400, 401),
    },
  }),
  async (c) => {
    const { limit, cursor, q } = c.req.valid("query");
    return c.json(await listPersonas({ ctx: ctxOf(c), limit, cursor, q }), 200);
  },
);

personasRouter.openapi(
  createRoute({
    method: "get",
    path: "/v1/personas/{id}",
    operationId: "getPersona",
    tags: ["personas"],
    summary: "Get a persona",
    request: { params: IdParam },
    responses: {
      200: {
        description: "The persona",
        headers: personaHeaders,
        content: { "application/json": { schema: PersonaResource } },
      },
      ...problems(401, 404),
    },
  }),
  async (c) => {
    const persona = await getPersona({ ctx: ctxOf(c), id: c.req.valid("param").id });
    c.header("ETag", etagOf(persona));
    return c.json(persona, 200);
  },
);

personasRouter.openapi(
  createRoute({
    method: "patch",
    path: "/v1/personas/{id}",
    operationId: "updatePersona",
    tags: ["personas"],
    summary: "Edit fields, merge new material, or restore a version",
    description:
      "`application/merge-patch+json`: edit fields directly (RFC 7396). `application/json` with `texts`/`urls`: " +
      "extract from the new material and merge it, answering with `changes`. `application/json` with " +
      "`restore_version`: make an old version current again. Every update is a new version. " +
      "`If-Match` with the ETag guards against lost updates (412). New material with `Prefer: respond-async` " +
      "answers `202` with the merge job (see `GET /v1/jobs/{id}`).",
    request: {
      params: IdParam,
      headers: PreferHeader.extend({ "if-match": z.string().optional() }),
      body: documentedBody({
        "application/merge-patch+json": FieldPatchDoc,
        "application/json": z.union([Material, Restore]),
      }),
    },
    responses: {
      ...accepted,
      200: {
        description: "The persona's new version",
        headers: personaHeaders,
        content: { "application/json": { schema: PersonaWithChanges } },
      },
      ...problems(400, 401, 404, 412, 413, 415, 422, 502, 503, 504),
    },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const body = await readJsonBody(c);
    const update =
      body.kind === "merge-patch"
        ? ({ kind: "fields", patch: body.value } as const)
        : isRestore(body.value)
          ? ({ kind: "restore", version: parseWith(Restore, body.value).restore_version } as const)
          : ({ kind: "material", input: parseWith(Material, body.value) } as const);
    const ifMatch = c.req.header("if-match");
    if (update.kind === "material" && prefersAsync(c.req.header("prefer"))) {
      return acceptedJob(c, await enqueueMerge({ ctx: ctxOf(c), id, input: update.input, ifMatch }));
    }
    const result = await updatePersona({
      ctx: ctxOf(c),
      id,
      update,
      ifMatch,
      signal: c.req.raw.signal,
    });
    c.header("ETag", etagOf(result.resource));
    return c.json(result.changes ? { ...result.resource, changes: result.changes } : result.resource, 200);
  },
);

const isRestore = (value: unknown) => typeof value === "object" && value !== null && "restore_version" in value;

personasRouter.openapi(
  createRoute({
    method: "delete",
    path: "/v1/personas/{id}",
    operationId: "deletePersona",
    tags: ["personas"],
    summary: "Delete a persona with its versions and sources",
    request: { params: IdParam },
    responses: { 204: { description: "Deleted" }, ...problems(401, 404) },
  }),
  async (c) => {
    await deletePersona({ ctx: ctxOf(c), id: c.req.valid("param").id });
    return c.body(null, 204);
  },
);

personasRouter.openapi(
  createRoute({
    method: "get",
    path: "/v1/personas/{id}/versions",
    operationId: "listPersonaVersions",
    tags: ["personas"],
    summary: "List a persona's versions (oldest first)",
    request: { params: IdParam },
    responses: {
      200: {
        description: "Versions",
        content: { "application/json": { schema: z.object({ data: z.array(VersionSummary) }) } },
      },
      ...problems(401, 404),
    },
  }),
  async (c) => c.json({ data: await listVersions({ ctx: ctxOf(c), id: c.req.valid("param").id }) }, 200),
);

personasRouter.openapi(
  createRoute({
    method: "get",
    path: "/v1/personas/{id}/versions/{version}",
    operationId: "getPersonaVersion",
    tags: ["personas"],
    summary: "Get one version of a persona",
    description: "`diff` is against the previous version, or against `compare_to` when given (any two versions).",
    request: {
      params: VersionParam,
      query: z.object({ compare_to: z.coerce.number().int().min(1).optional() }),
    },
    responses: {
      200: { description: "The version", content: { "application/json": { schema: PersonaVersion } } },
      ...problems(400, 401, 404),
    },
  }),
  async (c) => {
    const { id, version } = c.req.valid("param");
    const { compare_to: compareTo } = c.req.valid("query");
    return c.json(await getVersion({ ctx: ctxOf(c), id, version, compareTo }), 200);
  },
);
