import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { AppError } from "../errors.ts";
import { documentedBody, readBody } from "../http/body.ts";
import { type AppEnv, ctxOf } from "../http/env.ts";
import { locationHeader, problems } from "../http/openapi.ts";
import { validationHook } from "../http/validation-hook.ts";
import { getPrd, PRD_FORMATS, type PrdFormat, PrdResource } from "./get-prd.ts";
import { INTERVIEWERS, InterviewerResource, presentInterviewer } from "./interviewers.ts";
import { listPrdRevisions, RevisionSummary } from "./list-revisions.ts";
import { createProject } from "./projects/create.ts";
import { deleteProject } from "./projects/delete.ts";
import { getProject } from "./projects/get.ts";
import { listProjects } from "./projects/list.ts";
import { updateProject } from "./projects/update.ts";
import { PROJECT_LIMITS, ProjectName, ProjectResource, WhatsNextItem, WhatsNextList } from "./schemas.ts";
import { getWhatsNext, putWhatsNext } from "./whats-next.ts";
import { createWireframe, WIREFRAME_LIMITS, WireframeInput, WireframeResource } from "./wireframes/create.ts";
import { getWireframePng } from "./wireframes/get-png.ts";

const PersonaIds = z
  .array(z.string().max(40))
  .max(PROJECT_LIMITS.personaIds, `at most ${PROJECT_LIMITS.personaIds} personas`);
const CreateProject = z.object({ name: ProjectName, persona_ids: PersonaIds.default([]) }).strict();
const PatchProject = z
  .object({ name: ProjectName.optional(), persona_ids: PersonaIds.optional() })
  .strict()
  .refine((p) => p.name !== undefined || p.persona_ids !== undefined, "send name and/or persona_ids");
const WhatsNextBody = z.object({ items: WhatsNextList }).strict();

const IdParam = z.object({
  id: z
    .string()
    .max(100)
    .openapi({ param: { name: "id", in: "path" }, description: "Project id or any of its slugs" }),
});

export const prdRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

prdRouter.openapi(
  createRoute({
    method: "post",
    path: "/v1/projects",
    operationId: "createProject",
    tags: ["projects"],
    summary: "Create a project",
    description: `Name: trimmed, 1-${PROJECT_LIMITS.nameChars} characters, no control characters. The slug is generated from the name and unique in the tenant (my-app, my-app-2, …). \`persona_ids\` links research personas as target users (at most ${PROJECT_LIMITS.personaIds}).`,
    request: { body: documentedBody({ "application/json": CreateProject }) },
    responses: {
      201: {
        description: "The project",
        headers: locationHeader,
        content: { "application/json": { schema: ProjectResource } },
      },
      ...problems(400, 401, 413, 415, 422),
    },
  }),
  async (c) => {
    const input = await readBody(c, CreateProject);
    const project = await createProject({ ctx: ctxOf(c), input });
    c.header("Location", `/v1/projects/${project.id}`);
    return c.json(project, 201);
  },
);

prdRouter.openapi(
  createRoute({
    method: "get",
    path: "/v1/projects",
    operationId: "listProjects",
    tags: ["projects"],
    summary: "List projects, newest first",
    request: {
      query: z.object({
        limit: z.coerce.number().int().min(1).max(PROJECT_LIMITS.listMax).default(PROJECT_LIMITS.listDefault),
        cursor: z.string().max(500).optional(),
      }),
    },
    responses: {
      200: {
        description: "A page of projects",
        content: {
          "application/json": {
            schema: z.object({ data: z.array(ProjectResource), next_cursor: z.string().nullable() }),
          },
        },
      },
      ...problems(400, 401),
    },
  }),
  async (c) => {
    const { limit, cursor } = c.req.valid("query");
    return c.json(await listProjects({ ctx: ctxOf(c), limit, cursor }), 200);
  },
);

prdRouter.openapi(
  createRoute({
    method: "get",
    path: "/v1/projects/{id}",
    operationId: "getProject",
    tags: ["projects"],
    summary: "Get a project by id or slug (old slugs keep resolving after a rename)",
    request: { params: IdParam },
    responses: {
      200: { description: "The project", content: { "application/json": { schema: ProjectResource } } },
      ...problems(401, 404),
    },
  }),
  async (c) => c.json(await getProject({ ctx: ctxOf(c), idOrSlug: c.req.valid("param").id }), 200),
);

prdRouter.openapi(
  createRoute({
    method: "patch",
    path: "/v1/projects/{id}",
    operationId: "updateProject",
    tags: ["projects"],
    summary: "Rename a project (new slug) and/or replace its linked personas",
    request: { params: IdParam, body: documentedBody({ "application/json": PatchProject }) },
    responses: {
      200: { description: "The project", content: { "application/json": { schema: ProjectResource } } },
      ...problems(400, 401, 404, 413, 415, 422),
    },
  }),
  async (c) => {
    const patch = await readBody(c, PatchProject);
    return c.json(await updateProject({ ctx: ctxOf(c), idOrSlug: c.req.valid("param").id, patch }), 200);
  },
);

