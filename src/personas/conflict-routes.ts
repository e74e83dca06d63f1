import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { documentedBody, readBody } from "../http/body.ts";
import { type AppEnv, ctxOf } from "../http/env.ts";
import { problems } from "../http/openapi.ts";
import { validationHook } from "../http/validation-hook.ts";
import { ConflictResource } from "./conflicts.ts";
import { listConflicts } from "./list-conflicts.ts";
import { etagOf, PersonaResource } from "./present.ts";
import { ConflictAction } from "./schemas.ts";
import { updatePersona } from "./update.ts";

const IdParam = z.object({
  id: z
    .string()
    .max(100)
    .openapi({ param: { name: "id", in: "path" }, example: "per_…" }),
});
const ConflictParams = IdParam.extend({
  conflict_id: z
    .string()
    .max(100)
    .openapi({ param: { name: "conflict_id", in: "path" }, example: "cfl_…" }),
});

const Resolution = z
  .object({
    action: ConflictAction.openapi({
      description: "keep_current: the value before the merge; take_proposed: the new material's; write: `value`",
    }),
    /** Only with `write`: the value to set (a number for age). */
    value: z.union([z.string().max(2_000), z.number()]).optional(),
  })
  .strict()
  .refine((r) => r.action === "write" || r.value === undefined, {
    message: "only the write action takes a value",
    path: ["value"],
  })
  .refine((r) => r.action !== "write" || r.value !== undefined, {
    message: "the write action needs a value",
    path: ["value"],
  });

const Resolved = z.object({ conflict: ConflictResource, persona: PersonaResource }).openapi("ResolvedConflict");

export const conflictsRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

conflictsRouter.openapi(
  createRoute({
    method: "get",
    path: "/v1/personas/{id}/conflicts",
    operationId: "listPersonaConflicts",
    tags: ["personas"],
    summary: "The persona's pending conflicts (oldest first)",
    description:
      "A merge that meets a different value for a field keeps one by its rule (a value set by hand always stays) and " +
      "records the clash here until the user resolves it.",
    request: { params: IdParam },
    responses: {
      200: {
        description: "Pending conflicts",
        content: { "application/json": { schema: z.object({ data: z.array(ConflictResource) }) } },
      },
      ...problems(401, 404),
    },
  }),
  async (c) => c.json({ data: await listConflicts({ ctx: ctxOf(c), id: c.req.valid("param").id }) }, 200),
);

conflictsRouter.openapi(
  createRoute({
    method: "post",
    path: "/v1/personas/{id}/conflicts/{conflict_id}/resolution",
    operationId: "resolvePersonaConflict",
    tags: ["personas"],
    summary: "Resolve a pending conflict: keep the current value, take the proposed one, or write another",
    description:
      "Each resolution is a new version of the persona whose cause names the conflict and the action. A conflict that " +
      "is no longer pending answers 409. `If-Match` with the persona's ETag guards against lost updates (412).",
    request: {
      params: ConflictParams,
      headers: z.object({ "if-match": z.string().optional() }),
      body: documentedBody({ "application/json": Resolution }),
    },
    responses: {
      200: {
        description: "The resolved conflict and the persona's new version",
        headers: { ETag: { schema: { type: "string" }, description: "The persona's new version" } },
        content: { "application/json": { schema: Resolved } },
      },
      ...problems(400, 401, 404, 409, 412, 415, 422),
    },
  }),
  async (c) => {
    const { id, conflict_id: conflictId } = c.req.valid("param");
    const body = await readBody(c, Resolution);
    const result = await updatePersona({
      ctx: ctxOf(c),
      id,
      update: { kind: "resolve", conflictId, action: body.action, value: body.value },
      ifMatch: c.req.header("if-match"),
    });
    if (!result.conflict) throw new Error("resolution without a conflict");
    c.header("ETag", etagOf(result.resource));
    return c.json({ conflict: result.conflict, persona: result.resource }, 200);
  },
);