prdRouter.openapi(
  createRoute({
    method: "delete",
    path: "/v1/projects/{id}",
    operationId: "deleteProject",
    tags: ["projects"],
    summary: "Delete a project with its PRD revisions, wireframes and conversations",
    request: { params: IdParam },
    responses: { 204: { description: "Deleted" }, ...problems(401, 404) },
  }),
  async (c) => {
    await deleteProject({ ctx: ctxOf(c), idOrSlug: c.req.valid("param").id });
    return c.body(null, 204);
  },
);

const PrdQuery = z.object({
  format: z.enum(PRD_FORMATS).optional(),
  download: z.enum(["0", "1", "true", "false"]).optional(),
  revision: z.coerce.number().int().min(1).optional(),
});

const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const FORMAT_TYPES: Record<PrdFormat, string> = {
  json: "application/json",
  markdown: "text/markdown",
  html: "text/html",
  docx: DOCX_TYPE,
};

/**
 * The format an Accept header asks for (RFC 9110 12.5.1): the supported type with the highest q, ties going to the
 * earlier one; anything else (a wildcard, no header) is JSON.
 */
export function formatFromAccept(accept: string | undefined): PrdFormat {
  let best: { format: PrdFormat; q: number } = { format: "json", q: 0 };
  for (const part of (accept ?? "").split(",").slice(0, 20)) {
    const [type = "", ...params] = part.split(";").map((p) => p.trim().toLowerCase());
    const q = Number(params.find((p) => p.startsWith("q="))?.slice(2) ?? "1");
    const format = (Object.keys(FORMAT_TYPES) as PrdFormat[]).find((f) => FORMAT_TYPES[f] === type);
    if (format && Number.isFinite(q) && q > best.q) best = { format, q };
  }
  return best.format;
}

prdRouter.openapi(
  createRoute({
    method: "get",
    path: "/v1/projects/{id}/prd",
    operationId: "getPrd",
    tags: ["prd"],
    summary: "The PRD as JSON, Markdown, self-contained HTML or a Word document (DOCX)",
    description:
      "`format=json` (default), `markdown`, `html` (every user-provided string escaped; wireframes embedded as data: " +
      "URIs, so the page works opened from disk) or `docx` (a Word document with the wireframes embedded). Without " +
      "`format`, the `Accept` header chooses (application/json, text/markdown, text/html or the DOCX type). " +
      "`download=1` adds `Content-Disposition: attachment`. `revision=n` reads an older immutable revision.",
    request: { params: IdParam, query: PrdQuery },
    responses: {
      200: {
        description: "The PRD",
        headers: {
          "Content-Disposition": {
            schema: { type: "string" },
            description: 'With download=1: attachment; filename="<slug>-prd.<md|html|docx|json>"',
          },
        },
        content: {
          "application/json": { schema: PrdResource },
          "text/markdown": { schema: { type: "string" } },
          "text/html": { schema: { type: "string" } },
          [DOCX_TYPE]: { schema: { type: "string", format: "binary" } },
        },
      },
      ...problems(400, 401, 404, 429),
    },
  }),
  async (c) => {
    const { format: asked, download, revision } = c.req.valid("query");
    const format = asked ?? formatFromAccept(c.req.header("accept"));
    const rendered = await getPrd({ ctx: ctxOf(c), idOrSlug: c.req.valid("param").id, format, revision });
    if (download === "1" || download === "true") {
      const ext = format === "markdown" ? "md" : format;
      c.header("Content-Disposition", `attachment; filename="${rendered.slug}-prd.${ext}"`);
    }
    c.header("Vary", "Accept");
    if (rendered.binary) return c.body(new Uint8Array(rendered.binary), 200, { "content-type": DOCX_TYPE });
    if (format === "json" || rendered.text === undefined) return c.json(rendered.prd, 200);
    // The HTML is a document of its own: no scripts, nothing fetched (its images are data: URIs).
    if (format === "html") {
      c.header("Content-Security-Policy", "default-src 'none'; img-src data:; style-src 'unsafe-inline'");
    }
    return c.body(rendered.text, 200, { "content-type": `${FORMAT_TYPES[format]}; charset=utf-8` });
  },
);

prdRouter.openapi(
  createRoute({
    method: "get",
    path: "/v1/projects/{id}/prd/revisions",
    operationId: "listPrdRevisions",
    tags: ["prd"],
    summary: "The PRD's immutable revisions, oldest first",
    request: { params: IdParam },
    responses: {
      200: {
        description: "Revisions",
        content: { "application/json": { schema: z.object({ data: z.array(RevisionSummary) }) } },
      },
      ...problems(401, 404),
    },
  }),
  async (c) => c.json({ data: await listPrdRevisions({ ctx: ctxOf(c), idOrSlug: c.req.valid("param").id }) }, 200),
);

const WhatsNextResponse = z.object({ items: z.array(WhatsNextItem) });

prdRouter.openapi(
  createRoute({
    method: "get",
    path: "/v1/projects/{id}/whats-next",
    operationId: "getWhatsNext",
    tags: ["prd"],
    summary: "What's next for the project (kept current by the interviewers)",
    request: { params: IdParam },
    responses: {
      200: { description: "Items", content: { "application/json": { schema: WhatsNextResponse } } },
      ...problems(401, 404),
    },
  }),
  async (c) => c.json({ items: await getWhatsNext({ ctx: ctxOf(c), idOrSlug: c.req.valid("param").id }) }, 200),
);

prdRouter.openapi(
  createRoute({
    method: "put",
    path: "/v1/projects/{id}/whats-next",
    operationId: "replaceWhatsNext",
    tags: ["prd"],
    summary: "Replace what's next",
    description: "At most 50 items with unique ids; status is todo, in_progress or done.",
    request: { params: IdParam, body: documentedBody({ "application/json": WhatsNextBody }) },
    responses: {
      200: { description: "Items", content: { "application/json": { schema: WhatsNextResponse } } },
      ...problems(400, 401, 404, 413, 415, 422),
    },
  }),
  async (c) => {
    const { items } = await readBody(c, WhatsNextBody);
    return c.json({ items: await putWhatsNext({ ctx: ctxOf(c), idOrSlug: c.req.valid("param").id, items }) }, 200);
  },
);

prdRouter.openapi(
  createRoute({
    method: "post",
    path: "/v1/projects/{id}/wireframes",
    operationId: "createWireframe",
    tags: ["wireframes"],
    summary: "Render an ASCII wireframe to a stored PNG and add it to the PRD",
    description:
      `Deterministic (same ASCII, same bytes), bundled monospace font, box-drawing characters supported. Limits: ` +
      `${WIREFRAME_LIMITS.chars} characters, ${WIREFRAME_LIMITS.lines} lines, ${WIREFRAME_LIMITS.columns} columns ` +
      `(413 beyond), name 1-${WIREFRAME_LIMITS.nameChars} characters. The same name re-renders that wireframe.`,
    request: { params: IdParam, body: documentedBody({ "application/json": WireframeInput }) },
    responses: {
      201: {
        description: "The wireframe",
        headers: locationHeader,
        content: { "application/json": { schema: WireframeResource } },
      },
      ...problems(400, 401, 404, 413, 415, 422),
    },
  }),
  async (c) => {
    const input = await readBody(c, WireframeInput);
    const wireframe = await createWireframe({ ctx: ctxOf(c), idOrSlug: c.req.valid("param").id, input });
    c.header("Location", wireframe.url);
    return c.json(wireframe, 201);
  },
);

prdRouter.openapi(
  createRoute({
    method: "get",
    path: "/v1/projects/{id}/wireframes/{file}",
    operationId: "getWireframe",
    tags: ["wireframes"],
    summary: "A wireframe's PNG: /v1/projects/{id}/wireframes/{wireframe id}.png",
    request: {
      params: IdParam.extend({
        file: z
          .string()
          .max(100)
          .openapi({ param: { name: "file", in: "path" }, example: "wfr_….png" }),
      }),
    },
    responses: {
      200: { description: "The PNG", content: { "image/png": { schema: { type: "string", format: "binary" } } } },
      ...problems(401, 404),
    },
  }),
  async (c) => {
    const { id, file } = c.req.valid("param");
    const match = /^(.+)\.png$/.exec(file);
    if (!match?.[1]) throw new AppError("not_found", "Wireframe not found; ask for <wireframe id>.png");
    const png = await getWireframePng({ ctx: ctxOf(c), idOrSlug: id, wireframeId: match[1] });
    const etag = `"${png.sha256}"`;
    if (c.req.header("if-none-match") === etag) return c.body(null, 304, { ETag: etag });
    return c.body(new Uint8Array(png.png), 200, {
      "content-type": "image/png",
      "content-length": String(png.png.length),
      ETag: etag,
      "cache-control": "private, max-age=0, must-revalidate",
    });
  },
);

prdRouter.openapi(
  createRoute({
    method: "get",
    path: "/v1/interviewers",
    operationId: "listInterviewers",
    tags: ["interviewers"],
    summary: "The built-in interviewers and their question flows",
    description:
      "Each interviewer owns PRD sections and asks about them in order. A research persona linked to a project can " +
      "also be interviewed: POST /v1/projects/{id}/conversations with its persona id as `interviewer`.",
    responses: {
      200: {
        description: "Interviewers",
        content: { "application/json": { schema: z.object({ data: z.array(InterviewerResource) }) } },
      },
      ...problems(401),
    },
  }),
  (c) => c.json({ data: INTERVIEWERS.map(presentInterviewer) }, 200),
);
